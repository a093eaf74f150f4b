"""C005 carried-in-mismatch: applications carried over from last year, prose
vs table 三."""

from .base import ClaimRule


class CarriedInMismatch(ClaimRule):
    """正文所述上年结转申请数与表三“上年结转政府信息公开申请数量”不一致。

    What it does
    ------------
    取正文中“上年结转……N 件”（包括“（含上年结转 N 件）”）的说法，
    与表三“二、上年结转政府信息公开申请数量”的总计比较。
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    总计单元格为空或缺失时不报告。

    Why
    ---
    上年结转数应与表格一致（也应等于上一年度报告的“结转下年度继续办理”）。

    Example
    -------
    错误（表三上年结转总计为 18）::

        办结1191件（含上年结转20件）。

    正确::

        办结1191件（含上年结转18件）。

    References
    ----------
    DOMAIN.md §4 C5。
    """

    code = "C005"
    name = "carried-in-mismatch"
    kinds = ("carried_in",)
