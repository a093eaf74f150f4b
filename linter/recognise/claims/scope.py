"""Whose figure a claim gives: the report's own, possibly another scope's,
or surely another's — judged from the sentence's scope phrases and the
organ that wrote the report.

A report's tables count the applications of the organ that wrote it; a
people's government's report often counts its whole area (its departments
and towns included) or only the government itself, and the template does
not say which.  So a sentence with ``全区`` in a 区人民政府's report may
give exactly the table's figure — or another one.  Such a sentence is
compared all the same: a figure that agrees is fine; one that does not is
reported one level lower, with the reason (``口径可能不同：句中有“全区”``).
Only a phrase that surely names another scope (``全国``; ``全省`` in a
city's report; ``全市`` in a city department's report) keeps a sentence
from being compared, as another year does.

The decision, per scope phrase (``patterns.toml`` ``[scope]``, where it is
data a reviewer may tune):

==================  ==============  ==============  ===============
phrase              government      office          department
==================  ==============  ==============  ===============
area, own level     uncertain       uncertain       other
 … 乡, 镇, 街道       same            same            other
area, wider         other           other           other
area, narrower      uncertain       uncertain       uncertain
area, unknown       uncertain       uncertain       uncertain
organs (各部门…)     uncertain       uncertain       uncertain
behalf (代表…政府)   uncertain       uncertain       uncertain
nation (全国)        other           other           other
==================  ==============  ==============  ===============

* *government*: the organ is a people's government, a 管委会, a 街道办事处
  or 乡镇, or is named by its place alone (``平潭综合实验区``); *office*: a
  government's general office (``上海市人民政府办公厅``, ``区政府办``), which
  handles applications on its government's behalf; *department*: any
  other organ.  Read from the organ's name (``[scope.organ-kinds]``).
* An area phrase's level (``全区`` → 区) is compared with the level of the
  organ's last place name (``淮安市洪泽区人民政府`` → 区) by rank
  (``[scope.levels]``); *unknown* when the name has no place name.  A 乡, 镇
  or 街道 is served by one organ: its own area (``我街道``, ``全镇``) is its
  own figure.
* Several phrases: one *other* makes the sentence another scope's; else
  one *uncertain* makes the comparison uncertain, naming every such phrase.

A sentence with no scope phrase is the report's own: a mismatch is a
confident finding.
"""

from __future__ import annotations

import msgspec

from ...normalize import compact
from ..organs import OrganNames, organ_name
from .model import Claim, ScopePhrase
from .patterns import patterns

SAME, UNCERTAIN, OTHER = "same", "uncertain", "other"
#: The level word a place name ends with (街道 is two characters).
_LEVEL_SUFFIXES = ("街道", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡")


class OrganScope(msgspec.Struct, frozen=True):
    """The report's organ as scope phrases are judged against it: ``kind``
    (``government``, ``office``, ``department``) and ``level`` (the level
    word of its last place name, None when it has none)."""

    kind: str
    level: str | None


class Verdict(msgspec.Struct, frozen=True):
    """Whether a claim is compared (``compared``) and, if so, the reason it
    is uncertain (None: a certain comparison)."""

    compared: bool
    reason: str | None = None


def organ_scope(doc) -> OrganScope:
    """The :class:`OrganScope` of the organ that wrote ``doc``."""
    return describe_organ(organ_name(doc))


def describe_organ(name: str | None) -> OrganScope:
    """The :class:`OrganScope` of an organ named ``name``."""
    text = compact(name or "").rpartition(":")[2]  # a saved page's label: 标题:平潭综合实验区
    places = OrganNames.place_names(text)
    level = next((s for s in _LEVEL_SUFFIXES if places[-1].endswith(s)), None) if places else None
    if places and "".join(places) == text:
        return OrganScope("government", level)
    for kind, pattern in patterns().scopes.organ_kinds:
        if pattern.search(text):
            return OrganScope(kind, level)
    return OrganScope("department", level)


def _relation(phrase: ScopePhrase, organ: OrganScope) -> str:
    """The row of the decision table ``phrase`` falls in."""
    if phrase.kind != "area":
        return phrase.kind
    scopes = patterns().scopes
    if organ.level is None or phrase.level not in scopes.ranks:
        return "area-unknown"
    mine, theirs = scopes.ranks[organ.level], scopes.ranks[phrase.level]
    if mine == theirs:
        return "area-own-single" if organ.level in scopes.single else "area-own"
    return "area-wider" if theirs < mine else "area-narrower"


def judge(claim: Claim, organ: OrganScope) -> Verdict:
    """Whether ``claim`` is compared with the tables of ``organ``'s report,
    and with what certainty (module docstring)."""
    if not claim.about_report_year:
        return Verdict(False)
    relations = patterns().scopes.relations
    doubtful = []
    for phrase in claim.scopes:
        verdict = relations.get(_relation(phrase, organ), {}).get(organ.kind, UNCERTAIN)
        if verdict == OTHER:
            return Verdict(False)
        if verdict == UNCERTAIN and phrase.text not in doubtful:
            doubtful.append(phrase.text)
    if not doubtful:
        return Verdict(True)
    return Verdict(True, "口径可能不同：句中有" + "".join(f"“{text}”" for text in doubtful))
