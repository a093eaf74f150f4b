"""The mechanism shared by the A rules: evaluate one identity of
``govlint/data/identities.toml`` on the document's recognised tables and
report the instances that do not hold — one level lower, with the reason,
when an instance rests on a cell whose row was recognised with low
confidence (``Outcome.doubt``: a row label off the template, a line of
text read as a row).

An instance that a single wrong cell explains (:mod:`govlint.recognise.blame`)
is left to A014, which names that cell, when A014 runs on the same file —
the author gets one finding on the cell instead of a row and a column to
intersect.  Run alone (``--select A003``), a rule reports every instance."""

from __future__ import annotations

from typing import ClassVar, Iterator, Mapping

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.blame import explained, outcome_id
from govlint.recognise.identities import Identity, Number, Outcome, identity
from govlint.recognise.report import Report
from govlint.rule import Rule


class IdentityRule(Rule):
    """Base class of the A rules (not a rule itself: it has no code)."""

    #: the id of the identity this rule reports (``"T3.1"``)
    identity_id: ClassVar[str] = ""
    severity = Severity.ERROR
    #: the rule that reports a blamed cell instead of the instances it explains
    BLAME = "A014"

    @classmethod
    def identity(cls) -> Identity:
        return identity(cls.identity_id)

    def params(self, doc: Report) -> Mapping[str, Number] | None:
        """Parameters of the identity for this document (None: the defaults)."""
        return None

    def applies(self, doc: Report) -> bool:
        """False when the identity does not concern this document."""
        return True

    def check(self, doc: Report) -> Iterator[Finding]:
        if not self.applies(doc):
            return
        left_to_blame = explained(doc.template) if self.BLAME in self.running else frozenset()
        for outcome in self.identity().evaluate(doc.template, self.params(doc)):
            if outcome.status == "violated" and outcome_id(outcome) not in left_to_blame:
                yield self.report(outcome.location, self.message(outcome, doc), uncertain=outcome.doubt)

    def message(self, outcome: Outcome, doc: Report) -> str:
        return outcome.describe()


def compared(outcome: Outcome, relation: str) -> str:
    """``对外公开总数量(1) 少于 本年新公开数量(3)``: both sides of an
    outcome joined by ``relation``."""
    return f"{outcome.side_text(outcome.left, outcome.left_total)} {relation} " \
           f"{outcome.side_text(outcome.right, outcome.right_total)}"


def head(outcome: Outcome) -> str:
    """``T3.1 “自然人”列：``."""
    return f"{outcome.identity.id} {outcome.scope}：" if outcome.scope else f"{outcome.identity.id}："
