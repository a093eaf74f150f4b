"""What the C rules share: pick the comparable claims of some kinds and
hold each against the table figure for its kind."""

from __future__ import annotations

from typing import ClassVar, Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.claims import Claim
from govlint.recognise.report import Report
from govlint.rule import Rule

from .targets import Target, table_value


class ClaimRule(Rule):
    """Base of the rules holding a claim's figure against one table figure.

    Subclasses set ``kinds`` (claim kinds) and ``negated`` (negations such
    as 未收到 or figures); a claim that is hedged, or about another year or
    scope, is never compared, and neither is one whose table figure is
    blank, missing or unreadable.
    """

    kinds: ClassVar[tuple[str, ...]] = ()
    negated: ClassVar[bool] = False
    severity = Severity.ERROR

    def claims(self, doc: Report) -> Iterator[Claim]:
        for claim in doc.claims:
            if claim.kind in self.kinds and claim.negated == self.negated and claim.comparable:
                yield claim

    def check(self, doc: Report) -> Iterator[Finding]:
        for claim in self.claims(doc):
            target = table_value(doc, claim.kind)
            if target is not None and not self.agrees(doc, claim, target):
                yield self.report(claim.location, self.message(doc, claim, target))

    def agrees(self, doc: Report, claim: Claim, target: Target) -> bool:
        return claim.value == target.value

    def message(self, doc: Report, claim: Claim, target: Target) -> str:
        return f"正文称“{claim.text}”，但{target.label}为{target.value}"
