"""Property tests: random valid reports are clean; one mutation gives
exactly the findings it implies, at the line of the cell.

Reports are drawn with :mod:`govlint.testing.synthetic` (both templates, all three
text layouts, organs, years, values, title split) and run through every
rule.  The expectations are written from DOMAIN.md §3, not read from the
rules' data:

* a valid report has no input (E), structure (S), table (T) or arithmetic
  (A) finding;
* adding to a cell of table 三 breaks T3.3 for its row (A003, at the
  row's 总计) and, for its column, T3.1 when the row is 新收/上年结转/
  （七）总计/结转下年度 (A001) and T3.2 when it is an outcome row or
  （七）总计 (A002), both at the column's （七）总计 — and nothing else:
  T3.1 reads the printed （七）总计, which an outcome row does not change,
  and T3.4 (results ≤ applications) is part of A001's message, never a
  finding of its own.  Those row and column findings are what one changed
  cell breaks; since that cell alone mends them all, A014 reports it at the
  cell instead, and A001–A003 leave them to it (``needing`` still lists
  them: a blank cell makes each uncheckable);
* adding to a cell of table 四 breaks T4.1 for its group (A004, at the
  group's 总计);
* blanking a cell gives one T006 at that cell's line, and one A000 at that
  line for each identity instance that needs the cell;
* rendering table 二 in the other template's format gives one T002, at the
  first marker of that format.

In the tab-rows layout (PDF extraction) a blank first or last data cell
cannot be told from a cell the extraction lost; those rows get T003
row-cell-count instead (see :func:`test_edge_blank_in_tab_rows`), so the
blank property picks interior cells there.

Recall holds with realistic prose too (:func:`govlint.testing.prose.realistic_report`:
sub-items titled like sections, sentences naming their subjects, counts in
other words): one changed cell still gives the findings it implies, at the
cell, and a section left out is still reported missing (S001) — other
findings the prose provokes are the business of ``test_false_errors.py``.
"""

from __future__ import annotations

import random

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from govlint.recognise.outline import canonical_heading
from govlint.recognise.templates import template, templates
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.prose import realistic_report
from govlint.testing.synthetic import (
    LAYOUTS,
    SECTIONS,
    T3_CARRIED,
    T3_CARRY_NEXT,
    T3_NEW,
    T3_RESULTS,
    T3_RESULTS_TOTAL,
    TOTAL,
    Rendered,
    ReportSpec,
    consistent_values,
    random_spec,
    render_located,
)

PLUGINS = load_plugins()
#: The rule families the properties are about.
FAMILIES = ("E", "S", "T", "A")
#: Rows of table 三 in T3.1 (新收 + 上年结转 = （七）总计 + 结转下年度).
BALANCE_ROWS = (T3_NEW, T3_CARRIED, T3_RESULTS_TOTAL, T3_CARRY_NEXT)
#: Table 二 plausibility checks over two columns of a row: (rule code, the
#: column its finding points at, the other column) — T2.2, T2'.1, T2'.3.
T2_PAIRS = (("A005", "in_force", "issued"), ("A006", "total", "published"), ("A007", "change", "previous"))

PROPERTY = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def lint(spec: ReportSpec, layout: str) -> tuple[Rendered, list]:
    """Render, read and lint; the findings of :data:`FAMILIES`."""
    out = render_located(spec, layout)
    doc = read_document("report" + out.extension, out.text.encode("utf-8"), readers=PLUGINS.readers)
    return out, [f for f in lint_document(doc, PLUGINS.rules) if f.code.startswith(FAMILIES)]


def assert_found(findings: list, expected: list[tuple[str, int]], out: Rendered) -> None:
    got = sorted((f.code, f.line) for f in findings)
    if got != sorted(expected):
        lines = out.text.splitlines()
        detail = "\n".join(f"  {f.code} {f.line}: {f.message} | {lines[f.line - 1]!r}" for f in findings)
        raise AssertionError(f"expected {sorted(expected)}, got {got}:\n{detail}\n--- {out.layout}\n{out.text}")


def row_keys(spec: ReportSpec, table: str) -> list[tuple[str, ...]]:
    """The keys of each data row of ``table``, in order."""
    return [row.keys for t in spec.table_specs() if t.key == table for row in t.rows]


def needing(key: str, spec: ReportSpec) -> list[tuple[str, str]]:
    """``(rule code, anchor key)`` of each identity instance of DOMAIN.md §3
    whose formula reads ``key`` (the anchor is the cell its finding points at)."""
    prefix, column = key.rsplit(".", 1)
    table = key.split(".")[0]
    if table == "t3":
        found = [("A003", f"{prefix}.{TOTAL}")]                                  # T3.3, the row
        if prefix in BALANCE_ROWS:
            found.append(("A001", f"{T3_RESULTS_TOTAL}.{column}"))              # T3.1, the column
        if prefix.startswith(T3_RESULTS + "."):
            found.append(("A002", f"{T3_RESULTS_TOTAL}.{column}"))              # T3.2, the column
        return found
    if table == "t4":
        return [("A004", f"{prefix}.{TOTAL}")]                                   # T4.1, the group
    row = next(keys for keys in row_keys(spec, "t2") if key in keys)
    columns = {k.rsplit(".", 1)[1] for k in row}
    return [(code, f"{prefix}.{anchor}") for code, anchor, other in T2_PAIRS
            if column in (anchor, other) and {anchor, other} <= columns]


