"""C010 review-outcome-mismatch: 均维持 / 无败诉 / 零纠错 in the prose while
table 四 shows other outcomes."""

from govlint.model import Severity
from govlint.recognise.claims.patterns import patterns
from govlint.rule import Rule

from .base import judged_claims
from .targets import outcome_cells

KINDS = ("all_upheld", "none_corrected", "none_lost")
#: Qualifiers of 均维持 (lexicon tags) that limit it to the closed cases:
#: 已审结的均获维持 says nothing of the cases still pending.
CLOSED_ONLY = frozenset({"closed", "pending"})


class ReviewOutcomeMismatch(Rule):
    """正文称复议、诉讼“均维持”“无败诉”“零纠错”，但表四有其他结果。

    What it does
    ------------
    “均（获）维持”：句中提到的行政复议、行政诉讼在表四的“结果纠正”
    “其他结果”“尚未审结”都应为 0；句中同时讲到审结、尚未审结时
    只看“结果纠正”“其他结果”（只说已审结的案件），讲到纠错、败诉时
    降一级报告（可能只说其余的案件）。
    “未被纠错”“零纠错”：所讲复议（或诉讼）的“结果纠正”应为 0。
    “无败诉”：两组行政诉讼的“结果纠正”应为 0。
    报告每个不为 0 的单元格。讲其他年度、计划或明显是其他范围的句子不比较；
    句中有“全市”“全区”等范围词、口径可能与表格不同时，降一级报告并说明。

    Why
    ---
    2019 年上海市人民政府办公厅的年报正文称复议、诉讼“均获维持”，
    表四却有尚未审结的案件：尚未审结就还谈不上维持。

    Example
    -------
    错误（表四行政复议“尚未审结”为 2）::

        全年发生行政复议7件、行政诉讼9件，均获维持。

    正确::

        全年发生行政复议7件，已审结5件均获维持，2件尚未审结。

    References
    ----------
    DOMAIN.md §4 C10、§0 S13。
    """

    code = "C010"
    name = "review-outcome-mismatch"
    severity = Severity.ERROR

    def check(self, doc):
        tags = patterns().tags
        for claim, verdict in judged_claims(doc, KINDS):
            qualifier = tags.get(claim.hedge) if claim.hedge else None
            skip = ("pending",) if qualifier in CLOSED_ONLY else ()
            cells = list(outcome_cells(doc, claim.kind, claim.groups, skip))
            if not cells:
                continue
            reasons = [verdict.reason, *dict.fromkeys(cell.doubt for cell in cells if cell.doubt)]
            if qualifier and qualifier not in CLOSED_ONLY:
                reasons.insert(0, f"句中也讲到“{claim.hedge}”，可能只说其余的案件")
            found = "、".join(f"{cell.label}为{cell.value}" for cell in cells)
            yield self.report(claim.location, f"正文称“{claim.quote}”，但{found}",
                              uncertain="；".join(r for r in reasons if r) or None)
