"""The input rules (E001–E008): each reports the document's input problems
of its kind, and the pipeline produces those problems for real files."""

from __future__ import annotations

import os

import pytest
from builders import encrypted_pdf, image_pdf

from govlint import limits
from govlint.model import Document, InputProblem, Location, Severity
from govlint.rules.input import govlint_rules
from govlint.rules.input.base import InputRule
from govlint.run import pipeline
from govlint.run.engine import lint_document
from govlint.run.plugins import load_plugins

EXPECTED = [
    ("E001", "unreadable-file", "unreadable"),
    ("E002", "encoding-error", "encoding"),
    ("E003", "empty-file", "empty"),
    ("E004", "binary-file", "binary"),
    ("E005", "file-too-large", "too-large"),
    ("E006", "unsupported-format", "unsupported"),
    ("E007", "needs-ocr", "needs-ocr"),
    ("E008", "encrypted-file", "encrypted"),
    ("E009", "budget-exceeded", "budget"),
]


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


def input_and_structure(plugins):
    """The input and structure rules: the minimal report has its six
    sections but no tables, so the table rules (T001…) are left out."""
    return [r for r in plugins.rules if r.code[0] in "ES"]


def findings_for(plugins, path, data=None):
    doc = pipeline.read_document(str(path), data, readers=plugins.readers)
    return [(f.line, f.code) for f in lint_document(doc, input_and_structure(plugins))]


def test_the_plugin_provides_the_rules_in_code_order():
    rules = govlint_rules()
    assert [(r.code, r.name, r.kind) for r in rules] == EXPECTED
    for rule in rules:
        assert issubclass(rule.real(), InputRule) and rule.severity is Severity.ERROR
        rule.real().validate()
        doc = rule.documentation()
        assert all(heading in doc for heading in ("What it does", "Why", "Example", "References"))


def test_the_rules_are_registered_under_the_input_plugin(plugins):
    for code, name, _ in EXPECTED:
        rule = plugins.rule_by_code(code)
        assert rule.name == name and rule.plugin == "input"


@pytest.mark.parametrize("code,name,kind", EXPECTED)
def test_each_rule_reports_only_its_kind_with_the_problem_message(code, name, kind):
    problems = tuple(
        InputProblem(other, f"message for {other}", Location(line))
        for line, (_, _, other) in enumerate(EXPECTED, start=3)
    )
    rule = next(r for r in govlint_rules() if r.code == code)
    [finding] = rule().check(Document(path="r.txt", format="text", problems=problems))
    line = 3 + [k for _, _, k in EXPECTED].index(kind)
    assert (finding.line, finding.column, finding.code, finding.name) == (line, 1, code, name)
    assert finding.message == f"message for {kind}" and finding.severity is Severity.ERROR


def test_no_problems_no_findings():
    for rule in govlint_rules():
        assert list(rule().check(Document(path="r.txt", format="text"))) == []


# Through the pipeline -----------------------------------------------------

def test_empty_and_whitespace_only_files_are_e003_and_nothing_else(plugins, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\u3000\u3000\n  \n", encoding="utf-8")
    assert findings_for(plugins, empty) == [(1, "E003")]
    assert findings_for(plugins, blank) == [(1, "E003")]


def test_binary_data_in_a_txt_file_is_e004(plugins, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)))
    assert findings_for(plugins, path) == [(1, "E004")]


def test_gbk_report_decodes_without_e002(plugins, tmp_path, minimal_report):
    path = tmp_path / "gbk.txt"
    path.write_bytes(minimal_report.encode("gbk"))
    doc = pipeline.read_document(str(path), readers=plugins.readers)
    assert not doc.problems
    assert doc.title.text == "某某市某某区人民政府2023年政府信息公开工作年度报告"
    assert [f.code for f in lint_document(doc, input_and_structure(plugins))] == []


def test_invalid_bytes_are_e002_at_their_line_and_the_rest_is_still_checked(plugins, tmp_path, minimal_report):
    lines = minimal_report.encode("utf-8").split(b"\n")
    lines[5] = lines[5] + b" \xff\xfe\x80"  # not UTF-8, not GB18030 either
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\n".join(lines))
    doc = pipeline.read_document(str(path), readers=plugins.readers)
    assert not doc.fatal and len(doc.sections) == 6
    assert findings_for(plugins, path) == [(6, "E002")]


def test_unsupported_extension_is_e006(plugins, tmp_path):
    path = tmp_path / "report.xls"
    path.write_bytes(b"anything")
    assert findings_for(plugins, path) == [(1, "E006")]


def test_unreadable_file_is_e001(plugins, tmp_path):
    path = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing-target.txt", path)
    assert findings_for(plugins, path) == [(1, "E001")]


def test_file_over_the_size_limit_is_e005(plugins, tmp_path, monkeypatch, minimal_report):
    monkeypatch.setattr(limits, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(minimal_report, encoding="utf-8")
    assert findings_for(plugins, path) == [(1, "E005")]


def test_a_pdf_without_text_is_e007(plugins, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf())
    assert findings_for(plugins, path) == [(1, "E007")]


def test_a_password_protected_pdf_is_e008(plugins, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    assert findings_for(plugins, path) == [(1, "E008")]


def test_a_truncated_docx_is_e001(plugins, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert findings_for(plugins, path) == [(1, "E001")]
