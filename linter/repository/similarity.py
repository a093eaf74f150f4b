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

A section is prepared once, where the report is read, as a
:class:`SectionPrint`: its normalised sentences and, for each, where it
starts and the few characters a message quotes — not its paragraphs.  It is
part of the report's profile (:mod:`govlint.repository.profile`), cached with
it, and is all copy detection reads.

:meth:`SectionPrint.compare` gives the Jaccard index of two sections'
shingle sets (shared / all, from 0 to 1) and the first sentence of one
section (in reading order) that the other repeats — at least :data:`SHARED`
of its shingles occur there — the passage a finding points at.  Sections
shorter than :data:`MIN_SECTION` normalised characters are not compared (a
two-line 五 is alike in every report).  Which reports are compared at all
is :mod:`govlint.repository.copies`' part.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

from ..model import Location, Paragraph
from ..normalize import compact
from ..recognise.organs import OrganNames
from ..regexes import compile_re
from .textzip import unzip_text, zip_text

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

_SENTENCE_END = compile_re(r"[^。！？；!?;]*[。！？；!?;]+|[^。！？；!?;]+$")
_DIGITS = compile_re(r"\d+")
_NOT_TEXT = compile_re(r"[^\w〇#]|_")
MASK = "〇"


class Passage(NamedTuple):
    """A sentence a finding points at: where it starts and how a message
    quotes it (:func:`quote`)."""

    location: Location
    text: str

    def quote(self) -> str:
        return self.text


class Comparison(NamedTuple):
    """How much of one section another repeats: the Jaccard ``similarity``
    of their shingle sets and the first ``shared`` sentence of the first."""

    similarity: float
    shared: Passage | None


class SectionPrint:
    """A section's prose prepared for comparison (module docstring), kept
    compact: ``norm`` holds the kept sentences' normalised forms one after
    the other, ``quotes`` their quotes; ``bounds`` the end offset of each
    sentence in ``norm`` and of its quote in ``quotes``; ``places`` the
    line and column each starts at, and ``extras`` what else its location
    has (sentence index, then end line, end column, page, label), for
    the few that have any.  Shingle sets are made when two sections are
    compared, not kept.  (A plain class, not a dataclass: cheaper to
    define, and this module is imported with every profile.)"""

    __slots__ = ("norm", "bounds", "places", "extras", "_quotes", "_dictionary")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, norm: str, quotes: str, bounds: array, places: array,
                 extras: tuple[tuple[Any, ...], ...] = ()):
        # interned: a section of a model text, normalised, is the same in many reports;
        # the quotes, read for findings only, compressed (:mod:`govlint.repository.textzip`)
        self.norm, self.bounds, self.places, self.extras = sys.intern(norm), bounds, places, extras
        self._quotes, self._dictionary = zip_text(quotes)

    @property
    def quotes(self) -> str:
        return unzip_text(self._quotes, self._dictionary)

    def _fields(self) -> tuple[Any, ...]:
        return self.norm, self.quotes, self.bounds, self.places, self.extras

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SectionPrint) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"SectionPrint({', '.join(map(repr, self._fields()))})"

    def __reduce__(self):
        return SectionPrint, self._fields()

    @classmethod
    def of(cls, paragraphs: Iterable[Paragraph], organ: str | None) -> "SectionPrint":
        """The print of a section made of ``paragraphs``, written by ``organ``."""
        masks = _masks(organ)
        norm, quotes, bounds, places, extras = [], [], [], [], []
        norm_end = quote_end = 0
        for paragraph in paragraphs:
            for text, start in _sentences(paragraph):
                normal = normalise(text, masks)
                if len(normal) < MIN_SENTENCE:
                    continue
                location = paragraph.location_at(start)
                quote = _quote(text)
                norm.append(normal)
                quotes.append(quote)
                norm_end += len(normal)
                quote_end += len(quote)
                bounds.extend((norm_end, quote_end))
                if extra := location_extra(location):
                    extras.append((len(places) // 2, *extra))
                places.extend((location.line, location.column))
        return cls("".join(norm), "".join(quotes), array("I", bounds), array("i", places), tuple(extras))

    def __len__(self) -> int:
        """The number of sentences kept."""
        return len(self.bounds) // 2

    @property
    def comparable(self) -> bool:
        """True when the section is long enough to compare."""
        return len(self.norm) >= MIN_SECTION

    def sentences(self) -> Iterator[str]:
        """The normalised sentences, in reading order."""
        start = 0
        for end in self.bounds[::2]:
            yield self.norm[start:end]
            start = end

    def shingles(self) -> frozenset[str]:
        """The section's shingle set: every sentence's, together."""
        norm, grams, start = self.norm, [], 0
        for end in self.bounds[::2]:
            if end - start <= SHINGLE:
                grams.append(norm[start:end])
            else:
                grams += [norm[i:i + SHINGLE] for i in range(start, end - SHINGLE + 1)]
            start = end
        return frozenset(grams)

    def passage(self, index: int) -> Passage:
        """Sentence ``index`` as a finding points at it."""
        start = self.bounds[2 * index - 1] if index else 0
        extra = next((e[1:] for e in self.extras if e[0] == index), ())
        location = Location(self.places[2 * index], self.places[2 * index + 1], *extra)
        return Passage(location, self.quotes[start:self.bounds[2 * index + 1]])

    def repeated_in(self, theirs: frozenset[str]) -> Passage | None:
        """This section's first sentence of which :data:`SHARED` of the
        shingles are in ``theirs``, or None."""
        for index, sentence in enumerate(self.sentences()):
            grams = shingles(sentence)
            if len(grams & theirs) >= SHARED * len(grams):
                return self.passage(index)
        return None

    def compare(self, other: "SectionPrint") -> Comparison:
        """The similarity of the two sections, and this section's first
        sentence that ``other`` repeats."""
        mine, theirs = self.shingles(), other.shingles()
        return Comparison(jaccard(mine, theirs), self.repeated_in(theirs))

    # ------------------------------------------------------------ JSON form

    def to_data(self) -> dict[str, Any]:
        return {"norm": self.norm, "quotes": self.quotes, "bounds": list(self.bounds),
                "places": list(self.places), "extras": [list(e) for e in self.extras]}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "SectionPrint":
        return cls(data["norm"], data["quotes"], array("I", data["bounds"]), array("i", data["places"]),
                   tuple(tuple(e) for e in data["extras"]))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared / all of two shingle sets (0 for two empty sets)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


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


def location_extra(loc: Location) -> tuple[Any, ...]:
    """What a location has beyond line and column, trailing unset fields left out."""
    fields = (loc.end_line, loc.end_column, loc.page, loc.label)
    end = len(fields)
    while end and fields[end - 1] is None:
        end -= 1
    return fields[:end]


def _quote(text: str) -> str:
    """A sentence for a message, shortened to :data:`QUOTE` characters."""
    text = text.strip()
    return text if len(text) <= QUOTE else text[:QUOTE] + "……"


def _masks(organ: str | None) -> tuple[str, ...]:
    """The organ's name and place names, longest first."""
    name = compact(organ or "")
    if not name:
        return ()
    return tuple(sorted({name, *OrganNames.place_names(name)}, key=len, reverse=True))


def _sentences(paragraph: Paragraph) -> Iterator[tuple[str, int]]:
    """Each sentence of ``paragraph`` and the offset its text starts at."""
    for m in _SENTENCE_END.finditer(paragraph.text):
        text = m.group()
        if text.strip():
            yield text, m.start() + len(text) - len(text.lstrip())
