"""Hostile files, generated when needed (never checked in): decompression
and layout bombs, files in the wrong encoding or format, file names that
try to break or forge the output, and rules that misbehave (issue 13).

The builders return a file's bytes at the size the defect was reported at
(some take a ``scale`` or a size, for tests of the mechanism alone); zip
archives are written by hand where the archive has to lie about itself.
:func:`bomb_files` with :data:`EXPECTED` is the whole catalogue, shared by
the tests (``tests/run/test_bounded_work.py``) and the measurement at full
size (``bench/hostile.py``); :func:`names_folder`, :func:`misbehaving_folder`
and :func:`regex_folder` write the other cases' folders.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    b' Target="word/document.xml"/></Relationships>'
)
GIB = 1024 ** 3
MIB = 1024 ** 2


# ---------------------------------------------------------------- zip archives by hand


class _Entry:
    def __init__(self, name: str, compressed: bytes, crc: int, declared: int, method: int = zipfile.ZIP_DEFLATED):
        self.name, self.compressed, self.crc = name.encode(), compressed, crc
        self.declared, self.method = declared, method


def _deflated(chunks, level: int = 9) -> tuple[bytes, int, int]:
    """Raw deflate of the concatenated ``chunks``: (data, crc, size), streamed."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for chunk in chunks:
        out.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    out.append(compressor.flush())
    return b"".join(out), crc, size


def _archive(entries: list[_Entry]) -> bytes:
    """A zip archive whose directory says what the entries say (true or not)."""
    out, central = io.BytesIO(), []
    for entry in entries:
        offset = out.tell()
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, entry.method, 0, 0x21, entry.crc,
                             len(entry.compressed), entry.declared, len(entry.name), 0)
        out.write(header + entry.name + entry.compressed)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, entry.method, 0, 0x21, entry.crc,
                                   len(entry.compressed), entry.declared, len(entry.name), 0, 0, 0, 0, 0, offset)
                       + entry.name)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0))
    return out.getvalue()


def _honest(name: str, data: bytes) -> _Entry:
    compressed, crc, size = _deflated([data])
    return _Entry(name, compressed, crc, size)


def _package(document: _Entry, *more: _Entry) -> bytes:
    return _archive([_honest("[Content_Types].xml", CONTENT_TYPES), _honest("_rels/.rels", RELS), document, *more])


def _zeros(size: int, chunk: int = 4 * MIB):
    while size > 0:
        yield bytes(min(chunk, size))
        size -= chunk


def lying_entry_docx(scale: float = 1.0) -> bytes:
    """``word/document.xml`` declares 2,000 bytes and inflates to 1 GiB × scale."""
    crc = zlib.crc32(bytes(2000))
    return _package(_Entry("word/document.xml", _zeros_deflate(int(GIB * scale)), crc, 2000))


