"""Is the repository complete: every listed organ's report, every year.

A report repository (configuration ``history``) may name the organs that
must publish a report (``organs = [...]`` in the configuration, or
``organs-file = "机关名单.txt"``, one name a line, ``#`` starts a comment,
relative to the configuration file).  Then :func:`completeness` tells, for
each year any report of the repository (the run's and the history's) is
for, which listed organs have no report of that year, and which reports
are by an organ not on the list — ``govlint report`` prints both
(:mod:`govlint.output.summary`), and M013 reports the latter on the
run's files.

Names are compared as :class:`~govlint.recognise.organs.OrganNames` compares
them (normalised, ``organ-aliases`` applied, a name and its short form after
leading place names are the same organ: a listed ``安丘市兴安街道办事处``
is found in ``兴安街道办事处2023年……``), in time linear in the number of
reports and names.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Sequence

import msgspec

from ..normalize import compact
from ..recognise.organs import OrganNames
from . import ORGANS, ORGANS_FILE


class OrgansError(ValueError):
    """``organs``/``organs-file`` that cannot be used (message in Chinese)."""


def listed_organs(values: Mapping[str, Any], root: str) -> tuple[str, ...] | None:
    """The organs a configuration lists (``organs``, then the names of
    ``organs-file``), each once; None when it lists none."""
    names = values.get(ORGANS) or []
    if not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
        raise OrgansError(f"{ORGANS} 应为字符串列表（机关名称）")
    names = list(names)
    file = values.get(ORGANS_FILE)
    if file:
        if not isinstance(file, str):
            raise OrgansError(f"{ORGANS_FILE} 应为文件路径（相对于配置文件）")
        try:
            with open(os.path.join(root, file), encoding="utf-8-sig") as listing:
                text = listing.read()
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            raise OrgansError(f"{ORGANS_FILE} 指定的机关名单 {file} 无法读取（{why}）") from None
        names += [line.split("#", 1)[0].strip() for line in text.splitlines()]
    found = tuple(dict.fromkeys(n.strip() for n in names if compact(n)))
    return found or None


class Entry(msgspec.Struct, frozen=True):
    """A report as completeness sees it: path, organ (canonical), year."""

    path: str
    organ: str | None
    year: int | None


class Completeness(msgspec.Struct, frozen=True):
    """One repository's completeness: ``source`` the configuration that
    lists the organs, ``listed`` the names, ``missing`` per year (ascending)
    the listed names without a report that year, ``unlisted`` the reports
    whose organ is not on the list (path, organ name, year)."""

    source: str
    listed: tuple[str, ...]
    missing: tuple[tuple[int, tuple[str, ...]], ...]
    unlisted: tuple[Entry, ...]

    @property
    def complete(self) -> bool:
        return not any(names for _, names in self.missing) and not self.unlisted


class OrganIndex:
    """The organs of some reports, to ask whether a name is among them."""

    def __init__(self, organs: Iterable[str], names: OrganNames):
        self.names = names
        self.exact: set[str] = set()
        self.forms: set[str] = set()
        for organ in organs:
            self.exact.add(organ)
            self.forms.update(names.short_forms(organ))

    def has(self, name: str | None) -> bool:
        """Whether ``name`` (canonical) is the same organ as one indexed."""
        if not name:
            return False
        return name in self.forms or any(form in self.exact for form in self.names.short_forms(name))


def completeness(source: str, listed: Sequence[str], reports: Iterable[Entry], names: OrganNames) -> Completeness:
    """The completeness of ``reports`` (organs canonical) against ``listed``."""
    canonical = {name: names.canonical(name) for name in listed}
    on_list = OrganIndex((c for c in canonical.values() if c), names)
    by_year: dict[int, list[str]] = {}
    unlisted = []
    for report in reports:
        if report.year:
            by_year.setdefault(report.year, []).append(report.organ or "")
        if report.organ and not on_list.has(report.organ):
            unlisted.append(report)
    missing = []
    for year in sorted(by_year):
        present = OrganIndex((o for o in by_year[year] if o), names)
        missing.append((year, tuple(name for name, c in canonical.items() if not present.has(c))))
    return Completeness(source, tuple(listed), tuple(missing),
                        tuple(sorted(unlisted, key=lambda r: (r.year or 0, r.path))))
