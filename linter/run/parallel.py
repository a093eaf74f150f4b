"""Checking files in bounded work: on several processes (``govlint check
--jobs N``), each file under a watchdog (time and memory budget).

:func:`run` calls ``work(i)`` for every index and returns the results in
index order, whatever order the workers finish in, so a parallel run
prints exactly what a serial one does.  The indices go to the workers in
chunks, large first and smaller towards the end (:func:`guided_chunks`:
few round trips, and no worker left waiting long for the last chunk).  The workers are forked from the calling process: they inherit
the plugins and everything already loaded (templates, tokenizer), so no
worker loads them again, and ``work`` need not be picklable; only the
indices and the results cross between processes.  Where processes cannot
be forked (Windows), the run is serial.

A worker that dies (killed, out of memory, a crash in a C library on a
hostile file) never takes the other files' results with it: the chunks it
had are run again one file per task, and a file that kills its worker
when run alone gets ``crashed(i)`` as its result.  Workers ignore Ctrl-C
(the calling process handles it), so no worker prints a traceback.

**The watchdog** (:func:`watchdog`) holds the checking of one file to a
:class:`Budget`, in a serial run and in every worker alike:

* time: on Unix a ``SIGALRM`` timer (``setitimer``) raises
  :class:`BudgetExceeded` in the checking code when the time is up; where
  there is no such timer (Windows, or a check outside the main thread) a
  timer thread raises it asynchronously (``PyThreadState_SetAsyncExc``).
  Either way it is raised between two steps of Python code: a library call
  that never returns is interrupted only when it does.  So in a worker the
  kernel also stops the process once it has used twice the budget of CPU
  time (``RLIMIT_CPU``), and the file is reported as its worker's death;
* memory: on Linux the data segment may grow by at most the budget while
  the file is checked (``RLIMIT_DATA``, set from the process's size before
  the file and restored after it): an allocation beyond it fails, Python
  raises MemoryError, and that is the budget exceeded.  Elsewhere memory is
  not limited (best effort: a MemoryError is still reported as such).

:class:`BudgetExceeded` derives from BaseException, so ``except Exception``
in a reader or a plugin does not swallow it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Generic, Iterator, Sequence, TypeVar

import msgspec

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

R = TypeVar("R")

#: a chunk is this share of the files left for each worker (guided: large
#: chunks first, smaller towards the end, so that the workers finish
#: together), at most MAX_CHUNK and at least MIN_CHUNK files
CHUNKS_PER_WORKER = 4
MAX_CHUNK = 64
MIN_CHUNK = 2

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
    chunks = guided_chunks(count, jobs)
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


def guided_chunks(count: int, jobs: int) -> list[range]:
    """The indices ``0..count-1`` in consecutive chunks, each
    :data:`CHUNKS_PER_WORKER`-th of a worker's share of what is left
    (within :data:`MIN_CHUNK` and :data:`MAX_CHUNK`): a chunk left for the
    end is small, so no worker waits long for the last one."""
    chunks, start = [], 0
    while start < count:
        size = max(MIN_CHUNK, min(MAX_CHUNK, -(-(count - start) // (jobs * CHUNKS_PER_WORKER))))
        chunks.append(range(start, min(start + size, count)))
        start += size
    return chunks


def _quiet() -> None:
    """Set up a worker: Ctrl-C is the calling process's business; no core
    file if the CPU-time backstop ends it."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if resource is not None:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (OSError, ValueError):
            pass


def _run_chunk(chunk: Sequence[int]) -> list:
    assert _work is not None
    return [_work(i) for i in chunk]


# -- the watchdog --------------------------------------------------------------


class Budget(msgspec.Struct, frozen=True):
    """What checking one file may take: ``seconds`` of time and
    ``megabytes`` of memory beyond what the process held before (0: no limit)."""

    seconds: float = 0
    megabytes: float = 0


class BudgetExceeded(BaseException):
    """The file's budget ran out: ``kind`` is ``"time"`` or ``"memory"``."""

    kind = "time"


class _TimeUp(BudgetExceeded):
    """Raised by the timer (asynchronously: it must be made without arguments)."""


class _MemoryOut(BudgetExceeded):
    kind = "memory"


class Interrupts:
    """Tells the user's Ctrl-C from a KeyboardInterrupt that plugin code
    raises: while :meth:`watching`, the main thread's SIGINT handler notes
    that the user pressed it.  A KeyboardInterrupt the user did not cause
    is a crash of the code that raised it, not the end of the run."""

    active = False
    by_user = False

    @classmethod
    @contextmanager
    def watching(cls) -> Iterator[None]:
        main = threading.current_thread() is threading.main_thread()
        handler = signal.getsignal(signal.SIGINT)
        if handler is signal.SIG_IGN:  # nohup, a background job: no KeyboardInterrupt is the user's
            was, cls.active = cls.active, True
            try:
                yield
            finally:
                cls.active = was
            return
        if not main or handler is not signal.default_int_handler:
            yield  # someone else handles Ctrl-C: every KeyboardInterrupt counts as the user's
            return

        def pressed(signum, frame):
            cls.by_user = True
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGINT, pressed)
        cls.active, cls.by_user = True, False
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
            cls.active = False

    @classmethod
    def from_user(cls) -> bool:
        """Whether a KeyboardInterrupt now being handled may be the user's."""
        return cls.by_user or not cls.active


