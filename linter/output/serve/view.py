"""A report as the page shows it: its blocks, every finding placed on the
element it is about, and the rules' explanations.

:func:`report_view` turns a :class:`~govlint.model.Document` and its
findings into JSON-ready data: the blocks in order (paragraphs with their
role — title, section heading, sub-item or text — and tables with their
rows and cells, as govlint read them), and each finding with its
:func:`place`: the block, and in a table the row and cell, or in a
paragraph the sentence (character offsets), that its line and column
point into.  Placing works for every format alike, because every element
carries its location in the original (source line and column for text,
reading-order position and column index for .docx and .pdf): the element
a finding is in is the last one starting at or before the finding's
position.  A finding before the first block, or in a report without
blocks (a file that could not be read), has no place: the page lists it
for the whole report.

:func:`explanation` splits a rule's documentation (What it does / Why /
Example / References) into titled sections for the explanation panel.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from ...findings import Finding
from ...model import Document, Location, Paragraph, Table
from ...regexes import compile_re
from ...rule import Rule
from ..escape import unicode

#: characters that end a sentence (and a line break inside a paragraph)
SENTENCE_END = "。！？；!?;\n"
#: and a clause, within a paragraph of one sentence
CLAUSE_END = "，：,:"
#: a "sentence" longer than this (a table flattened into prose) is marked
#: from the finding's position on, this many characters at most
LONG_SENTENCE = 160
MARK_LONG = 60

#: the documentation's headings, as the page titles them
SECTION_TITLES = {"What it does": "检查什么", "Why": "为什么", "Example": "示例", "References": "依据"}


def where(finding: Finding) -> str:
    """Where a person finds ``finding`` in the original: the reader's label
    for .docx/.pdf (``第3页 表2 第9行 第3列``), else the line (and column)."""
    if finding.location:
        return finding.location
    return f"第 {finding.line} 行" + (f"第 {finding.column} 列" if finding.column > 1 else "")


def finding_data(finding: Finding) -> dict[str, Any]:
    """``finding`` as ``govlint check --format json`` writes it, with
    ``certain``, the offending ``source`` line and :func:`where`."""
    data = finding.as_dict()
    data.update(certain=finding.certain, source=unicode(finding.source), where=where(finding))
    return data


# -- the blocks ---------------------------------------------------------------


def _position(loc: Location) -> tuple[int, int]:
    return (loc.line, loc.column)


def _roles(doc: Document) -> dict[int, tuple[str, int | None]]:
    """id(paragraph) → (role, section number) for the title, the section
    headings and the sub-items."""
    roles: dict[int, tuple[str, int | None]] = {}
    for item in doc.subitems:
        roles[id(item.paragraph)] = ("subitem", item.section)
    for section in doc.sections:
        roles[id(section.heading)] = ("heading", section.number)
    return roles


def _title_block(doc: Document, starts: list[tuple[int, int]]) -> int | None:
    """The index of the paragraph holding the title (a title joined from
    two lines starts in it)."""
    if doc.title is None or not starts:
        return None
    index = bisect.bisect_right(starts, _position(doc.title.location)) - 1
    return index if index >= 0 and isinstance(doc.blocks[index], Paragraph) else None


def _title_blocks(doc: Document, first: int | None) -> list[int]:
    """The paragraphs of the title: the one it starts in and those after it
    that the joined title goes on with (a title over two lines)."""
    if first is None or doc.title is None:
        return []
    title = "".join(doc.title.text.split())
    found = [first]
    rest = title.split("".join(doc.blocks[first].text.split()), 1)[-1] if title else ""
    for index in range(first + 1, len(doc.blocks)):
        block = doc.blocks[index]
        text = "".join(block.text.split()) if isinstance(block, Paragraph) else ""
        if not text or not rest.startswith(text):
            break
        found.append(index)
        rest = rest[len(text):]
    return found


def _block_data(block: Paragraph | Table, role: tuple[str, int | None]) -> dict[str, Any]:
    loc = block.location
    data: dict[str, Any] = {"line": loc.line}
    if loc.page is not None:
        data["page"] = loc.page
    if loc.label:
        data["label"] = loc.label
    if isinstance(block, Table):
        data.update(type="table", index=block.index,
                    rows=[[cell.text for cell in row.cells] for row in block.rows])
    else:
        data.update(type="paragraph", text=block.text, role=role[0])
        if role[1] is not None:
            data["section"] = role[1]
    return data


# -- placing findings ---------------------------------------------------------


class Places:
    """Where each finding of one document goes (see the module docstring)."""

    def __init__(self, doc: Document):
        self.blocks = doc.blocks
        order = sorted(range(len(self.blocks)), key=lambda i: _position(self.blocks[i].location))
        self.order = order
        self.starts = [_position(self.blocks[i].location) for i in order]
        self.roles = _roles(doc)

    def block_at(self, position: tuple[int, int]) -> int | None:
        """The index of the block ``position`` is in, None before the first."""
        i = bisect.bisect_right(self.starts, position) - 1
        return self.order[i] if i >= 0 else None

    def __call__(self, finding: Finding) -> dict[str, Any] | None:
        position = (finding.line, finding.column)
        index = self.block_at(position)
        if index is None:
            return None
        block = self.blocks[index]
        place: dict[str, Any] = {"block": index}
        if isinstance(block, Table):
            place.update(_in_table(block, finding))
        elif self.roles.get(id(block), ("text",))[0] == "text":
            place.update(_sentence(block, position))
        return place


def _in_table(table: Table, finding: Finding) -> dict[str, Any]:
    """The row and cell of ``table`` a finding points at, and the rows its
    range covers (``end_line`` in a later row)."""
    position = (finding.line, finding.column)
    starts = [_position(row.location) for row in table.rows]
    r = bisect.bisect_right(starts, position) - 1
    if r < 0:
        return {}
    place: dict[str, Any] = {"row": r}
    # a cell starts where the finding does (a cell of its own line, in word-cells layouts, too)
    for row_index in range(r, len(table.rows)):
        row = table.rows[row_index]
        if row.location.line > finding.line:
            break
        for c, cell in enumerate(row.cells):
            if _position(cell.location) == position:
                place.update(row=row_index, cell=c)
                break
        if "cell" in place:
            break
    end = finding.end_line
    if end is not None and end > finding.line:
        last = bisect.bisect_right(starts, (end, finding.end_column or 1 << 30)) - 1
        if last > place["row"]:
            place["rows"] = [place["row"], last]
    return place


def _offset(paragraph: Paragraph, position: tuple[int, int]) -> int | None:
    """The character of ``paragraph.text`` at source ``position``."""
    line, column = position
    pieces = paragraph.pieces or ()
    best = None
    for piece in pieces:
        if (piece.line, piece.column) <= position:
            best = piece
        else:
            break
    if best is None:
        loc = paragraph.location
        return column - loc.column if line == loc.line and column >= loc.column else None
    if best.line != line:
        return best.offset
    return best.offset + column - best.column


def _bounds(text: str, offset: int, stops: str) -> tuple[int, int]:
    """The stretch of ``text`` around ``offset`` between two of ``stops``
    (the closing one included)."""
    start = offset
    while start > 0 and text[start - 1] not in stops:
        start -= 1
    end = offset
    while end < len(text) and text[end] not in stops:
        end += 1
    return start, min(end + 1, len(text))


def _sentence(paragraph: Paragraph, position: tuple[int, int]) -> dict[str, int]:
    """Where in ``paragraph`` a finding at ``position`` is: the sentence
    around it as ``start``/``end`` offsets — the clause, when the paragraph
    is one sentence.  Nothing (the paragraph is marked whole) for a finding
    at the paragraph's start: it is about the paragraph."""
    text = paragraph.text
    offset = _offset(paragraph, position)
    if not offset or not text:
        return {}
    offset = min(offset, len(text) - 1)
    start, end = _bounds(text, offset, SENTENCE_END)
    if start == 0 and not text[end:].strip():
        start, end = _bounds(text, offset, SENTENCE_END + CLAUSE_END)
    if end - start > LONG_SENTENCE:
        start, end = offset, min(end, offset + MARK_LONG)
    while start < end and text[start].isspace():
        start += 1
    if start == 0 and not text[end:].strip():
        return {}
    return {"start": start, "end": end}


