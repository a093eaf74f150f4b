"""Which reports of a year repeat another organ's section: the search
behind M010 (prose-same-as-other-organ), in time that grows with the
number of reports, not with its square.

**Which pairs count.**  Section ``s`` (一 or 五) of a report *x* repeats
that of another organ's report *y* of the same year when

1. their similarity (the Jaccard index of their shingle sets,
   :mod:`govlint.repository.similarity`) is at least the threshold;
2. one of *x*'s sentences is repeated in *y* (the passage a finding points
   at); and
3. they have a sentence in common that is **not model text**.  A
   (normalised) sentence is model text when at least :func:`model_limit`
   of the *N* reports of the year whose section ``s`` is compared have
   it: :data:`MODEL_SHARE` of them, and never fewer than
   :data:`MODEL_MIN`.  Wording that a large share of the year's reports
   use comes from a superior (a model text, a standard formulation), not
   from one organ copying another: it counts in the similarity, but two
   reports that share nothing else are not compared.  Being a share of
   the reports, the rule says the same of a sentence in a district's forty
   reports as in a city's thousands (a fixed count, "at most 20 reports",
   called a group copying in a large repository model text and a model
   text in a small one copying).

The reports are those of the run and of the configured history (all of
the year's, whatever the run holds); findings go on the run's reports only.

**Finding them.**  Pairs that share some wording grow with the square of
the reports (stock sentences are shared by more reports the more there
are), so candidates come from a similarity self-join that only pairs
reports *able* to reach the threshold ``t`` — exact prefix filtering
(Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", WWW
2007) over the reports that have a sentence in common with another that is
not model text:

* the year's shingles are ordered by how many reports have them, rarest
  first (counted in a fixed table of buckets, so a count may be too high;
  any fixed order keeps the method exact, counting only makes it fast);
  a shingle of one report only cannot pair it with another;
* if two sets reach ``t``, the first shingle they share in that order is
  among the first ``|X| − o + 1`` of each, ``o`` the least overlap ``t``
  needs (:func:`least_overlap`); the reports are taken from the smallest
  section to the largest, each looks its first shingles up in an index of
  those of the reports before it (which need not index as many: a larger
  set needs a larger overlap), then joins the index;
* where that shingle stands in each set, and how many were matched so
  far, bound what the two can still share (the positional filter of
  PPJoin: Xiao et al., "Efficient similarity joins for near duplicate
  detection", WWW 2008); a bitmap of each set bounds it again;
* what passes goes through the remaining exact tests (a sentence in common
  that is not model text, another organ) and the similarity last,
  computed exactly as
  :meth:`~govlint.repository.similarity.SectionPrint.compare` does.

So the findings are those of comparing every pair (``method="exact"``
does that, for the tests and the benchmark), only found faster.  With few
targets (a pre-commit run: one report against a history of hundreds) the
sentences' posting lists reach the same candidates more cheaply, and are
used instead (``method="auto"`` chooses).  Each report's sentences and
shingles are taken from its profile's
:class:`~govlint.repository.similarity.SectionPrint`, once per run;
:data:`STATS` records what each search did.
"""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from typing import Iterable, Sequence

import msgspec

from .reportset import Member, ReportSet
from .similarity import Passage, SectionPrint, jaccard

#: A sentence that at least this share of the year's reports have is model text …
MODEL_SHARE = 0.1
#: … but one that fewer than this many reports have never is.
MODEL_MIN = 5
#: How the candidates are found: "auto", "index", "postings" or "exact"
#: (every pair; the reference the others must agree with).
METHOD = "auto"
#: Shingle sets kept at once while verifying candidates.
_SETS_KEPT = 64


def model_limit(reports: int) -> int:
    """From how many of ``reports`` reports of a year on a sentence is model text."""
    return max(MODEL_MIN, math.ceil(MODEL_SHARE * reports))


def least_overlap(size: int, threshold: float) -> int:
    """The fewest shingles a set of ``size`` must share with another to
    reach Jaccard ``threshold`` (compared in floating point exactly as the
    similarity is: shared / union ≥ threshold implies shared / size ≥ threshold)."""
    if size == 0:
        return 0
    o = max(0, math.ceil(threshold * size))
    while o > 0 and (o - 1) / size >= threshold:
        o -= 1
    while o < size and o / size < threshold:
        o += 1
    return o


