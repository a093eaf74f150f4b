"""Build test documents: .docx and .html reports from a report read as
text (for the reader tests and the one-report-one-verdict test), and small
PDFs (a scan, a bare page with a trailer of one's choice).

The .docx and .html writers are govlint's own (:mod:`govlint.testing.formats`,
shared with the generated reports of the false-error tests and bench): the
table structure a text extraction lost is put back the way Word has it
(merged cells, DOMAIN.md §2.8), and the section headings numbered ``一、`` …
become Word list paragraphs whose numeral comes from ``numbering.xml``.
"""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from govlint.testing.formats import headings, to_docx, to_html
from govlint.testing.hostile import pdf_file

__all__ = ["encrypted_pdf", "headings", "image_pdf", "minimal_pdf", "to_docx", "to_html", "zip_of"]


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
    return pdf_file(objects, f"{trailer} " if trailer else "")


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
