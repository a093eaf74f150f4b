"""Tests for govlint.testing.synthetic: rendered reports read back as written.

Every layout × template: the six sections are found where they were
written, with no structure (S) or input (E) finding; tables 二/三/四 are
recognised with the template they were rendered from; every canonical
key's value reads back equal, at the recorded line and column.  Also: the
generated values satisfy the identities, a table of another template, a
template file that is not built in, and the corpus.
"""

from __future__ import annotations

import random
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from govlint.recognise.identities import identities
from govlint.recognise.templates import load_templates, template, templates
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.synthetic import (
    LAYOUTS,
    SECTIONS,
    ReportSpec,
    consistent_values,
    generate_corpus,
    render,
    render_located,
)

PLUGINS = load_plugins()
#: Rules a valid report must pass: the input and structure groups.
BASIC_RULES = [r for r in PLUGINS.rules if r.code[0] in "ES"]
#: (template id, report year) pairs: each built-in template in a year it covers.
CASES = [(t.id, t.first_year + 1) for t in templates().values()]


def read(text: str, extension: str, name: str = "report"):
    return read_document(name + extension, text.encode("utf-8"), readers=PLUGINS.readers)


def make_spec(template_id: str, year: int, seed: int = 7, **fields) -> ReportSpec:
    values = consistent_values(random.Random(seed), template_id)
    return ReportSpec(organ="长春市南关区新春街道办事处", year=year, values=values, **fields)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id,year", CASES)
def test_reads_back_as_written(template_id, year, layout):
    spec = make_spec(template_id, year)
    out = render_located(spec, layout)
    doc = read(out.text, out.extension)

    assert lint_document(doc, BASIC_RULES) == []
    assert doc.year == year and doc.organ == spec.organ
    assert {s.number: s.start_line for s in doc.sections} == dict(out.sections)
    assert list(out.sections) == list(SECTIONS)

    found = doc.template
    assert found.expected == found.detected == template_id
    assert sorted(found.tables) == sorted(template(template_id).tables)
    for match in found.tables.values():
        assert match.template == template_id
        assert match.missing == () and match.unknown == () and match.incomplete == ()
    assert sorted(out.cells) == sorted(spec.keys) == sorted(template(template_id).keys)
    for key in spec.keys:
        value = found.value(key)
        assert value is not None and value.is_number, key
        assert value.number == spec.values[key], key
        assert (value.location.line, value.location.column) == (out.cells[key].line, out.cells[key].column), key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_blank_cell_located(layout):
    """A blank cell inside a row is read as blank, at its recorded place."""
    key = "t3.results.public.research"
    out = render_located(make_spec("2021", 2022).with_values({key: ""}), layout)
    value = read(out.text, out.extension).template.value(key)
    assert value is not None and value.status == "blank"
    assert (value.location.line, value.location.column) == (out.cells[key].line, out.cells[key].column)


def sums(v: dict, spec) -> list[tuple[int, int]]:
    """(total, sum of its parts) for T3.2, T3.3 and T4.1, and both sides of T3.1."""
    t3 = spec.tables["t3"]
    parts = [c.key for c in t3.columns if c.key != "total"]
    outcomes = [r.prefix for r in t3.rows if r.prefix.startswith("t3.results.") and r.prefix != "t3.results.total"]
    pairs = [(v[f"{r.prefix}.total"], sum(v[f"{r.prefix}.{c}"] for c in parts)) for r in t3.rows]
    for c in (*parts, "total"):
        pairs.append((v[f"t3.results.total.{c}"], sum(v[f"{r}.{c}"] for r in outcomes)))
        pairs.append((v[f"t3.new.{c}"] + v[f"t3.carried.{c}"], v[f"t3.results.total.{c}"] + v[f"t3.carry_next.{c}"]))
    for group in ("review", "litigation_direct", "litigation_after_review"):
        outcomes = [f"t4.{group}.{c}" for c in ("upheld", "corrected", "other", "pending")]
        pairs.append((v[f"t4.{group}.total"], sum(v[k] for k in outcomes)))
    return pairs


@pytest.mark.parametrize("template_id", [t.id for t in templates().values()])
def test_values_satisfy_the_identities(template_id):
    spec = template(template_id)
    for seed in range(20):
        v = consistent_values(random.Random(seed), template_id)
        assert sorted(v) == sorted(spec.keys)
        assert all(total == parts for total, parts in sums(v, spec))
        for key, number in v.items():
            if key.endswith(".change"):
                assert v[key.replace(".change", ".previous")] + number >= 0
            else:
                assert number >= 0


@pytest.mark.parametrize("template_id,year", CASES)
def test_every_identity_of_the_data_file_holds(template_id, year):
    """Cross-check with the identities the A rules evaluate (T2 plausibility included)."""
    doc = read(render(make_spec(template_id, year, seed=11)), ".txt")
    for ident in identities().values():
        assert {o.status for o in ident.evaluate(doc.template)} <= {"ok"}, ident.id


def test_hypothesis_draws_give_values():
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=5, deadline=None)
    @given(st.data())
    def check(data):
        values = consistent_values(data.draw, "2021")
        assert sorted(values) == sorted(template("2021").keys)

    check()


