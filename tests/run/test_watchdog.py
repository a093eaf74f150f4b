"""The watchdog (govlint.run.parallel.watchdog), the user's Ctrl-C told from
a plugin's KeyboardInterrupt, and their configuration — in-process; the
whole command under them is in test_bounded_work.py."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from govlint import Rule, Severity, limits
from govlint.run.config import ConfigError, parse_config
from govlint.run.engine import Options, lint
from govlint.run.parallel import Budget, BudgetExceeded, watchdog
from govlint.run.plugins import load_plugins

DOC = """{summary}

What it does
------------
x

Why
---
x

Example
-------
x

References
----------
x
"""


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_time_is_up_in_the_main_thread():
    with pytest.raises(BudgetExceeded) as caught:
        with watchdog(Budget(seconds=0.2)):
            busy(60)  # raised, not ended
    assert caught.value.kind == "time"
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is restored
    busy(0.3)  # the timer is off: nothing rings after the block


def test_time_is_up_outside_the_main_thread_too():
    """Where there is no SIGALRM (Windows) or not in the main thread, a timer thread raises it."""
    outcome = []

    def check():
        try:
            with watchdog(Budget(seconds=0.2)):
                busy(10)
        except BudgetExceeded as exc:
            outcome.append(exc.kind)
        busy(0.3)
        outcome.append("after")

    thread = threading.Thread(target=check)
    thread.start()
    thread.join(5)
    assert outcome == ["time", "after"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is limited on Linux only")
def test_memory_beyond_the_budget_fails_and_is_the_budget():
    with pytest.raises(BudgetExceeded) as caught:
        with watchdog(Budget(megabytes=64)):
            held = [bytearray(16 * 1024 * 1024) for _ in range(32)]
            del held
    assert caught.value.kind == "memory"
    held = bytearray(256 * 1024 * 1024)  # the limit is lifted after the block
    del held


def test_a_budget_of_zero_is_no_limit():
    with watchdog(Budget(0, 0)):
        busy(0.05)


def rule(code: str, check, severity=Severity.INFO) -> type[Rule]:
    return type(f"Rule{code}", (Rule,), {"__doc__": DOC.format(summary="Test rule."), "code": code,
                                          "name": f"rule-{code.lower()}", "severity": severity,
                                          "check": lambda self, doc: check(doc)})


def plugins_with(*rules: type[Rule]):
    plugins = load_plugins()
    plugins.rules.extend(rules)
    return plugins


def test_a_keyboard_interrupt_from_a_rule_is_a_crash_but_the_users_ctrl_c_ends_the_run(tmp_path):
    (tmp_path / "r.txt").write_text("一、总体情况\n内容。\n", encoding="utf-8")

    def raises(doc):
        raise KeyboardInterrupt

    warnings: list[str] = []
    result = lint([str(tmp_path)], Options(use_config=False), plugins=plugins_with(rule("X911", raises)),
                  warn=warnings.append)
    assert result.exit_code == 2 and result.files
    assert any("X911" in w and "KeyboardInterrupt" in w for w in warnings)

    def pressed(doc):  # the user presses Ctrl-C while the rule runs
        os.kill(os.getpid(), signal.SIGINT)
        busy(0.5)
        return ()

    with pytest.raises(KeyboardInterrupt):
        lint([str(tmp_path)], Options(use_config=False), plugins=plugins_with(rule("X912", pressed)))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_budget_comes_from_the_command_line_else_the_configuration_else_the_default(tmp_path):
    (tmp_path / "govlint.toml").write_text("time-limit = 0.2\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("一、总体情况\n内容。\n", encoding="utf-8")

    def slow(doc):
        busy(0.4)
        return ()

    plugins = plugins_with(rule("X913", slow))
    configured = lint([str(tmp_path / "r.txt")], Options(), plugins=plugins)
    [finding] = configured.findings
    assert finding.code == "E009" and "0.2 秒" in finding.message and "X913" in finding.message
    overridden = lint([str(tmp_path / "r.txt")], Options(time_limit=5), plugins=plugins)
    assert not [f for f in overridden.findings if f.code == "E009"]
    assert limits.TIME_LIMIT == 30 and limits.MEMORY_LIMIT == 512


@pytest.mark.parametrize("text", ['time-limit = "fast"', "memory-limit = -1", "time-limit = true"])
def test_a_malformed_budget_is_a_configuration_error(text):
    import tomllib

    with pytest.raises(ConfigError, match="应为非负数"):
        parse_config(tomllib.loads(text), None, load_plugins().rules)