class Match(msgspec.Struct, frozen=True):
    """``other``'s section is repeated by the target's: their
    ``similarity`` and the target's first sentence ``other`` repeats."""

    other: Member
    similarity: float
    passage: Passage


class Stats(msgspec.Struct):
    """What one search (a year and a section) did."""

    year: int
    section: int
    method: str
    reports: int = 0         # the year's reports whose section is compared
    model_limit: int = 0     # from how many reports on a sentence is model text
    eligible: int = 0        # reports sharing a sentence that is not model text
    targets: int = 0
    candidates: int = 0      # pairs the method gave (the index: those its positional filter kept)
    verified: int = 0        # pairs whose similarity was looked at (for each target of a pair)
    matches: int = 0


#: One :class:`Stats` per search since the list was last cleared (for the benchmark).
STATS: list[Stats] = []


def same_year_copies(reports: ReportSet, year: int, section: int, threshold: float,
                     method: str | None = None) -> dict[Member, list[Match]]:
    """For each target of ``year`` whose ``section`` repeats other organs'
    (module docstring), what it repeats, the most similar first."""
    search = _Search(reports, year, section, threshold, method or METHOD)
    found = search.run()
    STATS.append(search.stats)
    return found


class _Search:
    """One search: the year's reports whose ``section`` is compared, by
    index (``i`` below), their sentences and which are model text."""

    def __init__(self, reports: ReportSet, year: int, section: int, threshold: float, method: str):
        if method not in ("auto", "index", "postings", "exact"):
            raise ValueError(f"unknown method {method!r}")
        self.names = reports.names
        self.threshold = threshold
        self.method = method
        self.members: list[Member] = []
        self.prints: list[SectionPrint] = []
        for report in reports.by_year(year):
            found = report.profile.prose.get(section)
            if found is not None and found.comparable:
                self.members.append(report)
                self.prints.append(found)
        self.stats = Stats(year, section, method, reports=len(self.members))
        wanted = {id(r) for r in reports.targets if r.year == year and r.organ}
        self.targets = [i for i, r in enumerate(self.members) if id(r) in wanted]
        self._sentences()
        self._sets: OrderedDict[int, frozenset[str]] = OrderedDict()
        self._sizes: dict[int, int] = {}
        self._bitmaps: dict[int, int] = {}
        self._least: dict[tuple[int, int], int] = {}
        self._similarity: dict[tuple[int, int], float] = {}

    def _sentences(self) -> None:
        """Number the distinct sentences, count the reports having each and
        keep, per report, those it shares with another that are not model text."""
        ids: dict[str, int] = {}
        self.sentences = [frozenset(ids.setdefault(s, len(ids)) for s in p.sentences()) for p in self.prints]
        counts = array("I", bytes(4 * len(ids)))
        for found in self.sentences:
            for sid in found:
                counts[sid] += 1
        self.limit = limit = model_limit(len(self.members))
        self.counts = counts
        self.own = [frozenset(sid for sid in found if 2 <= counts[sid] < limit) for found in self.sentences]
        self.stats.model_limit = limit
        self.stats.eligible = sum(1 for own in self.own if own)
        self.stats.targets = len(self.targets)

    # ------------------------------------------------------------ the search

    def run(self) -> dict[Member, list[Match]]:
        method = self.method
        if method == "auto":
            method = "postings" if self._posting_cost() <= 2 * self.stats.eligible else "index"
        self.stats.method = method
        candidates = {"exact": self._every_pair, "postings": self._postings, "index": self._prefix_index}[method]()
        # the index's candidates have passed the tests before the similarity
        verify = {"exact": self._definition, "postings": self._verify, "index": self._similar}[method]
        found = {}
        for x, others in candidates:
            if method != "index":
                self.stats.candidates += len(others)
            if not others:
                continue
            mine = self._shingles(x)
            matches = [m for y in others if (m := verify(x, mine, y)) is not None]
            if matches:
                matches.sort(key=lambda m: (-m.similarity, m.other.path))
                found[self.members[x]] = matches
                self.stats.matches += len(matches)
        return found

    def _every_pair(self) -> Iterable[tuple[int, Sequence[int]]]:
        """The reference: every target with every other report."""
        everyone = range(len(self.members))
        return ((x, everyone) for x in self.targets)

    def _posting_lists(self) -> dict[int, list[int]]:
        postings: dict[int, list[int]] = {}
        for i, own in enumerate(self.own):
            for sid in own:
                postings.setdefault(sid, []).append(i)
        return postings

    def _posting_cost(self) -> int:
        """How many candidates the posting lists would give."""
        return sum(self.counts[sid] for x in self.targets for sid in self.own[x])

    def _postings(self) -> Iterable[tuple[int, Sequence[int]]]:
        """The reports sharing a sentence that is not model text with each target."""
        postings = self._posting_lists()
        for x in self.targets:
            if self.own[x]:
                yield x, sorted({y for sid in self.own[x] for y in postings[sid]} - {x})

    def _prefix_index(self) -> Iterable[tuple[int, Sequence[int]]]:
        """The reports able to reach the threshold with each target: a
        similarity self-join of the reports that share wording that is not
        model text (module docstring), from the smallest section to the
        largest.  Shingles are taken by their hashes, each report's once:
        two shingles with one hash only make more candidates, except within
        one set, which makes it smaller — such a report (never seen: the
        hashes have 64 bits) is a candidate of every other."""
        eligible = [i for i, own in enumerate(self.own) if own]
        targets = {x for x in self.targets if self.own[x]}
        if not targets:
            return ()
        total = sum(len(self.prints[i].norm) for i in eligible)  # at least the shingles
        bits = min(22, max(16, (2 * total).bit_length()))
        mask = (1 << bits) - 1
        code = "H" if len(eligible) < 2**16 else "I"  # a count is at most the number of reports
        counts = array(code, bytes(array(code).itemsize << bits))
        found: dict[int, set[int]] = {x: set() for x in targets}
        for i in eligible:
            grams = self._shingles(i)
            hashes = {hash(g) for g in grams}
            if len(hashes) < len(grams):
                self._everyone(i, eligible, targets, found)
            for h in hashes:
                counts[h & mask] += 1
        eligible.sort(key=lambda i: (self._sizes[i], i))
        # A shingle's place in the order: how many reports have it, then its hash.
        shared = (2 << 64) - (1 << 63)  # the least place of a shingle two reports have
        index: dict[int, list[int]] = {}
        t, sizes, least, able = self.threshold, self._sizes, self._least_shared, self._able
        for x in eligible:
            size = sizes[x]
            # (the shingles again rather than all reports' hashes kept: memory before time)
            ordered = sorted([(counts[h & mask] << 64) + h for h in {hash(g) for g in self._shingles(x)}])
            smallest = least_overlap(size, t)  # the smallest set that can reach t with this one
            need = [least(size, other) for other in range(smallest, size + 1)]
            # The positional filter of PPJoin (Xiao et al., "Efficient similarity
            # joins for near duplicate detection", WWW 2008): at the i-th shingle
            # of this set, the j-th of another, the two have in common at most
            # those matched so far and min(size − i, other − j) more.
            matched: dict[int, int] = {}
            for i, key in enumerate(ordered[:size - smallest + 1]):
                postings = index.get(key)
                if postings is None:
                    continue
                if sizes[postings[0] >> 32] < smallest:  # too small for this set and those to come
                    postings[:] = [e for e in postings if sizes[e >> 32] >= smallest]
                    if not postings:
                        del index[key]
                        continue
                rest = size - i
                for entry in postings:
                    y = entry >> 32
                    so_far = matched.get(y, 0)
                    if so_far >= 0:
                        other = sizes[y]
                        if so_far + min(rest, other - (entry & 0xFFFFFFFF)) >= need[other - smallest]:
                            matched[y] = so_far + 1
                        else:
                            matched[y] = -1
            mine = x in targets
            for y, so_far in matched.items():
                if so_far > 0 and (mine or y in targets):
                    self.stats.candidates += 1
                    if able(x, y):
                        if mine:
                            found[x].add(y)
                        if y in targets:
                            found[y].add(x)
            # The sets still to come are as large or larger: they share their
            # first shingle with this one within its first size − least(size, size) + 1.
            for j, key in enumerate(ordered[:size - least(size, size) + 1]):
                if key >= shared:
                    index.setdefault(key, []).append(x << 32 | j)
        return ((x, sorted(found[x])) for x in self.targets if x in found)

    def _everyone(self, i: int, eligible: Sequence[int], targets: set[int], found: dict[int, set[int]]) -> None:
        """Report ``i`` as a candidate of every other, and they of it."""
        for y in eligible:
            if y != i and self._able(i, y):
                if i in targets:
                    found[i].add(y)
                if y in targets:
                    found[y].add(i)

    # ------------------------------------------------------------ verifying

    def _shingles(self, i: int) -> frozenset[str]:
        """Report ``i``'s shingle set (a few kept at a time; the size and
        bitmap of each, for the tests before the similarity, all along)."""
        found = self._sets.get(i)
        if found is None:
            found = self._sets[i] = self.prints[i].shingles()
            if len(self._sets) > _SETS_KEPT:
                self._sets.popitem(last=False)
            if i not in self._sizes:
                self._sizes[i] = len(found)
                self._bitmaps[i] = _bitmap(found)
        else:
            self._sets.move_to_end(i)
        return found

    def _least_shared(self, a: int, b: int) -> int:
        """The fewest shingles sets of sizes ``a`` and ``b`` must share to
        reach the threshold: the least ``o`` with ``o / (a + b − o) ≥ t`` as
        the similarity computes it; more than ``min(a, b)`` when they cannot."""
        key = (a, b) if a <= b else (b, a)
        found = self._least.get(key)
        if found is None:
            t, total = self.threshold, a + b
            o = math.ceil(t * total / (1 + t))
            while o > 0 and (o - 1) / (total - o + 1) >= t:
                o -= 1
            while o <= min(a, b) and o / (total - o) < t:
                o += 1
            found = self._least[key] = o
        return found

    def _able(self, x: int, y: int) -> bool:
        """The tests of :meth:`_definition` and some they imply that are
        cheaper than the similarity: a sentence in common that is not model
        text, and enough shingles in common by the bitmaps."""
        if x == y or self.own[x].isdisjoint(self.own[y]):
            return False
        if y not in self._sizes:
            self._shingles(y)
        if x not in self._sizes:
            self._shingles(x)
        a, b = self._sizes[x], self._sizes[y]
        return (a + b - (self._bitmaps[x] ^ self._bitmaps[y]).bit_count()) // 2 >= self._least_shared(a, b)

    def _verify(self, x: int, mine: frozenset[str], y: int) -> Match | None:
        """The match when target ``x`` (its shingles ``mine``) repeats report ``y``."""
        return self._similar(x, mine, y) if self._able(x, y) else None

    def _definition(self, x: int, mine: frozenset[str], y: int) -> Match | None:
        """The match when target ``x`` repeats report ``y`` (module docstring)."""
        if x == y:
            return None
        if all(self.counts[sid] >= self.limit for sid in self.sentences[x] & self.sentences[y]):
            return None
        return self._similar(x, mine, y)

    def _similar(self, x: int, mine: frozenset[str], y: int) -> Match | None:
        mine_member, other = self.members[x], self.members[y]
        if self.names.same(mine_member.organ, other.organ):
            return None
        self.stats.verified += 1
        key = (x, y) if x < y else (y, x)
        similarity = self._similarity.get(key)
        if similarity is None:
            similarity = self._similarity[key] = jaccard(mine, self._shingles(y))
        if similarity < self.threshold:
            return None
        passage = self.prints[x].repeated_in(self._shingles(y))
        return Match(other, similarity, passage) if passage is not None else None


#: Bits of the bitmap that bounds two sets' overlap before it is counted.
_BITMAP = 2048


def _bitmap(grams: frozenset[str]) -> int:
    """The set as a bitmap, each shingle a bit chosen by its hash: two sets
    differ in at least as many shingles as their bitmaps in bits, so they
    share at most ``(|X| + |Y| − popcount(x ^ y)) / 2`` (Sandes et al.,
    "Bitmap filter: speeding up exact set similarity joins with bitwise
    operations", 2020)."""
    bits = bytearray(_BITMAP // 8)
    for g in grams:
        h = hash(g) & (_BITMAP - 1)
        bits[h >> 3] |= 1 << (h & 7)
    return int.from_bytes(bits, "little")
