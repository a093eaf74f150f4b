"""What the metadata rules share: the facts read from a report with their
data file (``metadata.toml``, :mod:`.defaults`) — statistical periods, the
signature date, the organ's level and its publication deadline."""

from __future__ import annotations

import re
import string
from datetime import date
from functools import lru_cache
from typing import Any, Iterator, Mapping

import msgspec

from govlint.model import Location, Paragraph
from govlint.normalize import compact
from govlint.read.numerals import chinese_to_int
from govlint.recognise.claims.text import normalise
from govlint.recognise.organs import document_organ
from govlint.recognise.report import Report
from govlint.regexes import compile_re

from .defaults import DEADLINE_KEY, data

_CN_DIGITS = "〇一二三四五六七八九"


class Found(msgspec.Struct, frozen=True):
    """A regex match in a paragraph, located in the source file."""

    match: re.Match
    location: Location


def search(paragraph: Paragraph, pattern: re.Pattern) -> Iterator[Found]:
    """Matches of ``pattern`` in the normalised text of ``paragraph``."""
    text = normalise(paragraph.text)
    for m in pattern.finditer(text.text):
        yield Found(m, paragraph.location_at(text.origin[m.start()]))


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[re.Pattern, ...]:
    spec = data()["period"]
    parts = {key: spec[key] for key in ("year", "month", "day")}
    return tuple(compile_re(string.Template(p).substitute(parts)) for p in spec["patterns"])


def periods(doc: Report) -> list[Found]:
    """Every statistical period (``YYYY年1月1日至12月31日``) of the report,
    in the order of the text."""
    found = [f for p in doc.paragraphs for pattern in _period_patterns() for f in search(p, pattern)]
    return sorted(found, key=lambda f: (f.location.line, f.location.column))


def period_years(found: Found) -> set[int]:
    """The years a statistical period names."""
    return {_number(y) for y in (found.match["start"], found.match.groupdict().get("end")) if y}


def _number(text: str) -> int:
    """``2021``, ``二〇二一`` (digit by digit), ``十二`` (a numeral) as an int."""
    if text.isdigit():
        return int(text)
    digits = text.replace("零", "〇").replace("○", "〇")
    if len(digits) == 4 and all(ch in _CN_DIGITS for ch in digits):
        return int("".join(str(_CN_DIGITS.index(ch)) for ch in digits))
    return chinese_to_int(text) or 0


@lru_cache(maxsize=1)
def _signature_pattern() -> re.Pattern:
    spec = data()["signature"]
    chrome = "|".join(re.escape(c) for c in sorted(spec["chrome"], key=len, reverse=True))
    return compile_re(string.Template(spec["pattern"]).safe_substitute(chrome=chrome))


class Signature(msgspec.Struct, frozen=True):
    """The 落款 date and the paragraph holding it."""

    date: date
    paragraph: Paragraph


def signature(doc: Report) -> Signature | None:
    """The last paragraph that ends with a date after a short text (see
    ``[signature]`` in ``metadata.toml``)."""
    pattern = _signature_pattern()
    for paragraph in reversed(doc.paragraphs):
        m = pattern.search(compact(paragraph.text))
        if m:
            try:
                return Signature(date(_number(m["year"]), _number(m["month"]), _number(m["day"])), paragraph)
            except ValueError:
                continue
    return None


def deadline_level(doc: Report) -> tuple[str, str]:
    """``(deadline key, Chinese name)`` for the organ of ``doc``: 乡镇/街道,
    a people's government's own report, or a department (the default)."""
    organ = document_organ(doc)
    if organ.tier in ("street", "township"):
        level = "township"
    elif organ.government:
        level = "government"
    else:
        level = "department"
    return level, data()["deadline-level-names"][level]


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class Due(msgspec.Struct, frozen=True):
    """A report's publication deadline: ``date``, and ``why`` — the level
    and the configuration key it comes from, as a finding names them."""

    date: date
    why: str


def due(config: Mapping[str, Any], doc: Report) -> Due:
    """The publication deadline of ``doc`` (its year known) by its organ's level."""
    level, level_name = deadline_level(doc)
    return Due(deadline(config, level, doc.year), f"（{level_name}，配置项 {DEADLINE_KEY}.{level}）")


def deadline(config: Mapping[str, Any], level: str, year: int) -> date:
    """The publication deadline of a report for ``year`` by an organ of ``level``."""
    configured = {**data()[DEADLINE_KEY], **(config.get(DEADLINE_KEY) or {})}
    value = configured.get(level)
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", str(value))
    try:
        return date(year + 1, int(m[1]), int(m[2]))  # type: ignore[index]
    except (TypeError, ValueError):
        raise ValueError(f"配置项 {DEADLINE_KEY}.{level} 应为“月-日”，如 \"01-31\"，而不是 {value!r}") from None
