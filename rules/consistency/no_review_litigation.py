"""C008 no-review-litigation-mismatch: the prose says there was no
administrative review or litigation, table 四 counts some."""

from .base import ClaimRule


class NoReviewLitigationMismatch(ClaimRule):
    """正文称未发生行政复议或行政诉讼，但表四不为0。

    What it does
    ------------
    取正文中“未发生 / 没有 / 无……行政复议”“……行政诉讼”的说法，
    与表四行政复议“总计”、行政诉讼两组“总计”之和比较，大于 0 则报告。
    “未发生……被行政复议纠错”“无败诉”说的是结果而不是有无案件，
    由 C010 review-outcome-mismatch 检查；句中有“全区”等范围词、口径可能与表格
    不同时降一级报告；讲其他年度、计划或明显是其他范围的句子不比较；
    所需单元格有空缺时不报告。

    Why
    ---
    “未发生行政复议”与表四中的复议案件不能同时成立。

    Example
    -------
    错误（表四行政复议总计为 1）::

        全年未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。

    正确::

        全年发生因政府信息公开被申请行政复议1件，未发生行政诉讼。

    References
    ----------
    DOMAIN.md §4 C8；种子报告 001、003（表四均为 0，无问题）。
    """

    code = "C008"
    name = "no-review-litigation-mismatch"
    kinds = ("review", "litigation")
    negated = True
