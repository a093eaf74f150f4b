"""A PDF's streams inflated within a budget: a decompression bomb is
stopped a few MB in, not after gigabytes (:data:`~govlint.limits.PDF_INFLATED`,
:data:`~govlint.limits.PDF_PAGE_CONTENT`).

pdfminer.six, which pdfplumber uses, decodes a stream whole the first time
it is used (``PDFStream.decode``: ``zlib.decompress`` and the LZW and
run-length decoders, none of them bounded): a page's content, the forms it
draws, its fonts, the object and cross-reference streams.  While a PDF is
read under :func:`budget`, ``PDFStream.decode`` is :func:`_decode`, which
decodes exactly as pdfminer does (the same filters and predictors, the
same tolerance of a damaged end of stream, the same empty result for data
damaged earlier) but inflates a piece at a time and stops as soon as the
stream would take more than the budget left: the document's, or, while
the content of a page is decoded before the page is interpreted
(:meth:`Budget.page`), the page's.  Outside a budget (another user of
pdfminer in the process, another thread) pdfminer's own ``decode`` runs,
unchanged.

pdfplumber turns every exception from pdfminer into its own, and pdfminer
catches some itself, so the budget does not rely on its exception getting
through: it records what was exceeded, and the reader asks it
(:meth:`Budget.check`) after every step.
"""

from __future__ import annotations

import io
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator

from ... import limits
from ...regexes import compile_re
from ..support import InputError

#: what drawing a form counts at least, in bytes of content: drawing one
#: costs pdfminer some 40 µs, what it takes to read 50-250 bytes of content
#: (a page drawing an empty form over and over is bounded too)
FORM_DRAW = 256
#: compressed bytes fed to zlib at a time (a damaged stream is replayed a
#: byte at a time from the start of its piece to find where it breaks)
PIECE = 64 * 1024

_ACTIVE: ContextVar[Budget | None] = ContextVar("govlint_pdf_budget", default=None)


class OverBudget(Exception):
    """A stream would take more than the budget left (raised inside pdfminer)."""


class Budget:
    """What the streams of one document may still inflate to."""

    def __init__(self) -> None:
        self.left = limits.PDF_INFLATED
        #: while a page's content is decoded: what the page may still take
        self.room: int | None = None
        self.page_number = 0
        #: the message of the first limit exceeded
        self.exceeded: str | None = None

    def limit(self) -> int:
        """The most the stream being decoded may inflate to."""
        return self.left if self.room is None else min(self.left, self.room)

    def over(self) -> None:
        """Record the limit the stream being decoded exceeds, and stop it."""
        if self.exceeded is None:
            if self.room is not None and self.room <= self.left:
                size = limits.PDF_PAGE_CONTENT
                self.exceeded = (f"PDF 第{self.page_number}页的内容（解压后，连同其绘制的表单）超过 {_mb(size)} MB"
                                 "（上限），远多于任何一份年度报告的一页，未读取")
            else:
                self.exceeded = (f"PDF 文件的数据流解压后超过 {_mb(limits.PDF_INFLATED)} MB（上限），"
                                 "远大于任何一份年度报告，未读取")
        raise OverBudget(self.exceeded)

    def check(self) -> None:
        """InputError (``budget``, E009) once a limit has been exceeded."""
        if self.exceeded is not None:
            raise InputError("budget", self.exceeded)

    def page(self, page: Any, number: int) -> None:
        """Decode what page ``number`` (a pdfminer ``PDFPage``) makes the
        interpreter read — its content streams and every form they draw, as
        often as they draw it (:data:`FORM_DRAW` bytes at least), forms
        within forms too — within
        :data:`~govlint.limits.PDF_PAGE_CONTENT` in all, before the page is
        interpreted (pdfminer reads some 1 MB of content a second, far less
        where it draws much).  InputError (E009) over it."""
        self.page_number, self.room = number, limits.PDF_PAGE_CONTENT
        walk = _Walk(self)
        try:
            for stream in list(page.contents):
                walk.interpret(stream, page.resources)
        except OverBudget:
            pass
        except RecursionError:  # forms nested deeper than the stack: pdfminer fails on them too
            pass
        finally:
            self.room = None
        self.check()


#: a form drawn by a content stream: ``/Name Do``
_DRAW = compile_re(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)[\x00\t\n\x0c\r ]+Do(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|$)")
_ESCAPE = compile_re(rb"#([0-9A-Fa-f]{2})")


