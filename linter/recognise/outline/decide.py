"""The outline as one decision: the best ordered assignment of candidates.

A dynamic programme over the candidates in document order; its state is
the highest section number assigned so far (0–6).  At each candidate the
choice is to leave it (it is prose: gain 0) or to make it the heading of a
section it has a score for: a section after the highest so far gains the
score; a section already passed — a repeat or a section out of order — is only
possible for a candidate whose own numeral names that section, and gains
the score less ``order.deviation``, so it is taken only on strong evidence
(a numbered heading in known words): an unnumbered line repeating a
section's words (a caption, a sentence) never makes a repeat, and a weak
candidate never displaces the order the strong ones set.  The assignment with the highest
total is read back; ties keep fewer headings.  Cost: candidates × 7 × the
sections each may head.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ...model import Numbering
from .candidates import Candidate
from .spec import data

_SECTIONS = 7  # states: 0 (nothing yet) and 1–6
_EPSILON = 1e-9


def choose(candidates: Sequence[Candidate]) -> list[tuple[Candidate, int, float]]:
    """``(candidate, section, score)`` of the headings, in document order."""
    deviation = data().weight("order", "deviation")
    best = [0.0] + [-math.inf] * (_SECTIONS - 1)
    back: list[list[tuple[int, int | None]]] = []
    for candidate in candidates:
        new = list(best)
        choice: list[tuple[int, int | None]] = [(h, None) for h in range(_SECTIONS)]
        for high in range(_SECTIONS):
            if best[high] == -math.inf:
                continue
            for section, score in candidate.scores.items():
                if section > high:
                    after, gain = section, score
                elif _names(candidate, section):
                    after, gain = high, score - deviation
                else:
                    continue
                if gain <= 0:
                    continue
                total = best[high] + gain
                if total > new[after] + _EPSILON:
                    new[after] = total
                    choice[after] = (high, section)
        back.append(choice)
        best = new
    state = max(range(_SECTIONS), key=lambda h: best[h])
    chosen = []
    for candidate, choice in zip(reversed(candidates), reversed(back)):
        previous, section = choice[state]
        if section is not None:
            chosen.append((candidate, section, candidate.scores[section]))
        state = previous
    chosen.reverse()
    return chosen


def _names(candidate: Candidate, section: int) -> bool:
    """Does the candidate's own numeral (Chinese or Arabic) name ``section``?"""
    numbered = candidate.numbered
    return numbered.value == section and numbered.numbering in (Numbering.CHINESE, Numbering.ARABIC)


def confidence(score: float) -> float:
    """How sure the outline is of a heading with ``score``: a logistic curve
    (``outline.toml`` ``[confidence]``)."""
    weight = data().weight
    return 1.0 / (1.0 + math.exp(-(score - weight("confidence", "mid")) / weight("confidence", "scale")))
