"""C010 review-outcome-mismatch: 均维持 / 无败诉 / 零纠错 in the prose while
table 四 shows other outcomes."""

from govlint.model import Severity
from govlint.rule import Rule

from .targets import outcome_cells

KINDS = ("all_upheld", "none_corrected", "none_lost")


class ReviewOutcomeMismatch(Rule):
    """正文称复议、诉讼“均维持”“无败诉”“零纠错”，但表四有其他结果。

    What it does
    ------------
    “均（获）维持”：句中提到的行政复议、行政诉讼在表四的“结果纠正”
    “其他结果”“尚未审结”都应为 0；句中同时讲到审结、尚未审结、纠错或败诉时
    不比较（可能只说已审结的案件）。
    “未被纠错”“零纠错”：所讲复议（或诉讼）的“结果纠正”应为 0。
    “无败诉”：两组行政诉讼的“结果纠正”应为 0。
    报告每个不为 0 的单元格；讲其他年度或范围的句子不比较。

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
        for claim in doc.claims:
            if claim.kind not in KINDS or not claim.comparable:
                continue
            cells = list(outcome_cells(doc, claim.kind, claim.groups))
            if cells:
                found = "、".join(f"{cell.label}为{cell.value}" for cell in cells)
                yield self.report(claim.location, f"正文称“{claim.text}”，但{found}")
