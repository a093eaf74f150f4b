"""Readers turn a file's bytes into located blocks; one module per format.

A reader knows nothing of sections or templates: it returns a
:class:`ReadResult` (the decoded source lines, the paragraphs and tables in
reading order, and any input problems).  The built-in readers register
through the ``govlint_readers`` hook like any plugin's; each names its module
and function as a string so that nothing is imported until a file of that
type is read.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from ..hookspecs import hookimpl
from ..model import Block, InputProblem


@dataclass(frozen=True)
class ReadResult:
    """What a reader returns."""

    format: str
    lines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    problems: tuple[InputProblem, ...] = ()


@dataclass(frozen=True)
class Reader:
    """A file format: the extensions it claims (lower-case, with the dot)
    and ``target``, ``"module:function"`` of a ``function(data: bytes,
    path: str) -> ReadResult``, imported on first use."""

    name: str
    extensions: tuple[str, ...]
    target: str
    _loaded: dict = field(default_factory=dict, compare=False, repr=False)

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
        Reader("text", (".txt", ".text"), "govlint.readers.text:read_text"),
        Reader("markdown", (".md", ".markdown"), "govlint.readers.text:read_markdown"),
        Reader("docx", (".docx",), "govlint.readers.docx:read_docx"),
        Reader("html", (".html", ".htm"), "govlint.readers.html:read_html"),
        Reader("pdf", (".pdf",), "govlint.readers.pdf:read_pdf"),
    ]
