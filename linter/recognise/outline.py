"""The outline: title, report year and organ, the six sections, sub-items.

Works on the blocks a reader produced and knows nothing of file formats.

Section headings are found by numeral *and* by wording (``data/sections.toml``):
a short paragraph whose text, without its numbering, contains the section's
signature (or, when a typo hit the key words, is nearly the template wording)
and is close enough to the template wording or an accepted
variant.  The threshold depends on the numbering: a heading numbered with
the section's own numeral (``三、``) needs little, an unnumbered or
otherwise-numbered line (seed 003's ``收到和处理政府信息公开申请情况``,
seed 002's ``4、 政府信息公开…``) needs more, and an unnumbered line is only
taken for a section not yet found, after the sections already found — so a
table caption right under its heading is not a second heading.  Table row
labels (``四、结转下年度继续办理``) live in tables, and their text is also
excluded by ``not-headings``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

import regex

from ..model import Block, Numbering, Paragraph, Section, SubItem, Table, Title, Wording
from ..normalize import compact
from ..read.numerals import chinese_to_int

_CN = "一二三四五六七八九十"
_HEADING_NUMBER = regex.compile(
    rf"^(?:(?P<cn>[{_CN}]{{1,3}})\s*(?P<sep>[、,，.:：]|\s)"
    rf"|(?P<ar>\d{{1,2}})\s*(?P<sep2>[、,，:：]|\.(?!\d)|\s)"
    rf"|\((?P<paren>[{_CN}\d]{{1,3}})\))\s*"
)
_SUBITEM = regex.compile(
    rf"^(?:\((?P<cnp>[{_CN}]{{1,3}})\)|\((?P<arp>\d{{1,2}})\)|(?P<ard>\d{{1,2}})\s*[.、](?!\d{{1,3}}(?!\d))|(?P<circ>[①-⑳]))"
)
_TITLE_WORDS = regex.compile(r"报告")
_TITLE_SKIP = regex.compile(r"^(?:附件\s*\d*|正文|\(?\d{4}年\d{1,2}月\d{1,2}日\)?)$")
_TITLE_PARTS = regex.compile(r"^(?P<before>.*?)(?P<year>(?:19|20)\d{2})\s*年度?(?P<after>.*?)(?:政府|政务)信息公开")
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD_YEAR = regex.compile(r"((?:19|20)\d{2})年1月1日")
_MAX_HEADING = 45
_UNSIGNED = 0.85


@dataclass(frozen=True)
class _SectionSpec:
    number: int
    canonical: str
    variants: tuple[str, ...]
    signature: regex.Pattern

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants)


@dataclass(frozen=True)
class Outline:
    """What :func:`build` finds."""

    title: Title | None
    organ: str | None
    year: int | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    subitems: tuple[SubItem, ...]


@lru_cache(maxsize=1)
def _spec() -> tuple[tuple[_SectionSpec, ...], tuple[str, ...]]:
    data = tomllib.loads(resources.files("govlint.data").joinpath("sections.toml").read_text("utf-8"))
    sections = tuple(
        _SectionSpec(s["number"], compact(s["canonical"]), tuple(compact(v) for v in s["variants"]),
                     regex.compile(s["signature"]))
        for s in data["section"]
    )
    return sections, tuple(data["not-headings"])


@dataclass(frozen=True)
class _Candidate:
    """A paragraph that may be a section heading."""

    paragraph: Paragraph
    number: int
    numeral: str
    numbering: Numbering
    separator: str
    title: str
    similarity: float


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@lru_cache(maxsize=4096)
def _closest_section(title: str) -> tuple[float, _SectionSpec, bool] | None:
    """``(similarity, section, signed)`` of the section whose template
    wording or variant ``title`` is closest to, among the sections whose
    signature it contains (``signed``) or most of whose characters it has;
    cached, as every report repeats the same headings."""
    best: tuple[float, _SectionSpec, bool] | None = None
    chars = set(title)
    for spec in _spec()[0]:
        signed = bool(spec.signature.search(title))
        forms = [f for f in spec.forms if signed or len(chars & set(f)) >= 0.75 * len(set(f))]
        if not forms:
            continue
        score = max(_similarity(title, form) for form in forms)
        if best is None or score > best[0]:
            best = (score, spec, signed)
    return best


def _split_numbering(text: str) -> tuple[str, Numbering, str, str]:
    """(numeral, style, separator, rest) of a heading's normalised text."""
    m = _HEADING_NUMBER.match(text)
    if not m:
        return "", Numbering.NONE, "", text
    rest = text[m.end():]
    if m.group("cn"):
        return m.group("cn"), Numbering.CHINESE, m.group("sep").strip() or " ", rest
    if m.group("ar"):
        return m.group("ar"), Numbering.ARABIC, m.group("sep2").strip() or " ", rest
    return m.group("paren"), Numbering.PARENTHESISED, "()", rest


