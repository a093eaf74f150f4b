"""Tests for govlint.recognise.identities (identities as data: formulas, expansion over
the matched template, evaluation) and the A rules built on it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govlint.recognise.identities import (
    Formula,
    FormulaError,
    Identity,
    expand,
    fmt,
    identities,
    identity,
    labels,
    load_identities,
    match_key,
)
from govlint.recognise.organs import classify
from govlint.recognise.templates import templates
from govlint.run.plugins import load_plugins
from govlint.testing import read_report, run_rule

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"

ROWS_2019 = [
    ("new", "一、本年新收政府信息公开申请数量"), ("carried", "二、上年结转政府信息公开申请数量"),
    ("public", "三、本年度办理结果\t（一）予以公开"), ("partial", "（二）部分公开"),
    ("d1", "（三）不予公开\t1.属于国家秘密"), ("d2", "2.其他法律行政法规禁止公开"),
    ("d3", "3.危及“三安全一稳定”"), ("d4", "4.保护第三方合法权益"), ("d5", "5.属于三类内部事务信息"),
    ("d6", "6.属于四类过程性信息"), ("d7", "7.属于行政执法案卷"), ("d8", "8.属于行政查询事项"),
    ("u1", "（四）无法提供\t1.本机关不掌握相关政府信息"), ("u2", "2.没有现成信息需要另行制作"),
    ("u3", "3.补正后申请内容仍不明确"), ("r1", "（五）不予处理\t1.信访举报投诉类申请"), ("r2", "2.重复申请"),
    ("r3", "3.要求提供公开出版物"), ("r4", "4.无正当理由大量反复申请"),
    ("r5", "5.要求行政机关确认或重新出具已获取信息"), ("other", "（六）其他处理"),
    ("total", "（七）总计"), ("next", "四、结转下年度继续办理"),
]
OTHER_2021 = [
    ("o1", "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("o2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("o3", "3.其他"),
]


def t3_report(year: int, values: dict[str, list] | None = None, drop: tuple[str, ...] = ()) -> str:
    """A report with table 三 in the PDF tab-rows layout; rows default to 0."""
    values = values or {}
    rows = ROWS_2019 if year <= 2020 else [r for r in ROWS_2019 if r[0] != "other"][:20] + OTHER_2021 + ROWS_2019[-2:]
    lines = [f"某某区某某街道办事处{year}年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    for key, label in rows:
        if key not in drop:
            lines.append(label + "\t" + "\t".join(str(v) for v in values.get(key, [0] * 7)))
    return "\n".join(lines) + "\n"


def outcomes(ident: str, text: str, filename: str = "report.txt", **params):
    return identity(ident).evaluate(read_report(text, filename).template, params or None)


# ---------------------------------------------------------------- formulas


def test_formula_parses_sums_signs_constants_and_operators():
    f = Formula.parse("t3.new.total + t3.carried.total - 1 >= sum(t3.results.** except t3.results.total.*) + {x}")
    assert f.op == ">="
    assert [(t.sign, t.pattern, t.constant) for t in f.left] == [
        (1, "t3.new.total", None), (1, "t3.carried.total", None), (-1, None, 1)]
    assert f.right[0].summed and f.right[0].exclude == ("t3.results.total.*",)
    assert f.right[1].param == "x" and f.params == ("x",)
    for spelled, op in (("=", "="), ("==", "="), ("≤", "<="), ("≥", ">="), ("<", "<"), (">", ">")):
        assert Formula.parse(f"t3.new.total {spelled} 0").op == op
    assert Formula.parse("t2.art20_8.fees.amount < 1.5").right[0].constant == Decimal("1.5")


@pytest.mark.parametrize("text", [
    "t3.new.total + t3.carried.total",          # no operator
    "t3.new.total = ",                          # nothing on the right
    "T3.New.total = 0",                         # keys are lower case
    "__import__('os').system('x') = 0",         # never evaluated, just rejected
    "t3.new.total = 1 2",                       # trailing garbage
    "sum(t3.results.** except) = 0",            # except without a key
    "t3..total = 0",                            # empty segment
])
def test_malformed_formulas_are_rejected(text):
    with pytest.raises(FormulaError):
        Formula.parse(text)


def test_key_patterns():
    assert match_key("t3.{row}.total", "t3.results.deny.state_secret.total") == {"row": "results.deny.state_secret"}
    assert match_key("t3.new.{col}", "t3.new.natural_person") == {"col": "natural_person"}
    assert match_key("t3.new.{col}", "t3.carried.total") is None
    assert match_key("t4.{g}.total", "t4.review.total") == {"g": "review"}
    keys = ["t3.results.other.total", "t3.results.other.late_fee.total", "t3.results.total.total"]
    assert expand("t3.results.*.total", keys) == ("t3.results.other.total", "t3.results.total.total")
    assert expand("t3.results.**.total", keys) == tuple(keys)


# ---------------------------------------------------------------- expansion


def test_t3_2_sums_every_outcome_row_of_the_matched_template():
    old = outcomes("T3.2", t3_report(2020))
    new = outcomes("T3.2", t3_report(2024))
    assert len(old) == len(new) == 7
    old_keys = [o.key for o in old[0].right]
    new_keys = [o.key for o in new[0].right]
    assert old[0].binding == {"col": "natural_person"}
    assert "t3.results.other.natural_person" in old_keys and len(old_keys) == 19
    assert [k for k in new_keys if k.startswith("t3.results.other.")] == [
        "t3.results.other.no_correction.natural_person", "t3.results.other.late_fee.natural_person",
        "t3.results.other.other.natural_person"]
    assert len(new_keys) == 21 and "t3.results.total.natural_person" not in new_keys
    assert all(o.status == "ok" for o in old + new)


def test_instances_per_column_row_and_group():
    assert [o.binding["col"] for o in outcomes("T3.1", t3_report(2024))] == [
        "natural_person", "business", "research", "social_org", "legal_service", "other_org", "total"]
    assert len(outcomes("T3.3", t3_report(2020))) == 23
    assert len(outcomes("T3.3", t3_report(2024))) == 25
    t4 = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n" \
         "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n" + "\t".join(["0"] * 15) + "\n"
    assert [o.binding["group"] for o in outcomes("T4.1", t4)] == ["review", "litigation_direct", "litigation_after_review"]


def test_no_table_no_instances_and_columns_the_template_lacks_do_not_apply():
    assert outcomes("T4.1", t3_report(2020)) == ()
    table_2 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n" \
              "规章\t0\t0\t0\n行政规范性文件\t5\t0\t2\n"
    report = "某某县教育局2024年政府信息公开工作年度报告\n" + table_2
    assert outcomes("T2'.1", report) == ()          # 2019-only columns
    assert [o.status for o in outcomes("T2.2", report)] == ["ok", "violated"]


# ---------------------------------------------------------------- evaluation


def test_violation_names_both_sides_and_the_difference():
    text = t3_report(2020, {"new": [2, 0, 0, 0, 0, 0, 2], "public": [1, 0, 0, 0, 0, 0, 1],
                            "total": [1, 0, 0, 0, 0, 0, 1]})
    bad = [o for o in outcomes("T3.1", text) if o.status == "violated"]
    assert [o.binding["col"] for o in bad] == ["natural_person", "total"]
    o = bad[0]
    assert (o.left_total, o.right_total, o.difference) == (2, 1, 1)
    assert o.scope == "“自然人”列"
    assert o.describe() == ("T3.1 “自然人”列：一、本年新收(2) + 二、上年结转(0) = 2，"
                            "（七）总计(1) + 四、结转下年度继续办理(0) = 1，相差 1")
    assert o.location == o.anchor.location and o.anchor.key == "t3.results.total.natural_person"
    assert o.location.line == text.splitlines().index(next(
        line for line in text.splitlines() if line.startswith("（七）总计"))) + 1


def test_long_sides_show_their_non_zero_terms():
    text = t3_report(2024, {"new": [3, 0, 0, 0, 0, 0, 3], "public": [2, 0, 0, 0, 0, 0, 2],
                            "o3": [1, 0, 0, 0, 0, 0, 1], "total": [2, 0, 0, 0, 0, 0, 3]})
    o = next(o for o in outcomes("T3.2", text) if o.status == "violated")
    assert o.side_text(o.right, o.right_total) == \
        "（一）予以公开(2) + （六）其他处理 3.其他(1) + 其余 19 项(均为 0) = 3"


def test_blank_and_unreadable_cells_make_an_instance_uncheckable_never_zero():
    text = "某某街道办事处2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" \
           "一、本年新收政府信息公开申请数量\t1\t/\t 　\t0\t0\t0\t1\n" \
           "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n" \
           "（七）总计\t1\t0\t0\t0\t0\t0\t1\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
    found = {o.binding["col"]: o for o in outcomes("T3.1", text)}
    assert found["natural_person"].status == "ok"
    assert found["business"].status == "uncheckable"
    assert [(p.key, p.problem, p.raw) for p in found["business"].problems] == [("t3.new.business", "invalid", "/")]
    assert [(p.key, p.problem) for p in found["research"].problems] == [("t3.new.research", "blank")]
    assert found["research"].left_total is None and found["research"].difference is None


def test_rows_with_the_wrong_cell_count_missing_or_collapsed_rows():
    short = t3_report(2020).replace("（七）总计\t0\t0\t0\t0\t0\t0\t0", "（七）总计\t0\t0\t0\t0\t0\t0")
    o = outcomes("T3.1", short)[0]
    assert o.status == "uncheckable" and o.problems[0].problem == "row-cells"
    missing = outcomes("T3.2", t3_report(2020, drop=("r2",)))[0]
    assert [(p.key, p.problem) for p in missing.problems] == [("t3.results.reject.repeated.natural_person", "missing")]
    collapsed = t3_report(2020, drop=("d2", "d3", "d4", "d5", "d6", "d7", "d8")).replace(
        "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0", "（三）不予公开\t0\t0\t0\t0\t0\t0\t0\t0")
    o = outcomes("T3.2", collapsed)[0]
    assert {p.problem for p in o.problems} == {"collapsed"}


def test_decimal_amounts():
    fee = "某某县人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n" \
          "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t4068.208\n"
    doc = read_report(fee)
    assert doc.template.number("t2.art20_8.fees.amount") == Decimal("4068.208")
    [o] = identity("T2.4").evaluate(doc.template)
    assert o.status == "ok" and isinstance(o.left_total, Decimal)
    [o] = identity("T2.4").evaluate(doc.template, {"limit": 1000})
    assert o.status == "violated" and o.difference == Decimal("3068.208")
    custom = Identity.from_formula("X1", "t2.art20_8.fees.amount + 0.792 = 4069")
    [o] = custom.evaluate(doc.template)
    assert o.status == "ok" and o.left_total == Decimal("4069.000")
    assert fmt(Decimal("4069.000")) == "4069" and fmt(Decimal("0.50")) == "0.5" and fmt(Decimal("1E+3")) == "1000"


def test_user_formula_without_and_with_variables():
    text = t3_report(2020, {"new": [1, 0, 0, 0, 0, 0, 1], "total": [3, 0, 0, 0, 0, 0, 3],
                            "public": [3, 0, 0, 0, 0, 0, 3]})
    doc = read_report(text)
    [o] = Identity.from_formula("X1", "t3.results.total.total <= t3.new.total + t3.carried.total").evaluate(doc.template)
    assert o.status == "violated" and o.difference == 2
    per_column = Identity.from_formula("X2", "t3.results.public.{c} <= t3.new.{c} + t3.carried.{c}")
    assert per_column.each == "t3.results.public.{c}"
    assert [o.binding["c"] for o in per_column.evaluate(doc.template) if o.status == "violated"] == [
        "natural_person", "total"]


# ---------------------------------------------------------------- data file


def test_data_file_identities_rules_and_labels():
    found = identities()
    assert list(found)[:3] == ["T3.1", "T3.4", "T3.2"]
    plugins = load_plugins()
    for ident in found.values():
        rule = plugins.rule_by_code(ident.rule)
        assert rule is not None and rule.__module__.startswith("govlint.rules.arithmetic"), ident.id
    every_prefix = {r.prefix for t in templates().values() for table in t.tables.values() for r in table.rows}
    every_prefix |= {g.prefix for t in templates().values() for table in t.tables.values() for g in table.groups}
    assert set(labels()) <= every_prefix
    for code in ("A001", "A002", "A003", "A004", "A005", "A006", "A007", "A008", "A009"):
        assert plugins.rule_by_code(code).identity_id in found


@pytest.mark.parametrize("text, error", [
    ('[[identity]]\nid = "X"\nformula = "t3.new.{c} = 0"\n', "未由 each 绑定"),
    ('[[identity]]\nid = "X"\nformula = "t3.new.total = 0"\n[[identity]]\nid = "X"\nformula = "t3.new.total = 0"\n', "重复"),
    ('[[identity]]\nid = "X"\nformula = "t3.new.total = 0"\nseverity = "error"\n', "未知字段"),
    ('[[identity]]\nid = "X"\n', "缺少字段"),
])
def test_bad_identity_definitions(text, error):
    with pytest.raises(FormulaError, match=error):
        load_identities(text)


# ---------------------------------------------------------------- rules


def test_a001_says_when_results_exceed_applications():
    text = t3_report(2020, {"new": [2, 1, 0, 0, 0, 0, 3], "public": [1, 3, 0, 0, 0, 0, 4],
                            "total": [1, 3, 0, 0, 0, 0, 4], "next": [1, 0, 0, 0, 0, 0, 1]})
    findings = run_rule(load_plugins().rule_by_code("A001"), text)
    assert len(findings) == 2
    assert findings[0].message.startswith("T3.1 “商业企业”列：一、本年新收(1) + 二、上年结转(0) = 1，")
    assert "办理结果多于申请数（T3.4）" in findings[0].message


def test_a000_reports_once_per_identity():
    blank = t3_report(2020).replace("\t0\t0\t0\t0\t0\t0\t0", "\t0\t　\t0\t0\t0\t0\t0")
    findings = run_rule(load_plugins().rule_by_code("A000"), blank)
    assert [f.message.split("（")[0] for f in findings] == ["T3.1", "T3.3", "T3.2"]
    assert "有 1 列" not in findings[0].message and "“商业企业”列无法核对" in findings[0].message
    assert "空白不当作 0" in findings[0].message


@pytest.mark.parametrize("name, level", [
    ("南关区明珠街道", "street"), ("安丘市兴安街道办事处", "street"), ("某某县某某镇人民政府", "township"),
    ("某某乡", "township"), ("沭阳县人民政府", "county"), ("某某县教育局", "county"),
    ("南关区人民政府", "county"), ("北京市朝阳区教育委员会", "county"), ("宁波市镇海区人民政府", "county"),
    ("广西壮族自治区人民政府", None), ("长春市人民政府", None), ("上海市科委", None),
    ("某某市社区矫正管理局", None), ("某某市城乡建设局", None), ("某某自治州人民政府", None), (None, None),
])
def test_organ_tier_from_the_name(name, level):
    assert classify(name).tier == level


@pytest.mark.parametrize("name, government", [
    ("沭阳县人民政府", True), ("上海市人民政府", True), ("上海市人民政府办公厅", False),
    ("南关区明珠街道", False), ("某某县教育局", False), (None, False),
])
def test_organ_is_a_government_itself(name, government):
    assert classify(name).government is government


def test_no_arithmetic_error_on_the_seeds_and_uncheckable_where_cells_are_blank():
    plugins = load_plugins()
    rules = [r for r in plugins.rules if r.code.startswith("A")]
    by_seed = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_report(path.read_bytes(), path.name)
        by_seed[path.name[:3]] = [f for rule in rules for f in run_rule(rule, doc)]
    assert all(f.code == "A000" for found in by_seed.values() for f in found)
    assert {seed for seed, found in by_seed.items() if found} == {"000", "001", "002", "004"}


def test_an_outcome_resting_on_a_row_read_with_low_confidence_says_why():
    text = t3_report(2022, {"new": [3, 0, 0, 0, 0, 0, 3], "d7": [2, 0, 0, 0, 0, 0, 2],
                            "total": [3, 0, 0, 0, 0, 0, 3]})
    text = text.replace("7.属于行政执法案卷", "7.属于执法案卷")  # two characters lost: placed by position
    bad = [o for o in outcomes("T3.2", text) if o.status == "violated"]
    assert [o.binding["col"] for o in bad] == ["natural_person", "total"]
    assert bad[0].doubt == "表中“7.属于执法案卷”行的行名与模板不完全一致，按“7.属于行政执法案卷”核对"
    assert [o.doubt for o in outcomes("T3.1", text)] == [None] * 7  # T3.1 does not read that row
