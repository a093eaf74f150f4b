"""Declarative rules (``rules-files``): the four kinds and the scopes, each
rule a normal rule (listed, selectable, severity-overridable, explained),
and precise errors for invalid files."""

from __future__ import annotations

import json
import random
import textwrap

import pytest

from govlint.run.config import ConfigError
from govlint.run.declarative import load_rules_file
from govlint.testing import assert_findings, run_rule
from govlint.testing.synthetic import ReportSpec, consistent_values, render_located

RULES = '''
[[rule]]
code = "L001"
name = "fee-mentioned"
message = "第六部分应说明信息处理费收取情况"
scope = "section:6"
required = "信息处理费"
description = "本省要求第六部分写明信息处理费的收取情况。"

[[rule]]
code = "L002"
name = "placeholder"
message = "报告中仍有占位符“{match}”"
severity = "error"
forbidden = "XX(街道|镇)"
regex = true

[[rule]]
code = "L003"
name = "litigation-wording"
message = "“{match}”应为“{right}”"
substitution = { wrong = "现在诉讼", right = "行政诉讼" }

[[rule]]
code = "L004"
name = "handled-within-received"
message = "办理结果总计超过收到的申请数"
severity = "error"
formula = "t3.results.total.total <= t3.new.total + t3.carried.total"

[[rule]]
code = "L005"
name = "title-year"
message = "标题应写明“年度报告”"
scope = "title"
required = "年度报告"
'''

REPORT = """\
XX街道2023年政府信息公开工作年度报告
一、总体情况
本街道认真贯彻条例。
四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况
本年度未发生行政诉讼案件，XX镇也没有。
六、其他需要报告的事项
本年度无其他事项。
"""


@pytest.fixture
def rules_file(workdir):
    path = workdir / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    return path


@pytest.fixture
def rules(rules_file):
    return {rule.code: rule for rule in load_rules_file(rules_file)}


def test_required_phrase_in_a_section(rules):
    assert_findings(rules["L001"], """
        一、总体情况
        本街道认真贯彻条例。
        六、其他需要报告的事项 «L001»
        本年度无其他事项。
        """)
    assert_findings(rules["L001"], "六、其他需要报告的事项\n本年度未收取信息处理费。\n")


def test_required_phrase_is_not_looked_for_in_a_missing_section(rules):
    assert_findings(rules["L001"], "一、总体情况\n本年度未收取信息处理费以外的费用。\n")


def test_forbidden_regex_reports_each_occurrence_with_its_column(rules):
    findings = assert_findings(rules["L002"], """
        XX街道2023年政府信息公开工作年度报告 «L002»
        一、总体情况
        本街道与XX镇一道贯彻条例。 «L002»
        """)
    assert [(f.column, f.message) for f in findings] == [
        (1, "报告中仍有占位符“XX街道”"), (5, "报告中仍有占位符“XX镇”")]


def test_substitution_skips_the_right_form(rules):
    findings = assert_findings(rules["L003"], """
        四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况 «L003»
        本年度未发生行政诉讼案件。
        """)
    assert findings[0].message == "“现在诉讼”应为“行政诉讼”"
    assert findings[0].column == len("四、因政府信息公开工作被申请行政复议、提起") + 1


def test_phrases_match_the_normalised_text(rules):
    assert_findings(rules["L002"], "一、总体情况\n本街道与 ＸＸ 镇一道贯彻条例。 «L002»\n")


def test_title_scope(rules):
    assert_findings(rules["L005"], "某某街道2023年政府信息公开工作报告 «L005»\n一、总体情况\n内容。\n")
    assert_findings(rules["L005"], "某某街道2023年政府信息公开工作年度报告\n一、总体情况\n内容。\n")


def synthetic(**changes):
    values = {**consistent_values(random.Random(1), "2021"), **changes}
    return render_located(ReportSpec(organ="某某市某某区人民政府办公室", year=2022, values=values),
                          layout="tab-rows")


def test_formula_over_canonical_keys(rules):
    assert run_rule(rules["L004"], synthetic().text) == []
    broken = synthetic(**{"t3.results.total.total": 999})
    [finding] = run_rule(rules["L004"], broken.text)
    position = broken.cells["t3.results.total.total"]
    assert (finding.line, finding.column) == (position.line, position.column)
    assert finding.message.startswith("办理结果总计超过收到的申请数（")
    assert "999" in finding.message and "185" in finding.message


