"""Baselines: ``--write-baseline`` records the findings by path, code and
fingerprint of the offending text; ``--baseline`` hides them and shows new
ones, whatever lines moved."""

from __future__ import annotations

import json
import os

import msgspec
import pytest

from govlint.output import baseline
from govlint.run.engine import Options, lint

REPORT = """\
某某街道2023年政府信息公开工作年度报告
一、总体情况
本街道认真贯彻条例。
4、政府信息公开行政复议、行政诉讼情况
本年度未发生。
"""


@pytest.fixture
def repo(workdir):
    (workdir / "govlint.toml").write_text('select = ["S003"]\n', encoding="utf-8")
    (workdir / "reports").mkdir()
    (workdir / "reports" / "r.txt").write_text(REPORT, encoding="utf-8")
    return workdir


def test_write_then_check_hides_recorded_findings(repo, run_govlint):
    written = run_govlint("check", "--write-baseline", "baseline.json", "reports")
    assert written.exit_code == 0
    assert written.stderr == "govlint: 已将 1 个问题写入基线 baseline.json\n"
    assert written.stdout == "共检查 1 个文件，未发现新问题。另有 1 个问题已记入基线，未显示。\n"
    data = json.loads((repo / "baseline.json").read_text("utf-8"))
    assert data["govlint-baseline"] == 1
    [entry] = data["findings"]
    assert {k: entry[k] for k in ("path", "code", "count", "source")} == {
        "path": "reports/r.txt", "code": "S003", "count": 1, "source": "4、政府信息公开行政复议、行政诉讼情况"}
    checked = run_govlint("check", "--baseline", "baseline.json", "reports")
    assert (checked.exit_code, checked.stdout) == (0, written.stdout)


def test_moved_lines_stay_hidden_and_a_new_finding_shows(repo, run_govlint):
    run_govlint("check", "--write-baseline", "baseline.json", "reports")
    moved = "\n\n" + REPORT + "5、存在的主要问题及改进情况\n有待提高。\n"
    (repo / "reports" / "r.txt").write_text(moved, encoding="utf-8")
    result = run_govlint("check", "--baseline", "baseline.json", "reports")
    assert result.exit_code == 0  # S003 is a warning
    assert result.stdout.splitlines()[0].startswith("reports/r.txt:8:1: S003 warning")
    assert result.stdout.splitlines()[-1] == (
        "共检查 1 个文件，发现 1 个问题（错误 0，警告 1，提示 0）。另有 1 个问题已记入基线，未显示。")


def test_counts_per_fingerprint_and_paths_relative_to_the_baseline(repo, monkeypatch):
    doubled = REPORT + "4、政府信息公开行政复议、行政诉讼情况\n"
    (repo / "base").mkdir()
    baseline.write(repo / "base" / "b.json", lint(["reports"]).findings)
    (repo / "reports" / "r.txt").write_text(doubled, encoding="utf-8")
    monkeypatch.chdir(repo / "reports")  # another current directory: paths still match
    result = baseline.apply(lint(["."]), repo / "base" / "b.json")
    assert [(f.path, f.line) for f in result.findings] == [("r.txt", 6)] and result.suppressed == 1
    assert json.loads((repo / "base" / "b.json").read_text("utf-8"))["findings"][0]["path"] == "../reports/r.txt"


def test_the_write_is_atomic_and_keeps_the_usual_permissions(repo):
    target = repo / "b.json"
    target.write_text("old", encoding="utf-8")
    baseline.write(target, [])
    assert json.loads(target.read_text("utf-8")) == {"govlint-baseline": 1, "findings": []}
    assert [p.name for p in repo.iterdir() if p.name.startswith(".b.json")] == []
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_fingerprints_ignore_the_line_number_and_spacing(repo):
    [first] = lint(["reports"], Options()).findings
    moved = msgspec.structs.replace(first, line=40, column=3, source="　4、 政府信息公开行政复议、行政诉讼情况 ")
    assert baseline.fingerprint(moved) == baseline.fingerprint(first)
    assert baseline.fingerprint(msgspec.structs.replace(first, code="S004")) != baseline.fingerprint(first)


@pytest.mark.parametrize("content, message", [
    (None, "govlint: 无法读取基线文件 missing.json："),
    ("{", "govlint: 基线文件 b.json 不是有效的 JSON："),
    ('{"findings": []}', 'govlint: b.json 不是 govlint 基线文件（缺少 "govlint-baseline": 1）'),
    ('{"govlint-baseline": 1, "findings": [{"path": "x"}]}', "govlint: 基线文件 b.json 第 1 项缺少 path、code 或 fingerprint"),
])
def test_an_unusable_baseline_is_exit_2(repo, run_govlint, content, message):
    name = "missing.json" if content is None else "b.json"
    if content is not None:
        (repo / name).write_text(content, encoding="utf-8")
    result = run_govlint("check", "--baseline", name, "reports")
    assert result.exit_code == 2 and result.stderr.startswith(message)


def test_reasons_are_kept_when_the_baseline_is_written_again(repo, run_govlint):
    """A reviewer writes why a deviation is accepted; writing the baseline
    again (after a new finding, or after one was fixed) keeps the reasons
    of the entries that still apply and drops those that do not."""
    two = REPORT + "5、存在的主要问题及改进情况\n有待提高。\n"
    (repo / "reports" / "r.txt").write_text(two, encoding="utf-8")
    run_govlint("check", "--write-baseline", "baseline.json", "reports")
    data = json.loads((repo / "baseline.json").read_text("utf-8"))
    assert sorted(e["source"] for e in data["findings"]) == ["4、政府信息公开行政复议、行政诉讼情况", "5、存在的主要问题及改进情况"]
    for entry in data["findings"]:
        entry["reason"] = f"已发布，原文如此（{entry['source'][0]}）"
    (repo / "baseline.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert run_govlint("check", "--baseline", "baseline.json", "reports").exit_code == 0  # a reason is allowed

    fixed = two.replace("5、存在的主要问题及改进情况", "五、存在的主要问题及改进情况") + "6、其他需要报告的事项\n无。\n"
    (repo / "reports" / "r.txt").write_text(fixed, encoding="utf-8")
    rewritten = run_govlint("check", "--write-baseline", "baseline.json", "reports")
    assert rewritten.exit_code == 0, rewritten.stderr
    entries = json.loads((repo / "baseline.json").read_text("utf-8"))["findings"]
    assert {e["source"]: e.get("reason") for e in entries} == {
        "4、政府信息公开行政复议、行政诉讼情况": "已发布，原文如此（4）",
        "6、其他需要报告的事项": None,
    }


def test_write_baseline_over_a_file_that_is_not_a_baseline_says_the_reasons_are_lost(repo, run_govlint):
    (repo / "notes.json").write_text('{"mine": true}', encoding="utf-8")
    result = run_govlint("check", "--write-baseline", "notes.json", "reports")
    assert result.exit_code == 0
    assert "notes.json 不是 govlint 基线文件" in result.stderr and "reason 无法保留" in result.stderr
    assert json.loads((repo / "notes.json").read_text("utf-8"))["govlint-baseline"] == 1
    (repo / "b.json").write_text('{"govlint-baseline": 1, "findings": [{"path": "r", "code": "S003", '
                                 '"fingerprint": "x", "reason": 3}]}', encoding="utf-8")
    bad = run_govlint("check", "--baseline", "b.json", "reports")
    assert bad.exit_code == 2 and "reason 应为字符串" in bad.stderr
