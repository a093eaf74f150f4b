"""C004 carried-over-mismatch: applications carried over to next year, prose
vs table 三."""

from .base import ClaimRule


class CarriedOverMismatch(ClaimRule):
    """正文所述结转下年度申请数与表三“结转下年度继续办理”不一致。

    What it does
    ------------
    取正文中“结转下年度 / 转下一年度……N 件”一类的说法，
    与表三“四、结转下年度继续办理”的总计比较。
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    总计单元格为空或缺失时不报告。

    Why
    ---
    结转数既写在正文又写在表中，下一年度的“上年结转”要以它为准，
    两处不一致会延续到下一年的报告。

    Example
    -------
    错误（表三结转下年度总计为 72）::

        另有70件结转下年度继续办理。

    正确::

        另有72件结转下年度继续办理。

    References
    ----------
    DOMAIN.md §4 C4。
    """

    code = "C004"
    name = "carried-over-mismatch"
    kinds = ("carried_over",)
