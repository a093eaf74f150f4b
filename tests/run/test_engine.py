"""The engine: path expansion, running rules, filling findings, exit codes."""

from __future__ import annotations

import os
import types

import pytest

from govlint import Severity, hookimpl
from govlint.model import Document, InputProblem, Location, Paragraph
from govlint.run.config import ConfigError, Settings
from govlint.run.engine import LintError, Options, expand_paths, lint, lint_document
from govlint.run.plugins import load_plugins

LINES = ("标题", "　　第二行正文\r", "")


@pytest.fixture
def doc():
    return Document(path="r.txt", format="text", lines=LINES,
                    blocks=(Paragraph("第二行正文", Location(2, 3)),))


@pytest.fixture
def paragraph_rule(make_rule):
    """X001: a warning on every paragraph."""
    return make_rule("X001", "every-paragraph",
                     check=lambda self, doc: (self.report(p, "段落") for p in doc.paragraphs))


@pytest.fixture
def crashing_rule(make_rule):
    def check(self, doc):
        yield self.report(Location(1), "before the crash")
        raise ZeroDivisionError("division by zero")

    return make_rule("X002", "crashes", check=check)


@pytest.fixture
def plugins_with():
    """Built-in plugins plus a test plugin providing the given rules."""

    def load(*rules):
        module = types.ModuleType("testrules")
        module.govlint_rules = hookimpl(lambda: list(rules))
        return load_plugins([module])

    return load


# lint_document ---------------------------------------------------------------

def test_findings_get_path_source_and_are_sorted(doc, paragraph_rule, make_rule):
    first_line = make_rule("X003", "first-line", check=lambda self, doc: iter([self.report(Location(1, 2), "一")]))
    findings = lint_document(doc, [paragraph_rule, first_line], path="shown/r.txt")
    assert [(f.path, f.line, f.column, f.code, f.source) for f in findings] == [
        ("shown/r.txt", 1, 2, "X003", "标题"),
        ("shown/r.txt", 2, 3, "X001", "　　第二行正文"),
    ]


def test_path_defaults_to_the_documents_path(doc, paragraph_rule):
    assert lint_document(doc, [paragraph_rule])[0].path == "r.txt"


def test_settings_select_override_severity_and_ignore_per_file(doc, paragraph_rule, make_rule):
    other = make_rule("X003", "other", check=lambda self, doc: iter([self.report(Location(1), "x")]))
    settings = Settings(enabled=frozenset({"X001", "X003"}), severities={"X001": Severity.ERROR},
                        per_file_ignores=(("r.txt", frozenset({"X003"})),))
    [finding] = lint_document(doc, [paragraph_rule, other], settings)
    assert (finding.code, finding.severity) == ("X001", Severity.ERROR)
    assert lint_document(doc, [paragraph_rule], Settings(enabled=frozenset())) == []


def test_an_uncertain_finding_is_one_level_lower_with_its_reason(doc, make_rule):
    def check(self, doc):
        yield self.report(Location(1), "数目不一致")
        yield self.report(Location(2), "数目不一致", uncertain="口径可能不同：句中有“全区”")

    rule = make_rule("X004", "graded", severity=Severity.ERROR, check=check)
    sure, unsure = lint_document(doc, [rule])
    assert (sure.severity, sure.message, sure.certain) == (Severity.ERROR, "数目不一致", True)
    assert (unsure.severity, unsure.message, unsure.certain) == (
        Severity.WARNING, "数目不一致（口径可能不同：句中有“全区”）", False)
    # a configured severity applies to the certain finding; the uncertain one stays a level below it
    for configured, lowered in [(Severity.WARNING, Severity.INFO), (Severity.INFO, Severity.INFO)]:
        settings = Settings(enabled=frozenset({"X004"}), severities={"X004": configured})
        assert [f.severity for f in lint_document(doc, [rule], settings)] == [configured, lowered]


def test_a_crashing_rule_is_reported_and_the_others_still_run(doc, paragraph_rule, crashing_rule):
    messages = []
    findings = lint_document(doc, [crashing_rule, paragraph_rule], path="r.txt", warn=messages.append)
    assert [f.code for f in findings] == ["X001"]
    assert messages == ["规则 X002 在 r.txt 上出错：ZeroDivisionError: division by zero"]


def test_on_a_fatal_document_only_input_rules_run(paragraph_rule):
    plugins = load_plugins()
    fatal = Document(path="e.txt", format="text", problems=(InputProblem("empty", "文件为空", fatal=True),),
                     blocks=(Paragraph("x", Location(1)),))
    findings = lint_document(fatal, [paragraph_rule, *plugins.rules])
    assert [(f.code, f.message) for f in findings] == [("E003", "文件为空")]


# expand_paths ---------------------------------------------------------------------

def touch(*paths):
    for path in paths:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        open(path, "wb").close()