def test_scope_of_a_table(workdir):
    path = workdir / "t.toml"
    path.write_text('[[rule]]\ncode = "L010"\nname = "no-dash"\nmessage = "表三中不应有“{match}”"\n'
                    'scope = "t3"\nforbidden = "—"\n', encoding="utf-8")
    [rule] = load_rules_file(path)
    report = synthetic(**{"t3.new.business": "—"})
    [finding] = run_rule(rule, report.text)
    cell = report.cells["t3.new.business"]
    assert (finding.line, finding.column) == (cell.line, cell.column)
    assert run_rule(rule, synthetic(**{"t2.art20_1.regulations.issued": "—"}).text) == []


def test_generated_documentation_has_the_fixed_headings(rules):
    doc = rules["L002"].documentation()
    assert doc.splitlines()[0] == "报告中仍有占位符“XX(街道|镇)”"
    for heading in ("What it does", "Why", "Example", "References"):
        assert f"\n{heading}\n" in doc
    assert "本省要求第六部分写明信息处理费的收取情况。" in rules["L001"].documentation()
    for rule in rules.values():
        rule.validate()


# --------------------------------------------------------------- through the CLI


@pytest.fixture
def project(workdir, rules_file):
    (workdir / "govlint.toml").write_text('rules-files = ["rules.toml"]\n[severity]\nL003 = "error"\n',
                                          encoding="utf-8")
    (workdir / "report.txt").write_text(REPORT, encoding="utf-8")
    return workdir


def test_declared_rules_are_listed_with_their_plugin(project, run_govlint):
    listed = run_govlint("rules", "--format", "json")
    by_code = {r["code"]: r for r in json.loads(listed.stdout)}
    assert by_code["L002"] == {"code": "L002", "name": "placeholder", "severity": "error",
                               "plugin": "rules-file:rules.toml", "summary": "报告中仍有占位符“XX(街道|镇)”"}
    explained = run_govlint("explain", "L001")
    assert explained.stdout.startswith("L001 fee-mentioned\n级别：warning（警告）\n插件：rules-file:rules.toml\n")


def test_declared_rules_fire_through_the_cli_selectable_and_overridable(project, run_govlint):
    result = run_govlint("check", "--select", "L", "report.txt")
    lines = [line for line in result.stdout.splitlines() if line.startswith("report.txt")]
    assert lines == [
        "report.txt:1:1: L002 error 报告中仍有占位符“XX街道”",
        "report.txt:4:22: L003 error “现在诉讼”应为“行政诉讼”",
        "report.txt:5:14: L002 error 报告中仍有占位符“XX镇”",
        "report.txt:6:1: L001 warning 第六部分应说明信息处理费收取情况",
    ]
    assert result.exit_code == 1
    only = run_govlint("check", "--select", "fee-mentioned", "report.txt")
    assert [line.split(" ")[1] for line in only.stdout.splitlines() if line.startswith("report.txt")] == ["L001"]


# --------------------------------------------------------------- errors


