"""A progress bar on stderr for long runs (``govlint check``/``report``
over many files), shown only when stderr is a terminal so that logs and
pipes stay clean::

    检查中 [##########··········]  50/100
"""

from __future__ import annotations

import sys
from typing import Callable, TextIO

#: runs over fewer files finish too soon for a bar to help
MIN_FILES = 10
WIDTH = 30


class ProgressBar:
    """``bar(done, total)`` redraws the bar on ``stream``; the line is
    cleared when ``done == total``."""

    def __init__(self, stream: TextIO, minimum: int = MIN_FILES):
        self.stream, self.minimum = stream, minimum

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        if done >= total:
            self.stream.write("\r\x1b[K")
        else:
            filled = WIDTH * done // total
            self.stream.write(f"\r检查中 [{'#' * filled}{'·' * (WIDTH - filled)}] {done:>{len(str(total))}}/{total}")
        self.stream.flush()


def progress_bar(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A ProgressBar on ``stream`` (default stderr) if it is a terminal, else None."""
    stream = stream or sys.stderr
    return ProgressBar(stream) if stream.isatty() else None
