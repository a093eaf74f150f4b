"""M007 fee-statement-missing: a 2021-or-later report whose section 六 says
nothing about the information-processing fee."""

import re

from govlint.model import Severity
from govlint.normalize import compact
from govlint.regexes import compile_re
from govlint.rule import Rule

from .data import data


class FeeStatementMissing(Rule):
    """2021 年及以后的报告，第六部分没有说明信息处理费收取情况。

    What it does
    ------------
    报告年度为 2021 年及以后时，检查“六、其他需要报告的事项”是否说到
    信息处理费或收费：“收取信息处理费 X 元”“未收取信息处理费”
    “信息处理费0元”“未产生信息处理费”“未发生收费情况”“无收费”
    “未收取任何费用”等说法都算。第六部分没有说、而报告其他部分说了的，
    降一级报告（说明放错了位置）。没有第六部分时不报告（由 S001 报告）。

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
        pattern = compile_re(fee["pattern"])
        if pattern.search(compact(section.text)):
            return
        elsewhere = next((p for p in doc.paragraphs if pattern.search(compact(p.text))), None)
        uncertain = None
        if elsewhere is not None:
            uncertain = f"第{elsewhere.location.line}行已有收费的说明：“{_excerpt(compact(elsewhere.text), pattern)}”"
        yield self.report(section, "“六、其他需要报告的事项”没有说明信息处理费的收取情况"
                                   "（如“本年度未收取信息处理费”）", uncertain=uncertain)


def _excerpt(text: str, pattern: re.Pattern, width: int = 16) -> str:
    """The words around the first match of ``pattern`` in ``text``."""
    m = pattern.search(text)
    start, end = max(0, m.start() - width), min(len(text), m.end() + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
