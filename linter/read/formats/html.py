"""Reader for reports saved from government web sites (.html, .htm).

The page is decoded (:func:`.htmltree.decode_html`: BOM, declared charset,
GBK/GB18030 common) and parsed forgivingly (:mod:`.htmltree`).  Then:

* **the article**: the site's navigation, banners and footers are not the
  report.  The article is the smallest element holding the most report
  evidence: distinct section numerals starting a text (``一、`` … ``六、``)
  and tables of the report (``第二十条``, ``本年新收``, ``行政复议``).
  When the report title (``…政府信息公开工作年度报告``) stands before that
  element, outside it, its block is read first.
* **paragraphs**: each block element (``p``, ``div``, ``h1``…, ``li``, a
  layout table's cell) and each ``<br>`` ends one; white space collapses as
  a browser shows it (``&nbsp;`` stays, so a cell holding only ``&nbsp;`` is
  blank); ``h1``–``h6`` give the heading level hint.
* **tables**: a ``<table>`` of data becomes a model table through
  :mod:`.grid` (``colspan`` one cell, places covered by a ``rowspan`` blank);
  a table used for page layout (one column, cells holding real tables, or
  cells of running text) is read as blocks.

Locations are source lines and columns of the page; table cells also carry
a label (``表3 第5行 第2列``).
"""

from __future__ import annotations

import re

from ...model import InputProblem, Location, Paragraph, Piece
from ...normalize import is_blank
from .. import ReadResult
from ..grid import SourceRow, Span, table
from ..support import InputError, reader
from .htmltree import BLOCK, Element, Text, decode_html, parse

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WS = " \t\r\f\n"
_WS_RUN = re.compile(r"[ \t\r\f\n]+")
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BOUNDARIES = BLOCK | {"tr", "td", "th", "caption", "tbody", "thead", "tfoot"}
_SECTION = re.compile(r"^\s*([一二三四五六])\s*[、.．]")
_REPORT_TABLE = ("第二十条", "本年新收", "行政复议", "申请人情况")
_TITLE = re.compile(r"政府信息公开.{0,8}年度报告")
#: A cell with more text than this is running text: its table is layout.
MAX_CELL_TEXT = 200


@reader("html")
def read_html(data: bytes, path: str) -> ReadResult:
    """Read a ``.html``/``.htm`` report."""
    decoded = decode_html(data)
    if decoded.problem == "binary":
        raise InputError("binary", "文件是二进制数据，不是网页（扩展名与内容不符？）")
    problems = ()
    if decoded.problem == "encoding":
        problems = (InputProblem(
            "encoding",
            f"网页无法按声明的编码、UTF-8 或 GB18030 解码（第 {decoded.bad_line} 行起有无效字节），无效字节已替换为 �",
            Location(decoded.bad_line or 1),
        ),)
    lines = _LINE_BREAK.split(decoded.text)
    if lines and lines[-1] == "":
        lines.pop()
    root = parse(decoded.text)
    article, title = _article(root)
    blocks = _Blocks()
    if title is not None:
        blocks.walk(title)
    blocks.walk(article)
    return ReadResult("html", tuple(lines), tuple(blocks.blocks), problems)


# -- the article --------------------------------------------------------

def _article(root: Element) -> tuple[Element, Element | None]:
    """The element holding the report, and the title's block when it
    stands before that element."""
    parents: dict[int, Element] = {}
    order: list[Element] = [root]
    depth = {id(root): 0}
    texts: list[Text] = []
    stack = [root]
    while stack:  # parents and document order, without recursion
        element = stack.pop()
        for child in reversed(element.children):
            parents[id(child)] = element
            if isinstance(child, Element):
                depth[id(child)] = depth[id(element)] + 1
                stack.append(child)
    for node in root.descendants():
        (order if isinstance(node, Element) else texts).append(node)
    numerals: dict[int, int] = {}  # element → bit mask of section numerals below it
    tables: dict[int, int] = {}  # element → report tables below it (innermost tables only)
    for text in texts:
        found = _SECTION.match(text.text)
        if found and len(text.text.strip()) <= 40:
            numerals[id(parents[id(text)])] = numerals.get(id(parents[id(text)]), 0) | 1 << "一二三四五六".index(found.group(1))
    for element in reversed(order):  # children before parents
        key = id(element)
        if element.tag == "table" and not tables.get(key) and any(word in _all_text(element) for word in _REPORT_TABLE):
            tables[key] = tables.get(key, 0) + 1
        parent = parents.get(key)
        if parent is not None:
            numerals[id(parent)] = numerals.get(id(parent), 0) | numerals.get(key, 0)
            tables[id(parent)] = tables.get(id(parent), 0) + tables.get(key, 0)
    scores = {id(e): bin(numerals.get(id(e), 0)).count("1") + tables.get(id(e), 0) for e in order}
    best = max(scores.values())
    if best == 0:
        body = next((e for e in order if e.tag == "body"), root)
        return body, None
    article = max((e for e in order if scores[id(e)] == best), key=lambda e: depth[id(e)])
    return article, _title_before(article, root, parents)