class _Walk:
    """The content streams one page interprets, decoded and counted against
    the page's room (``Budget.room``) as the interpreter would read them."""

    def __init__(self, budget: Budget):
        from pdfminer.pdftypes import PDFStream, resolve1
        from pdfminer.psparser import LIT

        self.budget, self.stream_type, self.resolve, self.form = budget, PDFStream, resolve1, LIT("Form")
        self.drawn: dict[int, tuple[Any, list[str]]] = {}  # a stream's id → it (so the id stays its) and what it draws
        self.active: set[int] = set()  # the streams being interpreted (pdfminer refuses to draw them again)

    def interpret(self, stream: Any, resources: Any, least: int = 0) -> None:
        """Count ``stream`` (``least`` bytes at least) and, resolved in ``resources``, what it draws."""
        try:
            stream = self.resolve(stream)
            if not isinstance(stream, self.stream_type) or id(stream) in self.active:
                return
            data = stream.get_data()
            own = self.resolve(stream.get("Resources"))
        except OverBudget:
            raise
        except Exception:  # damaged: pdfminer copes, or says so, when it interprets the page
            return
        self.budget.room -= max(len(data), least)
        if self.budget.room < 0:
            self.budget.over()
        if own:  # a form without resources of its own uses its caller's, as pdfminer does
            resources = own
        if id(stream) not in self.drawn:
            self.drawn[id(stream)] = (stream, [_name(m) for m in _DRAW.findall(data)])
        names = self.drawn[id(stream)][1]
        if not names:
            return
        forms = self._forms(resources)
        self.active.add(id(stream))
        for name in names:
            form = forms.get(name)
            if form is not None and self._is_form(form):
                self.interpret(form, resources, FORM_DRAW)
        self.active.discard(id(stream))

    def _forms(self, resources: Any) -> dict:
        try:
            xobjects = self.resolve(resources.get("XObject")) if isinstance(resources, dict) else None
        except Exception:  # a damaged reference: the interpreter finds no form either
            return {}
        return xobjects if isinstance(xobjects, dict) else {}

    def _is_form(self, value: Any) -> bool:
        try:
            stream = self.resolve(value)
            return isinstance(stream, self.stream_type) and self.resolve(stream.get("Subtype")) is self.form
        except Exception:  # a damaged reference: the interpreter draws nothing
            return False


def _name(raw: bytes) -> str:
    """A name as pdfminer keys it in a dictionary."""
    raw = _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return str(raw)


def _mb(size: int) -> str:
    return f"{size / limits.MIB:g}"


@contextmanager
def budget() -> Iterator[Budget]:
    """Streams decoded in the ``with`` block (this thread) are within a new :class:`Budget`."""
    _install()
    current = Budget()
    token = _ACTIVE.set(current)
    try:
        yield current
    finally:
        _ACTIVE.reset(token)


def _install() -> None:
    """Make ``PDFStream.decode`` :func:`_decode` where a budget is active (once)."""
    from pdfminer.pdftypes import PDFStream

    if getattr(PDFStream.decode, "govlint_budget", False):
        return
    original = PDFStream.decode

    def decode(self: PDFStream) -> None:
        active = _ACTIVE.get()
        if active is None:
            return original(self)
        return _decode(self, active)

    decode.govlint_budget = True  # type: ignore[attr-defined]
    decode.__doc__ = original.__doc__
    PDFStream.decode = decode  # type: ignore[method-assign]


