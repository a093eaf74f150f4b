"""What the extractor yields: :class:`Claim`, a quantified statement of the
report's prose, and the :class:`ScopePhrase` s that qualify it."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from ...model import Location, Paragraph

#: ``Claim.scope`` when the sentence speaks of another year (``上年``, ``2019年``).
OTHER_YEAR = "other-year"
#: ``Claim.scope`` when the sentence states a plan (``下一步``, ``力争``).
PLAN = "plan"
#: ``Claim.scope`` when the sentence has scope phrases (``全县``,
#: ``全区各部门``, ``代表区政府``): see ``Claim.scopes``.
OTHER_SCOPE = "other-scope"

#: A quote longer than this is cut to the claim's clause.
QUOTE_LIMIT = 60


class ScopePhrase(msgspec.Struct, frozen=True):
    """Words saying whose figure a sentence gives: ``kind`` is ``area``
    (``全区``, ``我市``), ``organs`` (``各级行政机关``), ``behalf``
    (``代表区政府``), ``nation`` (``全国``) or ``own`` (``本级``: the organ
    itself, which no claim keeps among its scopes); ``level`` the
    administrative level it names (``区``), if any; ``text`` the words as
    written (normalised)."""

    kind: str
    level: str | None
    text: str


class Claim(msgspec.Struct, frozen=True):
    """One statement the prose makes about the figures of the report.

    ``kind`` names what is claimed (see :mod:`govlint.recognise.claims`), ``value``
    the figure (0 for a negation such as ``未收到申请``; None for a claim
    without a figure such as ``均维持``).  ``negated`` is True when the
    figure comes from a negation.  ``hedge`` is the word that makes the
    figure approximate or a bound (``余``, ``约``, ``超过``; see
    :meth:`admits`) or, for ``all_upheld``, the word that qualifies it
    (``审结``).  ``scope`` is None when the sentence speaks of this report's
    own year with no scope phrase, else :data:`OTHER_YEAR`, :data:`PLAN`
    or :data:`OTHER_SCOPE`; ``scopes`` are the scope phrases before the
    claim in its sentence (whether they matter depends on the organ: see
    :mod:`govlint.recognise.claims.scope`).  For a received count,
    ``with_carried`` is True when the sentence says the figure includes the
    applications carried over from last year (``（含上年结转M件）``,
    ``加上上年结转M件，共受理……``), and ``includes`` is that ``M`` when given.
    ``groups`` are the table 四 groups (``review``, ``litigation``) an
    outcome claim speaks of.  A ``share`` (``占51.85%``, ``（17.46%）``) or
    ``change`` (``同比增加3件``, ``较去年回落``) claim qualifies the count
    claim ``of`` before it in its sentence: a share's ``value`` is the
    percentage and ``base`` the whole it names (``handled`` for 占办结总数的,
    ``received`` for 占收到申请的, None when it names none); a change's
    ``value`` is the change (None when the sentence gives only its
    ``direction``: +1 up, −1 down, 0 level), in ``unit`` ``件`` or ``%``.
    An ``itemised`` claim's ``value`` is a whole and ``parts`` the ``part``
    claims listed after it (``共受理81件，其中……42件……5件``); its ``hedge``
    is then the word saying the list is not complete (``主要``, ``等``), or
    the whole's own hedge, and ``complete`` True when the sentence says the
    parts are all there is (``分别为``, a part ``其他……``, 自然人 and 法人).  ``text`` is the claim's words as written,
    found at ``start``–``end`` of ``paragraph.text``, in the sentence at
    ``sentence_start``–``sentence_end``.
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
    with_carried: bool = False
    groups: tuple[str, ...] = ()
    scopes: tuple[ScopePhrase, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0
    of: Claim | None = None
    base: str | None = None
    direction: int = 0
    parts: tuple[Claim, ...] = ()
    complete: bool = False

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
        report's own tables with certainty: exact, about this year, and
        with no scope phrase."""
        return self.hedge is None and self.scope is None

    @property
    def about_report_year(self) -> bool:
        """True unless the sentence speaks of another year or of a plan."""
        return self.scope not in (OTHER_YEAR, PLAN)

    @property
    def quote(self) -> str:
        """The sentence as written, for a finding's message; a long
        sentence is cut to the words from its start (or, if still too
        long, from the claim) to the end of the claim."""
        sentence = self.paragraph.text[self.sentence_start:self.sentence_end].strip().rstrip("。；;，,")
        if len(sentence) <= QUOTE_LIMIT:
            return sentence
        lead = self.paragraph.text[self.sentence_start:self.end].strip()
        return lead if len(lead) <= QUOTE_LIMIT else "……" + self.text

    def admits(self, value: int | Decimal) -> bool:
        """True when ``value`` agrees with the claim's figure: equal to it,
        or for a hedged figure within what the hedge allows (``5500余``
        admits 5512, ``近50`` admits 48; ``patterns.toml`` ``[hedges]``)."""
        if self.value is None:
            return False
        if self.hedge is None or self.negated:
            return value == self.value
        from .patterns import patterns

        pats = patterns()
        return _within(pats.hedges.get(self.hedge), self.value, value, pats.hedge_margin)


def _step(n: int | Decimal) -> int:
    """The place value of the last non-zero digit of ``n`` (1 for 0)."""
    n = int(n)
    step = 1
    while n and n % (step * 10) == 0:
        step *= 10
    return step


def _within(meaning: str | None, n: int | Decimal, v: int | Decimal, fraction: float) -> bool:
    """Whether ``v`` is what a figure ``n`` hedged with ``meaning`` admits."""
    margin = max(1, n * Decimal(str(fraction)))
    if meaning == "above":
        return n <= v <= n + _step(n)
    if meaning == "around":
        return n - margin <= v <= n + margin
    if meaning == "under":
        return n - margin <= v <= n
    if meaning == "at-most":
        return v <= n
    if meaning == "at-least":
        return v >= n
    return v == n