def _paragraphs(size: int):
    """Valid document XML of about ``size`` bytes, compressing about 90:1."""
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'.encode()
    paragraph = ("<w:p><w:r><w:t>本年度主动公开政府信息一百二十条。</w:t></w:r></w:p>" * 64).encode()
    for _ in range(max(1, size // len(paragraph))):
        yield paragraph
    yield b"</w:body></w:document>"


def xml_bomb_docx(scale: float = 1.0) -> bytes:
    """An honest archive whose ``document.xml`` is 249 MB × scale of valid XML."""
    compressed, crc, size = _deflated(_paragraphs(int(249 * MIB * scale)), level=1)
    return _package(_Entry("word/document.xml", compressed, crc, size))


def many_parts_docx(parts: int, size: int) -> bytes:
    """Honest XML parts, each small, together large."""
    entries = []
    for i in range(parts):
        compressed, crc, declared = _deflated(_paragraphs(size), level=1)
        entries.append(_Entry(f"word/part{i}.xml", compressed, crc, declared))
    document, crc, declared = _deflated(_paragraphs(1000))
    return _package(_Entry("word/document.xml", document, crc, declared), *entries)


def bzip2_docx() -> bytes:
    """An entry compressed with bzip2 (which zipfile inflates without a bound per read)."""
    import bz2

    data = bytes(64 * MIB)
    return _package(_Entry("word/document.xml", bz2.compress(data), zlib.crc32(data), len(data),
                           zipfile.ZIP_BZIP2))


def grid_span_docx(seed_docx: bytes, span: int = 10 ** 9) -> bytes:
    """The seed's first table with one cell spanning ``span`` grid columns."""
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as source:
        entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    xml = entries["word/document.xml"].decode("utf-8")
    at = xml.index("<w:tc>") + len("<w:tc>")
    entries["word/document.xml"] = (xml[:at] + f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' + xml[at:]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


# ---------------------------------------------------------------- web pages


def rowspan_grid_html(rows: int = 300, cells: int = 20, rowspan: int = 1000) -> bytes:
    """Every cell spans ``rowspan`` rows (issue 13: 300 × 20, rowspan 1000, 140 KB)."""
    row = "<tr>" + f'<td rowspan="{rowspan}">1</td>' * cells + "</tr>\n"
    return f"<html><body><table>{row * rows}</table></body></html>".encode()


def colspan_html(rows: int = 300, colspan: int = 1000) -> bytes:
    row = f'<tr><td colspan="{colspan}">行</td><td>1</td></tr>\n'
    return f"<html><body><table>{row * rows}</table></body></html>".encode()


def nested_tables_html(levels: int = 100_000, cells: int = 1) -> bytes:
    """Tables nested ``levels`` deep (issue 13: 100,000 levels, 4.3 MB)."""
    before = "<td>一</td>" * (cells - 1)
    opening = f"<table><tr>{before}<td>"
    return ("<html><body>" + opening * levels + "一、总体情况" + "</td></tr></table>" * levels
            + "</body></html>").encode()


def inline_run_html(count: int = 1_000_000) -> bytes:
    """One paragraph of ``count`` inline elements (one text node each)."""
    return ("<html><body><p>" + "<span>字</span>" * count + "</p></body></html>").encode()


# ---------------------------------------------------------------- wrong encodings and formats


def big5_text(text: str) -> bytes:
    """``text`` in Big5 (characters Big5 lacks dropped)."""
    return text.encode("big5", errors="ignore")


def binary_as_gb18030(size: int = 64 * 1024, seed: int = 7) -> bytes:
    """Bytes with no NUL and few control characters that decode as GB18030."""
    import random

    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        lead = rng.randrange(0x81, 0xFF)
        trail = rng.choice([rng.randrange(0x40, 0x7F), rng.randrange(0x80, 0xFF)])
        out += bytes((lead, trail))
        if rng.random() < 0.05:
            out += bytes((rng.randrange(0x20, 0x7F),))
    return bytes(out)


#: file names that are hard to print or could forge output, as bytes
HOSTILE_NAMES = [
    b"gbk \xb1\xa8\xb8\xe6.txt",  # 报告 in GBK: not UTF-8
    b"new\nline.txt",
    b"escape \x1b[2J\x1b]0;title\x07.txt",
    b"percent %0A colon: comma,.txt",
    b"xml <&>\"' ]]>.txt",
    b"bidi \xe2\x80\xae.txt",  # U+202E RIGHT-TO-LEFT OVERRIDE
    b"carriage\rreturn.txt",
    b"tab\tand del\x7f.txt",
    b"backslash \\x41.txt",
]


# ---------------------------------------------------------------- PDF


def pdf_file(objects: list[bytes], trailer: str = "") -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 the catalog) with its
    cross-reference table; ``trailer`` is added to the trailer dictionary."""
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, entries: str = "") -> bytes:
    return f"<< /Length {len(data)} {entries}>>\nstream\n".encode() + data + b"\nendstream"


def _zeros_deflate(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes, about 1,000 times smaller,
    built in milliseconds (compressing 2 GiB takes 17 s): one MiB of zeros
    compressed and flushed to a byte boundary with the window reset, repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(size, MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return block * whole + compressor.compress(bytes(rest)) + compressor.flush()


def zeros_zlib(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes (:func:`_zeros_deflate` with its header and checksum)."""
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: a = 1, b = size
    return b"\x78\xda" + _zeros_deflate(size) + struct.pack(">L", adler)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages(contents: list[bytes], filters: str = "", resources: str = "/Font << /F1 3 0 R >>",
              *more: bytes) -> bytes:
    """A PDF with one page per content stream (already encoded with
    ``filters``), Helvetica as /F1; ``more`` objects follow from number
    ``4 + 2 × pages``."""
    count = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
               FONT]
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
                       f"/Resources << {resources} >> >>".encode())
        objects.append(_stream(content, f"/Filter {filters} " if filters else ""))
    return pdf_file(objects + list(more))


