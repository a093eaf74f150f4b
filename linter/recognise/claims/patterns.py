"""The claim patterns and the lexicon, loaded once from the package data
(``patterns.toml``, ``lexicon.txt``).  See the comments in
``patterns.toml`` for what each field means."""

from __future__ import annotations

from functools import lru_cache

import msgspec
import regex

from ...data import read_text, read_toml
from ...regexes import compile_regex

PACKAGE = "govlint.recognise.claims"
LEXICON = "lexicon.txt"
PATTERNS = "patterns.toml"


class NumberFrame(msgspec.Struct, frozen=True):
    """A number is a claim of ``kind`` when its window fits one of ``cues``."""

    kind: str
    cues: tuple[tuple[str, ...], ...]
    units: frozenset[str]
    needs: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    after: bool = False


class PhraseFrame(msgspec.Struct, frozen=True):
    """A ``trigger`` word (``neg``, ``all``) followed by a cue is a claim."""

    trigger: str
    kind: str
    cues: tuple[tuple[str, ...], ...]
    anywhere: bool = False
    unless_next: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


class Scopes(msgspec.Struct, frozen=True):
    """The scope phrases and how they bear on a comparison (``[scope]``)."""

    kinds: tuple[str, ...]
    phrases: regex.Pattern
    ranks: dict[str, int]
    single: frozenset[str]
    relations: dict[str, dict[str, str]]
    organ_kinds: tuple[tuple[str, regex.Pattern], ...]


class Shares(msgspec.Struct, frozen=True):
    """What makes a percentage a share of a count (``[shares]``)."""

    kinds: frozenset[str]
    tag: str
    brackets: frozenset[str]
    bases: dict[str, str]


class Changes(msgspec.Struct, frozen=True):
    """What makes a change word a change against last year (``[changes]``)."""

    kinds: frozenset[str]
    words: dict[str, int]
    against: frozenset[str]
    units: frozenset[str]
    points: str


class Itemised(msgspec.Struct, frozen=True):
    """What makes a list of parts after a whole (``[itemised]``)."""

    words: frozenset[str]
    between: frozenset[str]
    open_before: frozenset[str]
    open_after: frozenset[str]
    #: unit -> its group's first unit (件, 份 and 条 count alike)
    group: dict[str, str]
    complete: frozenset[str]
    partitions: tuple[frozenset[str], ...]


class Patterns(msgspec.Struct, frozen=True):
    """Everything the extractor reads from the data files."""

    tags: dict[str, str]
    subject_tags: frozenset[str]
    max_gap: int
    negation_ends: frozenset[str]
    negation_goes_on: frozenset[str]
    number: regex.Pattern
    date_units: frozenset[str]
    count_units: frozenset[str]
    noun_units: frozenset[str]
    closing: frozenset[str]
    hedges: dict[str, str]
    hedge_margin: float
    sentence_ends: str
    clause_marks: str
    numbers: tuple[NumberFrame, ...]
    phrases: tuple[PhraseFrame, ...]
    group_tags: dict[str, str]
    outcome_groups: dict[str, tuple[str, ...]]
    parts_of_received: frozenset[str]
    #: What a sentence must contain to make any claim: a frame's trigger
    #: word, or a number followed by one of the frames' units.
    may_claim: regex.Pattern
    scopes: Scopes
    shares: Shares
    changes: Changes
    itemised: Itemised