def _title_before(article: Element, root: Element, parents: dict[int, Element]) -> Element | None:
    """The block of the last title-like text before ``article`` (outside it)."""
    title = None
    for node in root.descendants():
        if node is article:
            break
        if isinstance(node, Text) and _TITLE.search(node.text) and len(node.text.strip()) <= 60:
            title = node
    if title is None:
        return None
    block = parents[id(title)]
    while block.tag not in _BOUNDARIES and id(block) in parents and parents[id(block)] is not root:
        block = parents[id(block)]
    return block


def _all_text(element: Element) -> str:
    return "".join(n.text for n in element.descendants() if isinstance(n, Text))


# -- blocks -------------------------------------------------------------

class _Run:
    """The text of the paragraph being read, white space collapsed as a
    browser does, with a piece per source line."""

    def __init__(self) -> None:
        self.text = ""
        self.pieces: list[Piece] = []

    def add(self, node: Text) -> None:
        for i, raw in enumerate(node.text.split("\n")):
            if i:
                self._space()
            body = raw.strip(_WS)
            lead = len(raw) - len(raw.lstrip(_WS))
            if lead:
                self._space()
            if body:
                self.pieces.append(Piece(len(self.text), node.line + i, (node.column if i == 0 else 1) + lead))
                self.text += _WS_RUN.sub(" ", body)
                if raw.rstrip(_WS) != raw:
                    self._space()

    def _space(self) -> None:
        if self.text and not self.text.endswith(" "):
            self.text += " "

    def paragraph(self, level: int | None) -> Paragraph | None:
        text = self.text.rstrip(" ")
        if is_blank(text):
            return None
        first, last = self.pieces[0], self.pieces[-1]
        return Paragraph(text, Location(first.line, first.column, last.line), tuple(self.pieces), level)


class _Blocks:
    """Paragraphs and tables of an element, in document order.  With
    ``tables=False`` (a cell's content) every table is read as text."""

    def __init__(self, tables: bool = True) -> None:
        self.blocks: list = []
        self.tables = tables
        self.count = 0
        self.run = _Run()
        self.level: int | None = None

    def walk(self, element: Element) -> "_Blocks":
        stack: list[tuple[Element | Text, bool]] = [(element, False)]
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, Text):
                self.run.add(node)
                continue
            tag = node.tag
            if leaving:
                self._flush()
                self.level = None
                continue
            if tag == "br":
                self._flush()
                continue
            rows = _data_rows(node) if self.tables and tag == "table" else None
            if rows:
                self._flush()
                self.count += 1
                self.blocks.append(table(rows, index=self.count, layout="html"))
                continue
            if tag in _BOUNDARIES:
                self._flush()
                self.level = _HEADING_TAGS.get(tag, self.level)
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
        self._flush()
        return self

    def _flush(self) -> None:
        found = self.run.paragraph(self.level)
        if found is not None:
            self.blocks.append(found)
        self.run = _Run()

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def _children(element: Element, tags: set[str], through: set[str]) -> list[Element]:
    found = []
    for child in element.children:
        if isinstance(child, Element):
            if child.tag in tags:
                found.append(child)
            elif child.tag in through:
                found.extend(_children(child, tags, through))
    return found


def _data_rows(element: Element) -> list[SourceRow] | None:
    """The rows of a data table; None for a layout table."""
    rows = [(tr, _children(tr, {"td", "th"}, {"form"})) for tr in _children(element, {"tr"}, {"thead", "tbody", "tfoot", "form"})]
    if all(len(cells) <= 1 for _, cells in rows):
        return None
    source = []
    for tr, cells in rows:
        spans = []
        for cell in cells:
            if _holds_table(cell):
                return None
            text = _Blocks(tables=False).walk(cell).text
            if len(text) > MAX_CELL_TEXT:
                return None
            spans.append(Span(text, cell.span("colspan"), cell.span("rowspan"), location=Location(cell.line, cell.column)))
        if spans:
            source.append(SourceRow(spans, Location(tr.line, tr.column)))
    return source or None


def _holds_table(cell: Element) -> bool:
    """Does the cell hold a real table (one with a row of several cells)?"""
    return any(
        isinstance(node, Element) and node.tag == "tr" and len(_children(node, {"td", "th"}, set())) > 1
        for node in cell.descendants()
    )
