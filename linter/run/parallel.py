"""Checking many files on several processes (``govlint check --jobs N``).

:func:`run` calls ``work(i)`` for every index and returns the results in
index order, whatever order the workers finish in, so a parallel run
prints exactly what a serial one does.  The indices go to the workers in
chunks (a few per worker, so that a slow file does not leave a core idle
for long).  The workers are forked from the calling process: they inherit
the plugins and everything already loaded (templates, tokenizer), so no
worker loads them again, and ``work`` need not be picklable; only the
indices and the results cross between processes.  Where processes cannot
be forked (Windows), the run is serial.

A worker that dies (killed, out of memory, a crash in a C library on a
hostile file) never takes the other files' results with it: the chunks it
had are run again one file per task, and a file that kills its worker
when run alone gets ``crashed(i)`` as its result.  Workers ignore Ctrl-C
(the calling process handles it), so no worker prints a traceback.
"""

from __future__ import annotations

import os
import signal
from typing import Callable, Generic, Sequence, TypeVar

R = TypeVar("R")

#: chunks per worker: enough to balance the load, few enough to keep the overhead low
CHUNKS_PER_WORKER = 4
MAX_CHUNK = 64

_work: Callable[[int], object] | None = None  # set in the calling process, inherited by the workers


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked (not on Windows)."""
    return hasattr(os, "fork")


class _Runner(Generic[R]):
    """The results of one :func:`run` so far, by index."""

    def __init__(self, count: int, progress: Callable[[int, int], None] | None):
        self.count, self.progress = count, progress
        self.results: dict[int, R] = {}

    def pool(self, chunks: Sequence[Sequence[int]], jobs: int) -> list[Sequence[int]]:
        """Run ``chunks`` on ``jobs`` workers; the chunks whose worker died
        (or whose task raised: ``work`` is not expected to)."""
        import multiprocessing  # imported here: a serial run does without it
        from concurrent.futures import ProcessPoolExecutor, as_completed

        failed = []
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_quiet) as pool:
            futures = {pool.submit(_run_chunk, chunk): chunk for chunk in chunks}
            for future in as_completed(futures):
                try:
                    results = future.result()
                except Exception:  # BrokenProcessPool: a worker died
                    failed.append(futures[future])
                    continue
                self.results.update(zip(futures[future], results))
                if self.progress is not None:
                    self.progress(len(self.results), self.count)
        return failed


def run(count: int, work: Callable[[int], R], jobs: int, *, crashed: Callable[[int], R],
        progress: Callable[[int, int], None] | None = None) -> list[R]:
    """``[work(i) for i in range(count)]`` on up to ``jobs`` processes (see
    the module docstring); ``progress(done, count)`` as results arrive."""
    global _work
    jobs = min(jobs, count)
    if jobs <= 1 or not can_fork():
        results = []
        for i in range(count):
            if progress is not None:
                progress(i, count)
            results.append(work(i))
        return results
    size = max(1, min(MAX_CHUNK, -(-count // (jobs * CHUNKS_PER_WORKER))))
    chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    runner: _Runner[R] = _Runner(count, progress)
    _work = work
    try:
        failed = runner.pool(chunks, jobs)
        if failed:  # innocent files shared the dead workers' chunks: run each alone
            suspects = [[i] for chunk in failed for i in chunk]
            for [i] in runner.pool(suspects, min(jobs, len(suspects))):
                if runner.pool([[i]], 1):  # it kills a worker of its own
                    runner.results[i] = crashed(i)
    finally:
        _work = None
    return [runner.results[i] for i in range(count)]


def _quiet() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(chunk: Sequence[int]) -> list:
    assert _work is not None
    return [_work(i) for i in chunk]
