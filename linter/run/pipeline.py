"""From a path (or bytes) to a :class:`~govlint.recognise.report.Report`.

``read_document`` never raises for bad input: a file that cannot be read,
is empty, binary, of an unsupported type, too large, or that makes a reader
fail comes back as a Report whose ``problems`` say so (the E rules report
them), so a run over many files goes on.  ``read_source`` is its first
half, the file's bytes (which the results cache hashes) or that Report.
Sizes are checked before anything is read (:data:`govlint.limits.SIZE_LIMITS`
and :data:`~govlint.limits.MAX_BYTES`).
"""

from __future__ import annotations

import os
import stat
from typing import Sequence

from .. import limits
from ..model import Block, InputProblem, Table
from ..normalize import is_blank
from ..read import Reader, ReadResult
from ..recognise import outline
from ..recognise.report import Report
from .parallel import BudgetExceeded, Interrupts

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def reader_for(path: str, readers: Sequence[Reader]) -> Reader | None:
    """The reader claiming ``path``'s extension (case-insensitive)."""
    lower = path.lower()
    for reader in readers:
        if lower.endswith(reader.extensions):
            return reader
    return None


def size_limit(reader: Reader) -> int:
    """The largest input ``reader`` is given, in bytes (never above :data:`~govlint.limits.MAX_BYTES`)."""
    return min(limits.SIZE_LIMITS.get(reader.name, limits.MAX_BYTES), limits.MAX_BYTES)


def failed(path: str, fmt: str, kind: str, message: str) -> Report:
    """A Report of a file that could not be read, with one fatal problem."""
    return Report(path=path, format=fmt, problems=(InputProblem(kind, message, fatal=True),))


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.1f}".removesuffix(".0")


def _too_large(path: str, reader: Reader, size: int, what: str = "文件") -> Report:
    return failed(path, reader.name, "too-large",
                   f"{what}过大（{_megabytes(size)} MB，{reader.name} 格式上限 {_megabytes(size_limit(reader))} MB），未检查")


def read_source(path: str, readers: Sequence[Reader]) -> bytes | Report:
    """The bytes of file ``path``, or the Report saying why there are
    none: no reader for it, not a regular file (a directory, a FIFO that
    would block), too large (the size is checked before reading, and at
    most the limit is read should the file grow meanwhile), unreadable."""
    reader = reader_for(path, readers)
    if reader is None:
        return _unsupported(path, readers)
    limit = size_limit(reader)
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below)
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | _NONBLOCK)) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return failed(path, reader.name, "unreadable", "不是普通文件，未读取")
            if info.st_size > limit:
                return _too_large(path, reader, info.st_size)
            data = handle.read(limit + 1)
    except OSError as exc:
        return failed(path, reader.name, "unreadable", f"无法读取文件：{exc.strerror or exc}")
    return _too_large(path, reader, len(data)) if len(data) > limit else data


def _unsupported(path: str, readers: Sequence[Reader]) -> Report:
    ext = os.path.splitext(path)[1] or "（无扩展名）"
    known = "、".join(sorted({e for r in readers for e in r.extensions}))
    return failed(path, "unknown", "unsupported", f"不支持的文件类型 {ext}（支持：{known}）")


def read_document(path: str, data: bytes | None = None, *, readers: Sequence[Reader]) -> Report:
    """Read ``path`` (or parse ``data`` as if it were that file) into a Report."""
    if data is None:
        source = read_source(path, readers)
        if isinstance(source, Report):
            return source
        data = source
    reader = reader_for(path, readers)
    if reader is None:
        return _unsupported(path, readers)
    if len(data) > size_limit(reader):
        return _too_large(path, reader, len(data), "输入")
    if not data.strip():
        return failed(path, reader.name, "empty", "文件为空")
    try:
        return document_from(path, reader.read(data, path))
    except MemoryError:
        return failed(path, reader.name, "budget",
                      "读取所需内存超过上限，未读取：确属正常报告的，可用 --memory-limit 或配置项 memory-limit 调高上限")
    except BudgetExceeded:
        raise
    except KeyboardInterrupt:
        if Interrupts.from_user():
            raise
        return failed(path, reader.name, "unreadable", f"读取失败（{reader.name}）：读取器引发了 KeyboardInterrupt")
    except BaseException as exc:  # a reader must never take the run down (RecursionError, a plugin's SystemExit too)
        return failed(path, reader.name, "unreadable", f"读取失败（{reader.name}）：{type(exc).__name__}: {exc}")


def _has_text(block: Block) -> bool:
    if isinstance(block, Table):
        return any(not cell.is_blank for row in block.rows for cell in row.cells)
    return not is_blank(block.text)


def _characters(block: Block) -> int:
    if isinstance(block, Table):
        return sum(len(cell.text) for row in block.rows for cell in row.cells)
    return len(block.text)


def document_from(path: str, result: ReadResult) -> Report:
    """Build the Report (outline included) from a reader's result; one
    holding more text than :data:`govlint.limits.TEXT_CHARS` is refused
    (E009) before anything is recognised in it."""
    problems = result.problems
    if not any(p.fatal for p in problems):
        characters = sum(map(_characters, result.blocks))
        if characters > limits.TEXT_CHARS:
            return failed(path, result.format, "budget",
                          f"文件的文字超过 {limits.TEXT_CHARS} 个字符（上限，现有 {characters} 个），"
                          "远多于任何一份年度报告，未检查")
    if not any(p.fatal for p in problems) and not any(map(_has_text, result.blocks)):
        problems = problems + (InputProblem("empty", "文件中没有任何文字内容", fatal=True),)
    found = outline.build(result.blocks)
    return Report(
        path=path,
        format=result.format,
        lines=result.lines,
        blocks=found.blocks,
        sections=found.sections,
        subitems=found.subitems,
        title=found.title,
        organ=found.organ,
        year=found.year,
        problems=problems,
        preamble=found.preamble,
        page_date=result.page_date,
    )
