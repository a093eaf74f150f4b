"""Telling whether two reports are by the same organ, from the names they give.

The same organ writes its name differently from year to year:
``兴安街道办事处`` one year, ``安丘市兴安街道办事处`` the next;
``洪泽区人民政府`` and ``淮安市洪泽区人民政府``.  Two names are the same organ
when, after normalisation (:func:`~govlint.normalize.compact`), they are
equal or one is the other without some leading place names: it is a
*short form* of the longer one — a suffix that starts right after a place
name (a token ending in 省、市、区、县、州、盟、旗、街道、镇 or 乡) and itself
starts with one.  So ``教育局`` is not taken for ``安丘市教育局`` (without a
place name it could be any county's), and ``人民政府`` matches nothing.

A repository overrides this with a mapping (configuration ``organ-aliases``,
name as govlint reads it → the name to use), for renamed or merged organs
and for names the heuristic cannot pair::

    organ-aliases = { "安丘市教育和体育局" = "安丘市教育局", "教育局" = "安丘市教育局" }

The place names of a name (:meth:`OrganNames.place_names`) are also what
copy detection masks in the organ's own prose (:mod:`govlint.similarity`).
"""

from __future__ import annotations

import re
from typing import Mapping

from .normalize import compact

#: A leading place name: a few characters (none of them a level word) and
#: the administrative level word that ends it.
PLACE = re.compile(r"[^省市区县州盟旗镇乡]{1,7}?(?:省|市|区|县|州|盟|旗|街道|镇|乡)")


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