def test_directories_are_walked_sorted_by_extension_skipping_hidden(workdir):
    touch("r/b.txt", "r/a.MD", "r/sub/c.txt", "r/notes.docx", "r/.hidden.txt", "r/.git/x.txt",
          "r/.govlint_cache/y.txt", "r/sub/.tmp/z.md")
    assert expand_paths(["r"], {".txt", ".md"}) == ["r/a.MD", "r/b.txt", "r/sub/c.txt"]


def test_explicit_files_are_kept_whatever_their_extension_and_duplicates_dropped(workdir):
    touch("r/a.txt", "x.xls")
    assert expand_paths(["x.xls", "r", "r/a.txt", "./x.xls", "-"], {".txt"}) == ["x.xls", "r/a.txt", "-"]


def test_symlinked_directory_loops_terminate(workdir):
    touch("r/a.txt")
    os.symlink("..", "r/up")
    os.symlink(os.path.abspath("r"), "r/self")
    assert expand_paths(["r"], {".txt"}) == ["r/a.txt"]


def test_a_missing_path_is_a_lint_error(workdir):
    with pytest.raises(LintError, match="^路径不存在：nope/x.txt$"):
        expand_paths(["nope/x.txt"], {".txt"})


# lint --------------------------------------------------------------------------

def test_lint_reports_files_sorted_with_display_paths(workdir, minimal_report):
    (workdir / "b").mkdir()
    (workdir / "b" / "empty.txt").write_bytes(b"")
    (workdir / "a.txt").write_text(minimal_report, encoding="utf-8")
    result = lint([str(workdir / "b"), "./a.txt"], Options(select=("E",)))
    assert [r.path for r in result.files] == ["a.txt", "b/empty.txt"]
    assert [(f.path, f.line, f.code) for f in result.findings] == [("b/empty.txt", 1, "E003")]
    assert result.exit_code == 1 and result.errors == ()


def test_paths_outside_the_current_directory_stay_as_given(tmp_path, workdir):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_bytes(b"")
    try:
        assert lint([str(outside)]).files[0].path == str(outside)
    finally:
        outside.unlink()


def test_exit_code_follows_the_fail_level(workdir):
    (workdir / "e.txt").write_bytes(b"")
    (workdir / "govlint.toml").write_text('[severity]\nE003 = "warning"\n', encoding="utf-8")
    assert lint(["e.txt"]).exit_code == 0
    assert lint(["e.txt"], Options(fail_level=Severity.WARNING)).exit_code == 1
    (workdir / "govlint.toml").write_text('fail-level = "info"\n[severity]\nE003 = "info"\n', encoding="utf-8")
    assert lint(["e.txt"]).exit_code == 1
    assert lint(["e.txt"], Options(use_config=False)).findings[0].severity is Severity.ERROR


def test_crashing_rule_makes_exit_code_2_and_the_run_goes_on(workdir, plugins_with, crashing_rule,
                                                               paragraph_rule, minimal_report):
    (workdir / "r.txt").write_text(minimal_report, encoding="utf-8")
    messages = []
    result = lint(["r.txt"], Options(select=("X",)), plugins=plugins_with(crashing_rule, paragraph_rule),
                  warn=messages.append)
    assert messages == ["规则 X002 在 r.txt 上出错：ZeroDivisionError: division by zero"]
    assert result.findings and {f.code for f in result.findings} == {"X001"}
    assert result.exit_code == 2


def test_stdin_uses_the_stdin_filename_for_reader_and_path(workdir, minimal_report):
    data = minimal_report.encode("gb18030")
    result = lint(["-"], Options(stdin_filename="in/report.md", select=("E",)), stdin=data)
    assert [r.path for r in result.files] == ["in/report.md"] and result.findings == []
    assert lint(["-"], stdin=b"").findings[0].path == "-"


def test_unknown_reference_on_the_command_line_is_a_config_error(workdir):
    with pytest.raises(ConfigError, match="^命令行: --ignore 中的 'Z9' 不是已知的规则代码、前缀或名称$"):
        lint(["."], Options(ignore=("Z9",)))


def test_configuration_errors_come_before_any_reading(workdir):
    (workdir / "sub").mkdir()
    (workdir / "sub" / "govlint.toml").write_text('select = ["X999"]\n', encoding="utf-8")
    (workdir / "sub" / "r.txt").write_bytes(b"")
    with pytest.raises(ConfigError, match="^sub/govlint.toml: select 中的 'X999'"):
        lint(["sub"])


def test_explicit_config_file_replaces_discovery(workdir):
    (workdir / "govlint.toml").write_text('ignore = ["E"]\n', encoding="utf-8")
    (workdir / "strict.toml").write_text('select = ["E003"]\n', encoding="utf-8")
    (workdir / "e.txt").write_bytes(b"")
    assert lint(["e.txt"]).findings == []
    assert [f.code for f in lint(["e.txt"], Options(config="strict.toml")).findings] == ["E003"]
    with pytest.raises(ConfigError, match="^找不到配置文件：missing.toml$"):
        lint(["e.txt"], Options(config="missing.toml"))