def _decode(stream: Any, budget: Budget) -> None:
    """pdfminer's ``PDFStream.decode`` as pdfminer.six 20260107 has it (the
    version pdfplumber 0.11.10 requires; the tests compare the two on every
    filter and on damaged data), each filter's output bounded by the budget."""
    from pdfminer import settings
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.ccitt import ccittfaxdecode
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.pdftypes import (
        LITERAL_CRYPT,
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_CCITTFAX_DECODE,
        LITERALS_DCT_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_JBIG2_DECODE,
        LITERALS_JPX_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
        int_value,
    )
    from pdfminer.runlength import rldecode
    from pdfminer.utils import apply_png_predictor, apply_tiff_predictor

    assert stream.data is None and stream.rawdata is not None, str((stream.data, stream.rawdata))
    data = stream.rawdata
    if stream.decipher:
        assert stream.objid is not None and stream.genno is not None
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters()
    if not filters:
        stream.data, stream.rawdata = data, None
        return
    for f, params in filters:
        limit = budget.limit()
        if f in LITERALS_FLATE_DECODE:
            data = _inflate(data, limit, budget.over, settings.STRICT)
        elif f in LITERALS_LZW_DECODE:
            data = _lzw(data, limit, budget.over)
        elif f in LITERALS_ASCII85_DECODE:
            if 4 * data.count(b"z") + len(data) > limit:  # "z" is four zero bytes, five letters four bytes
                budget.over()
            data = ascii85decode(data)
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif f in LITERALS_RUNLENGTH_DECODE:
            if _runlength_size(data) > limit:
                budget.over()
            data = rldecode(data)
        elif f in LITERALS_CCITTFAX_DECODE:
            columns = params.get("Columns") if isinstance(params, dict) else None
            if isinstance(columns, int) and len(data) * max(columns, 8) > limit:  # a row can take one bit
                budget.over()
            data = ccittfaxdecode(data, params)
        elif f in LITERALS_DCT_DECODE or f in LITERALS_JBIG2_DECODE or f in LITERALS_JPX_DECODE:
            pass  # images, passed on as they are
        elif f == LITERAL_CRYPT:
            raise PDFNotImplementedError("/Crypt filter is unsupported")
        else:
            raise PDFNotImplementedError(f"Unsupported filter: {f!r}")
        if params and "Predictor" in params:  # never makes data longer
            predictor = int_value(params["Predictor"])
            if predictor == 2 or predictor >= 10:
                colors = int_value(params.get("Colors", 1))
                columns = int_value(params.get("Columns", 1))
                bits = int_value(params.get("BitsPerComponent", 8))
                if predictor == 2:
                    data = apply_tiff_predictor(colors, columns, bits, data)
                else:
                    data = apply_png_predictor(predictor, colors, columns, bits, data)
            elif predictor != 1:
                raise PDFNotImplementedError(f"Unsupported predictor: {predictor!r}")
    budget.left -= len(data)
    stream.data, stream.rawdata = data, None


def _inflate(data: bytes, limit: int, over: Callable[[], None], strict: bool) -> bytes:
    """What pdfminer makes of FlateDecode ``data`` — ``zlib.decompress``,
    and where that fails ``decompress_corrupted``: what a truncated stream
    holds, the output up to a damaged checksum (an error in the last three
    bytes), nothing for data damaged earlier — inflated a piece at a time,
    ``over()`` as soon as it passes ``limit`` bytes."""
    from pdfminer.pdfexceptions import PDFException

    inflater = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), PIECE):
        piece = data[start:start + PIECE]
        before = inflater.copy()
        try:
            out += inflater.decompress(piece, limit - len(out) + 1)
        except zlib.error as exc:
            if strict:
                raise PDFException(f"Invalid zlib bytes: {exc!r}") from exc
            at = start + _replay(before, piece, out, limit, over)
            return bytes(out) if at >= len(data) - 3 else b""
        if len(out) > limit:
            over()
        if inflater.eof:  # what follows the end of the stream is ignored, as zlib.decompress does
            break
    if strict and not inflater.eof:
        raise PDFException("Invalid zlib bytes: incomplete or truncated stream")
    return bytes(out)


def _replay(inflater: Any, piece: bytes, out: bytearray, limit: int, over: Callable[[], None]) -> int:
    """Feed ``piece`` a byte at a time (as pdfminer's ``decompress_corrupted``
    does), adding to ``out`` what each byte gives: the index of the byte zlib
    refuses."""
    for index in range(len(piece)):
        try:
            out += inflater.decompress(piece[index:index + 1])
        except zlib.error:
            return index
        if len(out) > limit:
            over()
    return len(piece)


def _lzw(data: bytes, limit: int, over: Callable[[], None]) -> bytes:
    """pdfminer's ``lzwdecode``, stopped past ``limit`` bytes."""
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > limit:
            over()
    return bytes(out)


def _runlength_size(data: bytes) -> int:
    """The length of RunLengthDecode ``data`` decoded (a run of up to 128
    bytes is two bytes long), read from its length bytes."""
    size = index = 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        if length < 128:
            size, index = size + length + 1, index + length + 2
        else:
            size, index = size + 257 - length, index + 2
    return size
