"""Claims that qualify another claim of their sentence: a share
(``予以公开及部分公开42件，占51.85%``, ``不予公开 20 件（1.68%）``) and a change
against last year (``收到申请12件，同比增加3件``, ``较去年有所回落``).

Both are found after the sentence's count claims, among the tokens that
follow one of them (its *tail*: up to the next count claim, or the end of
the sentence), and point at it (``Claim.of``):

* a **share** is a number with the unit ``%`` in the tail, after a share word
  (``占``, ``占比``) or an opening bracket right after the count; the subject
  words between the share word and the number name its base
  (``占办结总数的`` → ``handled``; ``[shares.bases]``), none names none;
* a **change** is a change word (tag ``delta``: ``增加``, ``减少``, ``回落``,
  ``持平``) in the tail when the tail also says it is against last year
  (``同比``, or a word for last year: ``较去年``); its figure is the first
  number after it in its clause with a count unit or ``%`` (none: only the
  direction is said).  A change in percentage points (``个百分点``) is about
  a rate, not the count, and is no claim.

Only the count kinds listed in ``[shares]`` and ``[changes]`` of
``patterns.toml`` take them; the rest of the words are data there too.

``sentence`` is the extractor's sentence (``extract._Sentence``: its tokens,
their tags and the ``_claim`` that makes a claim of a span), not imported
here: the extractor imports this module.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Iterator

from msgspec.structs import replace

from .model import Claim

PERCENT = "%"
DELTA = "delta"
OTHER_TIME = "other_time"


def _takes(kind: str, patterns: frozenset[str]) -> bool:
    return any(fnmatchcase(kind, p) for p in patterns)


def attached(sentence, found: list[tuple[Claim, int, int]]) -> Iterator[Claim]:
    """The share and change claims of ``sentence`` whose count claims are ``found``."""
    counts = [(c, first, last) for c, first, last in found if c.value is not None and not c.negated]
    for n, (owner, _, last) in enumerate(counts):
        stop = counts[n + 1][1] if n + 1 < len(counts) else len(sentence.tokens)
        tail = range(last + 1, stop)
        if _takes(owner.kind, sentence.pats.shares.kinds):
            yield from _shares(sentence, owner, last, tail)
        if _takes(owner.kind, sentence.pats.changes.kinds):
            change = _change(sentence, owner, tail)
            if change is not None:
                yield change


def _shares(sentence, owner: Claim, last: int, tail: range) -> Iterator[Claim]:
    pats = sentence.pats
    cue = None
    for k in tail:
        token = sentence.tokens[k]
        if token.tag == DELTA:
            return
        if token.tag == pats.shares.tag or (k == last + 1 and token.text in pats.shares.brackets):
            cue = k
        elif token.is_number and token.unit == PERCENT and cue is not None:
            named = [pats.shares.bases[t] for t in sentence.tags[cue + 1:k] if t in pats.shares.bases]
            claim = sentence._claim("share", cue, k, value=token.value, unit=PERCENT, hedge=token.hedge)
            yield _qualifying(claim, owner, base=named[-1] if named else None)
            return
        elif token.is_number:
            return


def _change(sentence, owner: Claim, tail: range) -> Claim | None:
    pats = sentence.pats
    tags = {sentence.tags[k] for k in tail}
    against = OTHER_TIME in tags or any(sentence.tokens[k].text in pats.changes.against for k in tail)
    if DELTA not in tags or not against:
        return None
    at = next((k for k in tail if sentence.tokens[k].text in pats.changes.words), None)
    if at is None:
        return None
    direction = pats.changes.words[sentence.tokens[at].text]
    figure = next((k for k in sentence._rest_of_clause(at) if sentence.tokens[k].is_number), None)
    if figure is not None and _points(sentence, figure):
        return None  # 增加12.3个百分点: a rate's change, not the count's
    if figure is not None and sentence.tokens[figure].unit not in pats.changes.units:
        figure = None
    last = figure if figure is not None else at
    token = sentence.tokens[figure] if figure is not None else None
    claim = sentence._claim("change", at, last, value=token.value if token else None,
                            unit=token.unit if token else None, hedge=token.hedge if token else None,
                            direction=direction)
    return _qualifying(claim, owner)


def _points(sentence, k: int) -> bool:
    """True when number ``k`` counts percentage points (``12.3个百分点``, ``2百分点``)."""
    following = "".join(t.text for t in sentence.tokens[k + 1:k + 4])
    return following.startswith(sentence.pats.changes.points)


def _qualifying(claim: Claim, owner: Claim, base: str | None = None) -> Claim:
    """``claim`` pointing at ``owner``, whose year and scope it shares."""
    return replace(claim, of=owner, base=base, scope=owner.scope, scopes=owner.scopes)
