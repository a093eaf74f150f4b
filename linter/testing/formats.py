"""Reports as documents: .docx, .html and .pdf written from blocks.

The text layouts of :mod:`govlint.testing.synthetic` are what extraction
gives; the formats here are the originals a user points govlint at.  Seven
layouts in all (:data:`LAYOUTS`)::

    from govlint.testing.formats import document, write_reports

    data = document(spec, "docx-numbered")          # bytes of a Word file
    paths = write_reports([("r1", spec)], "pdf", tmp_path)   # printed by LibreOffice

``docx``
    a Word document written directly as WordprocessingML (fast: no
    python-docx object model): A4 page, a page-number footer, body text
    with first-line indent, section headings in bold (and, in one report
    of two, with outline level 1 as a heading style would give), sub-item
    titles in bold, tables with borders whose merged cells are real
    (``gridSpan`` across, ``vMerge`` down), column widths after their text.
``docx-numbered``
    the same, but the section headings are Word list paragraphs: their
    numerals ``一、`` … come from ``numbering.xml``, not from the text (one
    list while the numerals follow on, a new list with a start override
    where they do not).
``html``
    a saved web page: site navigation, breadcrumb and publication bar
    around the article, a menu in a script, paragraphs indented with
    ``&nbsp;``, tables with ``rowspan``/``colspan`` and ``&nbsp;`` in blank
    cells; UTF-8, or GBK in one report of three.
``pdf``
    the ``docx`` printed by LibreOffice headless (``soffice --headless
    --convert-to pdf``): many files in one call, as it is slow to start, in a
    private user profile so that concurrent runs do not collide.
    :func:`printer` says whether it is installed (Debian:
    ``libreoffice-writer-nogui fonts-noto-cjk``).

Blocks come from a :class:`~govlint.testing.synthetic.ReportSpec`
(:func:`~govlint.testing.synthetic.render_blocks`, exact merged cells) or
from a report read as text (:func:`document_blocks`: the table structure
that extraction lost is put back the way Word has it, DOMAIN.md §2.8):

* a row with fewer cells than the table is wide gives the extra width to
  its last label cell (``一、本年新收…`` spans the three label columns);
* a blank cell before a row's first text, under a cell of the row above at
  the same grid columns, is a vertical merge of that cell;
* rows from PDF text (``tab-rows``) lose the blanks at their edges and at
  the edges of their values, which are padding there;
* the section headings written ``一、`` … become heading blocks (so
  ``docx-numbered`` numbers them through ``numbering.xml``).
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Sequence

import msgspec

from ..model import Document, Numbering, Paragraph, Table
from ..recognise.templates.values import is_value
from .synthetic import LAYOUTS as TEXT_LAYOUTS, Block, GridCell, ReportSpec, render, render_blocks

#: Every layout a synthetic report can be written in.
LAYOUTS = TEXT_LAYOUTS + ("docx", "docx-numbered", "html", "pdf")
#: The file extension of each layout.
EXTENSIONS = {"word-cells": ".txt", "tab-rows": ".txt", "markdown": ".md", "docx": ".docx",
              "docx-numbered": ".docx", "html": ".html", "pdf": ".pdf"}
#: How long one LibreOffice call may take per file printed (seconds).
PRINT_SECONDS_PER_FILE = 20

NUMERALS = "一二三四五六七八九十"


# ---------------------------------------------------------------- blocks from a text report


def headings(doc: Document) -> dict[int, int]:
    """Block line → section number of the headings written ``一、`` …."""
    return {
        s.heading.location.line: s.number for s in doc.sections
        if s.numbering is Numbering.CHINESE and s.separator == "、" and s.numeral == NUMERALS[s.number - 1]
    }


def document_blocks(doc: Document) -> list[Block]:
    """``doc`` (a report read as text) as blocks."""
    numbered, out = headings(doc), []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(table_block(block))
        elif isinstance(block, Paragraph):
            line = block.location.line
            out.append(Block("heading", block.text.strip(), numbered[line]) if line in numbered
                       else Block("paragraph", block.text))
    return out


class _Laid(msgspec.Struct):
    """A cell being laid out: grid column, width, rows merged into it, and
    whether it continues the merge of a cell above (it is then no cell of
    its own)."""

    text: str
    col: int
    width: int
    height: int = 1
    continued: bool = False


def table_block(table: Table) -> Block:
    """A table read from text as a grid with merged cells (module docstring)."""
    rows = [[c.text for c in row.cells] for row in table.rows]
    if table.layout == "tab-rows":
        rows = [_trim(row) for row in rows]
    rows = [row for row in rows if row]
    width = max(len(row) for row in rows)
    grid: list[list[_Laid]] = []
    for texts in rows:
        labels = [i for i, t in enumerate(texts) if t.strip() and not is_value(t)]
        wide = labels[-1] if labels else len(texts) - 1
        cells, col = [], 0
        for i, text in enumerate(texts):
            cells.append(_Laid(text, col, 1 + (width - len(texts) if i == wide else 0)))
            col += cells[-1].width
        leading = True
        for cell in cells:
            leading = leading and not cell.text.strip()
            origin = _origin(grid, cell) if leading else None
            if origin is not None:
                origin.height += 1
                cell.continued = True
        grid.append(cells)
    return Block("table", width=width, rows=tuple(
        tuple(GridCell(c.text, c.col, c.width, c.height) for c in row if not c.continued) for row in grid))


def _trim(row: list[str]) -> list[str]:
    """A PDF text row without its padding: blanks among its labels and
    around its run of values."""
    values = [i for i, t in enumerate(row) if t.strip() and is_value(t)]
    if not values:
        return [t for t in row if t.strip()]
    return [t for t in row[:values[0]] if t.strip()] + row[values[0]:values[-1] + 1]


def _origin(rows: list[list[_Laid]], cell: _Laid) -> _Laid | None:
    """The cell above ``cell`` (same columns) that a merge would continue."""
    for above in reversed(rows):
        match = next((c for c in above if c.col == cell.col and c.width == cell.width), None)
        if match is None:
            return None
        if not match.continued:
            return match
    return None


def _covering(block: Block) -> list[dict[int, GridCell]]:
    """Per row, grid column → the merged cell from a row above covering it."""
    covered: list[dict[int, GridCell]] = [{} for _ in block.rows]
    for r, row in enumerate(block.rows):
        for cell in row:
            for below in range(r + 1, min(r + cell.height, len(block.rows))):
                covered[below][cell.col] = cell
    return covered


def _variant(blocks: Sequence[Block], choices: int) -> int:
    """A stable choice among ``choices`` for one report (from its title)."""
    title = "".join(b.text for b in blocks if b.kind == "title")
    return zlib.crc32(title.encode("utf-8")) % choices


# ---------------------------------------------------------------- Word

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PAGE_TEXT_WIDTH = 8844  # A4 (11906 twips) less the 公文 margins (28 mm + 26 mm)
_CHAR_TWIPS = 200  # a Chinese character in a 10 pt table cell
_CELL_MARGIN = 57  # left and right cell margins (1 mm)

_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_OOXML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_OOXML}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{_OOXML}.numbering+xml"/>
<Override PartName="/word/footer1.xml" ContentType="{_OOXML}.footer+xml"/>
</Types>"""
_PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>"""
_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="{_REL}/footer" Target="footer1.xml"/></Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/>
<w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
</w:styles>"""
_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{_W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr>
<w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE ">
<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>
<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"""
#: The list the numbered section headings belong to: ``一、`` … (chineseCounting).
_ABSTRACT = """<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>"""
_SECTION = """<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1304" w:gutter="0"/>
</w:sectPr>"""
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
_CELL_FONT = '<w:sz w:val="20"/>'
_FONTS = {"heading": "黑体", "subheading": "楷体_GB2312", "title": "方正小标宋简体"}


def _runs(text: str, props: str = "") -> str:
    """``text`` as Word runs: tabs and line breaks as ``w:tab`` / ``w:br``."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append(f"<w:r>{rpr}<w:br/></w:r>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                out.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if piece:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(piece, quote=False)}</w:t></w:r>')
    return "".join(out)


