"""GitHub Actions workflow commands (``govlint check --format github``):
one ``::error``/``::warning``/``::notice`` line per finding, which the
runner turns into an annotation on the file and line::

    ::error file=reports/2023.txt,line=69,col=1,endLine=69,endColumn=30,title=S005::标题疑似错别字…

For .pdf and .docx reports the message ends with the place a person looks
for (``（位置：第4页 表3 第5行 第2列）``), as in the text format: the
``line`` of such a file is its position in reading order.

Values are escaped as the runner's toolkit does (``%`` ``\r`` ``\n`` as
``%25`` ``%0D`` ``%0A``, in properties also ``:`` ``,`` as ``%3A`` ``%2C``), so
no text can end a command or start another; other control characters are
written out (``\x1b``, :func:`govlint.output.escape.visible`).
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model import Severity
from ...run.engine import LintResult
from ..escape import visible
from . import each_finding
from .text import message_with_place

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    text = visible(text, keep="\t\r\n")  # the line breaks are the command syntax's to escape
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path), ("line", f.line), ("col", f.column)]
    if f.end_line is not None:
        props.append(("endLine", f.end_line))
        if f.end_column is not None:
            props.append(("endColumn", f.end_column))
    props.append(("title", f.code))
    head = ",".join(f"{key}={_property(str(value))}" for key, value in props)
    return f"::{COMMANDS[f.severity]} {head}::{_data(message_with_place(f))}"


def render(result: LintResult, **_: object) -> str:
    return "".join(stream(result)).removesuffix("\n")


def stream(result: LintResult, **_: object) -> Iterator[str]:
    """:func:`render`'s lines one at a time, each with its line break."""
    for f in each_finding(result):
        yield annotation(f) + "\n"
