"""From a path (or bytes) to a :class:`~govlint.model.Document`.

``read_document`` never raises for bad input: a file that cannot be read,
is empty, binary, of an unsupported type, too large, or that makes a reader
fail comes back as a Document whose ``problems`` say so (the E rules report
them), so a run over many files goes on.
"""

from __future__ import annotations

import os
from typing import Sequence

from . import outline
from .model import Document, InputProblem
from .normalize import is_blank
from .readers import Reader, ReadResult

#: Files larger than this are not read (a report is a few hundred KB; a PDF a few MB).
MAX_BYTES = 64 * 1024 * 1024


def reader_for(path: str, readers: Sequence[Reader]) -> Reader | None:
    """The reader claiming ``path``'s extension (case-insensitive)."""
    lower = path.lower()
    for reader in readers:
        if lower.endswith(reader.extensions):
            return reader
    return None


def _failed(path: str, fmt: str, kind: str, message: str) -> Document:
    return Document(path=path, format=fmt, problems=(InputProblem(kind, message, fatal=True),))


def read_document(path: str, data: bytes | None = None, *, readers: Sequence[Reader]) -> Document:
    """Read ``path`` (or parse ``data`` as if it were that file) into a Document."""
    reader = reader_for(path, readers)
    if reader is None:
        ext = os.path.splitext(path)[1] or "（无扩展名）"
        known = "、".join(sorted({e for r in readers for e in r.extensions}))
        return _failed(path, "unknown", "unsupported", f"不支持的文件类型 {ext}（支持：{known}）")
    if data is None:
        try:
            size = os.path.getsize(path)
            if size > MAX_BYTES:
                return _failed(path, reader.name, "too-large",
                               f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_BYTES // 1048576} MB），未检查")
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return _failed(path, reader.name, "unreadable", f"无法读取文件：{exc.strerror or exc}")
    elif len(data) > MAX_BYTES:
        return _failed(path, reader.name, "too-large",
                       f"输入过大（{len(data) / 1048576:.0f} MB，上限 {MAX_BYTES // 1048576} MB），未检查")
    if not data.strip():
        return _failed(path, reader.name, "empty", "文件为空")
    try:
        result = reader.read(data, path)
    except Exception as exc:  # a reader must never take the run down
        return _failed(path, reader.name, "unreadable", f"读取失败（{reader.name}）：{type(exc).__name__}: {exc}")
    return document_from(path, result)


def document_from(path: str, result: ReadResult) -> Document:
    """Build the Document (outline included) from a reader's result."""
    problems = result.problems
    if not any(p.fatal for p in problems) and not any(
        not is_blank(getattr(b, "text", "x")) for b in result.blocks
    ):
        problems = problems + (InputProblem("empty", "文件中没有任何文字内容", fatal=True),)
    found = outline.build(result.blocks)
    return Document(
        path=path,
        format=result.format,
        lines=result.lines,
        blocks=result.blocks,
        sections=found.sections,
        subitems=found.subitems,
        title=found.title,
        organ=found.organ,
        year=found.year,
        problems=problems,
        preamble=found.preamble,
    )
