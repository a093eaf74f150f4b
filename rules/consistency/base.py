"""What the C rules share: pick the claims of some kinds that are about the
report's own figures, hold each against the table figure for its kind, and
report a mismatch — one level lower, with the reasons, when the claim is
approximate or its scope may differ from the table's."""

from __future__ import annotations

from typing import ClassVar, Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.claims import Claim, Verdict, judge, organ_scope
from govlint.recognise.report import Report
from govlint.rule import Rule

from .targets import table_value

#: The reason a hedged figure's mismatch is uncertain.
APPROXIMATE = "正文为约数"


def judged_claims(doc: Report, kinds: tuple[str, ...], negated: bool | None = None
                  ) -> Iterator[tuple[Claim, Verdict]]:
    """The claims of ``kinds`` that are compared with the tables (not about
    another year, a plan or surely another scope), with their verdicts."""
    organ = organ_scope(doc)
    for claim in doc.claims:
        if claim.kind in kinds and (negated is None or claim.negated == negated):
            verdict = judge(claim, organ)
            if verdict.compared:
                yield claim, verdict


class ClaimRule(Rule):
    """Base of the rules holding a claim's figure against one table figure.

    Subclasses set ``kinds`` (claim kinds) and ``negated`` (negations such
    as 未收到 or figures).  A claim about another year, a plan or surely
    another scope is not compared, and neither is one whose table figure is
    blank, missing or unreadable.  A hedged figure agrees with the figures
    it admits (``5500余`` with 5512).  A figure of received applications
    that the sentence says includes last year's carried-over ones is held
    against 本年新收 + 上年结转; one that does not say so but equals that
    sum is a mismatch reported one level lower, saying so.  A mismatch of a
    hedged figure, of a sentence whose scope may differ from the table's
    (``全区``), or of a table figure read from a row recognised with low
    confidence, is likewise reported one level lower with the reason.
    """

    kinds: ClassVar[tuple[str, ...]] = ()
    negated: ClassVar[bool] = False
    severity = Severity.ERROR

    def check(self, doc: Report) -> Iterator[Finding]:
        for claim, verdict in judged_claims(doc, self.kinds, self.negated):
            target = table_value(doc, claim.kind)
            if target is None:
                continue
            carried = table_value(doc, claim.kind, carried=True)
            if claim.with_carried:
                if carried is None or claim.admits(target.value + carried.value):
                    continue
                message = (f"正文称“{claim.quote}”（含上年结转），但{target.label}为{target.value}、"
                           f"{carried.label}为{carried.value}，两项之和为{target.value + carried.value}")
                reasons = []
            else:
                if claim.admits(target.value):
                    continue
                message = f"正文称“{claim.quote}”，但{target.label}为{target.value}"
                reasons = [f"正文{claim.value}件等于本年新收加上年结转，可能把结转计入了收到数"] if (
                    carried is not None and carried.value and claim.admits(target.value + carried.value)) else []
            if claim.hedge and not claim.negated:
                reasons.append(APPROXIMATE)
            reasons.append(verdict.reason)
            used = (target, carried) if claim.with_carried else (target,)
            reasons += dict.fromkeys(t.doubt for t in used if t is not None and t.doubt)
            yield self.report(claim.location, message, uncertain="；".join(r for r in reasons if r) or None)