def report_view(doc: Document, findings: Sequence[Finding]) -> dict[str, Any]:
    """The page's data for one report (see the module docstring)."""
    roles = _roles(doc)
    places = Places(doc)
    title = _title_block(doc, [_position(doc.blocks[i].location) for i in places.order])
    for index in _title_blocks(doc, title):
        roles[id(doc.blocks[index])] = ("title", None)
    places.roles = roles
    blocks = [_block_data(block, roles.get(id(block), ("text", None))) for block in doc.blocks]
    return {
        "format": doc.format,
        "title": doc.title.text if doc.title else None,
        "blocks": blocks,
        "findings": [{**finding_data(f), "place": places(f)} for f in findings],
    }


# -- explanations -------------------------------------------------------------

_UNDERLINE = compile_re(r"^\s*[-=~]{3,}\s*$")
_LITERAL = compile_re(r"``(.+?)``")
_BULLETS = ("* ", "- ")
_LABEL = compile_re(r"^(错误|正确)[^：:]*[：:]$")


def explanation(rule: type[Rule]) -> dict[str, Any]:
    """``rule``'s code, name, severity, summary and documentation sections,
    each a list of parts: ``{"kind": "p"|"li"|"pre", "text", "tone"}`` (``li``
    an item of a bulleted list; ``tone``
    ``wrong``/``right`` for an example of wrong or right: the literal block
    under ``错误::``/``正确::``, or a paragraph ``错误：…``); inline
    literals lose their backquotes."""
    lines = rule.documentation().splitlines()
    sections: list[dict[str, Any]] = []
    current: list[str] = []
    title = ""
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i].strip() and _UNDERLINE.match(lines[i + 1]):
            if title or any(line.strip() for line in current):
                sections.append({"title": title, "parts": _parts(current)})
            heading = lines[i].strip()
            title, current = SECTION_TITLES.get(heading, heading), []
            i += 2
            continue
        current.append(lines[i])
        i += 1
    if title or any(line.strip() for line in current):
        sections.append({"title": title, "parts": _parts(current)})
    if sections and not sections[0]["title"]:
        sections = sections[1:]  # the summary line, given on its own
    return {"code": rule.code, "name": rule.name, "severity": rule.severity.label,
            "plugin": rule.plugin, "summary": rule.summary(), "sections": sections}


