"""The command line: output formats, exit codes, configuration errors,
stdin, and the rules / explain / parse commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.run import plugins as plugins_module

FINDING_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message",
                "page", "location"]


@pytest.fixture
def reports(workdir, minimal_report):
    """clean.txt (a complete report), empty.txt, and bad.txt (invalid bytes on line 4)."""
    (workdir / "clean.txt").write_text(minimal_report, encoding="utf-8")
    (workdir / "empty.txt").write_bytes(b"")
    lines = minimal_report.encode("utf-8").split(b"\n")
    lines[3] += b"\xff\xfe"
    (workdir / "bad.txt").write_bytes(b"\n".join(lines))
    return workdir


def select_e(workdir):
    (workdir / "govlint.toml").write_text('select = ["E"]\n', encoding="utf-8")


# check: output ----------------------------------------------------------------

def test_text_output_lines_source_and_summary(reports, run_govlint):
    select_e(reports)
    result = run_govlint("check", ".")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and result.stderr == ""
    assert lines[0].startswith("bad.txt:4:1: E002 error 文件无法按 UTF-8 或 GB18030 解码")  # message: the pipeline's
    assert lines[1:] == [
        "    2023年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。��",
        "empty.txt:1:1: E003 error 文件为空",
        "",
        "共检查 3 个文件，发现 2 个问题（错误 2，警告 0，提示 0）。",
    ]


def test_clean_run_says_so_and_exits_0(reports, run_govlint):
    select_e(reports)
    result = run_govlint("check", "clean.txt")
    assert (result.exit_code, result.stdout) == (0, "共检查 1 个文件，未发现问题。\n")


def test_json_output_has_exactly_the_documented_keys(reports, run_govlint):
    select_e(reports)
    result = run_govlint("check", "--format", "json", "empty.txt", "clean.txt")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [list(item) for item in data] == [FINDING_KEYS]
    assert data[0] == {"path": "empty.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 1,
                       "code": "E003", "name": "empty-file", "severity": "error", "message": "文件为空",
                       "page": None, "location": None}
    assert "文件为空" in result.stdout  # ensure_ascii=False


def test_json_output_with_no_findings_is_an_empty_list(reports, run_govlint):
    result = run_govlint("check", "--format", "json", "--select", "E", "clean.txt")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_empty_file_does_not_stop_the_other_files(reports, run_govlint):
    result = run_govlint("check", "--select", "E", "empty.txt", "bad.txt")
    assert [line.split(":")[0] for line in result.stdout.splitlines() if ": E" in line] == ["bad.txt", "empty.txt"]
    assert "共检查 2 个文件" in result.stdout


def test_binary_txt_is_e004_and_gbk_is_fine(workdir, run_govlint, minimal_report):
    (workdir / "binary.txt").write_bytes(b"\x00\x01\x02PK" * 50)
    (workdir / "gbk.txt").write_bytes(minimal_report.encode("gbk"))
    result = run_govlint("check", "--select", "E", "--format", "json", ".")
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)] == [("binary.txt", "E004")]


# check: selection, configuration, exit codes ---------------------------------------

def test_select_by_prefix_by_name_and_ignore(reports, run_govlint):
    def codes(*args):
        return [f["code"] for f in json.loads(run_govlint("check", "--format", "json", *args, ".").stdout)]

    assert codes("--select", "E00") == ["E002", "E003"]
    assert codes("--select", "empty-file") == ["E003"]
    assert codes("--select", "E002,empty-file") == ["E002", "E003"]
    assert codes("--select", "E", "--ignore", "E002") == ["E003"]
    assert codes("--select", "E002", "--extend-select", "E003") == ["E002", "E003"]


def test_severity_override_in_config_changes_the_exit_code(reports, run_govlint):
    (reports / "govlint.toml").write_text('select = ["E003"]\n[severity]\nempty-file = "warning"\n',
                                          encoding="utf-8")
    result = run_govlint("check", "empty.txt")
    assert result.exit_code == 0 and "empty.txt:1:1: E003 warning 文件为空" in result.stdout
    assert run_govlint("check", "--fail-level", "warning", "empty.txt").exit_code == 1


def test_config_is_found_walking_up_from_the_file(reports, run_govlint):
    (reports / "pyproject.toml").write_text('[tool.govlint]\nselect = ["E"]\nignore = ["E003"]\n',
                                            encoding="utf-8")
    (reports / "deep" / "er").mkdir(parents=True)
    (reports / "deep" / "er" / "empty.txt").write_bytes(b"")
    result = run_govlint("check", "deep")
    assert (result.exit_code, result.stdout) == (0, "共检查 1 个文件，未发现问题。\n")


def test_per_file_ignores(reports, run_govlint):
    (reports / "govlint.toml").write_text('select = ["E"]\n[per-file-ignores]\n"empty.*" = ["E003"]\n',
                                          encoding="utf-8")
    result = run_govlint("check", "--format", "json", ".")
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)] == [("bad.txt", "E002")]


def test_unknown_rule_in_config_exits_2_with_a_message(reports, run_govlint):
    (reports / "govlint.toml").write_text('select = ["E", "X999"]\n', encoding="utf-8")
    result = run_govlint("check", ".")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "govlint: govlint.toml: select 中的 'X999' 不是已知的规则代码、前缀或名称\n"


def test_unknown_rule_on_the_command_line_exits_2(reports, run_govlint):
    result = run_govlint("check", "--ignore", "nope", ".")
    assert result.exit_code == 2
    assert result.stderr == "govlint: 命令行: --ignore 中的 'nope' 不是已知的规则代码、前缀或名称\n"


def test_explicit_config_and_no_config(reports, run_govlint):
    (reports / "govlint.toml").write_text('select = ["X999"]\n', encoding="utf-8")
    (reports / "only-e003.toml").write_text('select = ["E003"]\n', encoding="utf-8")
    assert run_govlint("check", "--config", "only-e003.toml", "empty.txt").exit_code == 1
    assert run_govlint("check", "--no-config", "--select", "E002", "empty.txt").exit_code == 0
    both = run_govlint("check", "--config", "only-e003.toml", "--no-config", "empty.txt")
    assert both.exit_code == 2 and both.stderr == "govlint: --config 与 --no-config 不能同时使用\n"


def test_missing_path_and_no_path_exit_2(workdir, run_govlint):
    missing = run_govlint("check", "nope.txt")
    assert (missing.exit_code, missing.stderr) == (2, "govlint: 路径不存在：nope.txt\n")
    nothing = run_govlint("check")
    assert nothing.exit_code == 2 and nothing.stderr.startswith("govlint: 请给出要检查的文件或目录")


def test_a_directory_without_reports_is_clean_with_a_warning(workdir, run_govlint):
    (workdir / "docs").mkdir()
    (workdir / "docs" / "notes.py").write_text("x = 1\n", encoding="utf-8")
    result = run_govlint("check", "docs")
    assert (result.exit_code, result.stdout) == (0, "共检查 0 个文件，未发现问题。\n")
    assert result.stderr == "govlint: 没有找到可检查的报告文件\n"


def test_stdin_with_stdin_filename(workdir, run_govlint, minimal_report):
    result = run_govlint("check", "--select", "E", "-", "--stdin-filename", "docs/r.md",
                         input=minimal_report.encode("gbk"))
    assert (result.exit_code, result.stdout) == (0, "共检查 1 个文件，未发现问题。\n")
    empty = run_govlint("check", "--stdin-filename", "docs/r.md", "-", input=b"")
    assert empty.exit_code == 1 and empty.stdout.startswith("docs/r.md:1:1: E003 error")
    unnamed = run_govlint("check", "-", input=b"\n\n")
    assert unnamed.stdout.startswith("-:1:1: E003 error")


def test_unsupported_file_named_explicitly(workdir, run_govlint):
    (workdir / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_govlint("check", "table.xls")
    assert result.exit_code == 1 and result.stdout.startswith("table.xls:1:1: E006 error 不支持的文件类型 .xls")


def test_plugin_load_failures_are_warned_on_stderr(reports, run_govlint, monkeypatch):
    from importlib.metadata import EntryPoint

    real = plugins_module.entry_points
    monkeypatch.setattr(plugins_module, "entry_points",
                        lambda group: [*real(group=group), EntryPoint("broken", "no_such_plugin_mod", group)])
    result = run_govlint("check", "--select", "E", "clean.txt")
    assert result.exit_code == 0
    assert result.stderr == ("govlint: 插件 broken 加载失败：ModuleNotFoundError: "
                             "No module named 'no_such_plugin_mod'\n")


def test_internal_errors_exit_2_without_traceback(reports, run_govlint, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("govlint.cli.lint", boom)
    result = run_govlint("check", "clean.txt")
    assert (result.exit_code, result.stderr) == (2, "govlint: 内部错误：RuntimeError: boom\n")
    monkeypatch.setenv("GOVLINT_DEBUG", "1")
    debug = run_govlint("check", "clean.txt")
    assert debug.exit_code == 2 and "Traceback" in debug.stderr and debug.stderr.endswith("RuntimeError: boom\n")


def test_a_crashing_rule_is_reported_and_exits_2(reports, run_govlint, monkeypatch):
    from govlint.rules.input.empty import EmptyFile

    def crash(self, doc):
        raise KeyError("x")

    monkeypatch.setattr(EmptyFile, "check", crash)
    result = run_govlint("check", "--select", "E", "bad.txt")
    assert result.exit_code == 2
    assert result.stderr == "govlint: 规则 E003 在 bad.txt 上出错：KeyError: 'x'\n"
    assert result.stdout.startswith("bad.txt:4:1: E002")


# rules, explain, parse -------------------------------------------------------------

def test_rules_lists_the_input_rules_with_their_plugin(run_govlint):
    result = run_govlint("rules")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and lines[0].split() == ["代码", "名称", "级别", "插件", "说明"]
    e003 = next(line for line in lines if line.startswith("E003"))
    assert e003.split()[:4] == ["E003", "empty-file", "error", "input"]
    assert e003.endswith("文件为空或只有空白。")
    codes = [line.split()[0] for line in lines[1:]]
    assert codes == sorted(codes)
    assert [c for c in codes if c.startswith("E")][:6] == ["E001", "E002", "E003", "E004", "E005", "E006"]


def test_rules_as_json(run_govlint):
    data = json.loads(run_govlint("rules", "--format", "json").stdout)
    e003 = next(d for d in data if d["code"] == "E003")
    assert e003 == {"code": "E003", "name": "empty-file", "severity": "error", "plugin": "input",
                    "summary": "文件为空或只有空白。"}


@pytest.mark.parametrize("ref", ["E003", "e003", "empty-file"])
def test_explain_prints_the_rule_documentation(run_govlint, ref):
    result = run_govlint("explain", ref)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[:4] == ["E003 empty-file", "级别：error（错误）", "插件：input", ""]
    assert lines[4] == "文件为空或只有空白。"
    for heading in ("What it does", "Why", "Example", "References"):
        assert heading in lines


def test_explain_unknown_rule_exits_2(run_govlint):
    result = run_govlint("explain", "X999")
    assert (result.exit_code, result.stderr) == (2, "govlint: 未知的规则 'X999'（govlint rules 列出所有规则）\n")


def test_parse_outputs_the_structure_as_json(workdir, run_govlint, minimal_report):
    (workdir / "r.txt").write_text(minimal_report, encoding="utf-8")
    result = run_govlint("parse", "r.txt")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and "lines" not in data
    assert {"path", "format", "title", "organ", "year", "problems", "sections", "subitems", "blocks"} <= set(data)
    assert (data["path"], data["format"], data["year"], data["problems"]) == ("r.txt", "text", 2023, [])
    assert (data["title"]["text"], data["title"]["line"]) == ("某某市某某区人民政府2023年政府信息公开工作年度报告", 1)
    first = data["sections"][0]
    assert {k: first[k] for k in ("number", "numeral", "numbering", "title", "wording", "expected", "line")} == {
        "number": 1, "numeral": "一", "numbering": "chinese", "title": "总体情况", "wording": "canonical",
        "expected": "总体情况", "line": 3}
    assert isinstance(first["end_line"], int)
    assert [s["line"] for s in data["sections"]] == [3, 5, 7, 9, 11, 13]
    heading = next(b for b in data["blocks"] if b["line"] == 3)
    assert [heading[k] for k in ("type", "text", "line", "column")] == ["paragraph", "一、总体情况", 3, 1]
    assert "pieces" not in heading
    assert first["heading"] == {"type": "paragraph", "line": 3, "column": 1}


def test_parse_writes_tables_with_rows_and_cells(run_govlint):
    seed = Path(__file__).parents[2] / "fixtures" / "seeds" / "004_94358fe22916de47.txt"
    data = json.loads(run_govlint("parse", str(seed)).stdout)
    table = next(b for b in data["blocks"] if b["type"] == "table")
    assert {"type", "index", "line", "column", "layout", "rows"} <= set(table) and table["index"] == 1
    cell = table["rows"][0]["cells"][0]
    assert set(cell) >= {"text", "line", "column"} and cell["line"] == table["line"]
    second = data["sections"][1]
    assert {"type": "table", "line": table["line"], "column": table["column"], "index": 1} in second["blocks"]


def test_parse_says_why_a_value_is_doubtful(run_govlint):
    # 淮安市洪泽区 2023 (PDF): the row "2.其他法律行政止公开" is matched to its template row only as a typo
    report = Path(__file__).parents[2] / "fixtures" / "real" / "huaian-hongze-2023.pdf"
    values = json.loads(run_govlint("parse", str(report)).stdout)["template"]["tables"]["t3"]["values"]
    doubtful = {key for key, value in values.items() if "doubt" in value}
    assert doubtful == {f"t3.results.deny.prohibited.{column}" for column in (
        "natural_person", "business", "research", "social_org", "legal_service", "other_org", "total")}
    assert "“2.其他法律行政止公开”行的行名与模板不完全一致" in values["t3.results.deny.prohibited.total"]["doubt"]
    assert "doubt" not in values["t3.new.total"]


def test_parse_of_an_empty_file_shows_the_problem(workdir, run_govlint):
    (workdir / "e.txt").write_bytes(b"")
    data = json.loads(run_govlint("parse", "e.txt").stdout)
    assert data["problems"] == [{"kind": "empty", "message": "文件为空", "line": 1, "column": 1, "fatal": True}]
    assert data["sections"] == [] and data["blocks"] == []


def test_parse_missing_file_exits_2(workdir, run_govlint):
    result = run_govlint("parse", "nope.txt")
    assert (result.exit_code, result.stderr) == (2, "govlint: 路径不存在：nope.txt\n")


# The installed entry points ---------------------------------------------------------

# jieba is imported once the C rules ask for the claims, with govlint's own small
# dictionary; that its default dictionary is never loaded is tested in test_claims.py.
FORBIDDEN_AT_STARTUP = ("pdfplumber", "docx", "pytest", "yaml")


def test_installed_script_and_python_m(reports):
    select_e(reports)
    script = Path(sys.executable).with_name("govlint")
    for command in ([str(script)], [sys.executable, "-m", "govlint"]):
        run = subprocess.run([*command, "check", "clean.txt", "empty.txt"], capture_output=True, text=True,
                             encoding="utf-8")
        assert run.returncode == 1, run.stderr
        assert run.stdout.startswith("empty.txt:1:1: E003 error 文件为空\n")
        assert run.stderr == ""
    version = subprocess.run([sys.executable, "-m", "govlint", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("govlint ")


@pytest.mark.parametrize("thread", [False, True])
def test_the_command_ends_with_its_exit_code_after_the_exit_handlers(reports, thread):
    """``run`` skips the interpreter's teardown, never the exit handlers, the
    buffered output, nor a thread still running (then it ends as usual).
    Imported as the console script does, the garbage collector is off
    until ``run`` starts, then on with start-up's objects frozen."""
    select_e(reports)
    code = ("import atexit, gc, sys, threading, time\n"
            "if sys.argv[1] == 'thread':\n"
            "    threading.Thread(target=lambda: (time.sleep(0.3), print('thread finished'))).start()\n"
            "sys.argv[1:] = ['check', 'clean.txt', 'empty.txt']\n"
            "from govlint.__main__ import run\n"
            "off = not gc.isenabled()\n"
            "atexit.register(lambda: print('exit handler ran', off, gc.isenabled(), gc.get_freeze_count() > 0))\n"
            "run()\n")
    done = subprocess.run([sys.executable, "-c", code, "thread" if thread else "-"], capture_output=True, text=True,
                          encoding="utf-8")
    lines = done.stdout.splitlines()
    assert (done.returncode, lines[0], lines[-1]) == (1, "empty.txt:1:1: E003 error 文件为空",
                                                      "exit handler ran True True True")
    assert ("thread finished" in lines) == thread and done.stderr == ""


