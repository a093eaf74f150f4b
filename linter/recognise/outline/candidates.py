"""Heading candidates and their scores (the evidence of the outline's model).

Every paragraph — or, inside a longer paragraph, every stretch that
:mod:`.inline` finds — that is short, not a sentence, not a table label or
caption and not an item of a sub-item run is a candidate; for each section
its words may name (or, for a line like ``五、下一步工作打算``, its numeral
alone names), its score is the sum of the evidence weighted in
``data/outline.toml``: numbering, wording, layout.  Candidates scoring no
more than ``candidate.min-score`` for any section are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import msgspec

from ...model import Block, Numbering, Paragraph, Table
from ...normalize import compact
from ...regexes import compile_regex
from .inline import cut, spans
from .numbering import Numbered, marker, series, split, strip_stray
from .spec import data
from .wording import match, matches, score

_SENTENCE_INSIDE = compile_regex(r"[,;。]")
_NUMERAL = compile_regex(r"[一二三四五六]、")
_TRAILING = "。.:;"
_TABLE_SECTIONS = (2, 3, 4)
_NUMERAL_ONLY_LENGTH = 20
_STRAY = 3  # characters a stray prefix may add to a heading


class Candidate(msgspec.Struct, frozen=True):
    """A stretch of a paragraph that may head a section.

    ``block`` is the paragraph's index among the blocks, ``start``/``end``
    the stretch's offsets in its text (the whole text for a paragraph that
    is only a heading), ``paragraph`` the stretch as a paragraph of its own,
    ``scores`` the score for each section it may head; ``inline`` whether
    it is a stretch of a longer paragraph."""

    block: int
    start: int
    end: int
    paragraph: Paragraph
    numbered: Numbered
    title: str
    scores: Mapping[int, float]
    inline: bool


def _numbering(numbered: Numbered, section: int) -> float:
    weight = data().weight
    style = numbered.numbering
    if style is Numbering.NONE:
        return weight("numbering", "none")
    match = numbered.value == section
    if style is Numbering.CHINESE:
        if not match:
            return weight("numbering", "chinese-other")
        return weight("numbering", "chinese-match" if numbered.separator == "、" else "chinese-match-other-sep")
    if style is Numbering.ARABIC:
        return weight("numbering", "arabic-match" if match else "arabic-other")
    return weight("numbering", "paren-match" if match else "paren-other")


def own_section(rest: str, value: int) -> bool:
    """Does ``rest`` (an item's text after its marker) read as section ``value``?"""
    title = rest.rstrip(_TRAILING)
    limit = data().weight("candidate", "max-length")
    return len(title) <= limit and value in range(1, 7) and match(title, value) is not None


def _is_caption(text: str) -> bool:
    """A table caption or row label (``表二：…``, ``四、结转下年度继续办理``)."""
    spec = data()
    return bool(spec.caption.match(text) or spec.not_headings.search(text))


def _words(text: str, max_length: int) -> tuple[Numbered, str] | None:
    """The numeral and title of a heading-like ``text``, or None when it
    cannot be a heading (too long, a sentence, a table label or caption)."""
    text = strip_stray(text)
    if not text or len(text) > max_length:
        return None
    if _is_caption(text):
        return None
    numbered = split(text)
    title = numbered.rest.rstrip(_TRAILING)
    if not title or _SENTENCE_INSIDE.search(title) or data().caption.match(title):
        return None
    return numbered, title


@lru_cache(maxsize=16384)
def _analyse(text: str, max_length: int) -> tuple[Numbered, str, tuple[tuple[int, float], ...]] | None:
    """The numeral, title and context-free score for each section of a
    paragraph's compacted ``text`` (cached: reports repeat their headings)."""
    words = _words(text, max_length)
    if words is None:
        return None
    numbered, title = words
    scores = _section_scores(numbered, title)
    if not scores:
        return None
    ending = _ending(text)
    return numbered, title, tuple((section, value + ending) for section, value in scores.items())


def _section_scores(numbered: Numbered, title: str) -> dict[int, float]:
    weight = data().weight
    scores = {number: score(m) + _numbering(numbered, number) for number, m in matches(title)}
    value = numbered.value
    if (numbered.numbering is Numbering.CHINESE and numbered.separator == "、" and value in range(1, 7)
            and value not in scores and len(title) <= _NUMERAL_ONLY_LENGTH and not any(c.isdigit() for c in title)):
        scores[value] = weight("wording", "numeral-only") + _numbering(numbered, value)
    return scores


class _Context:
    """What surrounds the paragraphs: neighbours, sub-item runs."""

    def __init__(self, blocks: Sequence[Block]):
        self.blocks = blocks
        self.items = series([b if isinstance(b, Paragraph) else None for b in blocks], own_section)

    def block(self, index: int) -> Block | None:
        return self.blocks[index] if 0 <= index < len(self.blocks) else None

    def table_after(self, index: int) -> bool:
        return isinstance(self.block(index + 1), Table)

    def layout(self, index: int, paragraph: Paragraph) -> tuple[float, float]:
        """The layout evidence for the whole paragraph ``index`` as a heading:
        (for any section, for a section with a table)."""
        weight = data().weight
        after = self.block(index + 1)
        value = 0.0
        if paragraph.heading_level:
            value += weight("layout", "heading-level")
        if isinstance(after, Paragraph) and (found := marker(compact(after.text))) and found[1] == 1:
            value += weight("layout", "followed-by-subitem")
        table = weight("layout", "followed-by-table") if isinstance(after, Table) else 0.0
        return value, value + table


def _ending(text: str) -> float:
    weight = data().weight
    if text.endswith("。"):
        return weight("layout", "ends-as-sentence")
    if text.endswith((":", "：")):
        return weight("layout", "ends-with-colon")
    return 0.0


def candidates(blocks: Sequence[Block]) -> list[Candidate]:
    """The heading candidates among ``blocks``, in document order."""
    weight = data().weight
    max_length = int(weight("candidate", "max-length"))
    minimum = weight("candidate", "min-score")
    context = _Context(blocks)
    found: list[Candidate] = []
    last: tuple[int, set[int]] = (-1, set())  # the last heading-like paragraph: its index, its sections
    reach = int(weight("layout", "caption-reach"))
    heading_like = weight("layout", "caption-under")
    inline_weight = weight("layout", "inline")
    caption_weight = weight("layout", "after-own-heading")
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            last = (-1, set())  # a table ends the stretch a caption may be in
            continue
        whole = compact(block.text)
        inline = spans(block, max_length) if _NUMERAL.search(whole) else []
        if not inline and len(whole) > max_length + _STRAY:
            continue
        stretches = inline or [(0, len(block.text))]
        for start, end in stretches:
            paragraph = cut(block, start, end) if inline else block
            if paragraph is None:
                continue
            text = compact(paragraph.text) if inline else whole
            analysed = _analyse(text, max_length) if len(text) <= max_length + _STRAY else None
            if analysed is None:
                if last[1] and index - last[0] == 1 and _is_caption(text):
                    last = (index, last[1])  # a caption line continues the heading's stretch
                continue
            numbered, title, base = analysed
            if numbered.numbering in (Numbering.PARENTHESISED, Numbering.ARABIC) and index in context.items:
                continue
            scores = dict(base)
            extra = inline_weight if inline else 0.0
            # a table caption: right under a heading of the same section, or a few
            # paragraphs under it and right above a table (outline.toml [layout])
            gap = index - last[0]
            caption = not inline and (gap == 1 or (gap <= reach and context.table_after(index)))
            plain, tabled = (0.0, 0.0) if inline else context.layout(index, paragraph)
            for section in scores:
                scores[section] += extra + (tabled if section in _TABLE_SECTIONS else plain)
                if caption and section in last[1]:
                    scores[section] += caption_weight
            if caption and last[1] & scores.keys():
                last = (index, last[1])  # a caption under a caption
            kept = {s: v for s, v in scores.items() if v > minimum}
            if kept:
                found.append(Candidate(index, start, end, paragraph, numbered, title, kept, bool(inline)))
                like = {section for section, value in kept.items() if value >= heading_like}
                if like and not inline:
                    last = (index, like)
    return found
