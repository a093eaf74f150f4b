"""C016 parts-mismatch: 本报告由……N部分组成 with N other than the six parts
of the template."""

from govlint.model import Severity
from govlint.recognise.outline import predates_format
from govlint.rule import Rule

#: The six sections of the national template (DOMAIN.md §2.2).
PARTS = 6


class PartsMismatch(Rule):
    """正文所述报告组成部分数不是六部分。

    What it does
    ------------
    取“本报告由……五部分组成”“报告全文包括……等六部分”一类的说法，
    所述部分数不是年报格式规定的六部分时报告，并给出报告中实际找到的部分数。
    说“六部分”而实际缺少某一部分时不在此报告：S001 section-missing
    会逐一指出缺少的部分。报告年度早于全国统一格式（2019 年度起适用）时不检查：
    此前的报告按各自的格式分部分（2008 年度报告多为七部分）。

    Why
    ---
    年度报告由六部分组成（总体情况至其他需要报告的事项）。
    正文写“五部分”，多是沿用了条例第五十条的五项内容或旧报告的写法，
    与报告结构不符。

    Example
    -------
    错误::

        本报告由总体情况、主动公开政府信息情况……其他需要报告的事项五部分组成。

    正确::

        本报告由总体情况、主动公开政府信息情况……其他需要报告的事项六部分组成。

    References
    ----------
    DOMAIN.md §4 C16、§1.1（条例第五十条）、§2.2。
    """

    code = "C016"
    name = "parts-mismatch"
    severity = Severity.WARNING

    def check(self, doc):
        if predates_format(doc):
            return
        found = len({s.number for s in doc.sections})
        for claim in doc.claims:
            if claim.kind == "parts" and claim.hedge is None and claim.about_report_year and claim.value != PARTS:
                yield self.report(claim.location, f"正文称报告由“{claim.text}”组成，但年报格式规定六部分"
                                                  f"（本报告找到{found}个部分）")
