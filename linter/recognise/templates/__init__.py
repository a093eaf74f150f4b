"""The national table templates and the recognition of a report's tables.

Rules about tables 二, 三 and 四 never read cells by position: they call
:func:`recognise` and read values by *canonical key*::

    from govlint.recognise.templates import recognise

    found = recognise(doc.blocks, doc.year)
    t3 = found.t3                      # TableMatch or None (table not found)
    v = found.value("t3.new.total")    # Value or None
    if v and v.is_number: ...          # v.number, v.status, v.cell.location

:func:`recognise` takes the blocks in document order (``doc.blocks``, a
section's ``blocks``, or just tables): paragraphs are used as captions
(``第二十条第（一）项``, ``### 行政复议``, a section heading) where the
extraction put them outside the table.  It returns :class:`TemplateTables`:
per template table the best-matching template (:class:`TableMatch`: its
rows with data-cell counts, unknown rows, missing rows, values), the format
markers found in the content and the template the year calls for.

The templates are data (``govlint/data/template-*.toml``), loaded once;
:func:`template`, :func:`templates` and :func:`for_year` give access to them
(:class:`Template`, :class:`TableSpec`, ``RowSpec.keys`` …).

Canonical keys
==============

A key is ``table.block.row-path.column``; every key with its template label
and value kind is listed in ``keys.md`` next to this file.

Table 二 (``t2``), by 第二十条 item; columns per format:

============================  ==============================  ==========================
row                           2019 (60号)                     2021 (30号)
============================  ==============================  ==========================
t2.art20_1.regulations        made, published, total          issued, repealed, in_force
t2.art20_1.normative_docs     made, published, total          issued, repealed, in_force
t2.art20_5.licensing          previous, change, decisions     decisions
t2.art20_5.other_services     previous, change, decisions     —
t2.art20_6.penalty            previous, change, decisions     decisions
t2.art20_6.coercion           previous, change, decisions     decisions
t2.art20_8.fees               previous, change                amount (万元)
t2.art20_9.procurement        projects, amount                —
============================  ==============================  ==========================

``change`` (本年增/减) is signed; ``amount`` is a Decimal.

Table 三 (``t3``): ``<row>.<column>``, columns ``natural_person``,
``business``, ``research``, ``social_org``, ``legal_service``,
``other_org``, ``total``:

=====================================  ========================================
row                                    label
=====================================  ========================================
t3.new                                 一、本年新收政府信息公开申请数量
t3.carried                             二、上年结转政府信息公开申请数量
t3.results.public                      （一）予以公开
t3.results.partial                     （二）部分公开
t3.results.deny.{state_secret,         （三）不予公开 1–8
prohibited, security, third_party,
internal, process, enforcement,
inquiry}
t3.results.unable.{not_held,           （四）无法提供 1–3
need_creation, unclear}
t3.results.reject.{petition, repeated, （五）不予处理 1–5
publication, excessive, confirmation}
t3.results.other                       （六）其他处理 (2019: one row)
t3.results.other.{no_correction,       （六）其他处理 1–3 (2021)
late_fee, other}
t3.results.total                       （七）总计
t3.carry_next                          四、结转下年度继续办理
=====================================  ========================================

Table 四 (``t4``): ``t4.<group>.<column>``, groups ``review`` (行政复议),
``litigation_direct`` (未经复议直接起诉), ``litigation_after_review``
(复议后起诉); columns ``upheld``, ``corrected``, ``other``, ``pending``,
``total``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Iterable, Mapping

import msgspec

from ...model import Block
from .catalog import for_year, load_templates, template, templates
from .labels import Label, Level
from .markers import MarkerHit, detected_template, find_markers
from .matcher import RowMatch, TableMatch, read_table
from .regions import split_regions
from .spec import ColumnSpec, GroupSpec, RowSpec, TableSpec, Template
from .values import Value

__all__ = [
    "ColumnSpec", "GroupSpec", "Label", "Level", "MarkerHit", "RowMatch", "RowSpec",
    "TableMatch", "TableSpec", "Template", "TemplateTables", "Value",
    "for_year", "load_templates", "recognise", "template", "templates",
]


class TemplateTables(msgspec.Struct, frozen=True, dict=True):
    """What :func:`recognise` found.

    ``tables`` holds the template tables found (keys ``t2``, ``t3``,
    ``t4``; a table absent from the report is absent here).  ``markers``
    are the format markers found in the content and ``detected`` the
    template they point to (None: no or conflicting markers); ``expected``
    is the template the report year calls for (None: no year, or a year no
    template covers).
    """

    tables: Mapping[str, TableMatch]
    markers: tuple[MarkerHit, ...]
    detected: str | None
    expected: str | None

    @cached_property
    def memo(self) -> dict:
        """What readers of the tables derive from them once (see :mod:`govlint.recognise.identities`)."""
        return {}

    @property
    def t2(self) -> TableMatch | None:
        return self.tables.get("t2")

    @property
    def t3(self) -> TableMatch | None:
        return self.tables.get("t3")

    @property
    def t4(self) -> TableMatch | None:
        return self.tables.get("t4")

    def value(self, key: str) -> Value | None:
        """The value of canonical ``key`` (None: table, row or cell not found)."""
        table = self.tables.get(key.partition(".")[0])
        return table.value(key) if table else None

    def number(self, key: str) -> int | Decimal | None:
        """The number at ``key`` when the cell holds a valid one, else None."""
        value = self.value(key)
        return value.number if value is not None and value.is_number else None


def recognise(blocks: Iterable[Block], year: int | None = None) -> TemplateTables:
    """Recognise tables 二, 三 and 四 among ``blocks`` (document order).

    Each template table is matched against every template defining it; the
    best match wins (more and better label matches, fewer missing rows),
    ties going to the template of ``year``, then to the one the markers
    point to, then to the newest.
    """
    blocks = tuple(blocks)
    catalog = templates()
    hits = find_markers(blocks, tuple(catalog.values()))
    detected = detected_template(hits)
    expected = for_year(year)
    expected_id = expected.id if expected else None

    def rank(match) -> tuple:
        return (match.score, match.template == expected_id, match.template == detected,
                catalog[match.template].first_year)

    found: dict[str, TableMatch] = {}
    for key, items in split_regions(blocks, tuple(catalog.values())).items():
        candidates = [read_table(items, t.tables[key], t.id) for t in catalog.values() if key in t.tables]
        chosen = max(candidates, key=rank)
        if chosen.found:
            found[key] = chosen.result()
    return TemplateTables(found, hits, detected, expected_id)
