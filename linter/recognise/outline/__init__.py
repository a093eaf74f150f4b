"""The outline: title, report year and organ, the six sections, sub-items.

Works on the blocks a reader produced and knows nothing of file formats.

The six section headings are found as **one decision over the whole
document**, not line by line:

1. **Candidates** (:mod:`.candidates`).  Every paragraph that could be a
   heading — and every heading run into a longer paragraph, as in a web
   page saved as one line (``…x@y.com。一、总体情况2020年，…``, :mod:`.inline`:
   a Chinese numeral with ``、`` followed by a known form of its section, by
   words carrying that section's signature, or by a known form of another
   section) — is scored, for each section it may head, by adding up
   evidence whose weights live in ``data/outline.toml``:

   * *numbering* — the section's own Chinese numeral with ``、`` (+4), with
     another separator (+3), as an Arabic numeral (``4、``, +2.5), as a
     sub-item numeral (``（四）``, +1); no numeral (0); another section's
     numeral (−1 for a Chinese one: a renumbered report; −3 for a sub-item
     one: ``（一）主动公开政府信息情况`` inside 总体情况);
   * *wording* (:mod:`.wording`, ``data/sections.toml``) — the template words
     or a known variant (+4), a rewording with accepted words (+3.5), a
     key-word typo of a known form (+3), other words carrying the section's
     signature by similarity (10 × (ratio − 0.55), at most +3); a short
     line numbered for a section with none of its words (``五、下一步工作打算``)
     scores its numeral −3;
   * *layout* — a heading style or Markdown ``#`` (+1.5), a table right
     after it for sections 二–四 (+1), a sub-item ``（一）``/``1.`` right after
     it (+0.5); ending with ``。`` (−3) or ``：`` (−1); a table caption —
     right under a heading of the same section, or up to three paragraphs
     under it and right above a table (−8); run into a longer paragraph
     (−1).

   Never candidates: anything longer than 45 characters, a line with
   ``，；。`` inside (a sentence is never a heading), table row labels and
   captions (``四、结转下年度继续办理``, ``表二：…``), and the items of a sub-item
   run from 1 (``（一）…（二）…``, :mod:`.numbering`): a sub-item of 总体情况
   is never a section.

2. **Decision** (:mod:`.decide`).  A dynamic programme chooses the ordered
   assignment of candidates to sections with the highest total score, the
   position in the document entering through the order: a section after
   those already assigned gains its score; a repeat or a section out of
   order is only possible for a heading whose own numeral names that
   section, and gains its score less 6, so only strong evidence (a numbered
   heading in known words, ~8) makes one — the swapped 四 and 五 of a report
   are still found and reported, while a sentence or caption naming a
   section never displaces the real headings around it.

3. **Confidence.**  Each section carries ``confidence``, a logistic curve of
   its heading's score (½ at 2.5): a numbered heading in known words is
   ~1, an unnumbered heading in the template words ~0.8, a heading found
   by its numeral alone or by loose wording below ½.  Structure rules grade
   the findings that rest on a weak heading (:func:`uncertainty`).

Headings run into a paragraph are cut out of it, and a numeral alone on its
line is joined with the line after it (:mod:`.inline`); the
:attr:`Outline.blocks` are the reader's blocks so repaired, every location
still pointing into the original file.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from ...model import Block, Document, Paragraph, Section, SubItem, Table, Title, Wording
from ..templates import templates
from .candidates import Candidate, candidates
from .decide import choose, confidence
from .inline import cut, join_markers
from .numbering import subitems
from .spec import data
from .title import organ_and_year, title as find_title
from .wording import matches, typo_window

_CN = "一二三四五六"
_WORDING = {"canonical": Wording.CANONICAL, "variant": Wording.VARIANT, "reworded": Wording.DEVIANT,
            "typo": Wording.TYPO, "deviant": Wording.DEVIANT}

__all__ = ["Outline", "build", "canonical_heading", "typo_window", "uncertainty"]


class Outline(msgspec.Struct, frozen=True):
    """What :func:`build` finds.  ``blocks`` are the reader's blocks with the
    headings run into a paragraph cut out of it and the numerals alone on
    their line joined with the line after them (what the Report keeps)."""

    title: Title | None
    organ: str | None
    year: int | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    subitems: tuple[SubItem, ...]
    blocks: tuple[Block, ...]


def _split(blocks: Sequence[Block], heads: list[tuple[Candidate, int, float]]
           ) -> tuple[list[Block], list[tuple[int, Candidate, int, float]]]:
    """The blocks with the chosen inline headings cut out of their
    paragraphs, and each heading's index among them."""
    by_block: dict[int, list[tuple[Candidate, int, float]]] = {}
    for head in heads:
        by_block.setdefault(head[0].block, []).append(head)
    out: list[Block] = []
    placed = []
    for index, block in enumerate(blocks):
        chosen = by_block.get(index)
        if not chosen:
            out.append(block)
            continue
        if not chosen[0][0].inline:
            placed.append((len(out), *chosen[0]))
            out.append(block)
            continue
        offset = 0
        for cand, section, score in chosen:
            before = cut(block, offset, cand.start)
            if before is not None:
                out.append(before)
            placed.append((len(out), cand, section, score))
            out.append(cand.paragraph)
            offset = cand.end
        after = cut(block, offset, len(block.text))
        if after is not None:
            out.append(after)
    return out, placed


