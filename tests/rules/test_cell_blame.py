"""A014 and A001–A004 together: one finding on the cell to blame when both
run, the row and column findings when A014 does not; the blame itself
(govlint.recognise.blame) on crossings that are and are not conclusive."""

from pathlib import Path

import yaml

from govlint.recognise.blame import blame
from govlint.run.engine import lint_document
from govlint.run.plugins import load_plugins
from govlint.testing import read_report, split_markers

PLUGINS = load_plugins()
CASES = {c["name"]: c["report"] for c in
         yaml.safe_load((Path(__file__).parent / "cases" / "A014.yml").read_text("utf-8"))["cases"]}
ONE_CELL = split_markers(CASES["one wrong entry: its row (T3.3) and its column (T3.2) both fail and both want 4"])[0]
ARITHMETIC = [r for r in PLUGINS.rules if r.code.startswith("A")]


def found(report: str, rules) -> list[tuple[int, str]]:
    return sorted((f.line, f.code) for f in lint_document(read_report(report), rules))


def test_with_a014_one_finding_on_the_cell():
    assert found(ONE_CELL, ARITHMETIC) == [(9, "A014")]


def test_without_a014_the_row_and_the_column_as_before():
    rules = [r for r in ARITHMETIC if r.code != "A014"]
    assert found(ONE_CELL, rules) == [(9, "A003"), (26, "A002")]


def test_the_blame_names_the_cell_the_value_and_the_instances():
    [found_blame] = blame(read_report(ONE_CELL).template)
    assert found_blame.cell.key == "t3.results.deny.security.natural_person"
    assert (found_blame.cell.number, found_blame.expected) == (5, 4)
    assert sorted(o.identity.id for o in found_blame.outcomes) == ["T3.2", "T3.3"]
    cell = "“（三）不予公开 3.危及“三安全一稳定””行“自然人”列"
    assert found_blame.describe().startswith(f"{cell}：按行应为 4，按列应为 4，表中为 5")


def test_two_wrong_entries_in_one_column_blame_nothing():
    report = CASES["two wrong entries in one column: the column wants neither alone, nothing is blamed"]
    assert blame(read_report(report).template) == ()
    assert {code for _, code in found(report, ARITHMETIC)} == {"A002", "A003"}
