"""C002 none-received-mismatch: the prose says no application was received,
table 三 counts some."""

from .base import ClaimRule


class NoneReceivedMismatch(ClaimRule):
    """正文称未收到申请，但表三本年新收申请数不为0。

    What it does
    ------------
    取正文中“未收到 / 没有收到……申请”“零申请”一类的说法，
    若表三“一、本年新收政府信息公开申请数量”的总计大于 0 则报告。
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；总计单元格为空或缺失时不报告。

    Why
    ---
    “未收到申请”与统计表中的申请数不能同时成立，必有一处错误
    （常见于照抄上一年度的文字）。

    Example
    -------
    错误（表三本年新收总计为 2）::

        2024年，本街道未收到政府信息公开申请。

    正确::

        2024年，本街道共收到政府信息公开申请2件，均已按时答复。

    References
    ----------
    DOMAIN.md §4 C2；种子报告 003（“未收到……申请”，表三为 0，无问题）。
    """

    code = "C002"
    name = "none-received-mismatch"
    kinds = ("received",)
    negated = True