def error_for(workdir, text):
    path = workdir / "bad.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules_file(path)
    return str(caught.value)


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\ncode = "L1"\nname = "x"\nmessage = "m"\nrequired = "a"\n',
     "bad.toml: 第 1 条规则（L1） 字段 code：“L1”格式不对"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nscope = "section:7"\nrequired = "a"\n',
     "bad.toml: 第 1 条规则（L001） 字段 scope：未知的范围 'section:7'"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nrequired = "a"\nforbidden = "b"\n',
     "bad.toml: 第 1 条规则（L001）：应当且只能有 required、forbidden、substitution、formula 之一（现有：required、forbidden）"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nformula = "t3.new.totl <= 1"\n',
     "bad.toml: 第 1 条规则（L001） 字段 formula：“t3.new.totl”不是已知的规范键（是否应为“t3.new.total”？）"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nformula = "t3.new.total <="\n',
     "bad.toml: 第 1 条规则（L001） 字段 formula：公式“t3.new.total <=”在末尾应为数字、键或 sum(…)"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nforbidden = "(a"\nregex = true\n',
     "bad.toml: 第 1 条规则（L001） 字段 forbidden：正则表达式有误"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nsubstitution = "a"\n',
     "bad.toml: 第 1 条规则（L001） 字段 substitution：应为 { wrong"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nrequired = "a"\nlevel = "error"\n',
     "bad.toml: 第 1 条规则（L001） 字段 level：未知字段"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nrequired = "a"\n',
     "bad.toml: 第 1 条规则（L001） 字段 message：缺少或不是非空字符串"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nrequired = "a"\n'
     '[[rule]]\ncode = "L001"\nname = "y"\nmessage = "m"\nrequired = "b"\n',
     "bad.toml: 第 2 条规则（L001） 字段 code：“L001”与本文件中前面的规则重复"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nseverity = "fatal"\nrequired = "a"\n',
     "bad.toml: 第 1 条规则（L001） 字段 severity：未知的严重级别 'fatal'"),
    ('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nscope = "t3"\nformula = "t3.new.total >= 0"\n',
     "bad.toml: 第 1 条规则（L001） 字段 scope：formula 规则不使用此字段"),
    ('rules = 1\n', "bad.toml: 未知的顶层项 'rules'"),
    ('[[rule]\n', "bad.toml:1: TOML 语法错误"),
])
def test_invalid_files_name_file_rule_and_field(workdir, text, message):
    assert error_for(workdir, text).startswith(message)


def test_formula_text_is_never_evaluated_as_python(workdir):
    message = error_for(workdir, '[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\n'
                                 'formula = "__import__(\'os\').system(\'false\') = 0"\n')
    assert message.startswith("bad.toml: 第 1 条规则（L001） 字段 formula：公式")


def test_an_invalid_rules_file_exits_2_naming_file_rule_and_field(project, run_govlint):
    (project / "rules.toml").write_text('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\n'
                                        'formula = "t9.x <= 1"\n', encoding="utf-8")
    result = run_govlint("check", "report.txt")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("govlint: rules.toml: 第 1 条规则（L001） 字段 formula：“t9.x”不是已知的规范键")


def test_a_missing_rules_file_exits_2(project, run_govlint):
    (project / "rules.toml").unlink()
    result = run_govlint("check", "report.txt")
    assert (result.exit_code, result.stderr) == (2, "govlint: 找不到规则文件：rules.toml\n")


def test_a_failing_formula_says_which_relation_it_breaks(rules):
    broken = synthetic(**{"t3.results.total.total": 999})
    [finding] = run_rule(rules["L004"], broken.text)
    relation = finding.message.partition("（")[2]
    assert relation.startswith("不满足“t3.results.total.total <= t3.new.total + t3.carried.total”（“总计”列）：左边 ")
    assert "左边 （七）总计(999)，大于右边 一、本年新收(" in relation


@pytest.mark.parametrize("kind, message, usable", [
    ('forbidden = "x"', "不得出现“{matched}”", "{match}"),
    ('substitution = { wrong = "a", right = "b" }', "“{match}”应为“{rigth}”", "{match}、{right}"),
    ('formula = "t3.new.total >= 0"', "数据有误：{match}", "无"),
    ('required = "x"', "缺少{phrase}", "{match}"),
])
def test_an_unknown_placeholder_in_a_message_is_a_configuration_error(workdir, kind, message, usable):
    path = workdir / "r.toml"
    path.write_text(f'[[rule]]\ncode = "L001"\nname = "x"\nmessage = "{message}"\n{kind}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rules_file(path)
    assert "字段 message：未知的占位符 {" in str(error.value) and f"可用：{usable}）" in str(error.value)


def test_a_required_rule_fills_match_with_its_phrase(workdir):
    path = workdir / "r.toml"
    path.write_text('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "缺少“{match}”"\nrequired = "信息处理费"\n',
                    encoding="utf-8")
    [rule] = load_rules_file(path)
    [finding] = run_rule(rule, "某街道2023年政府信息公开工作年度报告\n一、总体情况\n无。\n")
    assert finding.message == "缺少“信息处理费”"
