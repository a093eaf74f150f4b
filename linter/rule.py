"""The base class every rule derives from, built-in or third-party.

A rule is a class with a stable ``code`` (category letter + 3 digits: S
structure, T table shape/template, A arithmetic, C prose-vs-table, M
metadata, E input), a kebab-case ``name``, a default ``severity`` and a
docstring that is its documentation: the first line is the one-line summary,
the rest uses the headings ``What it does``, ``Why``, ``Example`` and
``References`` (``govlint explain CODE`` prints it).

``check(doc)`` reads the :class:`~govlint.recognise.report.Report` (a
:class:`~govlint.model.Document` with its recognised tables and claims) and yields
findings made with :meth:`Rule.report`.  A rule never re-parses text the
pipeline already parsed; it reads the document's sections, tables and
paragraphs.  Example::

    class NoPlaceholder(Rule):
        \"\"\"The report still contains a template placeholder.

        What it does
        ------------
        ...
        \"\"\"
        code = "X001"
        name = "no-placeholder"
        severity = Severity.WARNING

        def check(self, doc):
            for p in doc.paragraphs:
                if "XX街道" in p.norm:
                    yield self.report(p, "报告中仍有占位符“XX街道”")
"""

from __future__ import annotations

import inspect
from types import MappingProxyType
from typing import Any, ClassVar, Iterable, Mapping, Union

from .findings import Finding
from .model import Cell, Location, Paragraph, Row, Section, Severity, SubItem, Table, Title
from .recognise.report import Report
from .regexes import compile_re

Located = Union[Location, Paragraph, Cell, Row, Table, Section, SubItem, Title]

CODE_PATTERN = compile_re(r"^[A-Z]{1,3}\d{3}$")
NAME_PATTERN = compile_re(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class of all rules (see the module docstring)."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    #: set by the plugin manager: the plugin the rule came from
    plugin: ClassVar[str] = ""
    #: for a rule from a configuration's ``rule-paths`` or ``rules-files``:
    #: that folder or file (absolute); the rule then applies only to files
    #: governed by a configuration naming it.  ``None`` for every other rule
    origin: ClassVar[str | None] = None
    #: the configuration values for the file being checked (plugin defaults
    #: from ``govlint_default_config`` overridden by the user's), set by the
    #: engine on each instance; empty when a rule is run on its own
    config: Mapping[str, Any] = MappingProxyType({})
    #: the codes of the rules run on the file with this one, set by the
    #: engine (a rule may leave a case to another that reports it better);
    #: empty when a rule is run on its own
    running: frozenset[str] = frozenset()
    #: True for a rule over report sets
    #: (:class:`~govlint.repository.reportset.ReportSetRule`)
    over_report_sets: ClassVar[bool] = False
    #: for a rule over report sets: True when it can find something in a run
    #: of one report with no history configured (C017's hint that nothing
    #: could be compared); for the others such a run does not even import
    #: the report-set machinery (:func:`govlint.run.engine.report_sets`)
    alone: ClassVar[bool] = False

    @classmethod
    def real(cls) -> type[Rule]:
        """The class that implements the rule: ``cls`` itself, except for a
        built-in rule's stand-in (:func:`govlint.rules.deferred`), which
        imports it."""
        return cls

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        doc = cls.documentation()
        return doc.splitlines()[0] if doc else ""

    @classmethod
    def documentation(cls) -> str:
        """The rule's own docstring (never a base class's), dedented."""
        return inspect.cleandoc(cls.__dict__.get("__doc__") or "")

    @classmethod
    def validate(cls) -> None:
        """Raise ``ValueError`` when the rule's metadata is malformed."""
        if not CODE_PATTERN.match(cls.code or ""):
            raise ValueError(f"{cls.__name__}: code {cls.code!r} must be letters + 3 digits, e.g. S001")
        if not NAME_PATTERN.match(cls.name or ""):
            raise ValueError(f"{cls.__name__}: name {cls.name!r} must be kebab-case")
        if not isinstance(cls.severity, Severity):
            raise ValueError(f"{cls.__name__}: severity must be a Severity")
        if not cls.summary():
            raise ValueError(f"{cls.__name__}: the docstring (its documentation) is missing")

    def check(self, doc: Report) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def report(self, where: Located, message: str, *, end: Location | None = None,
               uncertain: str | None = None) -> Finding:
        """A finding of this rule at ``where`` (an element or a Location).

        ``uncertain`` says why the evidence is not conclusive — a scope word
        (``口径可能不同：句中有“全区”``), a hedge, a table row matched with low
        confidence: the finding is then reported one level below the rule's
        severity (an error becomes a warning, a warning a hint) with the
        reason after the message, never as a confident error and never
        dropped.  A configured severity is lowered the same way."""
        loc = where if isinstance(where, Location) else where.location
        if uncertain:
            message = f"{message}（{uncertain}）"
        return Finding(
            path="",
            line=loc.line,
            column=loc.column,
            code=self.code,
            name=self.name,
            severity=self.severity.lowered() if uncertain else self.severity,
            message=message,
            end_line=(end.line if end else loc.end_line),
            end_column=(end.column if end else loc.end_column),
            page=loc.page,
            location=loc.label,
            certain=not uncertain,
        )
