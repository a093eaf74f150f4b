"""How a heading's words compare with a section's known forms.

A heading (normalised, without its numeral) is, for a section:

* ``canonical`` or ``variant``: exactly the template wording or a known
  variant (``data/sections.toml``);
* ``reworded``: a known form with accepted words in place of the template's
  (``整改措施`` for ``改进情况``, the ``rewordings`` table);
* ``typo``: one or two characters inserted, deleted or replaced *inside
  the key words* of a known form (``行政法复议``, ``提起现在诉讼``,
  ``政府信信息``) — a slip of the keyboard in a fixed heading;
* ``deviant``: other words that still carry the section's signature
  (``主动公开工作情况``), judged by similarity.

A form with a character changed outside its key words (``存在的问题及改进情况``)
is wording, not a typo: only the corruption of a key word is an error.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

import msgspec

from ...regexes import compile_regex
from .spec import SectionSpec, data

#: One step of an alignment: (index in the form, index in the written text);
#: ``None`` on one side is an insertion or a deletion.
Pair = tuple[int | None, int | None]
_CONTEXT = 2


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _table(form: str, written: str) -> list[list[int]]:
    n, m = len(form), len(written)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = i
    for j in range(1, m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        row, above, f = d[i], d[i - 1], form[i - 1]
        for j in range(1, m + 1):
            row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (f != written[j - 1]))
    return d


def align(form: str, written: str) -> tuple[int, tuple[Pair, ...]]:
    """The edit distance between ``form`` and ``written`` and an optimal
    alignment, matches and substitutions preferred to gaps."""
    d = _table(form, written)
    i, j, pairs = len(form), len(written), []
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (form[i - 1] != written[j - 1]):
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif i and d[i][j] == d[i - 1][j] + 1:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    pairs.reverse()
    return d[len(form)][len(written)], tuple(pairs)


def _edits(form: str, written: str, pairs: tuple[Pair, ...]) -> list[tuple[int, str | None]]:
    """Each edit as (position in the form, inserted character or None)."""
    edits, position = [], 0
    for f, w in pairs:
        if f is None:
            edits.append((position, written[w]))
        else:
            if w is None or form[f] != written[w]:
                edits.append((f, None))
            position = f + 1
    return edits


def _inside_key_words(form: str, written: str, pairs: tuple[Pair, ...], key_words: tuple[str, ...]) -> bool:
    """Is every edit a corruption of a key word of ``form``: inside an
    occurrence of one (an insertion strictly within it, or doubling the
    character at its edge: ``政府信信息``), which keeps at least half of its
    characters and loses at most one (a key word dropped, shortened or
    replaced whole — ``行政复议、诉讼`` — is a rewording)?"""
    spans = [(start, start + len(word)) for word in key_words
             for start in _occurrences(form, word)]
    if not spans:
        return False
    touched: set[tuple[int, int]] = set()
    deleted = {f for f, w in pairs if w is None}
    for at, inserted in _edits(form, written, pairs):
        if inserted is None:
            hit = [(a, b) for a, b in spans if a <= at < b]
        else:
            hit = [(a, b) for a, b in spans
                   if a < at < b or (at == b and inserted == form[b - 1]) or (at == a and inserted == form[a])]
        if not hit:
            return False
        touched.update(hit)
    kept = {f for f, w in pairs if f is not None and w is not None and form[f] == written[w]}
    return all(2 * sum(1 for f in range(a, b) if f in kept) >= b - a
               and sum(1 for f in range(a, b) if f in deleted) <= 1 for a, b in touched)


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def reworded(title: str, form: str) -> str:
    """``title`` with each accepted replacement word put back to the word of
    ``form`` it stands for (``整改`` → ``改进``)."""
    for word, alternatives in data().rewordings.items():
        if word not in form:
            continue
        for alternative in alternatives:
            if alternative in title and alternative not in form:
                title = title.replace(alternative, word)
    return title


class Match(msgspec.Struct, frozen=True):
    """How a heading's words compare with one section (see the module docstring)."""

    kind: str
    expected: str
    similarity: float
    signed: bool


@lru_cache(maxsize=64)
def _counts(form: str) -> Counter:
    return Counter(form)


def _typo_of(title: str, spec: SectionSpec) -> str | None:
    """The known form ``title`` is a key-word typo of, if any."""
    counts = Counter(title)
    for form in spec.forms:
        if len(form) < 4 or abs(len(form) - len(title)) > 2:
            continue
        limit = 1 if len(form) < 6 else 2
        other = _counts(form)
        if sum(((counts - other) + (other - counts)).values()) > 2 * limit:
            continue  # each edit changes at most two character counts
        distance, pairs = align(form, title)
        if 1 <= distance <= limit and _inside_key_words(form, title, pairs, spec.key_words):
            return form
    return None


@lru_cache(maxsize=8)
def _char_sets(number: int) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(form) for form in data().section(number).forms)


