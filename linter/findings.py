"""A finding: one problem a rule found, located in a file."""

from __future__ import annotations

import msgspec

from .model import Severity


class Finding(msgspec.Struct, frozen=True, gc=False):
    """One problem.  ``line``/``column`` are 1-based positions in the file;
    ``source`` is the offending source line (filled in by the engine);
    ``page`` and ``location`` are set for formats where a line number alone
    does not tell a person where to look (PDF pages, Word paragraphs).
    ``certain`` is False for a finding whose evidence is not conclusive (a
    scope word, a hedge, a cell read with low confidence): it is reported
    one level below the rule's severity, the message saying why
    (:meth:`govlint.rule.Rule.report`).

    A frozen :class:`msgspec.Struct` like the model's classes
    (:func:`msgspec.structs.replace` makes a changed copy); ``gc=False``:
    it holds only text, numbers and a severity."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None
    source: str = ""
    page: int | None = None
    location: str | None = None
    certain: bool = True

    def severity_for(self, configured: Severity | None) -> Severity:
        """The severity to report this finding at when its rule is
        configured at ``configured`` (None: as found); an uncertain finding
        stays one level below it."""
        if configured is None:
            return self.severity
        return configured if self.certain else configured.lowered()

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict:
        """The JSON form (stable keys)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "page": self.page,
            "location": self.location,
        }
