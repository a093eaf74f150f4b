"""Shared fixtures for the command-line, engine, configuration and plugin
tests: a minimal complete report, a working directory to write files in,
a CliRunner wrapper and a rule-class factory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint import Rule, Severity
from govlint.cli import main

MINIMAL_REPORT = """\
某某市某某区人民政府2023年政府信息公开工作年度报告

一、总体情况
2023年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。
二、主动公开政府信息情况
本年度主动公开政府信息120条。
三、收到和处理政府信息公开申请情况
本年度共收到政府信息公开申请5件，均已按时答复。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
针对上年度指出的栏目更新不及时问题，已完成整改。主动公开的及时性仍有待提高，下一步将加强督促检查，建立信息发布提醒机制。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


@pytest.fixture(autouse=True)
def _no_results_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line caches results (govlint.run.cache); rules defined in
    memory by one test must never see another's results, so the cache is
    off unless a test turns it on (``monkeypatch.delenv("GOVLINT_NO_CACHE")``)."""
    monkeypatch.setenv("GOVLINT_NO_CACHE", "1")


@pytest.fixture
def minimal_report() -> str:
    """A short report with a title and all six sections, each with content."""
    return MINIMAL_REPORT


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory that is also the current directory, so that
    paths in output are relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_govlint():
    """``run_govlint(*args, input=None)``: invoke the CLI in-process;
    the click Result has ``exit_code``, ``stdout`` and ``stderr``."""
    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def make_rule():
    """``make_rule(code, name, severity=WARNING, check=None)``: a Rule
    class; ``check(doc)`` defaults to finding nothing."""

    def make(code: str, name: str, severity: Severity = Severity.WARNING, check=None) -> type[Rule]:
        return type(f"Rule{code}", (Rule,), {
            "__doc__": f"Test rule {code}.", "code": code, "name": name, "severity": severity,
            "check": check or (lambda self, doc: iter(())),
        })

    return make
