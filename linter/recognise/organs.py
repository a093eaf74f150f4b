"""Organs: what kind of organ wrote a report, and whether two names are the
same organ — both read from the names reports give (heuristics).

**Kind** (:func:`classify`).  Some checks depend on it: only 国务院部门 and
the people's governments of provinces, 设区的市 and 自治州 make 规章
(《立法法》); publication deadlines differ for departments, whole-government
reports and 乡镇/街道 (条例第四十九条, local notices).  :func:`classify`
reads a name with the patterns of ``data/organs.toml`` and answers only
when the name says it plainly:

* ``tier``: ``street`` (街道), ``township`` (乡/镇), ``county`` (县, 旗, 市辖区
  and their bodies), or None (a 市, a province, their departments, unknown);
* ``government``: the name is a people's government itself (…人民政府).

**Identity** (:class:`OrganNames`).  The same organ writes its name
differently from year to year: ``兴安街道办事处`` one year,
``安丘市兴安街道办事处`` the next; ``洪泽区人民政府`` and
``淮安市洪泽区人民政府``.  Two names are the same organ when, after
normalisation (:func:`~govlint.normalize.compact`), they are equal or one
is the other without some leading place names: it is a *short form* of the
longer one — a suffix that starts right after a place name (a token ending
in 省、市、区、县、州、盟、旗、街道、镇 or 乡) and itself starts with one.  So
``教育局`` is not taken for ``安丘市教育局`` (without a place name it could be
any county's), and ``人民政府`` matches nothing.

A repository overrides this with a mapping (configuration ``organ-aliases``,
name as govlint reads it → the name to use), for renamed or merged organs
and for names the heuristic cannot pair::

    organ-aliases = { "安丘市教育和体育局" = "安丘市教育局", "教育局" = "安丘市教育局" }

The place names of a name (:meth:`OrganNames.place_names`) are also what
copy detection masks in the organ's own prose
(:mod:`govlint.repository.similarity`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

import msgspec
import regex

from ..data import read_toml
from ..model import Document
from ..normalize import compact
from ..regexes import compile_re, compile_regex


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[tuple[str, str, tuple[regex.Pattern, ...]], ...], regex.Pattern, frozenset[str]]:
    data = read_toml("govlint.data", "organs.toml")
    # ``regex``, not ``re``, which compiles a class over a large range a character at a time (~2 ms)
    tiers = tuple((t["tier"], t["name"], tuple(compile_regex(p) for p in t["patterns"])) for t in data["tier"])
    return tiers, compile_regex(data["government"]["pattern"]), frozenset(data["no-regulations"])


class Organ(msgspec.Struct, frozen=True):
    """The organ as its name tells it (see the module docstring)."""

    name: str | None
    tier: str | None
    tier_name: str | None
    government: bool

    @property
    def makes_regulations(self) -> bool | None:
        """False when the tier cannot make 规章; None when it cannot be told."""
        return False if self.tier in _data()[2] else None


def classify(name: str | None) -> Organ:
    """The :class:`Organ` a name describes."""
    text = compact(name or "")
    tiers, government, _ = _data()
    for tier, tier_name, patterns in tiers:
        if text and any(p.search(text) for p in patterns):
            return Organ(name, tier, tier_name, bool(government.search(text)))
    return Organ(name, None, None, bool(text and government.search(text)))


def organ_name(doc: Document) -> str | None:
    """The organ's name: ``doc.organ``, else the title without the year and
    the words of the report's name."""
    if doc.organ:
        return doc.organ
    if doc.title is not None:
        text = re.sub(r"\d{4}\s*年度?|政府信息公开工作年度报告|政府信息公开年度报告|^附件\d*", "",
                      compact(doc.title.text))
        return text or None
    return None


def document_organ(doc: Document) -> Organ:
    """:func:`classify` of the document's organ."""
    return classify(organ_name(doc))

#: A leading place name: a few characters (none of them a level word) and
#: the administrative level word that ends it.
PLACE = compile_re(r"[^省市区县州盟旗镇乡]{1,7}?(?:省|市|区|县|州|盟|旗|街道|镇|乡)")


class OrganNames:
    """Normalised organ names and the same-organ relation, with the
    configured ``aliases`` (written name → name to use) applied first."""

    def __init__(self, aliases: Mapping[str, str] | None = None):
        self._aliases = {compact(k): compact(v) for k, v in (aliases or {}).items()}

    def canonical(self, name: str | None) -> str | None:
        """The name to compare: normalised, aliases applied (None when empty)."""
        text = compact(name or "")
        return self._aliases.get(text, text) or None

    @staticmethod
    def place_names(name: str) -> tuple[str, ...]:
        """The place names ``name`` starts with, in order
        (``淮安市洪泽区人民政府`` → ``淮安市``, ``洪泽区``)."""
        found, pos = [], 0
        while (m := PLACE.match(name, pos)) is not None:
            found.append(m.group())
            pos = m.end()
        return tuple(found)

    def short_forms(self, name: str) -> tuple[str, ...]:
        """``name`` (canonical) and its suffixes that start with one of its
        leading place names, longest first."""
        forms, pos = [name], 0
        for place in self.place_names(name)[:-1]:
            pos += len(place)
            forms.append(name[pos:])
        return tuple(forms)

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether names ``a`` and ``b`` are the same organ."""
        a, b = self.canonical(a), self.canonical(b)
        if a is None or b is None:
            return False
        return a in self.short_forms(b) or b in self.short_forms(a)
