"""Hostile files, generated at test time (never checked in): decompression
and layout bombs, files in the wrong encoding or format, and file names
that try to break or forge the output.

Each builder takes a ``scale`` (1.0: the size the defect was reported at,
issue 13; the tests use smaller ones where the mechanism, not the size, is
what is tested) and returns the file's bytes.  Zip archives are written by
hand where the archive has to lie about itself.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
).encode()
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
).encode()
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
    compressed, _, _ = _deflated(_zeros(int(GIB * scale)))
    crc = zlib.crc32(bytes(2000))
    return _package(_Entry("word/document.xml", compressed, crc, 2000))


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


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 the catalog) with its cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, entries: str = "") -> bytes:
    return f"<< /Length {len(data)} {entries}>>\nstream\n".encode() + data + b"\nendstream"


def zeros_zlib(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes, about 1,000 times smaller, built
    in milliseconds (compressing 2 GiB takes 17 s): one MiB of zeros
    compressed and flushed to a byte boundary with the window reset, repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(size, MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = compressor.compress(bytes(rest)) + compressor.flush()
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: a = 1, b = size
    return b"\x78\xda" + block * whole + tail + struct.pack(">L", adler)


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
    return _pdf(objects + list(more))


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
