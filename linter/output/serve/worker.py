"""The check process: where uploaded reports are read and checked.

The web server never reads a report itself.  It starts this module as a
process of its own (``python -m govlint.output.serve.worker SPEC``), which
loads the plugins with the serve configuration — the same rules, plugins,
rule paths and declarative rules as ``govlint check`` with that
configuration — and then checks one batch at a time
(:func:`govlint.output.serve.batch.check`), in its main thread, so the
watchdog's timer and memory limit work as in a command-line run, and
``--jobs``-style processes are forked from a process that holds no
threads.

Why a process: a hostile file that crashes a C library, or hangs in one
past every budget, takes this process down, not the server.  The server
(:class:`Worker`) then kills it — with the processes it forked — answers
that batch with a message, and starts a new one for the next request.

Protocol: one JSON object per line.  The process first writes
``{"ready": {...}}`` (the extensions readers claim, every rule's
explanation, plugin warnings) or ``{"fatal": message}`` (a configuration
error), then answers each request line with ``{"result": ...}`` or
``{"error": message}``.  Its standard output is kept for the protocol: what
plugins print goes to standard error.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from typing import IO, Any

#: how long the process may take to load the plugins
START_SECONDS = 120
#: a batch may take this long, plus :data:`SECONDS_PER_FILE` a report, before the process is stopped
BATCH_SECONDS = 120
SECONDS_PER_FILE = 70


class WorkerError(Exception):
    """The check process failed (it died, hung, or could not start); the
    message is Chinese."""


class Worker:
    """The server's handle on the check process (see the module docstring).
    ``config`` is the configuration file (absolute) or None for none."""

    def __init__(self, config: str | None, *, python: str = sys.executable):
        self.spec = json.dumps({"config": config})
        self.python = python
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.ready: dict[str, Any] = {}

    def start(self) -> dict[str, Any]:
        """Start the process and wait until it is ready: what it said
        (extensions, rules, warnings).  WorkerError on a configuration
        error (its message) or when it cannot start."""
        with self.lock:
            return self._start()

    def _start(self) -> dict[str, Any]:
        posix = os.name == "posix"
        self.process = subprocess.Popen(
            [self.python, "-m", "govlint.output.serve.worker", self.spec],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            start_new_session=posix,  # Ctrl-C is the server's; killpg takes its forked workers too
            creationflags=0 if posix else subprocess.CREATE_NEW_PROCESS_GROUP,  # type: ignore[attr-defined]
        )
        self.lines = queue.Queue()
        threading.Thread(target=_pump, args=(self.process.stdout, self.lines), daemon=True).start()
        message = self._answer(START_SECONDS, "检查进程启动超时")
        if "fatal" in message:
            self._kill()
            raise WorkerError(message["fatal"])
        self.ready = message["ready"]
        return self.ready

    def _answer(self, seconds: float, timeout_message: str) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            self._kill()
            raise WorkerError(timeout_message) from None
        if line is None:
            self._kill()
            raise WorkerError("检查进程意外退出（可能是某个文件让读取它的程序库崩溃了），已重新启动；"
                              "请把出错的文件单独检查，或告诉管理员")
        return json.loads(line)

    def check(self, request: dict[str, Any], files: int) -> dict[str, Any]:
        """The result of one batch (see :func:`.batch.check`); WorkerError
        when the process died or took too long (it is then restarted for the
        next request)."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()
            assert self.process is not None and self.process.stdin is not None
            try:
                self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
                self.process.stdin.flush()
            except OSError:
                self._kill()
                raise WorkerError("检查进程意外退出，已重新启动，请再试一次") from None
            seconds = BATCH_SECONDS + SECONDS_PER_FILE * max(files, 1)
            message = self._answer(seconds, f"检查超过 {seconds} 秒仍未完成，已停止；请分批检查或单独检查出问题的文件")
        if "error" in message:
            raise WorkerError(message["error"])
        return message["result"]

    def _kill(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        except OSError:
            pass
        process.wait()
        for stream in (process.stdin, process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass

    def close(self) -> None:
        """Stop the process (and whatever it forked)."""
        self._kill()


def _pump(stream: IO[bytes], lines: queue.Queue[str | None]) -> None:
    """Lines of the process's output into ``lines``; None at its end."""
    try:
        for line in stream:
            lines.put(line.decode("utf-8"))
    except (OSError, ValueError):
        pass
    lines.put(None)


# -- the process itself ---------------------------------------------------------


def main(argv: list[str]) -> int:
    """Run the check process (see the module docstring)."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # what plugins print must not break the protocol
    sys.stdout = sys.stderr

    def send(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message, ensure_ascii=True) + "\n")
        protocol.flush()

    from ...run.config import ConfigError, Options
    from ...run.localrules import plugins_for
    from ...run.paths import LintError
    from .batch import check, settings_for
    from .view import explanation

    spec = json.loads(argv[0])
    options = Options(config=spec["config"], use_config=spec["config"] is not None, jobs=None, cache=False)
    try:
        plugins = plugins_for([os.getcwd()], options, walk=False)
        settings_for(plugins, options)  # a bad configuration is reported now, not at the first upload
    except (ConfigError, LintError) as exc:
        send({"fatal": str(exc)})
        return 2
    send({"ready": {
        "extensions": sorted(plugins.extensions),
        "warnings": list(plugins.warnings),
        "rules": [explanation(rule) for rule in sorted(plugins.rules, key=lambda r: r.code)],
    }})
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8")
        if not line.strip():
            continue
        try:
            send({"result": check(json.loads(line), plugins, options)})
        except (ConfigError, LintError) as exc:
            send({"error": str(exc)})
        except Exception as exc:  # the batch fails, the process goes on
            send({"error": f"内部错误：{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
