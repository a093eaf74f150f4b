"""M003 period-missing: no statistical period is stated."""

from govlint.model import Location, Severity
from govlint.rule import Rule

from .data import periods


class PeriodMissing(Rule):
    """报告没有写明数据统计期限。

    What it does
    ------------
    全文找不到“YYYY 年 1 月 1 日至（YYYY 年）12 月 31 日”形式的统计期限时，
    在标题处报告。

    Why
    ---
    按惯例，年报序言写明所列数据的统计期限（国办和各地的范本都有这一句），
    读者据此判断数据口径。缺少时评议常作为内容不完整指出。

    Example
    -------
    错误：序言只有编制依据，没有统计期限。

    正确::

        本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。

    References
    ----------
    DOMAIN.md §6.2、§5 E13；种子报告 002、004。
    """

    code = "M003"
    name = "period-missing"
    severity = Severity.WARNING

    def check(self, doc):
        if not doc.paragraphs or periods(doc):
            return
        where = doc.title or Location(1)
        yield self.report(where, "报告中没有写明数据统计期限（如“统计期限为YYYY年1月1日至12月31日”）")
