"""Itemised figures: a whole and the parts listed after it
(``共受理申请81件，其中：予以公开及部分公开42件……；不予公开5件……``,
``共收取信息处理费300元，其中……100元、……200元``): one claim of kind
``itemised`` whose ``value`` is the whole and ``parts`` the listed figures.

Within one sentence, a list word (``其中``, ``分别为``; ``[itemised]`` of
``patterns.toml``) right after a number with a unit makes that number the
whole; the parts are the numbers after the list word with the same unit,
in order (units of one group of ``same`` count alike: 7份，其中……1件、……6件), until

* a number with a unit of another group or a date (a percentage in between,
  ``占51.85%``, is skipped), another list word, or the end of the sentence;
* a part whose claim kind is of another family than the parts before
  (``予以公开……；不予公开……；行政复议案件2件``: the review is no outcome;
  parts that make no claim, ``网络申请5件``, or name the rest, ``其他答复的
  为7件``, are of any family);

numbers in brackets (``（含申请人主动撤回157件）``) are no parts, and a
number without a unit among the parts (``不予公开信息数79``) makes the list
unreadable: no claim.  A list of fewer than two parts is no claim.

A word between the list word and the first part (``主要``, ``包括``) or
right after the last (``等``) that says the list is not complete is the
claim's ``hedge`` (else the whole's own hedge, ``100余件``).  The claim is
``complete`` when the sentence says the parts are all there is: a list word
such as ``分别为``, a part naming the rest (``其他……7件``), or parts whose
kinds cover a partition of ``[itemised] partitions`` (自然人 and 法人或其他
组织).  Each part is a claim of its own kind (``requester.natural_person``),
or ``part``, or ``part.rest`` for the rest.

``sentence`` is the extractor's sentence (``extract._Sentence``: its tokens,
their tags and the ``_claim`` that makes a claim of a span), not imported
here: the extractor imports this module.
"""

from __future__ import annotations

from typing import Iterator

from .model import Claim

PERCENT = "%"
#: The kind of a part that makes no claim of its own, and of one naming the rest (其他答复7件).
PART, REST = "part", "part.rest"
#: A tag of lexicon.txt: 其他, 其它 (a part named so is the rest of the list).
LIMIT = "limit"
#: Marks between one part and the next (not part of its words).
SEPARATORS = frozenset(",:;、")


def _family(kind: str | None) -> str | None:
    return kind.partition(".")[0] if kind else None


def itemised(sentence, found: list[tuple[Claim, int, int]]) -> Iterator[Claim]:
    """The itemised claims of ``sentence`` whose claims are ``found``."""
    spec = sentence.pats.itemised
    tokens = sentence.tokens
    kinds = {last: claim.kind for claim, _, last in found if claim.value is not None and not claim.negated}
    for i, token in enumerate(tokens):
        if token.text not in spec.words:
            continue
        whole = _whole(sentence, i)
        if whole is None:
            continue
        parts, first, last = _parts(sentence, i, tokens[whole].unit, kinds)
        if len(parts) < 2:
            continue
        after = tokens[last + 1].text if last + 1 < len(tokens) else ""
        open_word = (next((t.text for t in tokens[i + 1:first] if t.text in spec.open_before), None)
                     or (after if after in spec.open_after else None))
        named = {part.kind for part in parts}
        complete = (token.text in spec.complete or REST in named
                    or any(partition <= named for partition in spec.partitions))
        yield sentence._claim("itemised", whole, last, value=tokens[whole].value, unit=tokens[whole].unit,
                              hedge=open_word or tokens[whole].hedge, parts=tuple(parts), complete=complete)


def _whole(sentence, i: int) -> int | None:
    """The number the list word ``i`` itemises: the one just before it (only
    marks or a colon between), with a unit that is no date nor a percentage."""
    for k in range(i - 1, max(-1, i - 3), -1):
        token = sentence.tokens[k]
        if token.is_number:
            ok = token.unit and token.unit != PERCENT and not sentence._is_date(token)
            return k if ok else None
        if token.text not in sentence.pats.itemised.between:
            return None
    return None


def _parts(sentence, i: int, unit: str, kinds: dict[int, str]) -> tuple[list[Claim], int, int]:
    """The parts after list word ``i`` and the indices of the first and last."""
    spec = sentence.pats.itemised
    tokens = sentence.tokens
    parts: list[Claim] = []
    families: list[str | None] = []
    depth, first, last, start = 0, i + 1, i, i + 1
    for k in range(i + 1, len(tokens)):
        token = tokens[k]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif token.text in spec.words:
            break
        elif token.is_number and depth == 0 and not token.unit:
            return [], first, last  # 不予公开信息数79。: a part without its unit, the sum cannot be read
        elif token.is_number and depth == 0 and token.unit != PERCENT:
            if spec.group.get(token.unit, token.unit) != spec.group.get(unit, unit) or sentence._is_date(token):
                break
            residual = any(tokens[j].tag == LIMIT for j in range(start, k))  # 其他答复7件: the rest, any family
            family = None if residual else _family(kinds.get(k))
            if family and family != next(filter(None, families), family):
                break
            while start < k and (tokens[start].text in SEPARATORS or tokens[start].text in spec.open_before):
                start += 1
            if not parts:
                first = k
            families.append(family)
            kind = REST if residual else kinds.get(k, PART)
            parts.append(sentence._claim(kind, start, k, value=token.value, unit=token.unit, hedge=token.hedge))
            last = k
        if token.is_number:
            start = k + 1
    return parts, first, last
