"""Reader for Word reports (.docx), with python-docx (lxml underneath).

The archive is checked and its XML parts inflated within a budget before
python-docx sees them (:mod:`.safezip`: zip bombs, entries that lie about
their size, more XML than :data:`~govlint.limits.DOCX_XML` is refused with
E009); python-docx is given them uncompressed, and media it would otherwise
inflate (images, embedded files) empty.  The XML is parsed without entity
expansion or network access (python-docx's parser: ``resolve_entities=False``;
libxml2 refuses nesting deeper than 256).  The body is walked in document order:

* **paragraphs** (``w:p``) with the numeral Word's automatic numbering
  shows (:mod:`.wordnum`), tracked changes accepted (``w:ins`` and
  ``w:moveTo`` kept, ``w:del`` and ``w:moveFrom`` dropped, a paragraph whose
  mark was deleted joined to the next), text boxes after the paragraph that
  anchors them (only the ``mc:Choice`` of an ``mc:AlternateContent``, so
  never twice), field results without field codes; a line break inside a
  paragraph starts a new line, as it does on screen.  Comments, headers,
  footers and footnotes are other parts of the package and not read.
* **tables** (``w:tbl``): one cell per ``w:tc`` (``gridSpan`` gives one
  wide cell, at most as wide as the table and :data:`~govlint.limits.MAX_SPAN`;
  ``gridBefore`` likewise), ``vMerge`` continuations blank (:mod:`.grid`), a cell's
  paragraphs joined by line breaks, deleted rows dropped.  A table used as
  a frame (one column, or cells holding real tables) is not a data table:
  its cells are read as body content.  A small table nested in a data cell
  adds its text to that cell.

Locations: ``line`` is the position of the paragraph line or table row in
reading order (the numbering ``govlint parse`` prints; the document's
``lines`` hold their text), ``column`` is 1 for a paragraph and the cell's
place in its row for a cell; ``label`` says it the way a person looks for
it: ``第12段`` (the 12th non-empty paragraph outside tables),
``表3 第5行 第2列``.
"""

from __future__ import annotations

from ... import limits
from ...model import Location, Paragraph, Piece
from .. import ReadResult
from ..grid import SourceRow, Span, table
from ..safezip import read_parts, stored
from ..support import InputError, ReadingOrder, library, reader, table_cells
from .wordnum import ListNumbering, StyleSheet, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WHAT = " Word 文档（.docx）"

#: Elements whose content is not displayed text.
_HIDDEN = frozenset(W + name for name in (
    "del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "tblPr", "trPr", "tcPr",
    "commentReference", "footnoteReference", "endnoteReference", "sectPr",
)) | {MC + "Fallback"}
#: Block-level wrappers whose children are body content.
_WRAPPERS = frozenset(W + name for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"))


@reader("docx")
def read_docx(data: bytes, path: str) -> ReadResult:
    """Read a ``.docx`` report."""
    docx = library("docx", "python-docx", WHAT)
    parts = read_parts(data, WHAT, _is_xml, limits.DOCX_XML)
    try:
        document = docx.Document(stored(parts))
        numbering, styles = (_part(document.part, kind) for kind in ("numbering", "styles"))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise InputError("unreadable", f"文件不是有效的{WHAT}：{type(exc).__name__}: {exc}") from None
    sheet = StyleSheet(styles)
    body = _Body(ListNumbering(numbering, sheet), sheet)
    body.walk(document.element.body)
    return ReadResult("docx", tuple(body.order.lines), tuple(body.blocks))


def _is_xml(name: str) -> bool:
    """Parts python-docx parses (XML and relationships); the others are not inflated."""
    return name.lower().endswith((".xml", ".rels"))


def _part(document_part, kind: str):
    """The root element of the document's ``numbering`` or ``styles`` part, None if it has none."""
    reltype = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"
    try:
        return document_part.part_related_by(reltype).element
    except KeyError:
        return None


class _Body:
    """Walks the body once, numbering lines and emitting blocks in order."""

    def __init__(self, numbering: ListNumbering, styles: StyleSheet):
        self.numbering = numbering
        self.styles = styles
        self.order = ReadingOrder()
        self.blocks: list = []
        self.paragraphs = 0
        self.tables = 0
        self.carry = ""  # text of a paragraph whose mark was deleted

    def walk(self, container) -> None:
        for child in container:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.walk(child)

    # -- paragraphs ----------------------------------------------------
    def paragraph(self, p) -> None:
        boxes: list = []
        text = self.carry + self.numbering.label(p) + _text(p, boxes)
        self.carry = ""
        if p.find(f"{W}pPr/{W}rPr/{W}del") is not None:
            self.carry = text  # deleted mark: joins the next paragraph
        elif text.strip():
            self.paragraphs += 1
            label, level = f"第{self.paragraphs}段", self._level(p)
            for part in text.split("\n"):
                part = part.strip()
                if part:
                    line = self.order.add(part)
                    self.blocks.append(Paragraph(part, Location(line, label=label), (Piece(0, line, 1),), level))
        for box in boxes:
            self.walk(box)

    def _level(self, p) -> int | None:
        """The heading level (outline level + 1) of the paragraph or its style."""
        level = p.find(f"{W}pPr/{W}outlineLvl")
        if level is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            level = self.styles.find(style.get(W + "val") if style is not None else None, "pPr/outlineLvl")
        value = level.get(W + "val") if level is not None else None
        return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else None

    # -- tables --------------------------------------------------------
    def table(self, tbl) -> None:
        rows = [tr for tr in _children(tbl, W + "tr") if tr.find(f"{W}trPr/{W}del") is None]
        cells = [list(_children(tr, W + "tc")) for tr in rows]
        if not any(cells):
            return
        if all(len(row) <= 1 for row in cells) or any(_holds_table(tc) for row in cells for tc in row):
            for row in cells:  # a frame around content, not a table of data
                for tc in row:
                    self.walk(tc)
            return
        self.tables += 1
        # the widest a span can be: the grid the table declares, or its longest row
        widest = min(limits.MAX_SPAN, max(len(_grid_columns(tbl)), max(map(len, cells))))
        source = []
        for tr, tcs in zip(rows, cells):
            spans = self._spans(tr, tcs, widest)
            source.append((spans, self.order.add_row(text for _, _, text, _ in spans)))
        merged = _merged(source)
        table_cells(merged, f"Word 文档的第 {self.tables} 个表格")
        self.blocks.append(table(merged, index=self.tables, layout="docx"))

    def _spans(self, tr, tcs, widest: int) -> list[tuple[int, int, str, str | None]]:
        """(grid column, width, text, vMerge) of each cell of a row."""
        col = min(_int(tr.find(f"{W}trPr/{W}gridBefore"), 0), widest)
        spans = []
        for tc in tcs:
            width = min(max(1, _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1)), widest)
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            state = None if merge is None else (merge.get(W + "val") or "continue")
            spans.append((col, width, self._cell_text(tc), state))
            col += width
        return spans

    def _cell_text(self, tc) -> str:
        lines = []
        for child in _content(tc):
            if child.tag == W + "p":
                boxes: list = []
                lines.append(self.numbering.label(child) + _text(child, boxes))
                lines.extend(self._cell_text(box) for box in boxes)
            elif child.tag == W + "tbl":
                for tr in _children(child, W + "tr"):
                    lines.append(" ".join(self._cell_text(inner).replace("\n", " ") for inner in _children(tr, W + "tc")))
        return "\n".join(lines)


