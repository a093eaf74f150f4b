"""Bounded work on every input (issue 13): decompression and layout bombs,
a watchdog per file, guarded regexes, output that parses and cannot be
forged, plugins and caches that cannot break a run.

The hostile files are generated here (:mod:`govlint.testing.hostile`, at
the size the issue reported them at), never checked in.  The command runs
over all of them at once, with good reports among them, in a serial and a
``--jobs 2`` run, each in its own process tree: every bad file gets its E
finding, the good ones keep exactly their findings, and the run stays in
bounded memory.  How long each case takes is measured in
``bench/hostile.py``, not here (a busy machine is slow, not wrong).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govlint import limits
from govlint.run.engine import Options, lint
from govlint.run.plugins import load_plugins
from govlint.testing.hostile import CONTROL, EXPECTED, GOOD, bomb_files, misbehaving_folder, names_folder

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PDF = ROOT / "fixtures" / "real" / "huaian-hongze-2024.pdf"
#: the issue's bound on memory for a whole run over every hostile file
MEGABYTES = 500


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("bombs")
    for name, data in bomb_files(SEEDS / "004_94358fe22916de47.txt", PDF).items():
        (top / name).write_bytes(data)
    return top


MEASURE = """
import json, resource, subprocess, sys
out, err = sys.argv[1], sys.argv[2]
with open(out, "wb") as stdout, open(err, "wb") as stderr:
    code = subprocess.run(sys.argv[3:], stdout=stdout, stderr=stderr).returncode
