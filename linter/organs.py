"""What kind of organ wrote a report, guessed from its name (a heuristic).

Some checks depend on it: only 国务院部门 and the people's governments of
provinces, 设区的市 and 自治州 make 规章 (《立法法》); publication deadlines
differ for departments, whole-government reports and 乡镇/街道 (条例第四十九条,
local notices).  :func:`classify` reads a name with the patterns of
``data/organs.toml`` and answers only when the name says it plainly:

* ``tier``: ``street`` (街道), ``township`` (乡/镇), ``county`` (县, 旗, 市辖区
  and their bodies), or None (a 市, a province, their departments, unknown);
* ``government``: the name is a people's government itself (…人民政府).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Document
from .normalize import compact


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[tuple[str, str, tuple[re.Pattern, ...]], ...], re.Pattern, frozenset[str]]:
    data = tomllib.loads(resources.files("govlint.data").joinpath("organs.toml").read_text("utf-8"))
    tiers = tuple((t["tier"], t["name"], tuple(re.compile(p) for p in t["patterns"])) for t in data["tier"])
    return tiers, re.compile(data["government"]["pattern"]), frozenset(data["no-regulations"])


@dataclass(frozen=True)
class Organ:
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
