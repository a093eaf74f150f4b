"""Reading: a file's bytes into located blocks (paragraphs and tables).

A reader knows nothing of sections or templates: it returns a
:class:`ReadResult` (the decoded source lines, the paragraphs and tables in
reading order, and any input problems).  The built-in readers register
through the ``govlint_readers`` hook like any plugin's; each names its module
and function as a string so that nothing is imported until a file of that
type is read.

* ``formats/`` — one reader per file format (text and Markdown, .docx,
  .html, .pdf; .doc, .wps, .rtf and .odt through LibreOffice; .ofd
  identified and refused with directions);
* what they share: ``decode`` (bytes to text, encodings), ``numerals``
  (Chinese numerals), ``grid`` (tables with merged cells), ``prose``
  (paragraphs rejoined from broken lines), ``support`` (input errors,
  optional libraries, reading order), ``safezip`` (zip archives read
  safely).
"""

from __future__ import annotations

import importlib
from functools import cached_property
from typing import Callable

import msgspec

from ..hookspecs import hookimpl
from ..model import Block, InputProblem, PageDate


class ReadResult(msgspec.Struct, frozen=True):
    """What a reader returns."""

    format: str
    lines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    #: the publication date the file states about itself (web pages)
    page_date: PageDate | None = None


class Reader(msgspec.Struct, frozen=True, dict=True):
    """A file format: the extensions it claims (lower-case, with the dot)
    and ``target``, ``"module:function"`` of a ``function(data: bytes,
    path: str) -> ReadResult``, imported on first use."""

    name: str
    extensions: tuple[str, ...]
    target: str

    @cached_property
    def _loaded(self) -> dict[str, Callable[[bytes, str], ReadResult]]:
        """The function once imported (``"fn"``)."""
        return {}

    def load(self) -> Callable[[bytes, str], ReadResult]:
        if "fn" not in self._loaded:
            module, _, function = self.target.partition(":")
            self._loaded["fn"] = getattr(importlib.import_module(module), function)
        return self._loaded["fn"]

    def read(self, data: bytes, path: str) -> ReadResult:
        return self.load()(data, path)


@hookimpl
def govlint_readers() -> list[Reader]:
    return [
        Reader("text", (".txt", ".text"), "govlint.read.formats.text:read_text"),
        Reader("markdown", (".md", ".markdown"), "govlint.read.formats.text:read_markdown"),
        Reader("docx", (".docx",), "govlint.read.formats.docx:read_docx"),
        Reader("html", (".html", ".htm"), "govlint.read.formats.html:read_html"),
        Reader("pdf", (".pdf",), "govlint.read.formats.pdf:read_pdf"),
        Reader("office", (".doc", ".wps", ".rtf", ".odt"), "govlint.read.formats.office:read_office"),
        Reader("ofd", (".ofd",), "govlint.read.formats.office:read_ofd"),
    ]
