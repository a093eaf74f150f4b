"""The outline's data: the six sections (``data/sections.toml``) and the
scoring weights (``data/outline.toml``), read once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import msgspec
import regex

from ...data import read_toml
from ...normalize import compact
from ...regexes import compile_regex


class SectionSpec(msgspec.Struct, frozen=True):
    """One template section: its wording, accepted variants, signature and key words."""

    number: int
    canonical: str
    variants: tuple[str, ...]
    signature: regex.Pattern
    key_words: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants)


class Data(msgspec.Struct, frozen=True):
    """Everything the outline reads from data files."""

    sections: tuple[SectionSpec, ...]
    not_headings: regex.Pattern
    caption: regex.Pattern
    rewordings: Mapping[str, tuple[str, ...]]
    weights: Mapping[str, Mapping[str, float]]
    title_label: regex.Pattern
    metadata_label: regex.Pattern
    #: the metadata labels' words (:func:`metadata_inside` compiles them when first needed)
    metadata_words: tuple[str, ...]

    def section(self, number: int) -> SectionSpec:
        return self.sections[number - 1]

    def weight(self, group: str, name: str) -> float:
        return float(self.weights[group][name])


def _read(name: str) -> dict:
    return read_toml("govlint.data", name)


def _label_pattern(words: Sequence[str], tail: str, anchored: bool = True) -> regex.Pattern:
    spaced = "|".join(r"\s*".join(map(regex.escape, word)) for word in words)
    return compile_regex(rf"{'^' if anchored else ''}\s*(?:{spaced})\s*{tail}")


@lru_cache(maxsize=1)
def data() -> Data:
    """The outline's data (cached)."""
    sections = _read("sections.toml")
    weights = _read("outline.toml")
    specs = tuple(
        SectionSpec(s["number"], compact(s["canonical"]), tuple(compact(v) for v in s["variants"]),
                    compile_regex(s["signature"]), tuple(compact(k) for k in s["key-words"]))
        for s in sections["section"]
    )
    if [s.number for s in specs] != list(range(1, 7)):
        raise ValueError("sections.toml must list sections 1–6 in order")
    title = weights.pop("title")
    return Data(
        sections=specs,
        not_headings=compile_regex("|".join(map(regex.escape, sections["not-headings"]))),
        caption=compile_regex(sections["caption"]),
        rewordings={k: tuple(v) for k, v in sections["rewordings"].items()},
        weights=weights,
        title_label=_label_pattern(title["labels"], r"[:：]\s*"),
        metadata_label=_label_pattern(title["metadata"], r"[:：]"),
        metadata_words=tuple(title["metadata"]),
    )


@lru_cache(maxsize=1)
def metadata_inside() -> regex.Pattern:
    """A metadata label anywhere in a paragraph (compiled only once a ``标题:``
    label is found: most reports have none)."""
    return _label_pattern(data().metadata_words, r"[:：]", anchored=False)