def text_page(lines: int = 30, page: int = 1) -> bytes:
    """The content of a page of ``lines`` lines of text."""
    shown = "".join(f"1 0 0 1 72 {800 - 24 * i} Tm (Page {page} line {i}: the annual report of an office, "
                    f"items {i * 7} and {i * 11}.) Tj\n" for i in range(lines))
    return f"BT /F1 10 Tf\n{shown}ET\n".encode()


def pdf_bomb(scale: float = 1.0) -> bytes:
    """One page whose content stream inflates to 2 GiB × scale of zeros
    (issue 13: a 2 MB PDF, 57 s and 4.1 GB, then E007)."""
    return pdf_pages([zeros_zlib(int(2 * GIB * scale))], "/FlateDecode")


def many_pages_pdf(pages: int = 2000) -> bytes:
    """``pages`` pages of text, uncompressed (issue 13: 2,000 pages, 3 MB, 131 s and 2.6 GB)."""
    return pdf_pages([text_page(15, n) for n in range(1, pages + 1)])


# ---------------------------------------------------------------- the catalogue


TRADITIONAL = ("臺北市政府資訊公開工作年度報告\n一、總體情況\n本年度本機關認真貫徹落實政府資訊公開條例，"
               "主動公開政府資訊一百二十條，收到政府資訊公開申請五件，均已按時答覆。\n"
               "二、主動公開政府資訊情況\n三、收到和處理政府資訊公開申請情況\n") * 8

#: file name → the E code it must get (None: read as a report, no E finding)
EXPECTED = {
    "lying entry.docx": "E001",  # declares 2,000 bytes, inflates to 1 GiB
    "lying xml.docx": "E001",  # document.xml declares 1 MB, inflates to 40 MB
    "xml bomb.docx": "E009",  # an honest 249 MB document.xml at 160:1
    "many parts.docx": "E009",  # five honest 2 MB XML parts
    "bzip2.docx": "E001",
    "grid span.docx": None,  # gridSpan 10^9 in the seed's first table
    "rowspan grid.html": "E009",  # 300 rows × 20 cells, rowspan 1000
    "nested tables.html": "E009",  # 100,000 levels
    "nested tables 8000.html": None,
    "inline run.html": "E009",  # a million inline elements in one paragraph
    "colspan.html": None,
    "unclosed end tags.html": "E009",  # quadratic in the standard library's parser; then 4M characters
    "many attributes.html": "E009",
    "entities.html": "E009",
    "pdf bomb.pdf": "E009",  # a content stream of 2 MB inflating to 2 GiB
    "many pages.pdf": "E009",  # 2,000 pages of text, 3 MB
    "pages at the limit.pdf": None,  # as many pages as a PDF may have (limits.PDF_PAGES), read
    "big5.txt": "E002",
    "binary as gb18030.txt": "E004",
    "pdf named.txt": "E004",
    "docx named.txt": "E004",
    "good.txt": None,
    "good.docx": None,
    "good.html": None,
    "good.pdf": None,
}
#: the good reports among them, whose findings must not change
GOOD = ("good.txt", "good.docx", "good.html", "good.pdf")


def lying_xml_docx(size: int = 40 * MIB, declared: int = MIB) -> bytes:
    """Valid document XML of ``size`` bytes whose entry declares ``declared``."""
    data, crc, _ = _deflated(_paragraphs(size), level=1)
    return _package(_Entry("word/document.xml", data, crc, declared))


