"""The report as rules read it: the document plus what recognition makes of it.

:class:`Report` is a :class:`~govlint.model.Document` (blocks, sections,
title, organ, year — data, filled in by the readers and the outline) with
the heavier recognition computed on first use and then shared by every
rule: the tables matched to the national templates (``template``) and the
quantified statements of the prose (``claims``).  A run that selects only
structure rules never pays for them, and jieba is imported only when
``claims`` is read.

The pipeline (:mod:`govlint.run.pipeline`) returns Reports; a rule's
``check`` receives one.  :meth:`Report.of` turns a plain Document (built by
hand in a test) into one.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Document

if TYPE_CHECKING:
    from .claims import Claim
    from .templates import TemplateTables


class Report(Document, frozen=True, dict=True):
    """A Document with its recognised tables and claims (module docstring)."""

    @classmethod
    def of(cls, doc: Document) -> "Report":
        """``doc`` as a Report (itself when it already is one)."""
        if isinstance(doc, Report):
            return doc
        return cls(**{f: getattr(doc, f) for f in Document.__struct_fields__})

    @cached_property
    def template(self) -> "TemplateTables":
        """Tables 二, 三 and 四 recognised against the national templates,
        values by canonical key (see :mod:`govlint.recognise.templates`)."""
        from .templates import recognise

        return recognise(self.blocks, self.year)

    @cached_property
    def claims(self) -> "tuple[Claim, ...]":
        """The quantified statements of the prose (see
        :mod:`govlint.recognise.claims`)."""
        from .claims import extract

        return extract(self.paragraphs, self.year)
