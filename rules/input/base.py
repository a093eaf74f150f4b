"""The mechanism shared by the input rules: report the document's
:class:`~govlint.model.InputProblem` s of one ``kind``."""

from __future__ import annotations

from typing import ClassVar, Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.report import Report
from govlint.rule import Rule


class InputRule(Rule):
    """Base class of the E rules (not a rule itself: it has no code)."""

    #: the :attr:`InputProblem.kind` this rule reports
    kind: ClassVar[str] = ""
    severity = Severity.ERROR

    def check(self, doc: Report) -> Iterator[Finding]:
        for problem in doc.problems:
            if problem.kind == self.kind:
                yield self.report(problem.location, problem.message)
