"""Label normalisation and matching: is this cell text that template label?

Reports write the same label many ways: ``1.`` / ``1．`` / ``1、``,
``(一)`` / ``（一）``, spaces and line breaks inside (``总\\n计``), straight or
curly quotes, ``、`` or ``,`` between clauses, the explanatory parenthesis
dropped (``部分公开``) or the label cut short (``社会公益``).  A text is
reduced to a :class:`Form`: its leading numbering as a number (``（三）`` and
``3.`` are both 3) and its *core*, the compact text without numbering and
punctuation.  Matching then has three levels:

``EXACT``
    the text is the template's label, up to normalisation;
``VARIANT``
    the cores are equal (numbering missing or written differently), or the
    text is one of the label's ``aliases`` in the data file;
``PARTIAL``
    equal once a trailing parenthesis is dropped, or the text is a prefix
    (two characters or more) of the label;
``TYPO``
    one character off (two for cores of 12 characters or more; cores of
    4 characters or more only): ``保护第三方合法权利``.

Numbers must agree whenever both sides have one, so ``3.其他`` never matches
``（六）其他``.

Edit distance is computed here (:func:`within`), not with ``rapidfuzz``:
measured, ``rapidfuzz``'s Levenshtein is ~50× faster a call with the same
answers (20,000 pairs), but once :class:`LabelSet` indexes the wordings and
levels are remembered a batch makes ~15 such calls a report (~1% of its
time), while importing ``rapidfuzz.distance`` costs ~9 ms a process — more
than it saves on a one-file run.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import IntEnum
from functools import lru_cache
from typing import Collection, Generic, Iterable, Sequence, TypeVar

import msgspec

from ...normalize import compact
from ...regexes import compile_re

T = TypeVar("T")
K = TypeVar("K")


class Level(IntEnum):
    """How well a text matches a label (higher is better)."""

    TYPO = 1
    PARTIAL = 2
    VARIANT = 3
    EXACT = 4


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
# Markdown heading marks and a "表二：" prefix, dropped.
_PREFIX = compile_re(r"^#*(?:表[一二三四五六七八九十\d]+[:、.]?)?")
# One numbering token.
_NUMBERING = compile_re(
    r"(?:(?P<cn>[一二三四五六七八九十]+)[、.,:]"
    r"|\((?P<cnp>[一二三四五六七八九十]+)\)"
    r"|(?P<ar>\d{1,2})(?:[、.,](?!\d)|(?=[^\d.,、]))"
    r"|\((?P<arp>\d{1,2})\)"
    r"|(?P<circ>[①-⑳]))"
)
_PUNCT = compile_re(r"[“”‘’\"'「」『』、,，.。:;；!！?？\s#]")
_TRAILING_PAREN = compile_re(r"\([^()]*\)$")


def _cn_number(text: str) -> int | None:
    """``一``…``九十九`` to an int; None for what is no numeral (``一五``, ``十十``)."""
    tens, ten, units = text.partition("十")
    if not ten:
        return _CN_DIGITS.get(text)
    tens_value = _CN_DIGITS.get(tens) if tens else 1
    units_value = _CN_DIGITS.get(units) if units else 0
    if tens_value is None or units_value is None:
        return None
    return tens_value * 10 + units_value


class Form(msgspec.Struct, frozen=True, gc=False):
    """The matching form of a text: its numbering (or None), the core, and
    the whole text compacted (numbering kept) for exact comparison."""

    number: int | None
    core: str
    full: str


@lru_cache(maxsize=8192)
def form(text: str) -> Form:
    """Reduce ``text`` to its :class:`Form`."""
    full = compact(text)
    full = full[_PREFIX.match(full).end():] or full
    number = None
    rest = full
    m = _NUMBERING.match(full)
    if m and m.end() < len(full):
        rest = full[m.end():]
        if m["cn"] or m["cnp"]:
            number = _cn_number(m["cn"] or m["cnp"])
            rest = full if number is None else rest
        elif m["ar"] or m["arp"]:
            number = int(m["ar"] or m["arp"])
        elif m["circ"]:
            number = ord(m["circ"]) - ord("①") + 1
    core = _PUNCT.sub("", rest)
    return Form(number, core, _PUNCT.sub("", full))


class Label(msgspec.Struct, frozen=True):
    """A label of the template: the printed ``text`` and other wordings."""

    text: str
    aliases: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.text)

    def level(self, text: str) -> Level | None:
        """How well ``text`` matches this label, or None (remembered: a
        batch asks the same labels of the same texts in every report)."""
        return _label_level(self, text)


class _Alt(msgspec.Struct, frozen=True, gc=False):
    """One wording of a label prepared for matching: its numbering, core,
    core without a trailing parenthesis, and the edit distance a typo may
    have (0: too short for typos)."""

    number: int | None
    core: str
    short: str
    typo_limit: int


class _Prepared(msgspec.Struct, frozen=True):
    """A label's forms, computed once: the canonical form's ``full`` text
    and every wording (canonical first, then the aliases)."""

    full: str
    alts: tuple[_Alt, ...]


@lru_cache(maxsize=4096)
def _prepare(label: Label) -> _Prepared:
    canonical = form(label.text)
    alts = []
    for alt in (canonical, *map(form, label.aliases)):
        limit = 0 if len(alt.core) < 4 else 2 if len(alt.core) >= 12 else 1
        alts.append(_Alt(alt.number, alt.core, _TRAILING_PAREN.sub("", alt.core), limit))
    return _Prepared(canonical.full, tuple(alts))


@lru_cache(maxsize=16384)
def _label_level(label: Label, text: str) -> Level | None:
    f = form(text)
    return _prepared_level(f, _TRAILING_PAREN.sub("", f.core), _prepare(label))


def _prepared_level(f: Form, short: str, label: _Prepared) -> Level | None:
    """The best level over the label's wordings (see the module docstring);
    ``short`` is ``f.core`` without a trailing parenthesis."""
    core = f.core
    if not core:
        return None
    if f.full == label.full:
        return Level.EXACT
    found = None
    for alt in label.alts:
        if f.number is not None and alt.number is not None and f.number != alt.number:
            continue
        if core == alt.core:
            return Level.VARIANT
        if (short and short == alt.short) or (len(core) >= 2 and alt.core.startswith(core)):
            found = Level.PARTIAL
        elif (found is None and alt.typo_limit and abs(len(core) - len(alt.core)) <= alt.typo_limit
              and within(core, alt.core, alt.typo_limit)):
            found = Level.TYPO
    return found


def within(a: str, b: str, limit: int) -> bool:
    """True when the Levenshtein distance of ``a`` and ``b`` is at most
    ``limit``: common prefix and suffix dropped (the distance is unchanged),
    then (unless the characters one lacks already make more than ``limit``
    edits) the dynamic programme, stopped as soon as a row exceeds ``limit``."""
    start = 0
    end_a, end_b = len(a), len(b)
    while start < end_a and start < end_b and a[start] == b[start]:
        start += 1
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
    if not a or not b:
        return max(len(a), len(b)) <= limit
    # each character of one that the other lacks takes an edit of its own
    if len(set(a).difference(b)) > limit or len(set(b).difference(a)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


class Match(msgspec.Struct, Generic[T], frozen=True):
    """``target`` matched at ``level``."""

    target: T
    level: Level


#: wordings (the label's index, the wording) by what a text must share with them
_Index = dict[K, list[tuple[int, _Alt]]]


class _Starts:
    """Wordings (the label's index, the wording) in the order of their text
    (``cores``), to find those that begin with a text by bisection."""

    def __init__(self, cores: list[str], entries: list[tuple[int, _Alt]]):
        self.cores, self.entries = cores, entries

    def beginning(self, text: str) -> list[tuple[int, _Alt]]:
        """The wordings whose text begins with ``text`` (or is it)."""
        first = bisect_left(self.cores, text)
        last = first
        while last < len(self.cores) and self.cores[last].startswith(text):
            last += 1
        return self.entries[first:last]


class LabelSet(Generic[T]):
    """Labels with their targets (pairs), prepared once for matching many
    texts; :meth:`best` remembers its answer per text (a batch meets the
    same labels in every report; the memory is bounded)."""

    MEMO_SIZE = 16384

    def __init__(self, pairs: Iterable[tuple[Label, T]]):
        self.pairs = tuple(pairs)
        self._prepared = tuple((_prepare(label), target) for label, target in self.pairs)
        self._memo: dict[str, tuple[Match[T], ...]] = {}
        # Where EXACT and VARIANT matches are, by text: most texts are found
        # there, without comparing them with every label.
        self._exact: dict[str, list[int]] = {}
        self._variant: dict[str, list[tuple[int, int | None]]] = {}
        for index, (label, _) in enumerate(self._prepared):
            self._exact.setdefault(label.full, []).append(index)
            for alt in label.alts:
                self._variant.setdefault(alt.core, []).append((index, alt.number))
        self._others: tuple[_Index[str], _Starts, _Index[int]] | None = None

    def _other_levels(self) -> tuple[_Index[str], _Starts, _Index[int]]:
        """The indexes of the other levels, by what a text must share with
        a wording: its short form or a start (PARTIAL), a length near the
        wording's (TYPO); built when a text first needs them (in many
        reports every text of a table is found EXACT or VARIANT)."""
        if self._others is None:
            short: _Index[str] = {}
            length: _Index[int] = {}
            wordings = []
            for index, (label, _) in enumerate(self._prepared):
                for alt in label.alts:
                    if alt.short:
                        short.setdefault(alt.short, []).append((index, alt))
                    wordings.append((alt.core, len(wordings), index, alt))
                    if alt.typo_limit:
                        length.setdefault(len(alt.core), []).append((index, alt))
            wordings.sort()
            starts = _Starts([w[0] for w in wordings], [(w[2], w[3]) for w in wordings])
            self._others = short, starts, length
        return self._others

    def __iter__(self):
        return iter(self.pairs)

    def best(self, text: str) -> tuple[Match[T], ...]:
        """The labels ``text`` matches at the best level reached (several
        when ambiguous at that level; each target once, compared with ``==``)."""
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            found = self._memo[text] = self._best(text)
        return found

    def _best(self, text: str) -> tuple[Match[T], ...]:
        f = form(text)
        if not f.core:
            return ()
        exact = self._exact.get(f.full)
        if exact:
            return self._distinct(exact, Level.EXACT)
        variant = [index for index, number in self._variant.get(f.core, ())
                   if f.number is None or number is None or f.number == number]
        if variant:
            return self._distinct(sorted(set(variant)), Level.VARIANT)
        # Neither EXACT nor VARIANT: a label is PARTIAL when one of its
        # wordings is, else TYPO when one is (what _prepared_level answers,
        # asked only of the wordings the indexes name).
        core, short = f.core, _TRAILING_PAREN.sub("", f.core)

        def agrees(alt: _Alt) -> bool:
            return f.number is None or alt.number is None or f.number == alt.number

        shorts, starts, lengths = self._other_levels()
        partial = {index for index, alt in shorts.get(short, ()) if short and agrees(alt)}
        if len(core) >= 2:
            partial.update(index for index, alt in starts.beginning(core) if agrees(alt))
        if partial:
            return self._distinct(sorted(partial), Level.PARTIAL)
        typo = {index for length in range(len(core) - 2, len(core) + 3)
                for index, alt in lengths.get(length, ())
                if abs(len(core) - length) <= alt.typo_limit and agrees(alt) and within(core, alt.core, alt.typo_limit)}
        return self._distinct(sorted(typo), Level.TYPO)

    def _distinct(self, indices: Iterable[int], level: Level) -> tuple[Match[T], ...]:
        """The targets of the labels at ``indices`` (in order), each once, at ``level``."""
        found: list[Match[T]] = []
        for index in indices:
            target = self._prepared[index][1]
            if all(m.target != target for m in found):
                found.append(Match(target, level))
        return tuple(found)


def is_caption(text: str, level: Level, names_row: bool) -> bool:
    """Whether a *paragraph* matching a label at ``level`` is taken as a
    caption: names of tables, blocks and column groups at VARIANT or better;
    row and group labels (which prose may repeat) only EXACT or, when the
    paragraph is numbered (``（二）部分公开…``), at any level."""
    if not names_row:
        return level >= Level.VARIANT
    return level == Level.EXACT or form(text).number is not None


#: Share of the longer core that the longest common subsequence must cover
#: for :func:`resembles` (``其他法律行政止公开`` shares 9 of 12: 0.75).
RESEMBLANCE = 0.6
#: Shortest start of a label that :func:`names_row` accepts.
NAMES_ROW_LENGTH = 4


def _numbers_agree(a: Form, b: Form) -> bool:
    return a.number is None or b.number is None or a.number == b.number


def resembles(text: str, label: Label) -> bool:
    """True when ``text`` may be ``label`` garbled beyond a typo: the
    numbering agrees and the longest common subsequence of the cores covers
    :data:`RESEMBLANCE` of the longer one (for any wording of the label).
    Only evidence together with the row's position in its table."""
    f = form(text)
    if len(f.core) < 2:
        return False
    for alt in (label.text, *label.aliases):
        g = form(alt)
        if _numbers_agree(f, g) and _lcs(f.core, g.core) >= RESEMBLANCE * max(len(f.core), len(g.core)):
            return True
    return False