def test_check_on_txt_does_not_import_heavy_modules(reports):
    code = (
        "import sys\n"
        "from govlint.cli import main\n"
        "try:\n"
        "    main(['check', 'clean.txt'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({FORBIDDEN_AT_STARTUP!r})))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONPATH": ""})
    assert run.stdout.splitlines()[-1] == "[]", run.stdout + run.stderr


def test_importing_govlint_is_light_and_the_api_comes_on_first_use():
    code = ("import sys, govlint\n"
            "print(sorted(m for m in sys.modules if m.startswith('govlint.') or m.split('.')[0] in\n"
            "             {'msgspec', 'click', 'jieba', 'pdfplumber', 'docx'}))\n"
            "from govlint import Rule, Severity\n"
            "print(Rule.__module__, Severity.ERROR.label, govlint.Finding.__module__, 'Report' in dir(govlint))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.splitlines() == ["[]", "govlint.rule error govlint.findings True"], run.stderr


# Formatters ------------------------------------------------------------------------

def test_text_formatter_colours_only_when_asked():
    from govlint.findings import Finding
    from govlint.model import Severity
    from govlint.output.formatters import FORMATTERS, render
    from govlint.run.engine import FileResult, LintResult

    findings = tuple(Finding("a.txt", n, 1, f"X00{n}", "x", severity, "消息", source=src)
                     for n, severity, src in [(1, Severity.ERROR, "源"), (2, Severity.INFO, "  ")])
    result = LintResult((FileResult("a.txt", findings), FileResult("b.txt", ())))
    plain = render(result, "text")
    assert plain.splitlines() == ["a.txt:1:1: X001 error 消息", "    源", "a.txt:2:1: X002 info 消息", "",
                                  "共检查 2 个文件，发现 2 个问题（错误 1，警告 0，提示 1）。"]
    coloured = render(result, "text", color=True)
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert {"text", "json"} <= set(FORMATTERS)


def test_a_reader_that_goes_away_stops_the_output_quietly():
    # govlint check folder | head -1: no "内部错误", no traceback, the exit code of a process killed by SIGPIPE

    real = Path(__file__).parents[2] / "fixtures" / "real"
    process = subprocess.Popen([sys.executable, "-c", "from govlint.cli import main; main()", "check", "--no-cache", "--jobs", "1", str(real)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert b"huaian-city-2024.pdf:" in process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 141 and stderr == ""