def broken(key: str, spec: ReportSpec) -> list[tuple[str, str]]:
    """``(rule code, cell)`` of the findings when ``key`` alone changes: a
    cell of 三 breaks its row and column(s) and is the one cell that mends
    them all, so A014 names it (A001–A003 leave those to it); elsewhere
    each instance of :func:`needing`."""
    return [("A014", key)] if key.startswith("t3.") else needing(key, spec)


# ---------------------------------------------------------------- valid reports


@PROPERTY
@given(st.data())
def test_valid_reports_have_no_findings(data):
    spec, layout = random_spec(data.draw), data.draw(st.sampled_from(LAYOUTS))
    out, findings = lint(spec, layout)
    assert_found(findings, [], out)


# ---------------------------------------------------------------- one number changed


@PROPERTY
@given(st.data(), st.sampled_from(["t3", "t4"]))
def test_changed_number_breaks_its_identities(data, table):
    spec, layout = random_spec(data.draw), data.draw(st.sampled_from(LAYOUTS))
    key = data.draw(st.sampled_from([k for keys in row_keys(spec, table) for k in keys]))
    delta = data.draw(st.integers(1, 50))
    out, findings = lint(spec.with_values({key: spec.values[key] + delta}), layout)
    assert_found(findings, [(code, out.cells[anchor].line) for code, anchor in broken(key, spec)], out)


# ---------------------------------------------------------------- one cell blank


def blankable(spec: ReportSpec, layout: str) -> list[str]:
    """Every key; in tab-rows only cells with a data cell on both sides."""
    rows = [keys for table in ("t2", "t3", "t4") for keys in row_keys(spec, table)]
    if layout == "tab-rows":
        rows = [keys[1:-1] for keys in rows]
    return [k for keys in rows for k in keys]


@PROPERTY
@given(st.data())
def test_blank_cell_is_reported_once_with_the_identities_it_stops(data):
    spec, layout = random_spec(data.draw), data.draw(st.sampled_from(LAYOUTS))
    key = data.draw(st.sampled_from(blankable(spec, layout)))
    out, findings = lint(spec.with_values({key: ""}), layout)
    line = out.cells[key].line
    assert_found(findings, [("T006", line)] + [("A000", line)] * len(needing(key, spec)), out)


def test_edge_blank_in_tab_rows():
    """A blank first data cell of a PDF row reads as a lost cell: T003 (and
    the identities of the row uncheckable, A000), no T006, all at the row."""
    spec = random_spec(random.Random(4), year=2022)
    key = "t3.new.natural_person"
    out, findings = lint(spec.with_values({key: ""}), "tab-rows")
    assert {f.line for f in findings} == {out.cells[key].line}
    assert {f.code for f in findings} == {"T003", "A000"}


# ---------------------------------------------------------------- the other template


@PROPERTY
@given(st.data())
def test_table_in_the_other_format_is_one_mismatch(data):
    spec, layout = random_spec(data.draw), data.draw(st.sampled_from(LAYOUTS))
    own = spec.resolved_template().id
    other = data.draw(st.sampled_from([t.id for t in templates().values() if t.id != own and "t2" in t.tables]))
    swapped = spec.with_table("t2", other, consistent_values(data.draw, other))
    out, findings = lint(swapped, layout)
    markers = template(other).markers
    first = next(n for n, line in enumerate(out.text.splitlines(), 1) if any(m in line for m in markers))
    assert_found(findings, [("T002", first)], out)


# ---------------------------------------------------------------- recall with realistic prose

#: Seeds of the realistic reports the recall checks run on, per layout.
REALISTIC_SEEDS = range(15)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_changed_number_is_found_with_realistic_prose(layout):
    missed = []
    for seed in REALISTIC_SEEDS:
        spec, rng = realistic_report(seed).spec, random.Random(seed)
        key = rng.choice([k for table in ("t3", "t4") for keys in row_keys(spec, table) for k in keys])
        out, findings = lint(spec.with_values({key: spec.values[key] + rng.randint(1, 50)}), layout)
        expected = {(code, out.cells[anchor].line) for code, anchor in broken(key, spec)}
        if not expected <= {(f.code, f.line) for f in findings}:
            got = sorted((f.code, f.line) for f in findings)
            missed.append(f"seed {seed}, {key}: expected {sorted(expected)}, got {got}")
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_removed_section_is_found_with_realistic_prose(layout):
    missed = []
    for seed in REALISTIC_SEEDS:
        spec = realistic_report(seed).spec
        number = random.Random(seed).choice(SECTIONS)
        out, findings = lint(msgspec.structs.replace(spec, missing=frozenset({number})), layout)
        if not any(f.code == "S001" and canonical_heading(number) in f.message for f in findings):
            got = "; ".join(f"{f.code} {f.line} {f.message}" for f in findings)
            missed.append(f"seed {seed}, section {number}: {got}")
    assert not missed, "\n".join(missed)


def test_rules_run():
    """Guard: the rule families the properties exercise are installed."""
    codes = {r.code for r in PLUGINS.rules}
    assert {"T002", "T003", "T006"} <= codes
    assert {"A000", "A001", "A002", "A003", "A004"} <= codes