def cut_short(text: str, label: Label) -> bool:
    """True when ``text`` matches ``label`` only as a start that leaves
    most of it out (less than :data:`RESEMBLANCE` of its core, a dropped
    trailing parenthesis apart): ``其他`` for ``其他对外管理服务事项``."""
    core = form(text).core
    for alt in (label.text, *label.aliases):
        full = form(alt).core
        if core == _TRAILING_PAREN.sub("", full) or len(core) >= RESEMBLANCE * len(full):
            return False
    return True


def names_row(text: str, label: Label) -> bool:
    """True when the paragraph ``text`` names ``label``: its core holds the
    label's core, or is a start of it of :data:`NAMES_ROW_LENGTH` characters
    or more (``2.其他法律行政法规禁`` broken off the table), numbering agreeing."""
    f = form(text)
    for alt in (label.text, *label.aliases):
        g = form(alt)
        if not _numbers_agree(f, g) or not g.core:
            continue
        if g.core in f.core or (len(f.core) >= min(NAMES_ROW_LENGTH, len(g.core)) and g.core.startswith(f.core)):
            return True
    return False


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b``."""
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if ca == cb else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def quote(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters with “…”."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def inner(text: str) -> str:
    """``text`` for use inside “…”: its own double quotes become single
    (``3.危及‘三安全一稳定’``)."""
    return text.replace("“", "‘").replace("”", "’")


def pick(matches: Sequence[Match[T]], prefer: Collection[T] = ()) -> Match[T] | None:
    """The single match, or the one among ``matches`` whose target is in
    ``prefer`` (context: rows of the current group); None when ambiguous."""
    if len(matches) == 1:
        return matches[0]
    preferred = [m for m in matches if m.target in prefer]
    return preferred[0] if len(preferred) == 1 else None
