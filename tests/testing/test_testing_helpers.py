"""govlint.testing, the helpers rule authors (and govlint's own tests) use:
a rule by class or code, inline text or a fixture file, configuration,
expected findings with message text, YAML cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.testing import assert_findings, assert_fixture_findings, check_case, find_rule, load_cases, run_rule

SEED = Path(__file__).parents[2] / "fixtures" / "seeds" / "004_94358fe22916de47.txt"


def test_a_rule_by_code_or_name_on_a_fixture_file(workdir):
    findings = assert_fixture_findings("heading-typo", SEED, [(69, "S005", "提起现在诉讼")])
    assert findings[0].path.endswith("004_94358fe22916de47.txt")
    assert findings[0].source == "四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况"
    assert find_rule("S005") is find_rule("heading-typo")


def test_mismatches_list_missing_and_extra_findings():
    with pytest.raises(AssertionError) as caught:
        assert_findings("S003", """
            一、总体情况 «S003»
            4、政府信息公开行政复议、行政诉讼情况
            """)
    assert "missing  2:S003  | 一、总体情况" in str(caught.value)
    assert "extra    3:S003" in str(caught.value)
    with pytest.raises(AssertionError, match="no S005 finding at line 69 mentions '不存在的文字'"):
        assert_fixture_findings("S005", SEED, [(69, "S005", "不存在的文字")])


def test_an_unknown_rule_is_a_lookup_error():
    with pytest.raises(LookupError, match="no installed rule 'X999'"):
        run_rule("X999", "一、总体情况\n")


def test_configuration_reaches_the_rule(make_rule):
    def check(self, doc):
        if self.config.get("strict"):
            yield self.report(doc.paragraphs[0], "strict")

    rule = make_rule("X001", "strict-mode", check=check)
    assert run_rule(rule, "一、总体情况\n") == []
    assert_findings(rule, "一、总体情况 «X001»\n", config={"strict": True})


def test_yaml_cases(tmp_path):
    path = tmp_path / "S003.yml"
    path.write_text("rule: S003\ncases:\n  - name: arabic numeral\n    report: |\n      一、总体情况\n"
                    "      4、政府信息公开行政复议、行政诉讼情况 «S003»\n", encoding="utf-8")
    [case] = load_cases(path)
    assert (case.id, case.marked, case.filename) == ("S003: arabic numeral", True, "report.txt")
    assert [f.line for f in check_case(case)] == [2]
