"""A finding: one problem a rule found, located in a file."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem.  ``line``/``column`` are 1-based positions in the file;
    ``source`` is the offending source line (filled in by the engine);
    ``page`` and ``location`` are set for formats where a line number alone
    does not tell a person where to look (PDF pages, Word paragraphs)."""

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