def debug_traceback(what: str, exc: BaseException | None = None) -> None:
    """With ``GOVLINT_DEBUG=1`` in the environment, print the traceback of
    ``exc`` (default: the exception being handled) to stderr, headed by
    ``what`` — for plugin authors: where their rule or plugin failed."""
    if os.environ.get("GOVLINT_DEBUG") == "1":
        import traceback

        print(f"govlint: {what}，回溯（GOVLINT_DEBUG=1）：", file=sys.stderr)
        if exc is None:
            traceback.print_exc(file=sys.stderr)
        else:
            traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.flush()


def guarded(call: Callable[[], R], crashed: Callable[[str], object]) -> tuple[bool, R | None]:
    """``(True, call())``, or ``(False, None)`` when plugin code in ``call``
    crashed — whatever it raised: an exception, SystemExit, or a
    KeyboardInterrupt the user did not cause (:class:`Interrupts`) —, the
    crash described to ``crashed`` (Chinese).  The watchdog's
    BudgetExceeded and MemoryError and the user's Ctrl-C go through."""
    try:
        return True, call()
    except (BudgetExceeded, MemoryError):
        raise  # the file, not the rule, is over budget
    except KeyboardInterrupt:
        if Interrupts.from_user():
            raise
        crashed("KeyboardInterrupt（由规则代码引发，不是用户中断）")
    except BaseException as exc:  # a broken plugin must not stop the run, not even with SystemExit
        crashed(f"{type(exc).__name__}: {exc}")
    return False, None


_IN_WORKER = False  # set in the workers: the CPU-time backstop applies there
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@contextmanager
def watchdog(budget: Budget) -> Iterator[None]:
    """Run the ``with`` block under ``budget`` (see the module docstring):
    BudgetExceeded when it runs out, a MemoryError included."""
    timer = _timer(budget.seconds) if budget.seconds > 0 else None
    memory = _memory_limit(budget.megabytes) if budget.megabytes > 0 else None
    cpu = _cpu_backstop(budget.seconds) if budget.seconds > 0 and _IN_WORKER else None
    try:
        if timer is not None:
            timer.start()
        yield
    except MemoryError:
        raise _MemoryOut() from None
    finally:
        if timer is not None:
            timer.cancel()
        if memory is not None:
            memory()
        if cpu is not None:
            cpu()


class _Timer:
    """Raises _TimeUp in this thread after ``seconds``, until cancelled."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def start(self) -> None:
        self.armed = True

    def cancel(self) -> None:
        self.armed = False


class _AlarmTimer(_Timer):
    """A ``SIGALRM`` interval timer (Unix, main thread)."""

    def start(self) -> None:
        self.previous = signal.signal(signal.SIGALRM, self._ring)
        if self.previous is None:  # installed outside Python
            self.previous = signal.SIG_DFL
        super().start()
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def _ring(self, signum, frame) -> None:
        if self.armed:
            self.armed = False
            raise _TimeUp()

    def cancel(self) -> None:
        super().cancel()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


class _ThreadTimer(_Timer):
    """A timer thread raising _TimeUp asynchronously in the checking thread."""

    def start(self) -> None:
        self.target = threading.get_ident()
        self.lock = threading.Lock()
        super().start()
        self.thread = threading.Timer(self.seconds, self._ring)
        self.thread.daemon = True
        self.thread.start()

    def _ring(self) -> None:
        import ctypes

        with self.lock:
            if self.armed:
                self.armed = False
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), ctypes.py_object(_TimeUp))

    def cancel(self) -> None:
        with self.lock:
            was_armed, self.armed = self.armed, False
        self.thread.cancel()
        if not was_armed:  # it rang: make sure the exception is not raised later, outside the block
            import ctypes

            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), None)


def _timer(seconds: float) -> _Timer:
    main = threading.current_thread() is threading.main_thread()
    return _AlarmTimer(seconds) if main and hasattr(signal, "setitimer") else _ThreadTimer(seconds)


def _memory_limit(megabytes: float) -> Callable[[], None] | None:
    """Limit the data segment to its present size plus ``megabytes``; the
    function restoring the limit, or None where that is not possible."""
    if resource is None or not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm", "rb") as statm:
            data = int(statm.read().split()[5]) * _PAGE  # data + stack, in bytes
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = data + int(megabytes * 1024 * 1024)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (OSError, ValueError, IndexError):
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _cpu_backstop(seconds: float) -> Callable[[], None] | None:
    """In a worker: let the kernel end the process once it has spent twice
    ``seconds`` of CPU time more on this file (a library call that never returns)."""
    if resource is None:
        return None
    try:
        used = time.process_time()
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        limit = int(used + 2 * seconds + 5)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    except (OSError, ValueError):
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
