"""The table cells each claim kind is held against (``targets.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from govlint.recognise.report import Report


@dataclass(frozen=True)
class Target:
    """A table figure: ``value``, the ``label`` a finding names it by, and
    ``doubt``: why a cell it is read from is uncertain (its row recognised
    with low confidence), None when none is."""

    value: int
    label: str
    doubt: str | None = None


@lru_cache(maxsize=1)
def targets() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("targets.toml").read_text("utf-8"))


@lru_cache(maxsize=256)
def _matching(keys: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The ``keys`` a glob of ``patterns`` matches, in order (matched once per table and kind)."""
    return tuple(k for k in keys if any(fnmatchcase(k, p) for p in patterns))


def _sum(doc: Report, patterns: list[str]) -> tuple[int, str | None] | None:
    """The sum of the cells ``patterns`` name and the first doubt about
    them; None unless every one holds a number."""
    table = doc.template.tables.get(patterns[0].partition(".")[0])
    if table is None:
        return None
    keys = _matching(table.spec.keys, tuple(patterns))
    values = [doc.template.value(k) for k in keys]
    if not keys or any(v is None or not v.is_number for v in values):
        return None
    return sum(v.number for v in values), next((v.doubt for v in values if v.doubt), None)


def table_value(doc: Report, kind: str, *, carried: bool = False) -> Target | None:
    """What the tables say for claim ``kind`` — or, with ``carried``, what
    they say for the same columns of 上年结转 (for the kinds that have
    them); None when they cannot say."""
    spec = targets()["kind"].get(kind)
    key, label = ("carried", "carried-label") if carried else ("cells", "label")
    if spec is None or key not in spec:
        return None
    found = _sum(doc, spec[key])
    return None if found is None else Target(found[0], spec[label], found[1])


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
