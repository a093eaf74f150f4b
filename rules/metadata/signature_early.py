"""M005 signature-date-early: the signature date lies inside (or before) the
report year."""

from govlint.model import Severity
from govlint.rule import Rule

from .data import chinese_date, signature


class SignatureDateEarly(Rule):
    """落款日期在报告年度结束之前。

    What it does
    ------------
    落款日期（报告最后一个只写日期的段落）早于报告年度的下一年 1 月 1 日时报告：
    年度还没有结束，全年数据不可能统计完毕。

    Why
    ---
    这通常是落款年份写错（写成了报告年度），或沿用了旧报告的落款。

    Example
    -------
    错误（2020 年度报告）::

        2020年1月22日

    正确::

        2021年1月22日

    References
    ----------
    DOMAIN.md §6.4。
    """

    code = "M005"
    name = "signature-date-early"
    severity = Severity.WARNING

    def check(self, doc):
        found = signature(doc)
        if doc.year is not None and found is not None and found.date.year <= doc.year:
            yield self.report(found.paragraph, f"落款日期{chinese_date(found.date)}在报告年度{doc.year}年结束之前，"
                                               f"应在{doc.year + 1}年")