def test_title_split_and_date():
    spec = make_spec("2019", 2020, title_split=True)
    text = render(spec, "word-cells")
    lines = text.splitlines()
    assert lines[0] == spec.organ and lines[2] == "2020年政府信息公开工作年度报告"
    assert lines[-1] == "2021年1月20日"
    assert "统计期限自2020年1月1日至12月31日" in text
    doc = read(text, ".txt")
    assert doc.title.text == spec.organ + lines[2] and doc.year == 2020


def test_prose_uses_the_tables_and_drops_unfillable_claims():
    prose = {1: ("（一）依申请公开。共收到申请{t3.new.total}件；办结{t3.results.total.total}件。", "{organ}有{t9.x}件。")}
    spec = make_spec("2021", 2022, prose=prose)
    new, done = spec.values["t3.new.total"], spec.values["t3.results.total.total"]
    text = render(spec, "tab-rows")
    assert f"\n（一）依申请公开。共收到申请{new}件；办结{done}件。\n" in text
    assert "t9.x" not in text and f"{spec.organ}有" not in text
    blanked = render(spec.with_values({"t3.new.total": ""}), "tab-rows")
    assert f"\n（一）依申请公开。办结{done}件。\n" in blanked


@pytest.mark.parametrize("layout", LAYOUTS)
def test_table_of_another_template(layout):
    """``with_table`` renders one table in another template's format."""
    spec = make_spec("2021", 2022).with_table("t2", "2019", consistent_values(random.Random(3), "2019"))
    out = render_located(spec, layout)
    found = read(out.text, out.extension).template
    assert found.t2.template == "2019" and found.t3.template == "2021"
    assert found.detected == "2019" and found.expected == "2021"
    for key in template("2019").tables["t2"].keys:
        assert found.value(key).number == spec.values[key]


def test_a_new_template_file_renders(tmp_path: Path):
    """Rendering reads labels and keys from the template data, so a template
    that is not built in (one more row, a new caption) renders too."""
    (tmp_path / "template-2030.toml").write_text(
        'id = "2030"\nextends = "2021"\nname = "测试格式"\nfirst_year = 2030\nmarkers = []\n'
        '[[tables.t2.blocks]]\nkey = "art20_10"\ncaption = "第二十条第（十）项"\n'
        'columns = [{ key = "count", label = "本年数量" }]\nrows = [{ key = "hearings", label = "听证会" }]\n'
        '[[tables.t3.rows]]\nkey = "results"\n[[tables.t3.rows.rows]]\nkey = "deny"\n'
        'rows = [{ key = "extra", label = "9.测试新增情形" }]\n',
        encoding="utf-8")
    new = load_templates([resources.files("govlint.data"), tmp_path])["2030"]
    values = consistent_values(random.Random(1), new)
    spec = ReportSpec(organ="某某县人民政府", year=2030, values=values, template=new)
    for layout in LAYOUTS:
        out = render_located(spec, layout)
        lines = out.text.splitlines()
        assert "第二十条第（十）项" in out.text and "9.测试新增情形" in out.text
        assert sorted(out.cells) == sorted(new.keys)
        for key in ("t2.art20_10.hearings.count", "t3.results.deny.extra.total"):
            position = out.cells[key]
            assert lines[position.line - 1][position.column - 1:].startswith(str(values[key]))


def test_amounts_and_signed_values_are_written_as_numbers():
    values = consistent_values(random.Random(5), "2019", scale=300)
    assert isinstance(values["t2.art20_9.procurement.amount"], Decimal)
    spec = ReportSpec("某某区财政局", 2020, {**values, "t2.art20_5.licensing.previous": 10,
                                             "t2.art20_5.licensing.change": -4})
    out = render_located(spec, "tab-rows")
    line = out.text.splitlines()[out.cells["t2.art20_5.licensing.change"].line - 1]
    assert line.split("\t")[:4] == ["行政许可", "10", "-4", str(values["t2.art20_5.licensing.decisions"])]


def test_errors():
    spec = make_spec("2021", 2022)
    with pytest.raises(ValueError, match="layout"):
        render(spec, "pdf")
    with pytest.raises(KeyError, match="t3.new.total"):
        render(ReportSpec(spec.organ, 2022, {k: v for k, v in spec.values.items() if k != "t3.new.total"}))
    with pytest.raises(ValueError, match="template"):
        render(ReportSpec(spec.organ, 2010, spec.values))


def test_corpus(tmp_path: Path):
    paths = generate_corpus(tmp_path / "a", 24, seed=3)
    again = generate_corpus(tmp_path / "b", 24, seed=3)
    assert [p.read_text("utf-8") for p in paths] == [p.read_text("utf-8") for p in again]
    assert len(paths) == 24 and len({p.name for p in paths}) == 24
    layouts = {p.stem.split("-", 2)[2] for p in paths}
    assert layouts == set(LAYOUTS)
    found = set()
    for path in paths:
        doc = read_document(str(path), readers=PLUGINS.readers)
        assert [s.number for s in doc.sections] == list(SECTIONS)
        assert lint_document(doc, BASIC_RULES) == []
        found.add(doc.template.detected)
    assert found == set(templates())
