"""C009 review-litigation-mismatch: the number of administrative reviews or
lawsuits in the prose differs from table 四."""

from .base import ClaimRule


class ReviewLitigationMismatch(ClaimRule):
    """正文所述行政复议或行政诉讼件数与表四不一致。

    What it does
    ------------
    取正文中“行政复议 N 件”“行政诉讼 N 件”（也包括“有 N 件……行政复议”）
    的说法，与表四行政复议“总计”、行政诉讼两组（未经复议直接起诉、
    复议后起诉）“总计”之和比较。“行政复议、行政诉讼共 N 件”一类合计的说法
    不比较；
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    所需单元格有空缺时不报告。

    Why
    ---
    复议、诉讼件数是表四的总计，正文数字应与之一致。

    Example
    -------
    错误（表四行政复议总计为 1）::

        本年度发生政府信息公开行政复议2件。

    正确::

        本年度发生政府信息公开行政复议1件。

    References
    ----------
    DOMAIN.md §4 C9。
    """

    code = "C009"
    name = "review-litigation-mismatch"
    kinds = ("review", "litigation")
