"""The consistency (C) and metadata (M) rules together, as a reviewer runs
them: exactly one finding per contradiction, none where the seeds' prose
agrees with their tables, and the configurable publication deadline."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from govlint.model import Severity
from govlint.run.config import build_settings
from govlint.run.engine import Options, lint, lint_document
from govlint.run.plugins import load_plugins
from govlint.testing import Case, check_case, read_report

PLUGINS = load_plugins()
SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"
C_RULES = [r for r in PLUGINS.rules if r.code.startswith("C")]
T3 = """\
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量	{new}	0	0	0	0	0	{new}
二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
三、本年度办理结果	（七）总计	{new}	0	0	0	0	0	{new}
四、结转下年度继续办理	0	0	0	0	0	0	0
四、政府信息公开行政复议、行政诉讼情况
行政复议	行政诉讼
结果维持	结果纠正	其他结果	尚未审结	总计	未经复议直接起诉	复议后起诉
{review}	0	0	0	{review}	0	0	0	0	0	0	0	0	0	0
"""


def _report(sentence: str, new: int, review: int = 0) -> str:
    return f"某某街道办事处2020年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n" + T3.format(new=new, review=review)


@pytest.mark.parametrize("sentence, new, review, code", [
    ("本年度共收到政府信息公开申请5件，均已按时答复。", 3, 0, "C001"),
    ("2020年，本街道未收到政府信息公开申请。", 2, 0, "C002"),
    ("全年未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。", 0, 1, "C008"),
])
def test_one_contradiction_gives_exactly_one_finding_at_its_line(sentence, new, review, code):
    doc = read_report(_report(sentence, new, review))
    findings = lint_document(doc, C_RULES)
    assert [(f.code, f.line) for f in findings] == [(code, 3)]
    assert "“" in findings[0].message and findings[0].severity is Severity.ERROR


def test_no_consistency_or_metadata_error_on_the_seeds():
    result = lint([str(p) for p in sorted(SEEDS.glob("*.txt"))], Options(select=("C", "M"), use_config=False))
    errors = [(f.path, f.line, f.code) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []


DATED = textwrap.dedent("""\
    某某街道办事处2020年政府信息公开工作年度报告
    一、总体情况
    内容。
    2021年2月8日
""")


def _signature_findings(values=None):
    rules = [PLUGINS.rule_by_code("M004")]
    settings = build_settings(rules, defaults={**PLUGINS.defaults, **(values or {})})
    return lint_document(read_report(DATED), rules, settings)


def test_publication_deadline_defaults_come_from_the_plugin():
    assert PLUGINS.defaults["publication-deadline"]["township"] == "01-31"
    (finding,) = _signature_findings()
    assert "2021年1月31日" in finding.message and "publication-deadline.township" in finding.message


def test_publication_deadline_is_configurable_per_level():
    assert _signature_findings({"publication-deadline": {"township": "02-20"}}) == []


def test_a_malformed_deadline_is_reported_not_ignored():
    warnings = []
    rules = [PLUGINS.rule_by_code("M004")]
    settings = build_settings(rules, defaults={"publication-deadline": {"township": "Feb 20"}})
    lint_document(read_report(DATED), rules, settings, warn=warnings.append)
    assert warnings and "publication-deadline.township" in warnings[0]


def test_the_deadline_key_is_accepted_in_a_configuration_file(workdir):
    (workdir / "govlint.toml").write_text('[publication-deadline]\ntownship = "02-20"\n', "utf-8")
    (workdir / "report.txt").write_text(DATED, "utf-8")
    result = lint(["report.txt"], Options(select=("M004",)))
    assert result.findings == [] and result.exit_code == 0


# -- graded findings --------------------------------------------------------
# A case of tests/rules/cases/C*.yml or M*.yml may list under ``expect`` the
# severity and message fragments of its findings of one code, in line order:
# the markers say where findings are, these say how sure and how explained.

CASES = Path(__file__).parent / "cases"


def _graded_cases():
    for path in sorted([*CASES.glob("C*.yml"), *CASES.glob("M*.yml")]):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            if case.get("expect"):
                yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


@pytest.mark.parametrize("rule, case", list(_graded_cases()))
def test_graded_findings_say_how_sure_they_are_and_why(rule, case):
    findings = check_case(Case(rule, case["name"], case["report"], config=case.get("config", {})))
    for code in {e["code"] for e in case["expect"]}:
        expected = [e for e in case["expect"] if e["code"] == code]
        found = sorted((f for f in findings if f.code == code), key=lambda f: f.line)
        assert len(found) == len(expected), [f.message for f in found]
        for finding, want in zip(found, expected):
            assert finding.severity.label == want["severity"], finding.message
            assert finding.certain is (finding.severity is PLUGINS.rule_by_code(code).severity), finding.message
            for fragment in want.get("message", []):
                assert fragment in finding.message, finding.message
