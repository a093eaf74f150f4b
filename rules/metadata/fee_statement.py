"""M007 fee-statement-missing: a 2021-or-later report whose section 六 says
nothing about the information-processing fee."""

import re

from govlint.model import Severity
from govlint.normalize import compact
from govlint.rule import Rule

from .data import data


class FeeStatementMissing(Rule):
    """2021 年及以后的报告，第六部分没有说明信息处理费收取情况。

    What it does
    ------------
    报告年度为 2021 年及以后时，检查“六、其他需要报告的事项”是否提到
    信息处理费（“收取信息处理费 X 元”或“未收取信息处理费”等）。
    没有第六部分时不报告（由 S001 报告）。

    Why
    ---
    《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）施行后，
    2021 年格式要求在第六部分报告信息处理费的收取情况。

    Example
    -------
    错误::

        六、其他需要报告的事项
        无。

    正确::

        六、其他需要报告的事项
        本年度未收取信息处理费。

    References
    ----------
    DOMAIN.md §1.4、§2.7、§6.8；种子报告 003。
    """

    code = "M007"
    name = "fee-statement-missing"
    severity = Severity.WARNING

    def check(self, doc):
        fee = data()["fee"]
        section = doc.section(6)
        if doc.year is None or doc.year < fee["first-year"] or section is None:
            return
        if not re.search(fee["pattern"], compact(section.text)):
            yield self.report(section, "“六、其他需要报告的事项”没有说明信息处理费的收取情况"
                                       "（如“本年度未收取信息处理费”）")
