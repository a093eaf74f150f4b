"""What the structured readers (.docx, .html, .pdf) share besides tables
(:mod:`.grid`) and prose (:mod:`.prose`).

* :class:`InputError`: a reader raises it for a file it cannot read (not a
  zip, encrypted, a scan, a library missing); the :func:`reader` decorator
  turns it into a fatal :class:`~govlint.model.InputProblem`, reported by
  the E rules.
* :func:`library`: the third-party library a format needs, imported only
  when such a file is read, with the install command when it is missing.
* :func:`table_cells`: the layout budget of a table with merged cells
  (:data:`~govlint.limits.TABLE_CELLS`), checked before :mod:`.grid` lays it out.
* :class:`ReadingOrder`: for formats without source lines (.docx, .pdf),
  ``line`` is the position of a paragraph line or table row in the
  document's reading order; this numbers them and keeps their text as the
  document's ``lines`` (shown under a finding and by ``govlint parse``).
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Callable, Iterable, Sequence

from .. import limits
from ..model import InputProblem
from . import ReadResult

ReadFunction = Callable[[bytes, str], ReadResult]


class InputError(Exception):
    """The file cannot be read: ``kind`` is the InputProblem kind (E rule),
    the message is Chinese and says what to do."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def reader(fmt: str) -> Callable[[ReadFunction], ReadFunction]:
    """Decorate a read function of format ``fmt``: an :class:`InputError`
    becomes a ReadResult with one fatal problem."""

    def decorate(read: ReadFunction) -> ReadFunction:
        @functools.wraps(read)
        def wrapper(data: bytes, path: str) -> ReadResult:
            try:
                return read(data, path)
            except InputError as exc:
                return ReadResult(fmt, problems=(InputProblem(exc.kind, exc.message, fatal=True),))

        return wrapper

    return decorate


def library(module: str, package: str, what: str) -> ModuleType:
    """Import ``module`` (from the PyPI ``package``) needed to read ``what``;
    InputError (``unsupported``) with the install command when missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(
            "unsupported",
            f"读取{what}需要 Python 包 {package}，当前环境未安装：请执行 "
            f"python3 -m pip install {package}（或在 govlint 目录重新执行 python3 -m pip install -e .）",
        ) from None


def table_cells(rows: Sequence, what: str) -> int:
    """How many cells the table of ``rows`` (:class:`~.grid.SourceRow` s)
    has once laid out: each row's own cells and a blank for every cell
    that covers it from above.  InputError (``budget``, E009) over
    :data:`~govlint.limits.TABLE_CELLS`; linear in the cells given."""
    ending: dict[int, int] = {}
    covering = total = 0
    for number, row in enumerate(rows):
        covering -= ending.pop(number, 0)
        total += len(row.spans) + covering
        if total > limits.TABLE_CELLS:
            raise InputError("budget", f"{what}合并单元格展开后超过 {limits.TABLE_CELLS} 个单元格（上限），"
                                       "远多于任何一份年度报告的表格，未读取")
        for span in row.spans:
            if span.rows > 1:
                covering += 1
                ending[number + span.rows] = ending.get(number + span.rows, 0) + 1
    return total


class ReadingOrder:
    """Line numbers in reading order, with each line's text."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str) -> int:
        """Number the next line (a paragraph line, or a row given as its cells' text)."""
        self.lines.append(text.replace("\n", " "))
        return len(self.lines)

    def add_row(self, cells: Iterable[str]) -> int:
        return self.add("\t".join(cells))

    @property
    def next(self) -> int:
        """The number the next line will get."""
        return len(self.lines) + 1