@lru_cache(maxsize=16384)
def match(title: str, number: int) -> Match | None:
    """How ``title`` compares with section ``number``; None when its words
    are not the section's (no signature and not nearly a known form)."""
    spec = data().section(number)
    signed = bool(spec.signature.search(title))
    if title == spec.canonical:
        return Match("canonical", spec.canonical, 1.0, signed)
    if title in spec.variants:
        return Match("variant", spec.canonical, 1.0, signed)
    chars = set(title)
    forms = [f for f, fc in zip(spec.forms, _char_sets(number)) if signed or len(chars & fc) >= 0.75 * len(fc)]
    if not forms:
        return None
    score = max(similarity(title, form) for form in forms)
    rewordings = {reworded(title, form) for form in spec.forms} - {title}
    if rewordings & set(spec.forms):
        return Match("reworded", spec.canonical, score, signed)
    typo = _typo_of(title, spec) or next((t for r in rewordings if (t := _typo_of(r, spec))), None)
    if typo is not None:
        return Match("typo", typo, score, signed)  # even when the typo hit the signature (总休情况)
    if not signed and score < data().weight("wording", "unsigned-min-similarity"):
        return None
    return Match("deviant", spec.canonical, score, signed)


@lru_cache(maxsize=8192)
def matches(title: str) -> tuple[tuple[int, Match], ...]:
    """``(section number, Match)`` for every section ``title`` may head;
    cached, as every report repeats the same headings."""
    return tuple((number, m) for number in range(1, 7) if (m := match(title, number)) is not None)


def score(m: Match) -> float:
    """The wording evidence of a match (``outline.toml`` ``[wording]``)."""
    weight = data().weight
    if m.kind in ("canonical", "variant"):
        return weight("wording", "exact")
    if m.kind == "reworded":
        return weight("wording", "reworded")
    if m.kind == "typo":
        return weight("wording", "typo")
    value = weight("wording", "similarity-scale") * (m.similarity - weight("wording", "similarity-center"))
    return min(value, weight("wording", "similarity-max"))


@lru_cache(maxsize=4096)
def prefix(text: str, number: int) -> int | None:
    """The length of the start of ``text`` that is a known form of section
    ``number`` (exactly, or with a key-word typo: ``政府信息公开行政法复议、
    行政诉讼情况…``), or None.  Used to find headings run into the text after
    them."""
    spec = data().section(number)
    best: tuple[int, int] | None = None
    for form in spec.forms:
        window = text[:len(form) + 2]
        if not window.startswith(form[:1]) or not spec.signature.search(window):
            continue
        d = _table(form, window)[len(form)]
        end = min(range(len(window) + 1), key=lambda j: (d[j], abs(j - len(form))))
        distance = d[end]
        if distance and not (distance <= (1 if len(form) < 10 else 2)
                             and _inside_key_words(form, window[:end], align(form, window[:end])[1], spec.key_words)):
            continue
        if best is None or (distance, -end) < (best[0], -best[1]):
            best = (distance, end)
    return best[1] if best else None


_BREAK = compile_regex(r"[\d(（《“\"。,，:：;；\s]|[一二三四五六七八九十]、")
_SIGNATURE_REACH = 24
_LOOSE_EXTENT = 8


@lru_cache(maxsize=4096)
def loose_prefix(text: str, number: int) -> int | None:
    """The length of the start of ``text`` that best reads as section
    ``number``'s heading in other words (``政府信息公开存在的问题及改进措施（一）…``,
    ``需要说明的其他事项与附表按照…``): it holds the section's signature near
    its start and ends where it is most similar to a known form, at most a
    few characters past the signature and before the text breaks off (a
    digit, a bracket, punctuation).  None without the signature."""
    spec = data().section(number)
    found = spec.signature.search(text[:_SIGNATURE_REACH])
    if not found:
        return None
    start = found.end()
    stop = _BREAK.search(text, start)
    last = min(stop.start() if stop else len(text), start + _LOOSE_EXTENT)
    return max(range(start, max(last, start) + 1),
               key=lambda j: (max(similarity(text[:j], form) for form in spec.forms), -j))


def typo_window(written: str, expected: str) -> tuple[str, str]:
    """The stretch of ``written`` that differs from ``expected`` and the
    stretch it should be, with a little context either side
    (``提起现在诉讼`` / ``提起行政诉讼``)."""
    _, pairs = align(expected, written)
    wrong = [k for k, (f, w) in enumerate(pairs) if f is None or w is None or expected[f] != written[w]]
    if not wrong:
        return written, expected
    lo, hi = max(wrong[0] - _CONTEXT, 0), min(wrong[-1] + _CONTEXT + 1, len(pairs))
    part = pairs[lo:hi]
    return ("".join(written[w] for _, w in part if w is not None),
            "".join(expected[f] for f, _ in part if f is not None))
