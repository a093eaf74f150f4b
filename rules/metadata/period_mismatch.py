"""M002 period-year-mismatch: the statistical period names another year
than the report's."""

from govlint.model import Severity
from govlint.recognise.outline import predates_format
from govlint.rule import Rule
from govlint.rules import hint

from .data import period_years, periods


class PeriodYearMismatch(Rule):
    """统计期限的年份与报告年度不一致。

    What it does
    ------------
    找出“数据统计期限为 YYYY 年 1 月 1 日至（YYYY 年）12 月 31 日”一类的语句，
    其中任一年份与报告年度（标题中的年份）不同时报告。报告年度早于全国统一格式
    （2019 年度起适用）时只作为提示：条例施行后的第一份年报（2008 年度）按规定
    追溯到 2003 年，统计期限跨年是当时的口径。

    Why
    ---
    统计期限写错年份，多半是套用了上一年的报告而没有改全，
    读者会怀疑表中数据也是上一年的。

    Example
    -------
    错误（2020 年度报告）::

        本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。

    正确::

        本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。

    References
    ----------
    DOMAIN.md §6.2；§2.1（序言惯例）。
    """

    code = "M002"
    name = "period-year-mismatch"
    severity = Severity.ERROR

    def check(self, doc):
        if doc.year is None:
            return
        for found in periods(doc):
            years = period_years(found)
            if years - {doc.year}:
                before = predates_format(doc)
                finding = self.report(found.location, f"统计期限“{found.match.group(0)}”的年份与报告年度{doc.year}年不一致",
                                      uncertain=before)
                yield hint(finding) if before else finding
