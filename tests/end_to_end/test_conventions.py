"""The command-line conventions users of ruff, sqlfluff and markdownlint
expect (issue 16): ``--output-file``, ``--quiet``, ``--exit-zero``,
``--statistics``, ``--show-settings``, colour from ``NO_COLOR`` /
``FORCE_COLOR`` and the terminal, ``--help`` in Chinese, and the
exclusion of files that are not reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.output.console import use_color

SEED = Path(__file__).parents[2] / "fixtures" / "seeds" / "004_94358fe22916de47.txt"


@pytest.fixture
def reports(workdir, minimal_report):
    """A repository of reports: reports/clean.txt, reports/empty.txt,
    and files that are not reports (README.md, notes.txt, CHANGELOG.md,
    node_modules/x.txt) that would fail E003 if they were checked."""
    (workdir / "reports").mkdir()
    (workdir / "reports" / "clean.txt").write_text(minimal_report, encoding="utf-8")
    (workdir / "reports" / "empty.txt").write_bytes(b"")
    for name in ("README.md", "notes.txt", "CHANGELOG.md", "reports/README.md", "node_modules/x.txt",
                 "drafts/a.txt"):
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_bytes(b"")
    (workdir / "govlint.toml").write_text('select = ["E"]\n', encoding="utf-8")
    return workdir


def paths_of(result) -> list[str]:
    return sorted({f["path"] for f in json.loads(result.stdout)})


# exclusion ----------------------------------------------------------------------

def test_a_folder_run_skips_readme_notes_changelog_and_tool_folders(reports, run_govlint):
    result = run_govlint("check", "--format", "json", ".")
    assert paths_of(result) == ["drafts/a.txt", "reports/empty.txt"]


def test_named_files_are_checked_unless_force_exclude(reports, run_govlint):
    named = run_govlint("check", "--format", "json", "README.md", "reports/empty.txt")
    assert paths_of(named) == ["README.md", "reports/empty.txt"]
    forced = run_govlint("check", "--format", "json", "--force-exclude", "README.md", "reports/empty.txt")
    assert paths_of(forced) == ["reports/empty.txt"]


def test_extend_exclude_adds_and_exclude_replaces_the_defaults(reports, run_govlint):
    (reports / "govlint.toml").write_text('select = ["E"]\nextend-exclude = ["drafts/"]\n', encoding="utf-8")
    assert paths_of(run_govlint("check", "--format", "json", ".")) == ["reports/empty.txt"]
    (reports / "govlint.toml").write_text('select = ["E"]\nexclude = ["drafts/", "/reports/empty.txt"]\n',
                                          encoding="utf-8")
    assert paths_of(run_govlint("check", "--format", "json", ".")) == [
        "CHANGELOG.md", "README.md", "node_modules/x.txt", "notes.txt", "reports/README.md"]


def test_exclude_on_the_command_line(reports, run_govlint):
    result = run_govlint("check", "--format", "json", "--extend-exclude", "drafts/,*.md", ".")
    assert paths_of(result) == ["reports/empty.txt"]
    result = run_govlint("check", "--format", "json", "--exclude", "reports/", ".")
    assert "README.md" in paths_of(result) and "reports/empty.txt" not in paths_of(result)


def test_exclude_patterns_are_relative_to_the_configuration(reports, run_govlint, monkeypatch):
    (reports / "govlint.toml").write_text('select = ["E"]\nextend-exclude = ["/drafts/"]\n', encoding="utf-8")
    monkeypatch.chdir(reports / "reports")
    result = run_govlint("check", "--format", "json", "..")
    assert paths_of(result) == ["empty.txt"]  # shown relative to the current directory


def test_a_malformed_exclude_is_a_configuration_error(reports, run_govlint):
    (reports / "govlint.toml").write_text('exclude = "drafts/"\n', encoding="utf-8")
    result = run_govlint("check", ".")
    assert result.exit_code == 2
    assert "exclude 应为字符串列表" in result.stderr


# output conventions ---------------------------------------------------------------

def test_quiet_prints_the_findings_only(reports, run_govlint):
    result = run_govlint("check", "--quiet", "reports")
    assert result.exit_code == 1
    assert result.stdout == "reports/empty.txt:1:1: E003 error 文件为空\n"
    clean = run_govlint("check", "-q", "reports/clean.txt")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "\n", "")


def test_exit_zero_keeps_the_findings_and_exits_0(reports, run_govlint):
    result = run_govlint("check", "--exit-zero", "reports")
    assert result.exit_code == 0 and "E003 error" in result.stdout


def test_statistics_counts_findings_per_rule(reports, run_govlint):
    (reports / "reports" / "empty2.txt").write_bytes(b"  \n")
    text = run_govlint("check", "--statistics", "reports")
    assert text.exit_code == 1
    assert text.stdout.splitlines()[:2] == [
        "个数  代码  名称        级别   说明",
        "2     E003  empty-file  error  文件为空或只有空白。",
    ]
    assert text.stdout.splitlines()[-1].startswith("共检查 3 个文件，发现 2 个问题")
    data = json.loads(run_govlint("check", "--statistics", "--format", "json", "reports").stdout)
    assert data == [{"code": "E003", "name": "empty-file", "severity": "error", "count": 2,
                     "summary": "文件为空或只有空白。"}]
    other = run_govlint("check", "--statistics", "--format", "sarif", "reports")
    assert other.exit_code == 2 and "--statistics" in other.stderr


def test_output_file_is_written_atomically_and_stdout_stays_empty(reports, run_govlint):
    result = run_govlint("check", "--format", "json", "--output-file", "out/findings.json", "reports")
    assert result.exit_code == 2 and "无法写入输出文件" in result.stderr  # out/ does not exist: refused first
    (reports / "out").mkdir()
    result = run_govlint("check", "--format", "json", "-o", "out/findings.json", "reports")
    assert (result.exit_code, result.stdout) == (1, "")
    assert [f["code"] for f in json.loads((reports / "out" / "findings.json").read_text("utf-8"))] == ["E003"]
    assert [p.name for p in (reports / "out").iterdir()] == ["findings.json"]  # no temporary file left
    (reports / "out" / "dir").mkdir()
    refused = run_govlint("check", "-o", "out/dir", "reports")
    assert refused.exit_code == 2 and "它是目录" in refused.stderr


def test_show_settings_says_what_applies_and_where_it_came_from(reports, run_govlint):
    (reports / "govlint.toml").write_text(
        'select = ["E"]\nfail-level = "warning"\n[severity]\nE003 = "warning"\n[per-file-ignores]\n'
        '"reports/*" = ["E002"]\n', encoding="utf-8")
    result = run_govlint("check", "--show-settings", "reports/empty.txt", "--time-limit", "5")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "文件：reports/empty.txt" in lines
    assert "配置文件：govlint.toml（从文件所在目录向上查找到的最近配置）" in lines
    assert "排除：否" in lines
    assert "失败级别（fail-level）：warning（govlint.toml）" in lines
    assert "时间上限（time-limit）：5 秒（命令行）" in lines
    assert "内存上限（memory-limit）：512 MB（默认）" in lines
    assert "此文件的 per-file-ignores：E002" in lines
    assert "级别覆盖：E003=warning" in lines
    data = json.loads(run_govlint("check", "--show-settings", "README.md", "--format", "json").stdout)
    assert data["excluded"] and data["excluded_by"]["pattern"] == "README.*"
    assert data["enabled"] == [f"E00{i}" for i in range(1, 10)]
    assert data["values"]["copy-threshold"] == {"value": 0.8, "source": "插件默认"}
    missing = run_govlint("check", "--show-settings", "nope.txt")
    assert missing.exit_code == 2 and "路径不存在" in missing.stderr


# colour ---------------------------------------------------------------------------

@pytest.mark.parametrize("environ, tty, expected", [
    ({}, True, True), ({}, False, False),
    ({"NO_COLOR": "1"}, True, False), ({"FORCE_COLOR": "1"}, False, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False), ({"NO_COLOR": ""}, True, True),
])
def test_colour_follows_no_color_force_color_and_the_terminal(environ, tty, expected):
    assert use_color(environ=environ, isatty=lambda: tty) is expected


def test_colour_in_output(reports, run_govlint, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" not in run_govlint("check", "reports").stdout  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = run_govlint("check", "reports").stdout
    assert "\x1b[31merror\x1b[0m" in forced
    assert "\x1b[" not in run_govlint("check", "--format", "json", "reports").stdout
    run_govlint("check", "-o", "out.txt", "reports")
    assert "\x1b[" not in (reports / "out.txt").read_text("utf-8")  # never in a file
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_govlint("check", "reports").stdout


# help -----------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["check"], ["report"], ["rules"], ["explain"], ["parse"], ["keys"],
                                     ["extract"], ["schema"]])
def test_help_is_chinese(run_govlint, command):
    result = run_govlint(*command, "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("用法: ")
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:"):
        assert english not in text
    assert "选项:" in text


def test_usage_errors_are_chinese(run_govlint):
    result = run_govlint("check", "--no-such-option")
    assert result.exit_code == 2
    assert "没有选项 '--no-such-option'" in result.stderr and "check --help' 查看帮助" in result.stderr
    bad = run_govlint("check", "--format", "xml", ".")
    assert bad.exit_code == 2 and "的值无效" in bad.stderr


def test_colour_is_off_in_a_pipe_from_a_real_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    run = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(SEED)], capture_output=True,
                         text=True, env=env, cwd=tmp_path)
    assert run.returncode == 1 and "\x1b[" not in run.stdout
