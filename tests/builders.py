"""Build test documents: .docx and .html reports from a report read as
text (for the reader tests and the one-report-one-verdict test), and small
PDFs (a scan, a bare page with a trailer of one's choice).

A text extraction loses the table structure that the original had; the
builders put it back the way Word has it (DOMAIN.md §2.8):

* a row with fewer cells than the table is wide gives the extra width to
  its last label cell (``一、本年新收…`` spans the three label columns);
* a blank cell before a row's first text, under a cell of the row above
  at the same grid columns, is a vertical merge of that cell (Word
  ``vMerge``, HTML ``rowspan``);
* rows from PDF text (``tab-rows``) lose the blanks at their edges and at
  the edges of their values, which are padding there.

Section headings numbered ``一、`` … can be turned into Word list
paragraphs whose numeral comes from ``numbering.xml`` (one list continued
while the numerals follow on, a new list with a start override where they
do not).
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image

from govlint.model import Document, Numbering, Paragraph, Table
from govlint.recognise.templates.values import is_value


@dataclass
class GridCell:
    text: str
    col: int
    width: int
    height: int = 1
    continued: bool = False  # a vertical-merge continuation (no cell of its own in HTML)


def grid(table: Table) -> tuple[list[list[GridCell]], int]:
    """The table's rows as grid cells with merges, and its width."""
    rows = [[c.text for c in row.cells] for row in table.rows]
    if table.layout == "tab-rows":
        rows = [_trim(row) for row in rows]
    rows = [row for row in rows if row]
    width = max(len(row) for row in rows)
    out: list[list[GridCell]] = []
    for texts in rows:
        labels = [i for i, t in enumerate(texts) if t.strip() and not is_value(t)]
        wide = labels[-1] if labels else len(texts) - 1
        cells, col = [], 0
        for i, text in enumerate(texts):
            span = 1 + (width - len(texts) if i == wide else 0)
            cells.append(GridCell(text, col, span))
            col += span
        if out:
            leading = True
            for cell in cells:
                leading = leading and not cell.text.strip()
                origin = _origin(out, cell) if leading else None
                if origin is not None:
                    origin.height += 1
                    cell.continued = True
        out.append(cells)
    return out, width


def _trim(row: list[str]) -> list[str]:
    """A PDF text row without its padding: blanks among its labels and
    around its run of values."""
    values = [i for i, t in enumerate(row) if t.strip() and is_value(t)]
    if not values:
        return [t for t in row if t.strip()]
    return [t for t in row[:values[0]] if t.strip()] + row[values[0]:values[-1] + 1]


def _origin(rows: list[list[GridCell]], cell: GridCell) -> GridCell | None:
    """The cell above ``cell`` (same columns) that a merge would continue."""
    for above in reversed(rows):
        match = next((c for c in above if c.col == cell.col and c.width == cell.width), None)
        if match is None:
            return None
        if not match.continued:
            return match
    return None


def headings(doc: Document) -> dict[int, int]:
    """Block line → section number of the headings written ``一、``."""
    return {
        s.heading.location.line: s.number for s in doc.sections
        if s.numbering is Numbering.CHINESE and s.separator == "、" and s.numeral == _numeral(s.number)
    }


def _numeral(number: int) -> str:
    return "一二三四五六"[number - 1]


# -- Word ---------------------------------------------------------------

_ABSTRACT = """<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>"""


class WordBuilder:
    """A python-docx document with auto-numbered section headings."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.numbering = self.document.part.numbering_part.element
        self.numbering.insert(0, parse_xml(_ABSTRACT.format(ns=nsdecls("w"))))
        self.num_id = 0
        self.next_value = 0

    def paragraph(self, text: str) -> None:
        self.document.add_paragraph(text)

    def numbered(self, text: str, value: int) -> None:
        """A paragraph showing ``{value in Chinese}、{text}`` through list numbering."""
        if value != self.next_value:  # a new list, starting at value
            self.num_id += 1
            restart = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride>' if value != 1 else ""
            self.numbering.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{900 + self.num_id}"><w:abstractNumId w:val="90"/>{restart}</w:num>'))
        self.next_value = value + 1
        p = self.document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{900 + self.num_id}"/></w:numPr>'))

    def table(self, table: Table) -> None:
        rows, width = grid(table)
        word = self.document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for cell in cells:
                if cell.continued:
                    continue
                target = word.cell(r, cell.col)
                if cell.width > 1 or cell.height > 1:
                    target = target.merge(word.cell(r + cell.height - 1, cell.col + cell.width - 1))
                target.text = cell.text

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def to_docx(doc: Document) -> bytes:
    """``doc`` (read from text) as a Word document."""
    builder, numbered = WordBuilder(), headings(doc)
    for block in doc.blocks:
        if isinstance(block, Table):
            builder.table(block)
        elif block.location.line in numbered:
            number = numbered[block.location.line]
            builder.numbered(block.text.strip()[len(_numeral(number)) + 1:], number)
        else:
            builder.paragraph(block.text)
    return builder.bytes()


# -- HTML ---------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>政府信息公开年度报告</title><script>var menu = "<p>一、总体情况</p>";</script></head>
<body><div class="top"><ul class="nav"><li><a href="/">首页</a><li><a href="/gk">政务公开</a>
<li><a href="/zx">一、政务资讯</a></ul></div>
<div class="main"><div class="side">栏目导航<br>通知公告<br>年度报告</div>
<div class="article" id="zoom">
{body}
</div></div>
<div class="footer">主办单位：某某人民政府办公室&nbsp;&nbsp;<a href="#">网站地图</a></div>
</body></html>
"""


def _cell_html(cell: GridCell) -> str:
    spans = (f' colspan="{cell.width}"' if cell.width > 1 else "") + (f' rowspan="{cell.height}"' if cell.height > 1 else "")
    text = "<br>".join(html.escape(part) for part in cell.text.split("\n")) if cell.text.strip() else "&nbsp;"
    return f"<td{spans}>{text}</td>"


def to_html(doc: Document, charset: str = "utf-8") -> bytes:
    """``doc`` (read from text) as a saved web page in ``charset``."""
    parts = []
    for block in doc.blocks:
        if isinstance(block, Table):
            rows, _ = grid(block)
            body = "\n".join("<tr>" + "".join(_cell_html(c) for c in row if not c.continued) + "</tr>" for row in rows)
            parts.append(f'<table border="1" cellspacing="0">\n{body}\n</table>')
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
    return _PAGE.format(charset=charset, body="\n".join(parts)).encode(charset, errors="xmlcharrefreplace")


# -- PDF ----------------------------------------------------------------

def image_pdf() -> bytes:
    """A one-page PDF that is only an image (a scan)."""
    out = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(out, "PDF")
    return out.getvalue()


def minimal_pdf(trailer: str, extra_object: bytes = b"") -> bytes:
    """A valid one-page PDF with nothing on the page; ``trailer`` is added to
    its trailer dictionary, ``extra_object`` becomes object 5."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length 0 >>\nstream\n\nendstream"] + ([extra_object] if extra_object else [])
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def encrypted_pdf() -> bytes:
    """A PDF locked with a user password (standard handler, RC4 40-bit)."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"
    return minimal_pdf("/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00>]", encrypt)


def zip_of(entries: dict[str, bytes]) -> bytes:
    """A zip archive (deflated) holding ``entries``: name → content."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()