def bomb_files(seed: Path, pdf: Path) -> dict[str, bytes]:
    """Every file of :data:`EXPECTED` by name, at the size issue 13 reported
    it at: ``seed`` a report as text (also written as .docx and .html),
    ``pdf`` a real report as PDF."""
    from .. import limits
    from ..run.pipeline import read_document
    from ..run.plugins import load_plugins
    from .formats import to_docx, to_html

    doc = read_document(str(seed), readers=load_plugins().readers)
    seed_docx = to_docx(doc)
    return {
        "lying entry.docx": lying_entry_docx(),
        "lying xml.docx": lying_xml_docx(),
        "xml bomb.docx": xml_bomb_docx(),
        "many parts.docx": many_parts_docx(5, 2 * MIB),
        "bzip2.docx": bzip2_docx(),
        "grid span.docx": grid_span_docx(seed_docx),
        "rowspan grid.html": rowspan_grid_html(),
        "nested tables.html": nested_tables_html(),
        "nested tables 8000.html": nested_tables_html(8000, cells=2),
        "inline run.html": inline_run_html(),
        "colspan.html": colspan_html(),
        "unclosed end tags.html": b"<p>x</p>" + b"</" * 2_000_000,
        "many attributes.html": b"<p " + b"a=1 " * 1_000_000 + b">x</p>",
        "entities.html": b"<p>" + b"&amp;" * 1_000_000 + b"</p>",
        "pdf bomb.pdf": pdf_bomb(),
        "many pages.pdf": many_pages_pdf(2000),
        "pages at the limit.pdf": many_pages_pdf(limits.PDF_PAGES),
        "big5.txt": big5_text(TRADITIONAL),
        "binary as gb18030.txt": binary_as_gb18030(),
        "pdf named.txt": pdf.read_bytes(),
        "docx named.txt": seed_docx,
        "good.txt": seed.read_bytes(),
        "good.docx": seed_docx,
        "good.html": to_html(doc),
        "good.pdf": pdf.read_bytes(),
    }


# ---------------------------------------------------------------- folders of the other cases

#: a raw control character in UTF-8 output (C0, DEL, C1, line and paragraph separators, bidi overrides)
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]")
#: what the hostile names' report says after its second heading: control characters of every kind
CONTROL_TEXT = "\x1b[2J\x1b]0;title\x07\x85\u202e"


def names_folder(top: Path, seed_text: str) -> Path:
    """``top`` holding the seed (its second heading followed by
    :data:`CONTROL_TEXT`) under each of :data:`HOSTILE_NAMES`."""
    text = seed_text.replace("二、主动公开政府信息的情况", "二、主动公开政府信息的情况" + CONTROL_TEXT)
    for name in HOSTILE_NAMES:
        with open(os.path.join(os.fsencode(top), name), "wb") as handle:
            handle.write(text.encode("utf-8"))
    return top


MISBEHAVING_RULES = '''
from govlint import Rule, Severity


class Hostile(Rule):
    """Misbehaves on the files whose name says how.

    What it does
    ------------
    Loops, allocates without end, exits or interrupts.

    Why
    ---
    To test that a run survives it.

    Example
    -------
    -

    References
    ----------
    -
    """

    code = "X901"
    name = "hostile"
    severity = Severity.INFO

    def check(self, doc):
        if "loops" in doc.path:
            while True:
                pass
        if "hungry" in doc.path:
            held = []
            while True:
                held.append(bytearray(64 * 1024 * 1024))
        if "exits" in doc.path:
            raise SystemExit(0)
        if "interrupts" in doc.path:
            raise KeyboardInterrupt
        return ()
'''

#: the files of :func:`misbehaving_folder`, each named for what rule X901 does on it
MISBEHAVING = ("good", "loops", "hungry", "exits", "interrupts")


def misbehaving_folder(top: Path, seed: bytes) -> Path:
    """``top`` configured with rule X901 (:data:`MISBEHAVING_RULES`) and the
    seed under each name of :data:`MISBEHAVING`."""
    (top / "rules").mkdir()
    (top / "rules" / "hostile.py").write_text(MISBEHAVING_RULES, encoding="utf-8")
    (top / "govlint.toml").write_text('rule-paths = ["rules"]\n', encoding="utf-8")
    for name in MISBEHAVING:
        (top / f"{name}.txt").write_bytes(seed)
    return top


def regex_folder(top: Path, seed: bytes, pattern: str = "(a+)+$", line: bytes = b"a" * 33 + b"!") -> Path:
    """``top`` configured with a declarative ``regex = true`` rule L001
    forbidding ``pattern`` (issue 13: ``(a+)+$`` never finished on a line of
    34 characters), ``catastrophic.txt`` the seed with that line, ``good.txt`` the seed."""
    (top / "govlint.toml").write_text('rules-files = ["rules.toml"]\n', encoding="utf-8")
    (top / "rules.toml").write_text(
        f'[[rule]]\ncode = "L001"\nname = "catastrophic"\nmessage = "匹配：{{match}}"\nforbidden = {pattern!r}\n'
        'regex = true\n', encoding="utf-8")
    (top / "good.txt").write_bytes(seed)
    (top / "catastrophic.txt").write_bytes(seed + b"\n" + line + b"\n")
    return top
