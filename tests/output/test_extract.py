"""``govlint extract`` (issue 16, item 8): the values a reviewer reads in
the tables of real reports, cell by cell, for three reports of three
formats (a crawled Markdown page, a printed PDF, a Word → text seed); the
tidy and wide CSV (UTF-8 with BOM) and JSON shapes; reports that cannot be
read are rows too."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SHUYANG = ROOT / "fixtures" / "real" / "shuyang-county-2025.md"
HUAIAN = ROOT / "fixtures" / "real" / "huaian-city-2024.pdf"
SEED_001 = ROOT / "fixtures" / "seeds" / "001_6fd5ae83f3a742c0.txt"

T3_COLUMNS = ("natural_person", "business", "research", "social_org", "legal_service", "other_org", "total")
T3_ROWS = ("new", "carried", "results.public", "results.partial",
           *(f"results.deny.{k}" for k in ("state_secret", "prohibited", "security", "third_party", "internal",
                                           "process", "enforcement", "inquiry")),
           *(f"results.unable.{k}" for k in ("not_held", "need_creation", "unclear")),
           *(f"results.reject.{k}" for k in ("petition", "repeated", "publication", "excessive", "confirmation")),
           *(f"results.other.{k}" for k in ("no_correction", "late_fee", "other")),
           "results.total", "carry_next")
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def t3(rows: list[str]) -> dict[str, int]:
    """Table 三 as a reviewer reads it: one line of seven numbers per row, in template order."""
    assert len(rows) == len(T3_ROWS)
    found = {}
    for row, line in zip(T3_ROWS, rows):
        numbers = [int(n) for n in line.split()]
        assert len(numbers) == 7, line
        found.update({f"t3.{row}.{column}": n for column, n in zip(T3_COLUMNS, numbers)})
    return found


def t4(line: str) -> dict[str, int]:
    numbers = [int(n) for n in line.split()]
    return {f"t4.{g}.{c}": n for (g, c), n in zip([(g, c) for g in T4_GROUPS for c in T4_COLUMNS], numbers)}


# fixtures/real/shuyang-county-2025.md, lines 56-173 (the page's tables)
SHUYANG_VALUES = {
    "t2.art20_1.regulations.issued": 0, "t2.art20_1.regulations.repealed": 0, "t2.art20_1.regulations.in_force": 0,
    "t2.art20_1.normative_docs.issued": 6, "t2.art20_1.normative_docs.repealed": 1,
    "t2.art20_1.normative_docs.in_force": 32,
    "t2.art20_5.licensing.decisions": 517645, "t2.art20_6.penalty.decisions": 693957,
    "t2.art20_6.coercion.decisions": 2154, "t2.art20_8.fees.amount": Decimal("4068.208"),
    **t3(["705 3 0 0 5 0 713", "36 0 0 0 0 0 36", "290 1 0 0 3 0 294", "99 0 0 0 2 0 101",
          "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2", "2 0 0 0 0 0 2", "13 0 0 0 0 0 13",
          "2 0 0 0 0 0 2", "4 0 0 0 0 0 4", "9 0 0 0 0 0 9",
          "111 0 0 0 0 0 111", "2 0 0 0 0 0 2", "0 0 0 0 0 0 0",
          "12 0 0 0 0 0 12", "6 1 0 0 0 0 7", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
          "9 0 0 0 0 0 9", "7 0 0 0 0 0 7", "142 1 0 0 0 0 143",
          "710 3 0 0 5 0 718", "31 0 0 0 0 0 31"]),
    **t4("27 10 9 15 61  3 0 0 0 3  8 0 1 1 10"),
}

# fixtures/real/huaian-city-2024.pdf, pages 3-5 (pdftotext -layout shows the same numbers)
HUAIAN_VALUES = {
    "t2.art20_1.regulations.issued": 1, "t2.art20_1.regulations.repealed": 0, "t2.art20_1.regulations.in_force": 11,
    "t2.art20_1.normative_docs.issued": 8, "t2.art20_1.normative_docs.repealed": 26,
    "t2.art20_1.normative_docs.in_force": 66,
    "t2.art20_5.licensing.decisions": 447228, "t2.art20_6.penalty.decisions": 3985758,
    "t2.art20_6.coercion.decisions": 88283, "t2.art20_8.fees.amount": Decimal("96171.6"),
    **t3(["3001 53 0 0 61 4 3119", "34 0 0 0 0 0 34", "1288 21 0 0 50 3 1362", "447 7 0 0 0 0 454",
          "2 0 0 0 0 0 2", "30 1 0 0 0 0 31", "5 0 0 0 0 0 5", "6 0 0 0 0 0 6", "7 1 0 0 0 0 8",
          "12 0 0 0 0 0 12", "9 0 0 0 0 0 9", "105 0 0 0 0 0 105",
          "746 12 0 0 10 1 769", "11 0 0 0 0 0 11", "1 0 0 0 0 0 1",
          "56 6 0 0 0 0 62", "25 0 0 0 0 0 25", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1",
          "67 3 0 0 1 0 71", "6 0 0 0 0 0 6", "108 2 0 0 0 0 110",
          "2932 53 0 0 61 4 3050", "103 0 0 0 0 0 103"]),
    **t4("72 64 178 37 351  13 4 8 1 26  12 1 1 6 20"),
}


def seed_001_values() -> dict[str, object]:
    """Seed 001 (2019 template): every cell 0 but those below; 予以公开 has
    a 0 for 自然人 and its other six cells blank."""
    from govlint.recognise.templates import template

    values: dict[str, object] = {key: 0 for key in template("2019").keys}
    values.update({"t3.new.natural_person": 2, "t3.new.total": 2, "t3.results.partial.natural_person": 2,
                   "t3.results.partial.total": 2, "t3.results.total.natural_person": 2,
                   "t3.results.total.total": 2})
    values.update({f"t3.results.public.{c}": None for c in T3_COLUMNS[1:]})
    return values


def extracted(run_govlint, *paths: Path) -> list[dict]:
    result = run_govlint("extract", "--format", "json", *map(str, paths))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path, expected, template", [
    (SHUYANG, SHUYANG_VALUES, "2021"),
    (HUAIAN, HUAIAN_VALUES, "2021"),
])
def test_every_value_a_reviewer_reads_in_the_tables(run_govlint, path, expected, template):
    [report] = extracted(run_govlint, path)
    assert report["template"] == template and report["problem"] == ""
    got = {v["key"]: v["value"] for v in report["values"]}
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key] == (float(value) if isinstance(value, Decimal) else value), key
    assert all(v["confidence"] == "high" for v in report["values"])


def test_every_value_of_a_word_text_seed(run_govlint):
    [report] = extracted(run_govlint, SEED_001)
    assert (report["organ"], report["year"], report["template"], report["format"]) == (
        "安丘市兴安街道办事处", 2020, "2019", "text")
    got = {v["key"]: v["value"] for v in report["values"]}
    assert got == seed_001_values()
    blank = {v["key"]: (v["status"], v["raw"].strip()) for v in report["values"] if v["value"] is None}
    assert set(blank.values()) == {("blank", "")}


def test_values_carry_labels_confidence_and_location(run_govlint):
    [report] = extracted(run_govlint, HUAIAN)
    by_key = {v["key"]: v for v in report["values"]}
    fee = by_key["t2.art20_8.fees.amount"]
    assert (fee["row_label"], fee["column_label"], fee["raw"], fee["status"], fee["page"], fee["location"]) == (
        "行政事业性收费", "本年收费金额（单位：万元）", "96171.6", "number", 4, "第4页 表1 第14行 第2列")
    total = by_key["t3.results.total.total"]
    assert (total["column_label"], total["confidence"], total["guess"], total["doubt"]) == ("总计", "high", None, None)
    assert total["page"] == 5 and total["location"].startswith("第5页 表")
    [md] = extracted(run_govlint, SHUYANG)
    cell = {v["key"]: v for v in md["values"]}["t3.new.natural_person"]
    assert (cell["line"], cell["page"], cell["raw"]) == (99, None, "705")


def test_tidy_csv_is_utf8_with_bom_and_one_row_per_report_and_key(run_govlint, workdir):
    (workdir / "empty.txt").write_bytes(b"")
    result = run_govlint("extract", str(SEED_001), "empty.txt")
    assert result.stdout.startswith("\ufeffpath,organ,year,template,format,problem,table,key,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    seed = [r for r in rows if r["path"].endswith("001_6fd5ae83f3a742c0.txt")]
    assert len(seed) == len(seed_001_values())
    assert {r["key"]: r["value"] for r in seed}["t3.results.total.total"] == "2"
    [empty] = [r for r in rows if r["path"] == "empty.txt"]
    assert empty["key"] == "" and empty["problem"] == "文件为空"


def test_wide_csv_has_one_row_per_report_and_a_column_per_key(run_govlint, workdir):
    run_govlint("extract", "--wide", "-o", "data.csv", str(SHUYANG), str(SEED_001))
    raw = (workdir / "data.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfpath,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["template"] for r in rows] == ["2021", "2019"]
    shuyang, seed = rows
    assert shuyang["t2.art20_8.fees.amount"] == "4068.208" and shuyang["t4.review.total"] == "61"
    assert shuyang["t2.art20_1.regulations.made"] == ""  # a 2019 key: not in a 2021 report
    assert seed["t3.results.public.business"] == "" and seed["t3.new.total"] == "2"
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:7] == ["path", "organ", "year", "template", "format", "problem", "low_confidence"]
    assert header.index("t2.art20_1.regulations.made") < header.index("t3.new.natural_person")


def test_wide_json(run_govlint):
    result = run_govlint("extract", "--wide", "--format", "json", str(HUAIAN))
    [report] = json.loads(result.stdout)
    assert report["values"]["t4.litigation_after_review.total"] == 20
    assert report["low_confidence"] == []


def test_extract_walks_folders_and_leaves_out_what_is_not_a_report(run_govlint, workdir):
    (workdir / "reports").mkdir()
    (workdir / "reports" / "a.txt").write_bytes(SEED_001.read_bytes())
    (workdir / "reports" / "README.md").write_text("# 说明\n", encoding="utf-8")
    data = json.loads(run_govlint("extract", "--format", "json", "reports").stdout)
    assert [r["path"] for r in data] == ["reports/a.txt"]
    assert run_govlint("extract").exit_code == 2
