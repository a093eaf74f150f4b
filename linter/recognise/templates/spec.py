"""What a template is: its tables, blocks, rows, columns and canonical keys.

Built from one resolved ``template-*.toml`` (see :mod:`.catalog` and the
comments in ``govlint/data/template-2019.toml``).  A :class:`TableSpec` is a
sequence of :class:`BlockSpec` — table 二 has one block per 第二十条 item, each
with its caption and columns; tables 三 and 四 have a single block without
caption.  A block's data rows are :class:`RowSpec` (leaves) under optional
:class:`GroupSpec` (labels such as ``（三）不予公开`` that head rows and hold
no data).

A canonical key joins the keys of table, block, groups, row and column with
dots, skipping empty ones: ``t2.art20_1.regulations.made``,
``t3.results.deny.state_secret.total``, ``t4.review.upheld``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Mapping

import msgspec

from .labels import Label

KINDS = ("count", "signed", "amount")


def _join(*parts: str) -> str:
    return ".".join(p for p in parts if p)


def _label(data: Mapping[str, Any], field: str = "label", aliases: str = "aliases") -> Label:
    return Label(data.get(field, ""), tuple(data.get(aliases, ())))


class ColumnSpec(msgspec.Struct, frozen=True):
    """A data column: ``key`` (``review.upheld`` under a column group),
    ``label``, value ``kind`` (one of :data:`KINDS`), the ``unit`` the
    template prints (``万元``) and the column group's label, if any."""

    key: str
    label: Label
    kind: str = "count"
    unit: str | None = None
    group: Label | None = None


class GroupSpec(msgspec.Struct, frozen=True):
    """A label heading rows, without data of its own (``（三）不予公开``).
    ``prefix`` is its key path (``t3.results.deny``), ``parent`` the
    enclosing group's prefix."""

    prefix: str
    label: Label
    parent: str | None


class RowSpec(msgspec.Struct, frozen=True):
    """A data row: ``prefix`` (``t3.results.deny.state_secret``), its label
    (empty for table 四's single row), enclosing group and block, and the
    columns its data cells fill in order."""

    prefix: str
    label: Label
    parent: str | None
    block: str
    columns: tuple[ColumnSpec, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The canonical keys of this row's cells, in column order."""
        return tuple(f"{self.prefix}.{c.key}" for c in self.columns)


class BlockSpec(msgspec.Struct, frozen=True):
    """A block of a table: ``key`` (``art20_1``; empty for a table with one
    block), optional ``caption``, columns, groups and rows in order."""

    key: str
    caption: Label | None
    columns: tuple[ColumnSpec, ...]
    groups: tuple[GroupSpec, ...]
    rows: tuple[RowSpec, ...]


class TableSpec(msgspec.Struct, frozen=True, eq=False, dict=True):
    """One template table (``t2``, ``t3``, ``t4``) as the template defines it."""

    key: str
    title: Label
    header_labels: tuple[Label, ...]
    column_groups: tuple[Label, ...]
    blocks: tuple[BlockSpec, ...]

    @cached_property
    def rows(self) -> tuple[RowSpec, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    @cached_property
    def groups(self) -> tuple[GroupSpec, ...]:
        return tuple(g for b in self.blocks for g in b.groups)

    @cached_property
    def columns(self) -> tuple[ColumnSpec, ...]:
        """Every column label of the table (all blocks), for header rows."""
        return tuple(c for b in self.blocks for c in b.columns)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Every canonical key of the table, in reading order."""
        return tuple(k for r in self.rows for k in r.keys)


class Template(msgspec.Struct, frozen=True, eq=False, dict=True):
    """A report format: ``id`` (``"2019"``), name, issuing ``source``, the
    report years it applies to (``last_year`` None: still in force), the
    ``markers`` that identify its tables (``column_markers``: those that
    are column headings, never prose) and the tables by key."""

    id: str
    name: str
    source: str
    first_year: int
    last_year: int | None
    markers: tuple[str, ...]
    tables: Mapping[str, TableSpec]
    column_markers: tuple[str, ...] = ()

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Every canonical key of the template."""
        return tuple(k for t in self.tables.values() for k in t.keys)


def build_template(data: Mapping[str, Any]) -> Template:
    """A :class:`Template` from a resolved (merged) template mapping."""
    return Template(
        id=str(data["id"]),
        name=data.get("name", ""),
        source=data.get("source", ""),
        first_year=int(data["first_year"]),
        last_year=data.get("last_year"),
        markers=tuple(data.get("markers", ())),
        tables={key: _table(key, t) for key, t in data.get("tables", {}).items()},
        column_markers=tuple(data.get("column_markers", ())),
    )


def _table(key: str, data: Mapping[str, Any]) -> TableSpec:
    groups = tuple(_label(g) for g in data.get("column_groups", ()))
    blocks = data.get("blocks") or [data]
    return TableSpec(
        key=key,
        title=_label(data, "title", "title_aliases"),
        header_labels=tuple(Label(text) for text in data.get("header_labels", ())),
        column_groups=groups,
        blocks=tuple(_block(key, b, data.get("column_groups", ())) for b in blocks),
    )


def _block(table: str, data: Mapping[str, Any], column_groups: list) -> BlockSpec:
    block = data.get("key", "")
    columns = _columns(data.get("columns", ()), column_groups)
    groups: list[GroupSpec] = []
    rows: list[RowSpec] = []

    def walk(entries, prefix: str, parent: str | None) -> None:
        for entry in entries:
            path = _join(prefix, entry["key"])
            if "rows" in entry:
                groups.append(GroupSpec(path, _label(entry), parent))
                walk(entry["rows"], path, path)
            else:
                rows.append(RowSpec(path, _label(entry), parent, block, columns))

    walk(data.get("rows", ()), _join(table, block), None)
    caption = _label(data, "caption", "caption_aliases") if data.get("caption") else None
    return BlockSpec(block, caption, columns, tuple(groups), tuple(rows))


def _columns(entries, column_groups) -> tuple[ColumnSpec, ...]:
    def column(c: Mapping[str, Any], group: Mapping[str, Any] | None) -> ColumnSpec:
        kind = c.get("kind", "count")
        if kind not in KINDS:
            raise ValueError(f"unknown column kind {kind!r} (expected one of {KINDS})")
        return ColumnSpec(
            key=_join(group["key"] if group else "", c["key"]),
            label=_label(c),
            kind=kind,
            unit=c.get("unit"),
            group=_label(group) if group else None,
        )

    if column_groups:
        return tuple(column(c, g) for g in column_groups for c in entries)
    return tuple(column(c, None) for c in entries)
