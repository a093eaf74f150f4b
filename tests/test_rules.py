"""Every rule's cases, as data: tests/rule_cases/<CODE>.yml.

Each file names a rule and lists cases; each case is a report (``report``,
optionally ``filename`` to pick the reader) with the expected findings
written as ``«CODE»`` markers at the end of the lines they must point at.
A case without markers must give no finding.  Every built-in rule must have
a case file with at least one passing and one failing case.
"""

from pathlib import Path

import pytest
import yaml

from govlint.plugins import load_plugins
from govlint.testing import assert_findings, split_markers

CASES = Path(__file__).parent / "rule_cases"
PLUGINS = load_plugins()


def _cases():
    for path in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_case(code, case):
    rule = PLUGINS.rule_by_code(code)
    assert rule is not None, f"no rule {code}"
    assert_findings(rule, case["report"], case.get("filename", "report.txt"))


BUILTIN = [r for r in PLUGINS.rules if r.__module__.startswith("govlint.rules.") and not r.code.startswith("E")]


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_every_rule_has_passing_and_failing_cases(rule):
    path = CASES / f"{rule.code}.yml"
    assert path.exists(), f"{rule.code} has no case file"
    cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
    marked = [bool(split_markers(c["report"])[1]) for c in cases]
    assert any(marked) and not all(marked)


@pytest.mark.parametrize("rule", PLUGINS.rules, ids=lambda r: r.code)
def test_rule_documentation_has_the_fixed_headings(rule):
    doc = rule.documentation()
    for heading in ("What it does", "Why", "Example", "References"):
        assert f"\n{heading}\n" in doc, f"{rule.code} docs lack '{heading}'"
    rule.validate()