def _numeral_value(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_to_int(numeral)


def _candidate(paragraph: Paragraph) -> _Candidate | None:
    text = compact(paragraph.text)
    if not text or len(text) > _MAX_HEADING or len(paragraph.pieces) > 2:
        return None
    not_headings = _spec()[1]
    numeral, numbering, separator, rest = _split_numbering(text)
    title = rest.rstrip("。.:：;；")
    if not title or "。" in title or any(word in title for word in not_headings):
        return None
    best = _closest_section(title)
    if best is None:
        return None
    score, spec, signed = best
    if not signed and score < _UNSIGNED:
        return None  # without the section's key words only a near-exact heading counts
    value = _numeral_value(numeral) if numeral else None
    if numbering is Numbering.CHINESE and value == spec.number:
        needed = 0.45
    elif numbering is Numbering.NONE:
        needed = 0.7 if paragraph.heading_level else 0.8
    elif numbering is Numbering.PARENTHESISED:
        needed = 0.85
    else:
        needed = 0.75
    if score < needed:
        return None
    return _Candidate(paragraph, spec.number, numeral, numbering, separator, title, score)


def _wording(title: str, spec: _SectionSpec) -> tuple[Wording, str]:
    if title == spec.canonical:
        return Wording.CANONICAL, spec.canonical
    if title in spec.variants:
        return Wording.VARIANT, spec.canonical
    for form in spec.forms:
        if len(form) == len(title) and len(form) >= 6:
            diffs = sum(1 for a, b in zip(form, title) if a != b)
            if diffs <= 2:
                return Wording.TYPO, form
    return Wording.DEVIANT, spec.canonical


def _headings(blocks: tuple[Block, ...]) -> list[tuple[int, _Candidate]]:
    """(block index, candidate) of the blocks taken as section headings."""
    chosen: list[tuple[int, _Candidate]] = []
    found: set[int] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        cand = _candidate(block)
        if cand is None:
            continue
        last = chosen[-1][1].number if chosen else 0
        if cand.numbering is Numbering.NONE and (cand.number in found or cand.number <= last):
            continue  # a caption or a repeat of a heading already found
        chosen.append((index, cand))
        found.add(cand.number)
    return chosen


def _title(preamble: tuple[Block, ...]) -> Title | None:
    paragraphs = [b for b in preamble[:8] if isinstance(b, Paragraph)]
    for i, p in enumerate(paragraphs):
        text = compact(p.text)
        if _TITLE_SKIP.match(text) or not _TITLE_WORDS.search(text) or len(text) > 60:
            continue
        start = p
        if i > 0:
            prev = paragraphs[i - 1]
            prev_text = compact(prev.text)
            if (len(prev_text) <= 30 and not _TITLE_SKIP.match(prev_text)
                    and not prev_text.endswith(("。", ":", "：")) and p.location.line - prev.lines[-1] <= 2):
                start = prev
                text = prev_text + text
        return Title(text, start.location)
    return None


def _organ_and_year(title: Title | None, preamble: tuple[Block, ...]) -> tuple[str | None, int | None]:
    if title is not None:
        m = _TITLE_PARTS.match(title.text)
        if m:
            organ = (m.group("before") or m.group("after")).strip() or None
            return organ, int(m.group("year"))
        m = _YEAR.search(title.text)
        if m:
            return None, int(m.group(1))
    for block in preamble:
        if isinstance(block, Paragraph):
            m = _PERIOD_YEAR.search(compact(block.text))
            if m:
                return None, int(m.group(1))
    return None, None


def _subitems(section: Section) -> list[SubItem]:
    items = []
    for p in section.paragraphs:
        m = _SUBITEM.match(compact(p.text))
        if not m:
            continue
        if m.group("cnp"):
            style, value = "cn-paren", chinese_to_int(m.group("cnp"))
        elif m.group("arp"):
            style, value = "arabic-paren", int(m.group("arp"))
        elif m.group("ard"):
            style, value = "arabic-dot", int(m.group("ard"))
        else:
            style, value = "circled", ord(m.group("circ")) - ord("①") + 1
        if value:
            items.append(SubItem(section.number, style, value, m.group(0), p))
    return items


def _last_line(block: Block) -> int:
    if isinstance(block, Table):
        return block.location.end_line or block.location.line
    return block.lines[-1]


def build(blocks: tuple[Block, ...]) -> Outline:
    """Find title, organ, year, sections and sub-items among ``blocks``."""
    heads = _headings(blocks)
    specs = {s.number: s for s in _spec()[0]}
    first = heads[0][0] if heads else len(blocks)
    preamble = blocks[:first]
    sections = []
    for k, (index, cand) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(blocks)
        content = blocks[index + 1:end]
        wording, expected = _wording(cand.title, specs[cand.number])
        end_line = _last_line(content[-1]) if content else cand.paragraph.lines[-1]
        sections.append(Section(
            number=cand.number, numeral=cand.numeral, numbering=cand.numbering,
            separator=cand.separator, title=cand.title, heading=cand.paragraph,
            wording=wording, expected=expected, blocks=content, end_line=end_line,
        ))
    title = _title(preamble)
    organ, year = _organ_and_year(title, preamble)
    subitems = tuple(item for s in sections for item in _subitems(s))
    return Outline(title, organ, year, preamble, tuple(sections), subitems)



def canonical_heading(number: int) -> str:
    """The template heading of section ``number``, e.g. ``三、收到和处理政府信息公开申请情况``."""
    for spec in _spec()[0]:
        if spec.number == number:
            return f"{'一二三四五六'[number - 1]}、{spec.canonical}"
    raise KeyError(number)
