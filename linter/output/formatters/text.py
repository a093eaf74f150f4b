"""The human-readable format: one ``path:line:col: CODE severity message``
line per finding, the offending source line under it, and a Chinese
summary.  Control characters in paths, messages and quoted source lines
are written out (``\x1b``, ``\n``: :func:`govlint.output.escape.visible`),
so a report cannot act on the terminal or forge a finding line.  Where a line number alone does not tell a person where to look
(Word paragraphs and tables, PDF pages), the finding's location follows
the message: ``…（位置：第2页 第14行）``.  A source line longer than
:data:`CONTEXT_WIDTH` terminal columns (a web page saved as one line, a
long paragraph) is cut to a window around the finding's column, the cuts
marked ``…``.  :func:`stream` gives the same text piece by piece (the
command line writes it as it goes instead of building it whole)."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

import click

from ...findings import Finding
from ...model import Severity
from ...run.engine import LintResult
from ..escape import visible
from ..texttable import char_width, width
from . import each_finding

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: the widest source line shown whole, in terminal columns (a CJK character takes two)
CONTEXT_WIDTH = 120


def render(result: LintResult, *, color: bool = False, quiet: bool = False, **_: object) -> str:
    return "".join(stream(result, color=color, quiet=quiet)).removesuffix("\n")


def stream(result: LintResult, *, color: bool = False, quiet: bool = False, **_: object) -> Iterator[str]:
    """:func:`render`'s text in pieces: each finding's lines (with a line
    break after each), then a blank line and the summary unless ``quiet``
    (:func:`render` drops the last line break ``quiet`` leaves)."""
    found = False
    for finding in each_finding(result):
        found = True
        yield "\n".join(_finding(finding, color)) + "\n"
    if not quiet:
        yield ("\n" if found else "") + summary(result)


def _finding(f: Finding, color: bool) -> list[str]:
    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    path = visible(f.path, keep="")
    head = (
        f"{style(f'{path}:{f.line}:{f.column}:', bold=True)} "
        f"{style(visible(f.code), bold=True)} {style(f.severity.label, fg=_COLORS[f.severity])} "
        f"{visible(f.message)}{visible(_where(f))}"
    )
    return [head, f"    {visible(context(f.source, f.column))}"] if f.source.strip() else [head]


def context(source: str, column: int, limit: int = CONTEXT_WIDTH) -> str:
    """``source`` whole when it fits in ``limit`` columns, else the stretch
    around 1-based ``column`` that does (a third before it, the rest after),
    with ``…`` where it was cut."""
    source = source.rstrip()
    if len(source) <= limit and width(source) <= limit:  # a character takes one column at least
        return source
    budget = limit - 2  # room for the two ellipses
    start = end = min(max(column - 1, 0), len(source))
    used = 0
    # only the characters within ``budget`` of ``column`` are measured (a long line's others never are)
    while start > 0 and used + char_width(source[start - 1]) <= budget // 3:
        start -= 1
        used += char_width(source[start])
    while end < len(source) and used + char_width(source[end]) <= budget:
        used += char_width(source[end])
        end += 1
    while start > 0 and used + char_width(source[start - 1]) <= budget:  # the line ended early: more before
        start -= 1
        used += char_width(source[start])
    return f"{'…' if start > 0 else ''}{source[start:end]}{'…' if end < len(source) else ''}"


def place(f: Finding) -> str:
    """Where a person looks for the finding in a page-based document
    (``第4页 表3 第5行 第2列``, ``第12段``); "" for line-based formats."""
    return f.location or (f"第{f.page}页" if f.page is not None else "")


def _where(f: Finding) -> str:
    return f"（位置：{place(f)}）" if place(f) else ""


def message_with_place(f: Finding) -> str:
    """The message, followed by ``（位置：…）`` where a line number alone
    does not tell a person where to look (every format carries it so)."""
    return f.message + _where(f)


def summary(result: LintResult) -> str:
    """``共检查 N 个文件，发现 M 个问题（错误 a，警告 b，提示 c）。``, and
    ``另有 K 个问题已记入基线，未显示。`` when a baseline hid some."""
    checked = f"共检查 {len(result.files)} 个文件"
    counts = Counter(f.severity for f in each_finding(result))
    baseline = f"另有 {result.suppressed} 个问题已记入基线，未显示。" if result.suppressed else ""
    if not counts:
        return f"{checked}，未发现{'新' if baseline else ''}问题。{baseline}"
    detail = "，".join(f"{s.chinese} {counts[s]}" for s in sorted(Severity, reverse=True))
    return f"{checked}，发现 {counts.total()} 个问题（{detail}）。{baseline}"