def _alternation(words) -> str:
    """``words`` as alternatives, longest first (then in code-point order, so
    that a set of words always gives the same pattern: it is cached by its
    text, :mod:`govlint.regexes`)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _number_pattern(data: dict) -> regex.Pattern:
    """Arabic or Chinese numeral with its hedges and unit (see ``[numbers]``)."""
    cn_units = _alternation(data["chinese-units"])
    after = _alternation(data["hedge-after"])
    return compile_regex(
        rf"(?P<before>{_alternation(data['hedge-before'])})?"
        rf"(?P<value>(?<![第\d])\d+(?:,\d{{3}})*(?:\.\d+)?"
        rf"|(?<![第\d])[零〇一二两三四五六七八九十百千万]+(?=(?:{after})?(?:{cn_units})))"
        rf"(?P<after>{after})?"
        rf"(?P<unit>{_alternation(data['units'])})?"
        rf"(?P<tail>{_alternation(data['hedge-tail'])})?"
    )


def _cues(raw) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c) for c in raw)


def read_lexicon(text: str) -> dict[str, str]:
    """``word → tag`` from jieba dictionary lines ``word freq tag``."""
    tags = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = parts[2]
    return tags


def _scopes(data: dict) -> Scopes:
    # One pattern, a named group per kind (each may hold a group "level").
    return Scopes(
        kinds=tuple(data["phrases"]),
        phrases=compile_regex("|".join(f"(?P<{kind}>{p})" for kind, p in data["phrases"].items())),
        ranks={level: rank for rank, group in enumerate(data["levels"]["order"]) for level in group},
        single=frozenset(data["levels"]["single"]),
        relations={k: dict(v) for k, v in data["relation"].items()},
        organ_kinds=tuple((kind, compile_regex(p)) for kind, p in data["organ-kinds"].items()),
    )


def _may_claim(data: dict, tags: dict[str, str]) -> regex.Pattern:
    triggers = {f["trigger"] for f in data["phrase"]}
    words = [w for w, t in tags.items() if t in triggers]
    units = {u for f in data["number"] for u in f["units"]} | set(data["itemised"]["units"])
    after = _alternation(data["numbers"]["hedge-after"])
    return compile_regex(rf"{_alternation(words)}|[\d零〇一二两三四五六七八九十百千](?:{after})?(?:{_alternation(units)})")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    data = read_toml(PACKAGE, PATTERNS)
    numbers = data["numbers"]
    tags = read_lexicon(read_text(PACKAGE, LEXICON))
    return Patterns(
        tags=tags,
        subject_tags=frozenset(data["subject-tags"]),
        max_gap=int(data["max-gap"]),
        negation_ends=frozenset(data["negation"]["ends"]),
        negation_goes_on=frozenset(data["negation"]["goes-on"]),
        number=_number_pattern(numbers),
        date_units=frozenset(numbers["date-units"]),
        count_units=frozenset(numbers["qualifier"]["units"]),
        noun_units=frozenset(numbers["qualifier"]["noun-units"]),
        closing=frozenset(numbers["qualifier"]["closing"]),
        hedges=dict(data["hedges"]["words"]),
        hedge_margin=float(data["hedges"]["margin"]),
        sentence_ends=data["sentences"]["ends"],
        clause_marks=data["sentences"]["clauses"],
        numbers=tuple(
            NumberFrame(f["kind"], _cues(f["cues"]), frozenset(f["units"]), frozenset(f.get("needs", ())),
                        frozenset(f.get("excludes", ())), bool(f.get("after", False)))
            for f in data["number"]
        ),
        phrases=tuple(
            PhraseFrame(f["trigger"], f["kind"], _cues(f["cues"]), bool(f.get("anywhere", False)),
                        frozenset(f.get("unless-next", ())), frozenset(f.get("excludes", ())),
                        frozenset(f.get("words", ())))
            for f in data["phrase"]
        ),
        group_tags=dict(data["group-tags"]),
        outcome_groups={k: tuple(v) for k, v in data["outcome-groups"].items()},
        parts_of_received=frozenset(data["parts-of-received"]),
        may_claim=_may_claim(data, tags),
        scopes=_scopes(data["scope"]),
        shares=Shares(frozenset(data["shares"]["kinds"]), data["shares"]["tag"],
                      frozenset(data["shares"]["brackets"]), dict(data["shares"]["bases"])),
        changes=Changes(frozenset(data["changes"]["kinds"]),
                        {w: d for d, key in ((1, "up"), (-1, "down"), (0, "level")) for w in data["changes"][key]},
                        frozenset(data["changes"]["against"]), frozenset(data["changes"]["units"]),
                        data["changes"]["points"]),
        itemised=Itemised(*(frozenset(data["itemised"][k]) for k in ("words", "between", "open-before", "open-after")),
                          group={unit: group[0] for group in data["itemised"]["same"] for unit in group},
                          complete=frozenset(data["itemised"]["complete"]),
                          partitions=tuple(frozenset(p) for p in data["itemised"]["partitions"])),
    )