print(json.dumps({"code": code, "megabytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


class Run:
    """A measured ``govlint check`` in its own process tree (peak RSS of the
    largest process in it: the main one or a worker)."""

    def __init__(self, cwd: Path, *args: str, timeout: float = 600):
        out, err = cwd.parent / f"{cwd.name}.out", cwd.parent / f"{cwd.name}.err"
        command = [sys.executable, "-m", "govlint", "check", "--no-cache", *args]
        measured = subprocess.run([sys.executable, "-c", MEASURE, str(out), str(err), *command], cwd=cwd,
                                  capture_output=True, text=True, timeout=timeout, check=True)
        figures = json.loads(measured.stdout)
        self.code, self.megabytes = figures["code"], figures["megabytes"]
        self.stdout = out.read_bytes().decode("utf-8")
        self.stderr = err.read_bytes().decode("utf-8")

    def json(self) -> list[dict]:
        return json.loads(self.stdout)


@pytest.fixture(scope="module", params=["1", "2"], ids=["serial", "jobs 2"])
def bomb_run(request, bombs) -> Run:
    return Run(bombs, "--no-config", "--format", "json", "--jobs", request.param, ".")


def test_every_bomb_gets_its_e_finding_in_bounded_memory(bomb_run):
    assert bomb_run.code == 1, bomb_run.stderr
    assert "Traceback" not in bomb_run.stderr and bomb_run.stderr == ""
    by_path: dict[str, list[str]] = {}
    for finding in bomb_run.json():
        by_path.setdefault(finding["path"], []).append(finding["code"])
    for name, code in EXPECTED.items():
        e_codes = [c for c in by_path.get(name, []) if c.startswith("E")]
        assert e_codes == ([code] if code else []), (name, e_codes)
    assert bomb_run.megabytes < MEGABYTES, bomb_run.megabytes


def test_the_good_files_keep_exactly_their_findings(bomb_run, bombs, plugins, monkeypatch):
    monkeypatch.chdir(bombs)
    alone = lint(list(GOOD), Options(use_config=False), plugins=plugins)
    expected = [f.as_dict() for f in alone.findings]
    assert expected and any(f["code"][0] in "ST" for f in expected)
    assert [f for f in bomb_run.json() if f["path"] in GOOD] == expected


def test_the_messages_name_the_limit_or_the_real_format(bombs, plugins):
    def message(name):
        [finding] = [f for f in lint([str(bombs / name)], Options(use_config=False), plugins=plugins).findings
                     if f.code.startswith("E")]
        return finding.message

    assert "8 MB（上限）" in message("xml bomb.docx")
    assert "20000 个单元格（上限）" in message("rowspan grid.html")
    assert "第1页的内容（解压后，连同其绘制的表单）超过 4 MB（上限）" in message("pdf bomb.pdf")
    assert "超过 100 页（上限）" in message("many pages.pdf")
    assert "PDF 文档" in message("pdf named.txt") and "Word 文档" in message("docx named.txt")
    assert "Big5" in message("big5.txt")
    assert "乱码" in message("binary as gb18030.txt")


# -- the watchdog, plugin code and declarative rules -----------------------------

@pytest.fixture(scope="module")
def misbehaving(tmp_path_factory) -> Path:
    return misbehaving_folder(tmp_path_factory.mktemp("misbehaving"), (SEEDS / "000_b08920702986320c.txt").read_bytes())


@pytest.fixture(scope="module", params=["1", "2"], ids=["serial", "jobs 2"])
def misbehaving_run(request, misbehaving) -> Run:
    # the budget of time is ten times what a good file takes on a busy machine: "loops" never ends and
    # "hungry" never stops allocating, so each reaches its own budget whatever the load, the others never
    return Run(misbehaving, "--format", "json", "--time-limit", "5", "--memory-limit", "300",
               "--jobs", request.param, ".")


def test_a_file_over_its_time_or_memory_budget_is_e009_and_the_run_goes_on(misbehaving_run):
    findings = misbehaving_run.json()
    e009 = {f["path"]: f["message"] for f in findings if f["code"] == "E009"}
    assert set(e009) == {"loops.txt", "hungry.txt"}
    assert "时间上限（5 秒）" in e009["loops.txt"] and "停在规则 X901" in e009["loops.txt"]
    assert "内存超过上限（300 MB）" in e009["hungry.txt"]
    for name in ("good.txt", "exits.txt", "interrupts.txt"):
        assert any(f["path"] == name and f["code"][0] in "SM" for f in findings), name
    assert misbehaving_run.megabytes < MEGABYTES


def test_system_exit_and_a_keyboard_interrupt_from_a_rule_are_rule_crashes(misbehaving_run):
    assert misbehaving_run.code == 2
    errors = misbehaving_run.stderr.splitlines()
    assert "govlint: 规则 X901 在 exits.txt 上出错：SystemExit: 0" in errors
    assert any(line.startswith("govlint: 规则 X901 在 interrupts.txt 上出错：KeyboardInterrupt") for line in errors)
    assert "Traceback" not in misbehaving_run.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_keyboard_interrupt_from_a_rule_is_a_crash_where_ctrl_c_is_ignored(misbehaving, jobs):
    # nohup and a shell's background jobs start govlint with SIGINT ignored: no KeyboardInterrupt is the user's
    result = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", "--format", "json", "--jobs", jobs,
                             "interrupts.txt", "good.txt"], cwd=misbehaving, capture_output=True, text=True,
                            timeout=120, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert result.returncode == 2 and "已中止" not in result.stderr
    assert "govlint: 规则 X901 在 interrupts.txt 上出错：KeyboardInterrupt" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {"interrupts.txt", "good.txt"}


def test_a_runaway_declarative_regex_is_an_error_of_its_rule_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "govlint.toml").write_text('rules-files = ["rules.toml"]\n', encoding="utf-8")
    (tmp_path / "rules.toml").write_text(
        '[[rule]]\ncode = "L001"\nname = "catastrophic"\nmessage = "匹配：{match}"\nforbidden = "(a|aa)+$"\n'
        'regex = true\n[[rule]]\ncode = "L002"\nname = "fine"\nmessage = "匹配：{match}"\nforbidden = "a+!"\n'
        'regex = true\n', encoding="utf-8")
    seed = (SEEDS / "000_b08920702986320c.txt").read_bytes()
    (tmp_path / "good.txt").write_bytes(seed)
    (tmp_path / "catastrophic.txt").write_bytes(seed + b"\n" + b"a" * 40 + b"!\n")
    warnings: list[str] = []
    with limits.overridden({"REGEX_SECONDS": 0.3}):
        result = lint(["."], Options(), warn=warnings.append)
    assert result.exit_code == 2
    assert [w.split("：")[0] for w in warnings] == ["规则 L001 在 catastrophic.txt 上出错"]
    assert "RegexTimeout: 正则表达式 '(a|aa)+$' 在此文件上匹配超过 0.3 秒（上限）" in warnings[0]
    assert ("catastrophic.txt", "L002") in {(f.path, f.code) for f in result.findings}  # the other rule ran
    assert any(f.path == "good.txt" and f.code[0] in "SM" for f in result.findings)


# -- names and text that try to break or forge the output -------------------------------


@pytest.fixture(scope="module")
def names(tmp_path_factory) -> Path:
    return names_folder(tmp_path_factory.mktemp("names"), (SEEDS / "004_94358fe22916de47.txt").read_text("utf-8"))


def _run_names(names: Path, fmt: str, monkeypatch) -> subprocess.CompletedProcess:
    from click.testing import CliRunner

    from govlint.cli import main

    monkeypatch.chdir(names)
    result = CliRunner().invoke(main, ["check", "--no-config", "--no-cache", "--format", fmt, "."])
    return subprocess.CompletedProcess([], result.exit_code, result.stdout_bytes, result.stderr_bytes)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text"])
def test_every_format_parses_for_hostile_names_and_text(names, fmt, monkeypatch):
    result = _run_names(names, fmt, monkeypatch)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("utf-8")  # valid UTF-8, whatever the names' bytes
    expected = {"gbk \\xb1\\xa8\\xb8\\xe6.txt", "new\nline.txt", "escape \x1b[2J\x1b]0;title\x07.txt",
                "percent %0A colon: comma,.txt", "xml <&>\"' ]]>.txt", "bidi \u202e.txt", "carriage\rreturn.txt",
                "tab\tand del\x7f.txt", "backslash \\x41.txt"}
    if fmt == "json":
        assert {f["path"] for f in json.loads(out)} == expected
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert "gbk%20%5Cxb1%5Cxa8%5Cxb8%5Cxe6.txt" in uris and "new%0Aline.txt" in uris
        assert any("\x1b" in r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in results)
    elif fmt == "junit":
        cases = ET.fromstring(result.stdout).findall("testsuite/testcase")
        assert {c.get("name").replace("\\x1b", "\x1b").replace("\\x07", "\x07").replace("\\x7f", "\x7f")
                for c in cases} == expected
    else:
        assert not CONTROL.search(result.stdout), CONTROL.search(result.stdout)
        lines = out.splitlines()
        if fmt == "github":
            assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
            assert any("file=new%0Aline.txt," in line for line in lines)
            assert any("file=percent %250A colon%3A comma%2C.txt," in line for line in lines)
        else:
            heads = [line for line in lines if not line.startswith("    ") and line]
            assert all(re.match(r".+\.txt:\d+:\d+: [A-Z]\d{3} (error|warning|info) ", line) for line in heads[:-1])
            assert any(line.startswith("new\\nline.txt:") for line in heads)
            assert any(line.startswith("escape \\x1b[2J\\x1b]0;title\\x07.txt:") for line in heads)
            assert any("\\x1b[2J\\x1b]0;title\\x07\\x85\\u202e" in line for line in lines)


def test_the_batch_summary_and_its_page_take_hostile_names(names, tmp_path):
    page = tmp_path / "summary.html"
    result = subprocess.run([sys.executable, "-m", "govlint", "report", "--no-config", "--no-cache", "--html",
                             str(page), "."], cwd=names, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not CONTROL.search(result.stdout)
    html = page.read_text(encoding="utf-8")
    assert "gbk \\xb1\\xa8\\xb8\\xe6.txt" in html and "\x1b" not in html.replace("\\x1b", "")


# -- caches, directories and output files ---------------------------------------------


def test_a_deep_or_misshapen_cache_entry_and_a_fifo_in_the_cache_neither_break_nor_block_a_run(tmp_path):
    (tmp_path / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "GOVLINT_NO_CACHE"}

    def check():
        return subprocess.run([sys.executable, "-m", "govlint", "check", "--no-config", "--format", "json", "r.txt"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)

    fresh = check()
    [entry] = (tmp_path / ".govlint_cache" / "results").rglob("*.json")
    for damage in ("[" * 100_000, '{"key": 1, "findings": [], "info": null}', None):
        entry.unlink()
        if damage is None:
            os.mkfifo(entry)
        else:
            entry.write_text(damage, encoding="utf-8")
        again = check()
        assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
        assert entry.is_file() and json.loads(entry.read_text("utf-8"))["findings"]  # rewritten


def test_an_unreadable_directory_is_reported(tmp_path, plugins, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    (tmp_path / "locked").mkdir()

    def scandir_refusing(path="."):  # as root, chmod 000 does not stop listing: refuse as for other users
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", scandir_refusing)
    monkeypatch.chdir(tmp_path)
    result = lint(["."], Options(use_config=False), plugins=plugins)
    by_path = {r.path: [(f.code, f.message) for f in r.findings] for r in result.files}
    assert by_path["locked"] == [("E001", "无法读取目录：Permission denied")]
    assert any(code[0] in "ST" for code, _ in by_path["ok/r.txt"])


def test_write_baseline_into_a_missing_directory_is_refused_before_the_check(tmp_path, run_govlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    result = run_govlint("check", "--no-config", "--write-baseline", "nowhere/baseline.json", "r.txt")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("govlint: 无法写入基线文件 nowhere/baseline.json：目录") and "不存在" in result.stderr
    html = run_govlint("report", "--no-config", "--html", "nowhere/summary.html", "r.txt")
    assert html.exit_code == 2 and html.stdout == "" and "无法写入 HTML 页面" in html.stderr


def test_an_output_file_that_is_a_symlink_is_written_through(tmp_path, run_govlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    (tmp_path / "store").mkdir()
    os.symlink("store/baseline.json", "baseline.json")
    assert run_govlint("check", "--no-config", "--write-baseline", "baseline.json", "r.txt").exit_code == 0
    assert os.path.islink("baseline.json") and json.loads((tmp_path / "store" / "baseline.json").read_text("utf-8"))
    os.mkdir("a directory")
    refused = run_govlint("check", "--no-config", "--write-baseline", "a directory", "r.txt")
    assert refused.exit_code == 2 and "它是目录" in refused.stderr and os.path.isdir("a directory")


def test_the_readme_states_every_limit_with_its_value():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}

    def shown(name: str, value) -> str:
        if name in ("ZIP_CHUNK",):
            return f"{value // limits.KIB} KB"
        if name.endswith(("BYTES", "DECLARED", "XML", "FLOOR", "INFLATED", "CONTENT")):
            return f"{value // limits.MIB} MB"
        if name.endswith("SECONDS") or name == "TIME_LIMIT":
            return f"{value:g} s"
        if name == "MEMORY_LIMIT":
            return f"{value:,} MB"
        if name == "ZIP_RATIO":
            return f"{value}:1"
        return f"{value:,}"

    names = [n for n in vars(limits) if n.isupper() and n not in ("KIB", "MIB")]
    for name in names:
        value = getattr(limits, name)
        row = next((line for key, line in rows.items() if name in key.replace(" ", "").split("/")
                    or f"`{name}`" in line), None)
        assert row is not None, f"{name} is not in the README's Reliability table"
        if isinstance(value, dict):
            assert all(f"{v // limits.MIB} MB" in row for v in value.values()), name
        else:
            assert shown(name, value) in row, (name, shown(name, value), row)


def test_cache_entries_are_validated_before_they_are_believed(tmp_path):
    from govlint.findings import Finding
    from govlint.model import Severity
    from govlint.run.cache import Cache, Entry

    cache = Cache(tmp_path, "fingerprint")
    key = "ab" + "0" * 62
    entry = Entry((Finding("r.txt", 1, 1, "S001", "section-missing", Severity.ERROR, "m"),), None)
    cache.put(key, entry)
    path = tmp_path / "ab" / f"{key}.json"
    good = path.read_text("utf-8")
    assert cache.get(key) == entry
    data = json.loads(good)
    for damaged in (good.replace('"line": 1', '"line": "1"'), good.replace('"line": 1', '"line": true'),
                    good.replace('"severity": 3', '"severity": 99'), json.dumps({**data, "extra": 1}),
                    json.dumps({**data, "findings": [[[[[]]]]]}), "\xff", "[" * 50):
        path.write_text(damaged, encoding="utf-8")
        assert cache.get(key) is None and not path.exists(), damaged[:40]
    target = tmp_path / "elsewhere.json"
    target.write_text(good, encoding="utf-8")
    path.symlink_to(target)
    assert cache.get(key) is None  # a link is never followed
    cache.put(key, entry)
    assert not path.is_symlink() and target.read_text("utf-8") == good and cache.get(key) == entry


def test_write_atomic_writes_through_links_and_refuses_what_is_not_a_file(tmp_path):
    from govlint.atomic import unwritable, write_atomic

    os.symlink(tmp_path / "target.json", tmp_path / "dangling.json")
    write_atomic(tmp_path / "dangling.json", "x", follow_symlinks=True)
    assert (tmp_path / "dangling.json").is_symlink() and (tmp_path / "target.json").read_text() == "x"
    os.mkfifo(tmp_path / "pipe")
    assert unwritable(tmp_path / "pipe") == "它不是普通文件"
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "pipe", "x", follow_symlinks=True)
    assert unwritable(tmp_path / "missing" / "x.json").endswith("不存在")
    assert unwritable(tmp_path / "new.json") is None