class _Word:
    """Writes blocks as the body of ``word/document.xml``."""

    def __init__(self, numbered: bool, outline: bool):
        self.numbered, self.outline = numbered, outline
        self.body: list[str] = []
        self.lists: list[str] = []  # w:num elements
        self.next_value = 0

    def paragraph(self, text: str, ppr: str = "", rpr: str = "") -> None:
        self.body.append(f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(text, rpr)}</w:p>")

    def block(self, block: Block) -> None:
        bold_font = f'<w:rFonts w:eastAsia="{_FONTS.get(block.kind, "")}"/><w:b/>'
        if block.kind == "table":
            self.table(block)
        elif block.kind == "title":
            self.paragraph(block.text, '<w:jc w:val="center"/>', bold_font + '<w:sz w:val="44"/>')
        elif block.kind == "heading":
            self.heading(block, bold_font)
        elif block.kind == "subheading":
            self.paragraph(block.text, '<w:ind w:firstLine="640"/>', bold_font)
        elif block.kind == "signature":
            self.paragraph(block.text, '<w:jc w:val="right"/>')
        else:
            self.paragraph(block.text, '<w:ind w:firstLine="640"/><w:jc w:val="both"/>')

    def heading(self, block: Block, rpr: str) -> None:
        outline = '<w:outlineLvl w:val="0"/>' if self.outline else ""
        prefix = NUMERALS[block.number - 1] + "、"
        if not (self.numbered and block.text.startswith(prefix)):
            self.paragraph(block.text, '<w:ind w:firstLine="640"/>' + outline, rpr)
            return
        if block.number != self.next_value:  # a new list, starting at this value
            override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.number}"/></w:lvlOverride>'
                        if block.number != 1 else "")
            self.lists.append(f'<w:num w:numId="{901 + len(self.lists)}">'
                              f'<w:abstractNumId w:val="90"/>{override}</w:num>')
        self.next_value = block.number + 1
        numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{900 + len(self.lists)}"/></w:numPr>'
        self.paragraph(block.text[len(prefix):], numbering + outline, rpr)

    def table(self, block: Block) -> None:
        widths = _column_widths(block)
        covered = _covering(block)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        rows = []
        for r, row in enumerate(block.rows):
            starts = {cell.col: cell for cell in row}
            cells, col = [], 0
            while col < block.width:
                cell, merge = starts.get(col), ""
                if cell is None and col in covered[r]:
                    cell, merge = covered[r][col], '<w:vMerge/>'
                elif cell is not None and cell.height > 1:
                    merge = '<w:vMerge w:val="restart"/>'
                if cell is None:  # a hole in the grid: an empty cell
                    cell = GridCell("", col)
                span = f'<w:gridSpan w:val="{cell.width}"/>' if cell.width > 1 else ""
                text = "" if merge == "<w:vMerge/>" else cell.text
                cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths[col:col + cell.width])}" w:type="dxa"/>'
                             f'{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
                             f'<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
                             f'{_runs(text, _CELL_FONT)}</w:p></w:tc>')
                col += cell.width
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
        self.body.append(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
                         f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                         f'<w:tblCellMar><w:left w:w="{_CELL_MARGIN}" w:type="dxa"/>'
                         f'<w:right w:w="{_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
                         f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
        self.paragraph("")  # Word needs a paragraph between two tables

    def package(self) -> bytes:
        document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<w:document xmlns:w="{_W}" xmlns:r="{_R}">'
                    f'<w:body>{"".join(self.body)}{_SECTION}</w:body></w:document>')
        numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     f'<w:numbering xmlns:w="{_W}">{_ABSTRACT}{"".join(self.lists)}</w:numbering>')
        return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _PACKAGE_RELS,
                     "word/_rels/document.xml.rels": _DOCUMENT_RELS, "word/document.xml": document,
                     "word/styles.xml": _STYLES, "word/numbering.xml": numbering, "word/footer1.xml": _FOOTER})


