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
  cells of running text) is read as blocks.  A ``rowspan`` reaches at most
  the table's last row and a ``colspan`` at most the table's width (the
  most cells a row has, counting those covered from above) and
  :data:`~govlint.limits.MAX_SPAN`; a table that still lays out into more
  than :data:`~govlint.limits.TABLE_CELLS` cells refuses the page (E009).

Work is linear in the size of the page whatever its nesting: what the
article search and the table tests need to know of an element's subtree
(which report words its text holds, whether it holds a real table) is
computed once for all elements, children before parents, instead of
walking each element's subtree again.

Locations are source lines and columns of the page; table cells also carry
a label (``表3 第5行 第2列``).

* **the page date**: the publication date the site states about the page,
  outside the report (``Document.page_date``): a ``<meta>`` naming it
  (``PubDate``, ``firstpublishedtime``, ``article:published_time``… see
  :data:`PAGE_DATE_META`), else a ``<publishtime>`` element (Jiangsu's
  sites), else a label before a date in the page's text outside the
  article (``发布日期：2024-01-17``, ``发布时间``, ``公开日期``, ``发文日期``
  in a layout table's next cell) — never a page's generation, capture or
  update time.
"""

from __future__ import annotations

import re

from ... import limits
from ...model import InputProblem, Location, PageDate, Paragraph, Piece
from ...normalize import is_blank, norm
from ...regexes import compile_re
from .. import ReadResult
from ..decode import fatal_problem
from ..grid import SourceRow, Span, table
from ..support import reader, table_cells
from .htmltree import BLOCK, Element, Text, decode_html, parse

_LINE_BREAK = compile_re(r"\r\n|\r|\n")
_WS = " \t\r\f\n"
_WS_RUN = compile_re(r"[ \t\r\f\n]+")
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BOUNDARIES = BLOCK | {"tr", "td", "th", "caption", "tbody", "thead", "tfoot"}
_SECTION = compile_re(r"^\s*([一二三四五六])\s*[、.．]")
_REPORT_TABLE = ("第二十条", "本年新收", "行政复议", "申请人情况")
_TITLE = compile_re(r"政府信息公开.{0,8}年度报告")
#: A cell with more text than this is running text: its table is layout.
MAX_CELL_TEXT = 200


@reader("html")
def read_html(data: bytes, path: str) -> ReadResult:
    """Read a ``.html``/``.htm`` report."""
    decoded = decode_html(data)
    fatal = fatal_problem(decoded, "网页")
    if fatal is not None:
        return ReadResult("html", problems=(fatal,))
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
    facts = _Facts(root)
    article, title = _article(root, facts)
    blocks = _Blocks(facts)
    if title is not None:
        blocks.walk(title)
    blocks.walk(article)
    return ReadResult("html", tuple(lines), tuple(blocks.blocks), problems, _page_date(root, article, facts))


# -- the page date ------------------------------------------------------

#: ``<meta>`` names (``name`` or ``property``, lower case) that state the
#: page's publication date, most specific first
PAGE_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "publishedtime", "article:published_time",
                  "og:release_date", "dcterms.issued", "dc.date.issued", "releasedate", "contentpublishtime")
#: elements whose text is the publication date
PAGE_DATE_TAGS = ("publishtime",)
_DATE = compile_re(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_LABEL = compile_re(r"(发布日期|发布时间|公开日期|公开时间|发文日期|发稿时间|发表时间|信息发布日期)\s*[:：]?\s*$"
                         r"|(发布日期|发布时间|公开日期|公开时间|发文日期|发稿时间|发表时间)\s*[:：]?\s*(?=\d)")
#: how many text nodes after a label the date may stand in (the next cell)
_LABEL_REACH = 3


def _iso(text: str) -> str | None:
    found = _DATE.search(norm(text))
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _page_date(root: Element, article: Element, facts: _Facts) -> PageDate | None:
    """The page's publication date (see the module docstring), or None."""
    metas = {}
    for element in facts.order:
        if element.tag == "meta":
            name = (element.attrs.get("name") or element.attrs.get("property") or "").strip().lower()
            if name in PAGE_DATE_META and name not in metas:
                metas[name] = element
    for name in PAGE_DATE_META:
        if name in metas and (day := _iso(metas[name].attrs.get("content", ""))):
            element = metas[name]
            return PageDate(day, f"meta {element.attrs.get('name') or element.attrs.get('property')}",
                            Location(element.line, element.column))
    for element in facts.order:
        if element.tag in PAGE_DATE_TAGS:
            for node in element.descendants():
                if isinstance(node, Text) and (day := _iso(node.text)):
                    return PageDate(day, f"<{element.tag}>", Location(node.line, node.column))
    inside = {id(node) for node in article.descendants()}
    texts = [t for t in facts.texts if id(t) not in inside and not is_blank(t.text)]
    for i, text in enumerate(texts):
        label = _DATE_LABEL.search(norm(text.text))
        if label is None:
            continue
        rest = norm(text.text)[label.end():]
        for node, candidate in [(text, rest)] + [(t, norm(t.text)) for t in texts[i + 1:i + 1 + _LABEL_REACH]]:
            day = _iso(candidate[:24])
            if day:
                return PageDate(day, label.group(1) or label.group(2), Location(node.line, node.column))
            if candidate.strip() and node is not text:
                break
    return None


# -- the article --------------------------------------------------------

#: the longest word searched for in an element's text, less one: the
#: characters kept of each end of a subtree's text to find words across nodes
_EDGE = max(map(len, _REPORT_TABLE)) - 1


class _Facts:
    """What the reader asks of the elements, computed in one pass over the
    tree and one back, children before parents: each element's parent and
    depth, the document order; for tables and the elements inside them,
    which of :data:`_REPORT_TABLE` their text holds and whether they hold a
    real table (a row of several cells)."""

    def __init__(self, root: Element):
        self.parents: dict[int, Element] = {}
        self.depth = {id(root): 0}
        self.order: list[Element] = []  # document order
        self.texts: list[Text] = []
        tabled: list[Element] = []  # tables and the elements inside them, in document order
        stack: list[tuple[Element | Text, bool]] = [(root, False)]
        while stack:  # without recursion
            node, inside = stack.pop()
            if isinstance(node, Text):
                self.texts.append(node)
                continue
            self.order.append(node)
            if inside or node.tag == "table":
                inside = True
                tabled.append(node)
            level = self.depth[id(node)] + 1
            for child in reversed(node.children):
                self.parents[id(child)] = node
                if isinstance(child, Element):
                    self.depth[id(child)] = level
                stack.append((child, inside))
        # per element: (bit mask of report words in its text, its text's first and last _EDGE characters)
        self.words: dict[int, tuple[int, str, str]] = {}
        self.real_table: set[int] = set()  # elements holding (below them) a row of several cells
        for element in reversed(tabled):
            mask, head, tail, real = 0, "", "", False
            for child in element.children:
                if isinstance(child, Text):
                    text = child.text
                    child_mask, child_head, child_tail = _words(text), text[:_EDGE], text[-_EDGE:]
                else:
                    child_mask, child_head, child_tail = self.words[id(child)]
                    real = real or id(child) in self.real_table or (
                        child.tag == "tr" and len(_children(child, {"td", "th"}, set())) > 1)
                mask |= child_mask
                if tail and child_head:
                    mask |= _words(tail + child_head)
                if len(head) < _EDGE:
                    head = (head + child_head)[:_EDGE]
                tail = (tail + child_tail)[-_EDGE:]
            self.words[id(element)] = (mask, head, tail)
            if real:
                self.real_table.add(id(element))

    def has_report_words(self, element: Element) -> bool:
        return bool(self.words[id(element)][0])


_WORD = compile_re("|".join(map(re.escape, _REPORT_TABLE)))
_BIT = {word: 1 << bit for bit, word in enumerate(_REPORT_TABLE)}


def _words(text: str) -> int:
    """The bit mask of the words of :data:`_REPORT_TABLE` in ``text``."""
    first = _WORD.search(text)
    if first is None:
        return 0
    mask = 0
    for found in _WORD.finditer(text, first.start()):
        mask |= _BIT[found.group()]
    return mask


def _article(root: Element, facts: _Facts) -> tuple[Element, Element | None]:
    """The element holding the report, and the title's block when it
    stands before that element."""
    parents, order, depth = facts.parents, facts.order, facts.depth
    numerals: dict[int, int] = {}  # element → bit mask of section numerals below it
    tables: dict[int, int] = {}  # element → report tables below it (innermost tables only)
    for text in facts.texts:
        found = _SECTION.match(text.text)
        if found and len(text.text.strip()) <= 40:
            numerals[id(parents[id(text)])] = numerals.get(id(parents[id(text)]), 0) | 1 << "一二三四五六".index(found.group(1))
    for element in reversed(order):  # children before parents
        key = id(element)
        if element.tag == "table" and not tables.get(key) and facts.has_report_words(element):
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


# -- blocks -------------------------------------------------------------

class _Run:
    """The text of the paragraph being read, white space collapsed as a
    browser does, with a piece per source line (the text is kept in parts
    and joined once: a paragraph of a million inline elements is read in
    linear time)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spaced = True  # the text is empty or ends with a space
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
                self.pieces.append(Piece(self.length, node.line + i, (node.column if i == 0 else 1) + lead))
                self._append(_WS_RUN.sub(" ", body))
                if raw.rstrip(_WS) != raw:
                    self._space()

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.spaced = text.endswith(" ")

    def _space(self) -> None:
        if self.length and not self.spaced:
            self._append(" ")

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def paragraph(self, level: int | None) -> Paragraph | None:
        if not self.pieces:
            return None
        text = self.text.rstrip(" ")
        if is_blank(text):
            return None
        first, last = self.pieces[0], self.pieces[-1]
        return Paragraph(text, Location(first.line, first.column, last.line), tuple(self.pieces), level)


class _Blocks:
    """Paragraphs and tables of an element, in document order.  With
    ``tables=False`` (a cell's content) every table is read as text."""

    def __init__(self, facts: _Facts, tables: bool = True) -> None:
        self.facts = facts
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
            rows = _data_rows(node, self.facts) if self.tables and tag == "table" else None
            if rows:
                self._flush()
                self.count += 1
                table_cells(rows, f"网页的第 {self.count} 个表格")
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


def _data_rows(element: Element, facts: _Facts) -> list[SourceRow] | None:
    """The rows of a data table, spans clamped (see the module docstring);
    None for a layout table."""
    rows = [(tr, _children(tr, {"td", "th"}, {"form"})) for tr in _children(element, {"tr"}, {"thead", "tbody", "tfoot", "form"})]
    if all(len(cells) <= 1 for _, cells in rows):
        return None
    if any(id(cell) in facts.real_table for _, cells in rows for cell in cells):
        return None
    texts = []
    for _, cells in rows:
        row = []
        for cell in cells:
            text = _Blocks(facts, tables=False).walk(cell).text
            if len(text) > MAX_CELL_TEXT:
                return None
            row.append(text)
        texts.append(row)
    heights = [[min(cell.span("rowspan"), len(rows) - r) for cell in cells] for r, (_, cells) in enumerate(rows)]
    width = min(limits.MAX_SPAN, _width(heights))
    source = []
    for (tr, cells), row, tall in zip(rows, texts, heights):
        spans = [Span(text, min(cell.span("colspan"), width), height, location=Location(cell.line, cell.column))
                 for cell, text, height in zip(cells, row, tall)]
        if spans:
            source.append(SourceRow(spans, Location(tr.line, tr.column)))
    return source or None


def _width(heights: list[list[int]]) -> int:
    """The most cells a row has, counting those covered from the rows above."""
    ending: dict[int, int] = {}
    covered = widest = 0
    for r, row in enumerate(heights):
        covered -= ending.pop(r, 0)
        widest = max(widest, covered + len(row))
        for height in row:
            if height > 1:
                covered += 1
                ending[r + height] = ending.get(r + height, 0) + 1
    return max(widest, 1)