def _last_line(block: Block) -> int:
    if isinstance(block, Table):
        return block.location.end_line or block.location.line
    return block.lines[-1]


def build(blocks: tuple[Block, ...]) -> Outline:
    """Find title, organ, year, sections and sub-items among ``blocks``."""
    blocks = tuple(join_markers(blocks))
    new_blocks, heads = _split(blocks, choose(candidates(blocks)))
    first = heads[0][0] if heads else len(new_blocks)
    preamble = tuple(new_blocks[:first])
    sections = []
    for k, (index, cand, number, score) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(new_blocks)
        content = tuple(new_blocks[index + 1:end])
        found = dict(matches(cand.title)).get(number)
        wording, expected = ((_WORDING[found.kind], found.expected) if found
                             else (Wording.DEVIANT, data().section(number).canonical))
        heading: Paragraph = cand.paragraph
        sections.append(Section(
            number=number, numeral=cand.numbered.numeral, numbering=cand.numbered.numbering,
            separator=cand.numbered.separator, title=cand.title, heading=heading,
            wording=wording, expected=expected, blocks=content,
            end_line=_last_line(content[-1]) if content else heading.lines[-1],
            confidence=round(confidence(score), 3),
        ))
    found_title = find_title(preamble)
    organ, year = organ_and_year(found_title, preamble)
    items = tuple(item for s in sections for item in subitems(s))
    return Outline(found_title, organ, year, preamble, tuple(sections), items, tuple(new_blocks))


def canonical_heading(number: int) -> str:
    """The template heading of section ``number``, e.g. ``三、收到和处理政府信息公开申请情况``."""
    if number not in range(1, 7):
        raise KeyError(number)
    return f"{_CN[number - 1]}、{data().section(number).canonical}"


def predates_format(doc: Document) -> str | None:
    """Why a finding that measures ``doc`` against the national format is
    for reference only, or None: the report's year is before the first
    template's (a 2008 report has seven parts and no 表二–表四)."""
    first = min(t.first_year for t in templates().values())
    if doc.year is not None and doc.year < first:
        return f"口径可能不同：{doc.year}年度报告早于全国统一格式（{first}年度起适用），按现行格式检查仅供参考"
    return None


def uncertainty(doc: Document, *sections: Section) -> str | None:
    """Why a structure finding about ``doc`` resting on ``sections``' headings
    is not conclusive, or None when it is: the report predates the national
    format (its year is before the first template's), or a heading was
    found on weak evidence (confidence below ``uncertain-below``)."""
    before = predates_format(doc)
    if before is not None:
        return before
    threshold = data().weight("confidence", "uncertain-below")
    weak = next((s for s in sections if s.confidence < threshold), None)
    if weak is None:
        return None
    return (f"标题识别把握不大：第 {weak.start_line} 行“{weak.heading.text.strip()}”"
            f"认作“{canonical_heading(weak.number)}”的依据较弱")
