"""Every rule's cases, as data: tests/rules/cases/<CODE>.yml.

Each file names a rule and lists cases; each case is a report (``report``,
optionally ``filename`` to pick the reader) with the expected findings
written as ``«CODE»`` markers at the end of the lines they must point at.
A case without markers must give no finding.  Every built-in rule must have
a case file with at least one passing and one failing case.  The files are
read and run with :mod:`govlint.testing`, as a plugin's would be.
"""

from pathlib import Path

import pytest

from govlint.run.plugins import load_plugins
from govlint.testing import check_case, load_cases

CASES = Path(__file__).parent / "cases"
PLUGINS = load_plugins()


def _cases():
    for path in sorted(CASES.glob("*.yml")):
        for case in load_cases(path):
            yield pytest.param(case, id=case.id)


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_case(case):
    rule = PLUGINS.rule_by_code(case.rule)
    assert rule is not None, f"no rule {case.rule}"
    check_case(case, rule)


# Rules over report sets need several reports: their cases are report
# families (tests/repository/test_crossreport.py, fixtures/families/).
BUILTIN = [r for r in PLUGINS.rules if r.__module__.startswith("govlint.rules.") and not r.code.startswith("E")
           and not r.over_report_sets]


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_every_rule_has_passing_and_failing_cases(rule):
    path = CASES / f"{rule.code}.yml"
    assert path.exists(), f"{rule.code} has no case file"
    marked = [case.marked for case in load_cases(path)]
    assert any(marked) and not all(marked)


@pytest.mark.parametrize("rule", PLUGINS.rules, ids=lambda r: r.code)
def test_rule_documentation_has_the_fixed_headings(rule):
    doc = rule.documentation()
    for heading in ("What it does", "Why", "Example", "References"):
        assert f"\n{heading}\n" in doc, f"{rule.code} docs lack '{heading}'"
    rule.real().validate()
