"""Numerals of headings and markers of sub-items.

A heading's numeral is split off its (normalised) text: ``三、`` (Chinese,
with its separator), ``4、``/``4.`` (Arabic: Word list numbering lost in
conversion), ``（四）`` (parenthesised: the sub-item style).  A stray
character before the numeral — a Latin letter or a bullet that a PDF font
turned into text (``l六、其他需要报告的事项``) — is dropped.

Sub-item markers (``（一）``, ``1.``, ``（1）``, ``①``) are read for the
sub-items of each section and for :func:`series`: the paragraphs whose
markers form a run from 1 (``（一）…（二）…（三）``) are sub-items, never
section headings, unless the run is the report's own top-level numbering
(``1、总体情况 2、主动公开政府信息情况…``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import msgspec

from ...model import Numbering, Paragraph, Section, SubItem
from ...normalize import compact
from ...read.numerals import chinese_to_int
from ...regexes import compile_regex

_CN = "一二三四五六七八九十"
_STRAY = compile_regex(rf"^(?:[A-Za-z](?=[{_CN}\d(])|[•·●○■□◆◇▪▫►▶★☆※>*#\-]+)\s*")
_HEADING_NUMBER = compile_regex(
    rf"^(?:(?P<cn>[{_CN}]{{1,3}})\s*(?P<sep>[、,，.:：])?"
    rf"|(?P<ar>\d{{1,2}})\s*(?P<sep2>[、,，:：]|\.(?!\d))"
    rf"|\((?P<paren>[{_CN}\d]{{1,3}})\))\s*"
)
_SUBITEM = compile_regex(
    rf"^(?:\((?P<cnp>[{_CN}]{{1,3}})\)|\((?P<arp>\d{{1,2}})\)|(?P<ard>\d{{1,2}})\s*[.、](?!\d{{1,3}}(?!\d)|\d+$)"
    rf"|(?P<circ>[①-⑳]))"
)


class Numbered(msgspec.Struct, frozen=True):
    """A heading's text split into its numeral and the rest."""

    numeral: str
    numbering: Numbering
    separator: str
    value: int | None
    rest: str


def strip_stray(text: str) -> str:
    """``text`` without a stray Latin letter or bullet before its numeral."""
    return _STRAY.sub("", text, count=1)


def split(text: str) -> Numbered:
    """The numeral, its style and separator, its value and the rest of the
    normalised, compacted heading ``text``.  A Chinese numeral without a
    separator (``一总体情况``: a space lost in normalisation) counts, with
    the separator ``""``."""
    m = _HEADING_NUMBER.match(text)
    if not m or m.end() == len(text):
        return Numbered("", Numbering.NONE, "", None, text)
    rest = text[m.end():]
    if m.group("cn"):
        value = chinese_to_int(m.group("cn"))
        if m.group("sep") is None and (len(m.group("cn")) > 1 or value is None):
            return Numbered("", Numbering.NONE, "", None, text)
        return Numbered(m.group("cn"), Numbering.CHINESE, m.group("sep") or "", value, rest)
    if m.group("ar"):
        return Numbered(m.group("ar"), Numbering.ARABIC, m.group("sep2"), int(m.group("ar")), rest)
    numeral = m.group("paren")
    value = int(numeral) if numeral.isdigit() else chinese_to_int(numeral)
    return Numbered(numeral, Numbering.PARENTHESISED, "()", value, rest)


@lru_cache(maxsize=16384)
def marker(text: str) -> tuple[str, int] | None:
    """``(style, value)`` of the sub-item marker ``text`` starts with:
    ``cn-paren`` （一）, ``arabic-paren`` （1）, ``arabic-dot`` 1. or 1、,
    ``circled`` ①."""
    m = _SUBITEM.match(text)
    if not m:
        return None
    if m.group("cnp"):
        style, value = "cn-paren", chinese_to_int(m.group("cnp"))
    elif m.group("arp"):
        style, value = "arabic-paren", int(m.group("arp"))
    elif m.group("ard"):
        style, value = "arabic-dot", int(m.group("ard"))
    else:
        style, value = "circled", ord(m.group("circ")) - ord("①") + 1
    return (style, value) if value else None


def subitems(section: Section) -> list[SubItem]:
    """The numbered sub-items among a section's paragraphs."""
    items = []
    for p in section.paragraphs:
        text = compact(p.text)
        found = marker(text)
        if found:
            items.append(SubItem(section.number, found[0], found[1], _SUBITEM.match(text).group(0), p))
    return items


#: Marker styles that continue one another in a run: Word numbering turns
#: （四） into （4） in the middle of a （一）…（七） list (seed 001).
_FAMILY = {"cn-paren": "paren", "arabic-paren": "paren", "arabic-dot": "arabic"}
_MARKER_START = frozenset("(0123456789")


def series(paragraphs: Sequence[Paragraph | None], own_section: Callable[[str, int], bool]) -> set[int]:
    """Indexes of the paragraphs that are items of a sub-item run.

    A run is a sequence of same-family markers with consecutive values
    (other paragraphs may come between); a run from 1 with at least two
    items is a list of sub-items, unless most of its items read as the
    section their value names (``own_section(rest, value)``): then it is the
    report's top-level numbering."""
    runs: dict[str, list[tuple[int, int, str]]] = {}
    done: list[list[tuple[int, int, str]]] = []
    for index, p in enumerate(paragraphs):
        if p is None:
            continue
        text = compact(p.text)
        if not text or text[0] not in _MARKER_START:
            continue
        found = marker(text)
        if not found or found[0] not in _FAMILY:
            continue
        family, value = _FAMILY[found[0]], found[1]
        run = runs.get(family)
        if run is None or value != run[-1][1] + 1:
            if run:
                done.append(run)
            run = runs[family] = []
        run.append((index, value, _SUBITEM.sub("", text, count=1)))
    done.extend(runs.values())
    items: set[int] = set()
    for run in done:
        if len(run) < 2 or run[0][1] != 1:
            continue
        own = sum(1 for _, value, rest in run if own_section(rest, value))
        if own * 2 <= len(run):
            items.update(index for index, _, _ in run)
    return items
