"""Helpers shared by the table rules: how tables, rows and columns are named
in messages, where a row is located, and which groups were collapsed.

Names are the template's own wording (``表三“（三）不予公开”下的
“1.属于国家秘密”行``), so a finding can be checked against the printed
template without knowing the canonical keys.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from govlint.model import Location, Section
from govlint.normalize import compact
from govlint.recognise.outline import predates_format
from govlint.recognise.templates import ColumnSpec, RowMatch, TableMatch, TableSpec, template, templates
from govlint.recognise.templates.labels import inner
from govlint.regexes import compile_re

#: Template table key → the name used in messages, and the section holding it.
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_SECTIONS = {"t2": 2, "t3": 3, "t4": 4}

def source_of(template_id: str) -> str:
    """``国办公开办函〔2021〕30号`` for ``"2021"``."""
    try:
        return template(template_id).source or f"{template_id}年格式"
    except KeyError:
        return f"{template_id}年格式"


def _group_label(spec: TableSpec, prefix: str | None) -> str:
    group = next((g for g in spec.groups if g.prefix == prefix), None)
    return inner(group.label.text) if group else ""


def _is_nested(spec: TableSpec, parent: str | None) -> bool:
    """True when ``parent`` is a group inside another group (``（三）不予公开``
    under ``三、本年度办理结果``): its rows are named with it."""
    group = next((g for g in spec.groups if g.prefix == parent), None)
    return group is not None and group.parent is not None


def row_name(spec: TableSpec, prefix: str) -> str:
    """A template row or group as the template writes it, with the context
    needed to find it: ``第二十条第（五）项“行政许可”``,
    ``“（三）不予公开”下的“1.属于国家秘密”``, ``“（一）予以公开”``,
    ``数据行`` (table 四's unlabelled row)."""
    row = next((r for r in spec.rows if r.prefix == prefix), None)
    if row is None:
        label = _group_label(spec, prefix)
        return f"“{label}”" if label else prefix
    if not row.label:
        return "数据行"
    name = f"“{inner(row.label.text)}”"
    if _is_nested(spec, row.parent):
        name = f"“{_group_label(spec, row.parent)}”下的{name}"
    block = next((b for b in spec.blocks if b.key == row.block), None)
    if block is not None and block.caption:
        name = f"{block.caption.text}{name}"
    return name


def label_of(spec: TableSpec, prefix: str) -> str:
    """The template label of a row or group, as printed (``1.属于国家秘密``)."""
    row = next((r for r in spec.rows if r.prefix == prefix), None)
    return inner(row.label.text) if row is not None else _group_label(spec, prefix)


def column_name(column: ColumnSpec) -> str:
    """``自然人``; ``行政复议—结果维持`` under a column group."""
    return f"{column.group.text}—{column.label.text}" if column.group else column.label.text


def column_list(columns: Sequence[ColumnSpec]) -> str:
    """Columns joined for a message; columns of one group share its name:
    ``行政复议（结果维持、结果纠正）；复议后起诉（总计）``."""
    parts: list[tuple[str | None, list[str]]] = []
    for c in columns:
        group = c.group.text if c.group else None
        if parts and parts[-1][0] == group:
            parts[-1][1].append(c.label.text)
        else:
            parts.append((group, [c.label.text]))
    return "；".join(f"{g}（{'、'.join(labels)}）" if g else "、".join(labels) for g, labels in parts)


def where(match: RowMatch) -> Location:
    """Where a matched row is shown: its label cell (the line a person
    looks for), else the row."""
    return match.label.location if match.label is not None else match.row.location


def leaves(spec: TableSpec, group: str) -> tuple[str, ...]:
    """The prefixes of the data rows under ``group`` (at any depth)."""
    return tuple(r.prefix for r in spec.rows if r.prefix.startswith(group + "."))


def collapsed_groups(table: TableMatch) -> tuple[RowMatch, ...]:
    """Group labels carrying data whose rows are all missing: the group was
    written as one row instead of its sub-rows (seed 002's ``（三）不予公开``)."""
    missing = set(table.missing)
    found = []
    for r in table.rows:
        if r.kind != "group":
            continue
        rows = leaves(table.spec, r.prefix)
        if rows and all(p in missing for p in rows):
            found.append(r)
    return tuple(found)


#: Labels of a table that a section's text must hold for the table to be
#: there, flattened to text (T001 does not report it missing, T010 reports
#: it unreadable).
AS_TEXT = 3


def missing_tables(doc) -> Iterable[tuple[str, Section, list[str]]]:
    """Tables 二/三/四 not recognised whose section is there: ``(key,
    section, labels of the table its text holds, as printed)``.  None for a
    report before the national format, which had no such tables."""
    if predates_format(doc):
        return
    for key, number in TABLE_SECTIONS.items():
        sections = [s for s in doc.sections if s.number == number]
        if doc.template.tables.get(key) is not None or not sections:
            continue
        # where the outline found the section twice, the table's text may be
        # under either heading; under a heading with nothing of its own, the
        # table may stand under the heading printed right after it (四 and 五
        # printed together before table 四)
        places = list(sections)
        for s in sections:
            if not s.blocks:
                places += [t for t in doc.sections if t.start_line > s.start_line][:1]
        found = [(s, _labels_in(key, s.heading.text + "\n" + s.text)) for s in places]
        section, written = max(found, key=lambda f: len(f[1]))
        yield key, (section if len(written) >= AS_TEXT else sections[0]), (written if len(written) >= AS_TEXT else [])


def _letters(text: str) -> str:
    """``text`` compacted without digits and dots: a label still reads as
    one where the numbers of its row broke into it (``一、本年新收政府信 3
    息公开申请数量``, a table flattened line by line)."""
    return _NUMBERS.sub("", compact(text))


_NUMBERS = compile_re(r"[\d.,]+")


@lru_cache(maxsize=4)
def _labels(key: str) -> tuple[tuple[str, str], ...]:
    """(letters, as printed) of the row, column, column-group and block
    labels of table ``key`` in every template, four characters or more."""
    found: dict[str, str] = {}
    for t in templates().values():
        spec = t.tables.get(key)
        if spec is None:
            continue
        labels = [r.label for r in spec.rows] + [g.label for g in spec.groups] + [c.label for c in spec.columns]
        labels += [b.caption for b in spec.blocks if b.caption] + list(spec.column_groups)
        for label in labels:
            if label and len(_letters(label.text)) >= 4:
                found.setdefault(_letters(label.text), label.text)
    return tuple(found.items())


def _labels_in(key: str, text: str) -> list[str]:
    """The labels of table ``key`` that ``text`` holds, as printed."""
    flat = _letters(text)
    return [printed for label, printed in _labels(key) if label in flat]


def tables(doc) -> Iterable[TableMatch]:
    """The template tables found, in order 二, 三, 四."""
    found = doc.template
    for key in ("t2", "t3", "t4"):
        table = found.tables.get(key)
        if table is not None:
            yield table


def row_ref(spec: TableSpec, prefix: str) -> str:
    """``row_name`` followed by ``行``: ``“（一）予以公开”行``, ``数据行``."""
    name = row_name(spec, prefix)
    return name if name.endswith("行") else name + "行"



def runs(rows: Iterable[RowMatch], key) -> list[list[RowMatch]]:
    """Consecutive rows sharing the same ``key(row)``; a row whose key is
    None belongs to no run and separates runs."""
    out: list[list[RowMatch]] = []
    last = None
    for row in rows:
        k = key(row)
        if k is not None and out and k == last:
            out[-1].append(row)
        elif k is not None:
            out.append([row])
        last = k
    return out


def doubt(rows: Sequence[RowMatch]) -> str | None:
    """Why a finding about ``rows`` rests on an uncertain reading: the
    doubts of the rows recognised with low confidence, each once (None:
    every row was recognised with certainty)."""
    reasons = dict.fromkeys(r.doubt for r in rows if r.doubt)
    return "；".join(reasons) if reasons else None


def run_name(name: str, spec: TableSpec, run: Sequence[RowMatch], each: str) -> str:
    """A run of rows in a message: ``表三“（一）予以公开”行`` + ``each`` for one
    row, ``表三“（一）予以公开”至“（七）总计”连续 20 行，每行都`` + ``each``."""
    first, last = run[0], run[-1]
    if len(run) == 1:
        return f"{name}{row_ref(spec, first.prefix)}{each}"
    return f"{name}{row_name(spec, first.prefix)}至“{label_of(spec, last.prefix)}”连续 {len(run)} 行，每行都{each}"