def _merged(source: list[tuple[list[tuple[int, int, str, str | None]], int]]) -> list[SourceRow]:
    """Rows of :class:`Span` s: a ``vMerge`` continuation is dropped and
    lengthens the cell that started the merge above it (the grid puts a
    blank in its place); a continuation with nothing to continue is an
    ordinary (blank) cell."""
    heights: dict[tuple[int, int], int] = {}
    open_merges: dict[int, tuple[int, int]] = {}  # grid column → (row, cell) that started it
    kept: list[list[tuple[int, tuple[int, int, str, str | None]]]] = []
    for r, (spans, _) in enumerate(source):
        row = []
        for c, (col, width, text, state) in enumerate(spans):
            origin = open_merges.get(col)
            if state == "continue" and origin is not None:
                heights[origin] += 1
                continue
            for covered in range(col, col + width):
                open_merges.pop(covered, None)
            if state == "restart":
                open_merges[col] = (r, c)
                heights[(r, c)] = 1
            row.append((c, (col, width, text, state)))
        kept.append(row)
    return [
        SourceRow(
            [Span(text, width, heights.get((r, c), 1), at=col) for c, (col, width, text, _) in row],
            Location(line),
        )
        for r, (row, (_, line)) in enumerate(zip(kept, source))
    ]


def _text(p, boxes: list) -> str:
    """The displayed text of paragraph ``p`` (line breaks as ``\\n``); the
    text boxes it anchors are appended to ``boxes``."""
    out: list[str] = []
    _collect(p, out, boxes)
    return "".join(out)


def _collect(element, out: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            _collect(choice if choice is not None else child, out, boxes)
        elif tag not in _HIDDEN and isinstance(tag, str):
            _collect(child, out, boxes)


def _children(element, tag: str):
    """Children ``tag`` of ``element``, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _content(tc):
    """Block-level content of a cell (paragraphs and tables), through wrappers."""
    for child in tc:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _content(child)


def _holds_table(tc) -> bool:
    """Does the cell hold a real table (one with a row of several cells)?"""
    return any(
        len(list(_children(tr, W + "tc"))) > 1
        for inner in _content(tc) if inner.tag == W + "tbl"
        for tr in _children(inner, W + "tr")
    )


def _grid_columns(tbl) -> list:
    grid = tbl.find(f"{W}tblGrid")
    return [] if grid is None else grid.findall(f"{W}gridCol")


def _int(element, default: int) -> int:
    value = element.get(W + "val") if element is not None else None
    return int(value) if value is not None and value.isdigit() else default
