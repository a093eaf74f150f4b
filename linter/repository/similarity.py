"""How much of one section's prose another report's section repeats.

Copy detection (DOMAIN.md §5 E3) compares sections 一 and 五 of two
reports.  Reports copied from last year or from a neighbour change the
numbers, the years and the organ's name, and little else; so the text is
compared on *normalised sentences*:

* the section is split into sentences at ``。！？；`` and paragraph ends;
* each sentence is normalised: full-width to half-width, spaces dropped
  (:func:`~govlint.normalize.compact`), the organ's own name and place names
  (:meth:`~govlint.recognise.organs.OrganNames.place_names`) replaced by ``〇``,
  every run of digits by ``#``, punctuation removed; sentences shorter
  than :data:`MIN_SENTENCE` characters after that (``无。``, a bare
  sub-heading) are left out;
* a section is the set of its sentences' character :data:`SHINGLE`-grams.

:meth:`SectionText.compare` gives the Jaccard index of two sections'
shingle sets (shared / all, from 0 to 1) and the first sentence of one
section (in reading order) that the other repeats — at least :data:`SHARED`
of its shingles occur there — the passage a finding points at.
Sections shorter than :data:`MIN_SECTION` normalised characters are not
compared (a two-line 五 is alike in every report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Location, Paragraph
from ..normalize import compact
from ..recognise.organs import OrganNames

#: Shingle length in characters.
SHINGLE = 4
#: Sentences shorter than this (normalised) are left out: sub-headings such
#: as ``（一）存在的主要问题`` are in every report.
MIN_SENTENCE = 10
#: Sections shorter than this (normalised, all sentences) are not compared.
MIN_SECTION = 40
#: A sentence is repeated when this share of its shingles is in the other section.
SHARED = 0.8
#: How much of a shared sentence a message quotes.
QUOTE = 30

_SENTENCE_END = re.compile(r"[^。！？；!?;]*[。！？；!?;]+|[^。！？；!?;]+$")
_DIGITS = re.compile(r"\d+")
_NOT_TEXT = re.compile(r"[^\w〇#]|_")
MASK = "〇"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section: the text as written, its normalised
    form, and where it starts."""

    text: str
    norm: str
    location: Location

    def quote(self) -> str:
        """The sentence for a message, shortened to :data:`QUOTE` characters."""
        text = self.text.strip()
        return text if len(text) <= QUOTE else text[:QUOTE] + "……"


@dataclass(frozen=True)
class Comparison:
    """How much of one section another repeats: the Jaccard ``similarity``
    of their shingle sets and the first ``shared`` sentence of the first."""

    similarity: float
    shared: Sentence | None


class SectionText:
    """A section's prose prepared for comparison (module docstring).
    Shingles are computed for each comparison and not kept, so that many
    sections can be held at once."""

    def __init__(self, paragraphs: Iterable[Paragraph], organ: str | None):
        masks = _masks(organ)
        self.sentences: tuple[Sentence, ...] = tuple(
            s for p in paragraphs for s in _sentences(p, masks) if len(s.norm) >= MIN_SENTENCE)

    @property
    def comparable(self) -> bool:
        """True when the section is long enough to compare."""
        return sum(len(s.norm) for s in self.sentences) >= MIN_SECTION

    def compare(self, other: "SectionText") -> Comparison:
        """The similarity of the two sections, and this section's first
        sentence that ``other`` repeats."""
        grams = [shingles(s.norm) for s in self.sentences]
        mine = frozenset().union(*grams)
        theirs = frozenset().union(*(shingles(s.norm) for s in other.sentences))
        union = mine | theirs
        shared = next((s for s, g in zip(self.sentences, grams) if len(g & theirs) >= SHARED * len(g)), None)
        return Comparison(len(mine & theirs) / len(union) if union else 0.0, shared)


def shingles(text: str) -> frozenset[str]:
    """The character :data:`SHINGLE`-grams of ``text`` (the text itself when shorter)."""
    if len(text) <= SHINGLE:
        return frozenset({text})
    return frozenset(text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def normalise(sentence: str, masks: Sequence[str] = ()) -> str:
    """``sentence`` in the form sentences are compared in (module docstring);
    ``masks`` are names to replace by :data:`MASK`, longest first."""
    text = compact(sentence)
    for mask in masks:
        text = text.replace(mask, MASK)
    return _NOT_TEXT.sub("", _DIGITS.sub("#", text))


def _masks(organ: str | None) -> tuple[str, ...]:
    """The organ's name and place names, longest first."""
    name = compact(organ or "")
    if not name:
        return ()
    return tuple(sorted({name, *OrganNames.place_names(name)}, key=len, reverse=True))


def _sentences(paragraph: Paragraph, masks: Sequence[str]) -> Iterable[Sentence]:
    for m in _SENTENCE_END.finditer(paragraph.text):
        text = m.group()
        start = m.start() + len(text) - len(text.lstrip())
        if text.strip():
            yield Sentence(text, normalise(text, masks), paragraph.location_at(start))