def _column_widths(block: Block) -> list[int]:
    """Column widths (twips) from the one-column cells of each column: a
    number never wraps (a digit is half a Chinese character wide), a label
    wraps beyond five characters, beyond three over numbers; scaled to the
    page's text width."""
    values = {cell.col for row in block.rows for cell in row if cell.width == 1 and is_value(cell.text)}
    need = [_CHAR_TWIPS * 2] * block.width
    for row in block.rows:
        for cell in row:
            if cell.width == 1:
                if is_value(cell.text):
                    width = len(cell.text.strip()) * _CHAR_TWIPS // 2
                else:
                    longest = max((len(line) for line in cell.text.split("\n")), default=0)
                    width = min(longest, 3 if cell.col in values else 5) * _CHAR_TWIPS
                need[cell.col] = max(need[cell.col], width + 2 * _CELL_MARGIN + _CHAR_TWIPS // 4)
    total = sum(need)
    return [_PAGE_TEXT_WIDTH * n // total for n in need]


def _zip(entries: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content.encode("utf-8"))
    return out.getvalue()


def docx_bytes(blocks: Iterable[Block], numbered: bool = False, outline: bool | None = None) -> bytes:
    """``blocks`` as a Word document; ``numbered``: section headings as list
    paragraphs; ``outline``: headings with outline level 1 (default: one
    report in two, chosen by its title)."""
    blocks = list(blocks)
    word = _Word(numbered, _variant(blocks, 2) == 1 if outline is None else outline)
    for block in blocks:
        word.block(block)
    return word.package()


# ---------------------------------------------------------------- web page

_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title><script>var menu = "<p>一、总体情况</p>";</script></head>
<body><div class="top"><ul class="nav"><li><a href="/">首页</a><li><a href="/gk">政务公开</a>
<li><a href="/zx">一、政务资讯</a></ul></div>
<div class="main"><div class="side">栏目导航<br>通知公告<br>年度报告</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; 政府信息公开年报</div>
<div class="info">来源：办公室&nbsp;&nbsp;&nbsp;&nbsp;浏览次数：128&nbsp;&nbsp;&nbsp;&nbsp;字号：【大 中 小】</div>
<div class="article" id="zoom">
{body}
</div></div>
<div class="footer">主办单位：某某人民政府办公室&nbsp;&nbsp;<a href="#">网站地图</a>
&nbsp;&nbsp;联系电话：0431-88886666</div>
</body></html>
"""
_TAGS = {"title": ('<h1 style="text-align:center">', "</h1>"),
         "heading": ('<p style="text-indent:2em"><strong>', "</strong></p>"),
         "subheading": ('<p style="text-indent:2em"><strong>', "</strong></p>"),
         "signature": ('<p style="text-align:right">', "</p>"),
         "paragraph": ("<p>&nbsp;&nbsp;&nbsp;&nbsp;", "</p>")}


def to_docx(doc: Document) -> bytes:
    """``doc`` (read from text) as a Word document with list-numbered headings."""
    return docx_bytes(document_blocks(doc), numbered=True, outline=False)


def _cell_html(cell: GridCell) -> str:
    spans = ((f' colspan="{cell.width}"' if cell.width > 1 else "")
             + (f' rowspan="{cell.height}"' if cell.height > 1 else ""))
    text = "<br>".join(html.escape(part) for part in cell.text.split("\n")) if cell.text.strip() else "&nbsp;"
    return f"<td{spans}>{text}</td>"


def html_bytes(blocks: Iterable[Block], charset: str | None = None) -> bytes:
    """``blocks`` as a saved web page in ``charset`` (default: UTF-8, or GBK
    for one report in three, chosen by its title)."""
    blocks = list(blocks)
    charset = charset or ("gbk" if _variant(blocks, 3) == 0 else "utf-8")
    parts = []
    for block in blocks:
        if block.kind == "table":
            body = "\n".join("<tr>" + "".join(_cell_html(c) for c in row) + "</tr>" for row in block.rows)
            parts.append(f'<table border="1" cellspacing="0">\n{body}\n</table>')
        else:
            start, end = _TAGS.get(block.kind, _TAGS["paragraph"])
            parts.append(start + html.escape(block.text) + end)
    title = "".join(b.text for b in blocks if b.kind == "title") or "政府信息公开工作年度报告"
    page = _PAGE.format(charset=charset, title=html.escape(title) + " - 政务公开", body="\n".join(parts))
    return page.encode(charset, errors="xmlcharrefreplace")


# ---------------------------------------------------------------- PDF


def to_html(doc: Document, charset: str = "utf-8") -> bytes:
    """``doc`` (read from text) as a saved web page in ``charset``."""
    return html_bytes(document_blocks(doc), charset)


class PrinterMissing(RuntimeError):
    """LibreOffice (``soffice``) is not installed."""


def printer() -> str | None:
    """The LibreOffice command that prints PDFs here, None if there is none."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_pdfs(docx_paths: Sequence[Path], outdir: Path) -> list[Path]:
    """Print the Word files to PDF in ``outdir`` with one LibreOffice call;
    the PDFs' paths, in order.  Raises :class:`PrinterMissing`, or
    RuntimeError naming the files LibreOffice did not print."""
    command = printer()
    if command is None:
        raise PrinterMissing("LibreOffice (soffice) is not installed: "
                             "apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govlint-soffice-") as profile:
        subprocess.run([command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", os.fspath(outdir), *map(os.fspath, docx_paths)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       timeout=60 + PRINT_SECONDS_PER_FILE * len(docx_paths))
    pdfs = [outdir / (Path(p).stem + ".pdf") for p in docx_paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not print {', '.join(missing[:5])}")
    return pdfs


# ---------------------------------------------------------------- the seven layouts


def document(spec: ReportSpec, layout: str) -> bytes:
    """``spec`` written in ``layout`` (any of :data:`LAYOUTS` but ``pdf``,
    which needs :func:`write_reports`)."""
    if layout in TEXT_LAYOUTS:
        return render(spec, layout).encode("utf-8")
    if layout in ("docx", "docx-numbered"):
        return docx_bytes(render_blocks(spec), numbered=layout == "docx-numbered")
    if layout == "html":
        return html_bytes(render_blocks(spec))
    raise ValueError(f"layout {layout!r} is written by write_reports (expected one of {', '.join(LAYOUTS)})")


def write_reports(reports: Sequence[tuple[str, ReportSpec]], layout: str, directory: str | os.PathLike) -> list[Path]:
    """Write each ``(name, spec)`` to ``directory/name + extension`` in
    ``layout``; PDFs are printed from .docx files in one LibreOffice call.
    Returns the paths, in order."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if layout != "pdf":
        paths = [directory / (name + EXTENSIONS[layout]) for name, _ in reports]
        for path, (_, spec) in zip(paths, reports):
            path.write_bytes(document(spec, layout))
        return paths
    with tempfile.TemporaryDirectory(prefix="govlint-docx-") as staging:
        sources = write_reports(reports, "docx", staging)
        return print_pdfs(sources, directory)