def _join(lines) -> str:
    """Lines of a paragraph as one: Chinese lines run on, a space only
    between two words of Latin letters or digits."""
    out = ""
    for line in lines:
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _parts(lines: list[str]) -> list[dict[str, str]]:
    """Paragraphs (blank-line separated) and indented literal blocks."""
    parts: list[dict[str, str]] = []
    tone = ""
    chunk: list[str] = []

    def flush() -> None:
        nonlocal tone
        if not any(line.strip() for line in chunk):
            chunk.clear()
            return
        if all(not line.strip() or line.startswith((" ", "\t")) for line in chunk):
            indent = min(len(line) - len(line.lstrip()) for line in chunk if line.strip())
            text = "\n".join(line[indent:] for line in chunk).strip("\n")
            parts.append({"kind": "pre", "text": text, "tone": tone})
        elif any(line.startswith(_BULLETS) for line in chunk):
            items: list[list[str]] = []
            for line in chunk:
                if line.startswith(_BULLETS) or not items:
                    items.append([line[2:] if line.startswith(_BULLETS) else line])
                else:
                    items[-1].append(line)
            parts.extend({"kind": "li", "text": _LITERAL.sub(r"\1", _join(x.strip() for x in item)), "tone": ""}
                         for item in items)
        else:
            text = _LITERAL.sub(r"\1", _join(line.strip() for line in chunk))
            tone = "wrong" if text.startswith("错误") else "right" if text.startswith("正确") else ""
            if text.endswith("::"):
                text = text[:-2] + "："
            label = _LABEL.match(text) is not None  # "错误::" introduces the example below it
            parts.append({"kind": "p", "text": text, "tone": "" if label else tone})
        chunk.clear()

    for line in lines:
        if not line.strip():
            flush()
        else:
            chunk.append(line)
    flush()
    return parts
