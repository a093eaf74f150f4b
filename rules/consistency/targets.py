"""The table cells each claim kind is held against (``targets.toml``)."""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

import msgspec

from govlint.data import read_toml
from govlint.recognise.report import Report

if TYPE_CHECKING:
    from govlint.repository.profile import ReportProfile


class Target(msgspec.Struct, frozen=True):
    """A table figure: ``value``, the ``label`` a finding names it by, and
    ``doubt``: why a cell it is read from is uncertain (its row recognised
    with low confidence), None when none is."""

    value: int
    label: str
    doubt: str | None = None


@lru_cache(maxsize=1)
def targets() -> dict[str, Any]:
    return read_toml(__package__, "targets.toml")


@lru_cache(maxsize=256)
def _matching(keys: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The ``keys`` a glob of ``patterns`` matches, in order (matched once per table and kind)."""
    return tuple(k for k in keys if any(fnmatchcase(k, p) for p in patterns))


def sum_cells(doc: Report, patterns: list[str]) -> int | None:
    """The sum of the cells ``patterns`` name; None unless every one holds a number."""
    table = doc.template.tables.get(patterns[0].partition(".")[0])
    if table is None:
        return None
    return _total(table.spec.keys, patterns, doc.template.number)


def _total(keys, patterns: list[str], number) -> int | None:
    """The sum of ``number(key)`` over the ``keys`` ``patterns`` match;
    None unless there are some and every one is a number."""
    values = [number(k) for k in _matching(tuple(keys), tuple(patterns))]
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def _doubt(doc: Report, patterns: list[str]) -> str | None:
    """Why a cell ``patterns`` name is uncertain (its row recognised with
    low confidence): the first such cell's reason, None when there is none."""
    table = doc.template.tables.get(patterns[0].partition(".")[0])
    if table is None:
        return None
    values = (doc.template.value(k) for k in _matching(tuple(table.spec.keys), tuple(patterns)))
    return next((v.doubt for v in values if v is not None and v.doubt), None)


def profile_value(profile: ReportProfile, kind: str) -> Target | None:
    """What the tables of the report ``profile`` describes say for claim
    ``kind`` (as :func:`table_value` for a whole report)."""
    spec = targets()["kind"].get(kind)
    value = _total(profile.keys, spec["cells"], profile.number) if spec and "cells" in spec else None
    return None if value is None else Target(value, spec["label"])


def table_value(doc: Report, kind: str, *, carried: bool = False) -> Target | None:
    """What the tables say for claim ``kind`` — or, with ``carried``, what
    they say for the same columns of 上年结转 (for the kinds that have
    them); None when they cannot say."""
    spec = targets()["kind"].get(kind)
    key, label = ("carried", "carried-label") if carried else ("cells", "label")
    if spec is None or key not in spec:
        return None
    value = sum_cells(doc, spec[key])
    return None if value is None else Target(value, spec[label], _doubt(doc, spec[key]))


def bases(doc: Report, base: str | None) -> Iterator[Target]:
    """The table figures a share may be a share of: those of ``base``
    (``handled``, ``received``, ``applications``; ``[base]`` of
    ``targets.toml``), or of every base when None."""
    data = targets()["base"]
    for name in ([base] if base in data else data):
        for spec in data[name]:
            value = sum_cells(doc, spec["cells"])
            if value is not None:
                yield Target(value, spec["label"])


def outcome_cells(doc: Report, kind: str, groups: tuple[str, ...], skip: tuple[str, ...] = ()) -> Iterator[Target]:
    """The non-zero table 四 cells that contradict outcome claim ``kind``
    (``all_upheld``, ``none_corrected``, ``none_lost``) about ``groups``,
    but for the columns in ``skip``."""
    data = targets()
    columns = [c for c in data["outcome"][kind]["columns"] if c not in skip]
    for group in groups:
        spec = data["group"][group]
        for prefix, label in zip(spec["prefixes"], spec["labels"]):
            for column in columns:
                value = doc.template.value(f"{prefix}.{column}")
                if value is not None and value.is_number and value.number:
                    yield Target(value.number, f"{label}“{data['columns'][column]}”", value.doubt)
