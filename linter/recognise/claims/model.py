"""What the extractor yields: :class:`Claim`, a quantified statement of the
report's prose."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...model import Location, Paragraph

#: ``Claim.scope`` when the sentence speaks of another year (``上年``, ``2019年``).
OTHER_YEAR = "other-year"
#: ``Claim.scope`` when it speaks of a wider scope (``全县``, ``全区各部门``).
OTHER_SCOPE = "other-scope"


@dataclass(frozen=True)
class Claim:
    """One statement the prose makes about the figures of the report.

    ``kind`` names what is claimed (see :mod:`govlint.recognise.claims`), ``value``
    the figure (0 for a negation such as ``未收到申请``; None for a claim
    without a figure such as ``均维持``).  ``negated`` is True when the
    figure comes from a negation.  ``hedge`` is the word that makes the
    figure approximate or qualified (``余``, ``约``, ``左右``, ``审结``);
    ``scope`` is None when the sentence speaks of this report's own year
    and organ, else :data:`OTHER_YEAR` or :data:`OTHER_SCOPE`.
    ``includes`` is ``M`` of ``(含上年结转M件)`` after a received count;
    ``groups`` the table 四 groups (``review``, ``litigation``) an outcome
    claim speaks of.  ``text`` is the claim's words as written, found at
    ``start``–``end`` of ``paragraph.text``.
    """

    kind: str
    value: int | Decimal | None
    paragraph: Paragraph
    start: int
    end: int
    negated: bool = False
    hedge: str | None = None
    scope: str | None = None
    unit: str | None = None
    includes: int | None = None
    groups: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]

    @property
    def location(self) -> Location:
        """Where the claim starts in the source file."""
        return self.paragraph.location_at(self.start)

    @property
    def comparable(self) -> bool:
        """True when the figure may be compared for equality with this
        report's own tables: exact, and about this year and this organ."""
        return self.hedge is None and self.scope is None
