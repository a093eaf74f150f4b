"""The extractor: paragraphs in, :class:`~govlint.recognise.claims.model.Claim` s out.

Each paragraph is normalised (:mod:`.text`), cut into sentences and those
into clauses, and read as tokens (:mod:`.tokens`).  Then, per sentence:

* every number with a unit is matched against the number frames of
  ``patterns.toml``: the subject words in its *window* (from the start of
  its clause or the previous number up to it; a date such as ``2026年`` ends
  no window) decide its kind — the last subject word must end one of the
  frame's cues (``收到……申请2件``, ``转下一年度办理答复的有1件``);
* every trigger word (a negation ``未``/``没有``/``无``/``零``…, or ``均``)
  is matched against the phrase frames: ``未收到……申请``, ``未发生……行政复议、
  行政诉讼``, ``未被……纠错``, ``均获维持``;
* each claim gets its hedge (``余``, ``约``…), its scope (the sentence's
  scope phrases before it — ``全县``, ``全区各部门``, ``代表区政府`` — but
  for those before a phrase naming the organ itself, ``本级``, ``我局``; or
  another year when its nearest time word is another year or ``上年``, or a
  plan after ``下一步``, ``力争``…) and, for a received count, whether the
  sentence says it includes last year's carried-over applications:
  ``（含上年结转M件）`` or ``，其中……上年结转M件`` right after it,
  ``加上上年结转M件，共受理……`` or ``上年结转M件，合计受理……`` before it;
* then the shares and changes that qualify a count claim are found in the
  words after it (:mod:`.attached`), and the lists of parts after a whole
  (:mod:`.itemised`).

Conservative by design: a number whose window also holds a negation
(``未办结的3件``) or a change word (``同比增加3件``) is no claim, nor is a
claim limited by a word such as ``其他`` (``未收到其他申请``), nor a number
that qualifies the noun after it instead of closing its phrase (``15个工作日``,
``一件一档``, ``办结一件申请、解决一个问题``, ``“三个一”``: see
``[numbers.qualifier]``); subject words further than ``max-gap`` tokens from
their number do not count.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from msgspec.structs import replace

from ...model import Location, Paragraph
from .attached import attached
from .itemised import itemised
from .model import OTHER_SCOPE, OTHER_YEAR, PLAN, Claim, ScopePhrase
from .patterns import NumberFrame, PhraseFrame, patterns
from .text import Normalised, normalise, split
from .tokens import Token, tokenize

# Lexicon tags with a fixed meaning to the extractor (see lexicon.txt).
NEGATION = "neg"
DELTA = "delta"
NEW = "new"
LIMIT = "limit"
INCLUDING = "incl"
PLUS = "plus"
SUM = "sum"
CARRY_PREV = "carry_prev"
OWN_TIME = "own_time"
OTHER_TIME = "other_time"
PLAN_WORD = "plan"
#: The scope phrase kind that names the organ itself (本机关, 本级).
OWN = "own"
#: Words that qualify "all upheld" (only closed cases, or some pending).
QUALIFIERS = frozenset({"pending", "closed", "corrected", "lost"})
YEARS = range(1990, 2100)
#: Marks that end a quantity as well as the clause marks (a list of counts).
LIST_MARKS = "、\"“”'‘’"


def extract(paragraphs: Iterable[Paragraph], year: int | None) -> tuple[Claim, ...]:
    """Every claim of ``paragraphs`` (in order) of a report for ``year``."""
    return tuple(claim for p in paragraphs for claim in paragraph_claims(p, year))


def extract_text(text: str, year: int | None) -> tuple[Claim, ...]:
    """The claims of one piece of text (a paragraph at line 1)."""
    return paragraph_claims(Paragraph(text, Location(1)), year)


def paragraph_claims(paragraph: Paragraph, year: int | None) -> tuple[Claim, ...]:
    """The claims of one paragraph of a report for ``year``."""
    found = _text_claims(paragraph.text, year)
    placed: dict[int, Claim] = {}
    return tuple(_place(claim, paragraph, placed) for claim in found)


@lru_cache(maxsize=4096)
def _text_claims(text: str, year: int | None) -> tuple[Claim, ...]:
    """The claims of a paragraph of ``text``, made in a stand-in paragraph
    (:func:`_place` puts them in the real one): they depend on the text
    alone, and reports repeat much of their wording (remembered)."""
    paragraph = Paragraph(text, Location(1))
    normalised = normalise(text)
    pats = patterns()
    claims: list[Claim] = []
    for start, end in split(normalised.text, pats.sentence_ends):
        if pats.may_claim.search(normalised.text, start, end):  # most sentences cannot make a claim
            claims.extend(_Sentence(paragraph, normalised, start, end, year).claims())
    return tuple(claims)


def _place(claim: Claim, paragraph: Paragraph, placed: dict[int, Claim]) -> Claim:
    """``claim``, and the claims it qualifies or lists, in ``paragraph``;
    ``placed`` holds those already moved, so that a claim shared stays shared."""
    moved = placed.get(id(claim))
    if moved is None:
        of = _place(claim.of, paragraph, placed) if claim.of is not None else None
        parts = tuple(_place(part, paragraph, placed) for part in claim.parts)
        moved = placed[id(claim)] = replace(claim, paragraph=paragraph, of=of, parts=parts)
    return moved


class _Sentence:
    """One sentence as tokens, with each token's clause number."""

    def __init__(self, paragraph: Paragraph, normalised: Normalised, start: int, end: int, year: int | None):
        self.pats = patterns()
        self.paragraph = paragraph
        self.normalised = normalised
        self.year = year
        self.span = normalised.span(start, end)
        self.tokens: list[Token] = tokenize(normalised.text, start, end)
        self.clause: list[int] = []
        current = 0
        for token in self.tokens:
            self.clause.append(current)
            if token.text in self.pats.clause_marks:
                current += 1
        self.tags = [t.tag for t in self.tokens]
        self.scope_phrases = _scope_phrases(normalised.text, start, end)

    # -- helpers -----------------------------------------------------------

    def _subjects(self, indices: Iterable[int]) -> list[int]:
        return [k for k in indices if self.tags[k] in self.pats.subject_tags]

    def _rest_of_clause(self, i: int, *, before_number: bool = False) -> range:
        """The tokens after ``i`` in its clause (up to the next number)."""
        end = i + 1
        while end < len(self.tokens) and self.clause[end] == self.clause[i] and not (
                before_number and self.tokens[end].is_number):
            end += 1
        return range(i + 1, end)

    def _is_date(self, token: Token) -> bool:
        return token.is_number and token.unit in self.pats.date_units

    def _year_scope(self, first: int) -> str | None:
        """A plan, or another year, judged from the words before token ``first``."""
        if PLAN_WORD in self.tags[:first]:
            return PLAN
        for k in range(first - 1, -1, -1):
            token = self.tokens[k]
            if token.is_number and token.unit == "年" and token.hedge is None and token.value in YEARS:
                return None if token.value == self.year else OTHER_YEAR
            if token.tag == OWN_TIME:
                return None
            if token.tag == OTHER_TIME and self.clause[k] == self.clause[first]:
                return OTHER_YEAR
        return None

    def _claim(self, kind: str, first: int, last: int, **fields) -> Claim:
        start, end = self.normalised.span(self.tokens[first].start, self.tokens[last].end)
        scopes = [phrase for at, phrase in self.scope_phrases if at < self.tokens[last].end]
        own = [n for n, phrase in enumerate(scopes) if phrase.kind == OWN]
        scopes = tuple(scopes[own[-1] + 1:] if own else scopes)
        scope = self._year_scope(first) or (OTHER_SCOPE if scopes else None)
        return Claim(kind, paragraph=self.paragraph, start=start, end=end, scope=scope, scopes=scopes,
                     sentence_start=self.span[0], sentence_end=self.span[1], **fields)

    # -- number claims -----------------------------------------------------

    def _cue_start(self, cue: tuple[str, ...], subjects: list[int]) -> int | None:
        """Index of the cue's first word when ``cue`` ends at the last
        subject word and its other words precede it in order; else None."""
        if self.tags[subjects[-1]] != cue[-1]:
            return None
        pos = len(subjects) - 1
        for tag in reversed(cue[:-1]):
            pos -= 1
            while pos >= 0 and self.tags[subjects[pos]] != tag:
                pos -= 1
            if pos < 0:
                return None
        return subjects[pos]

    def _fits(self, frame: NumberFrame, number: Token, window: range, i: int) -> bool:
        if number.unit not in frame.units or frame.excludes & {self.tags[k] for k in window}:
            return False
        return not frame.needs or bool(frame.needs & set(self.tags[:self._rest_of_clause(i).stop]))

    def _qualifies_noun(self, i: int) -> bool:
        """True when number ``i`` qualifies the word after it rather than
        closing a count (``15个工作日``, ``一件一档``; ``[numbers.qualifier]``)."""
        number = self.tokens[i]
        if i + 1 >= len(self.tokens) or number.unit not in self.pats.count_units:
            return False
        following = self.tokens[i + 1]
        text = following.text
        if following.is_number:
            return True
        if text in self.pats.clause_marks or text in self.pats.sentence_ends:
            return False
        chinese = not any(ch.isdigit() for ch in number.text)
        if chinese and number.value == 1:
            return True
        if text in self.pats.closing or text in LIST_MARKS or following.tag in self.pats.subject_tags:
            return False
        return chinese or number.unit in self.pats.noun_units

    def _number_claim(self, i: int, window: range) -> tuple[Claim, int, int] | None:
        """The claim number ``i`` makes, if any, with the indices of its
        first and last tokens."""
        number = self.tokens[i]
        if self._qualifies_noun(i):
            return None
        subjects = self._subjects(window)
        near = bool(subjects) and i - subjects[-1] - 1 <= self.pats.max_gap
        for frame in self.pats.numbers:
            if not self._fits(frame, number, window, i):
                continue
            span = None
            for cue in frame.cues:
                if not cue:
                    span = (i, i)
                elif near:
                    first = self._cue_start(cue, subjects)
                    span = (first, i) if first is not None else None
                elif frame.after and not subjects:
                    span = self._after(cue, i)
                if span:
                    break
            if span is None:
                continue
            first, last = span
            if self._blocked(first, last, window.start):
                return None
            claim = self._claim(frame.kind, first, last, value=number.value, hedge=number.hedge, unit=number.unit)
            return claim, first, last
        return None

    def _blocked(self, first: int, last: int, window_start: int) -> bool:
        """True when the claim's words hold a change or limiting word, or a
        negation or change word stands among them or just before them
        (``新增`` is a change unless it starts the claim: 新增申请8件)."""
        inside = set(self.tags[first + 1:last])
        before = set(self.tags[max(window_start, first - 2):last])
        return bool(before & {NEGATION, DELTA}) or bool(inside & {LIMIT, NEW})

    def _after(self, cue: tuple[str, ...], i: int) -> tuple[int, int] | None:
        """``(i, k)`` when the cue's single word follows number ``i`` in its
        clause (``有1件……行政复议``), before any other number."""
        subjects = self._subjects(self._rest_of_clause(i, before_number=True))
        if len(cue) == 1 and subjects and self.tags[subjects[0]] == cue[0] and subjects[0] - i - 1 <= self.pats.max_gap:
            return i, subjects[0]
        return None

    # -- phrase claims -----------------------------------------------------

    def _phrase_claims(self, i: int) -> Iterator[tuple[Claim, int]]:
        trigger = self.tags[i]
        rest = self._rest_of_clause(i, before_number=True)
        if trigger == NEGATION:
            rest = self._negation_scope(rest)
        subjects = self._subjects(rest)
        if not subjects:
            return
        after = {self.tags[k] for k in rest}
        for frame in self.pats.phrases:
            if frame.trigger != trigger or frame.excludes & after:
                continue
            for last in self._phrase_matches(frame, i, subjects):
                if frame.words and self.tokens[last].text not in frame.words:
                    continue
                if LIMIT not in self.tags[i:last]:
                    yield self._phrase_claim(frame, i, last), last

    def _negation_scope(self, rest: range) -> range:
        """``rest`` up to the noun that closes what a negation denies
        (``[negation]`` in patterns.toml), unless a list goes on after it."""
        for k in rest:
            if self.tokens[k].text in self.pats.negation_ends:
                following = self.tokens[k + 1].text if k + 1 < len(self.tokens) else ""
                if following not in self.pats.negation_goes_on:
                    return range(rest.start, k + 1)
        return rest

    def _phrase_matches(self, frame: PhraseFrame, i: int, subjects: list[int]) -> Iterator[int]:
        gap = self.pats.max_gap
        if frame.anywhere:
            wanted = {cue[0] for cue in frame.cues}
            previous = i
            for pos, k in enumerate(subjects):
                if k - previous - 1 > gap:
                    return
                previous = k
                following = self.tags[subjects[pos + 1]] if pos + 1 < len(subjects) else None
                if self.tags[k] in wanted and following not in frame.unless_next:
                    yield k
            return
        if subjects[0] - i - 1 > gap:
            return
        for cue in frame.cues:
            matched, previous = [], i
            for k in subjects:
                if len(matched) < len(cue) and self.tags[k] == cue[len(matched)] and k - previous - 1 <= gap:
                    matched.append(k)
                    previous = k
            if len(matched) == len(cue) and matched[0] == subjects[0]:
                yield matched[-1]
                return

    def _groups(self, kind: str, trigger: int, cue: int) -> tuple[str, ...]:
        """The table 四 groups an outcome claim speaks of."""
        named = [(k, self.pats.group_tags[t]) for k, t in enumerate(self.tags) if t in self.pats.group_tags]
        if self.tags[trigger] == NEGATION:
            before = [g for k, g in named if k < cue and self.clause[k] == self.clause[cue]]
            after = [g for k, g in named if k > cue and self.clause[k] == self.clause[cue]]
            near = before[-1:] or after[:1]
            if near:
                return tuple(near)
        else:
            named = [(k, g) for k, g in named if k < trigger]
        return tuple(dict.fromkeys(g for _, g in named)) or self.pats.outcome_groups.get(kind, ())

    def _phrase_claim(self, frame: PhraseFrame, i: int, last: int) -> Claim:
        negated = frame.trigger == NEGATION
        groups = self._groups(frame.kind, i, last) if frame.kind in self.pats.outcome_groups else ()
        hedge = None
        if not negated:
            qualifier = next((t for t in self.tokens if t.tag in QUALIFIERS), None)
            hedge = qualifier.text if qualifier else None
        return self._claim(frame.kind, i, last, value=0 if negated else None, negated=negated,
                           hedge=hedge, groups=groups)

    # -- carried-over applications in a received count ---------------------

    def _with_carried(self, found: list[tuple[Claim, int, int]]) -> list[Claim]:
        """The claims, received counts marked when the sentence says they
        include last year's carried-over applications (module docstring)."""
        claims = [claim for claim, _, _ in found]
        gap = self.pats.max_gap
        for k, tag in enumerate(self.tags):
            if tag not in (INCLUDING, PLUS):
                continue
            carried = next((j for j in range(k + 1, min(k + gap + 2, len(self.tags)))
                            if self.tags[j] == CARRY_PREV), None)
            if carried is None:
                continue
            if tag == INCLUDING:  # the claim just before: 受理……36件（含上年结转2件）
                owners = [n for n, (_, _, last) in enumerate(found) if last < k][-1:]
            else:  # the next received count: 加上上年结转2件，共受理36件
                owners = [n for n, (c, first, _) in enumerate(found) if first > carried and c.kind == "received"][:1]
            self._mark(claims, found, owners, carried)
        for n, (claim, first, _) in enumerate(found):  # 上年结转2件，合计受理36件
            if claim.kind == "received" and SUM in self.tags[:first] and CARRY_PREV in self.tags[:first]:
                self._mark(claims, found, [n], None)
        including = False
        for n, claim in enumerate(claims):  # ……（含上年结转1件），其中自然人72件
            if claim.kind == "received":
                including = claim.with_carried
            elif including and claim.kind in self.pats.parts_of_received:
                claims[n] = replace(claim, with_carried=True)
        return claims

    @staticmethod
    def _mark(claims: list[Claim], found: list[tuple[Claim, int, int]], owners: list[int], carried: int | None):
        for n in owners:
            claim = claims[n]
            if claim.kind != "received" or claim.negated:
                continue
            includes = next((c.value for c, first, _ in found if first == carried and c.kind == "carried_in"), None)
            claims[n] = replace(claim, with_carried=True, includes=includes if includes is not None else claim.includes)

    # -- the sentence --------------------------------------------------------

    def claims(self) -> list[Claim]:
        triggers = {frame.trigger for frame in self.pats.phrases}
        found: list[tuple[Claim, int, int]] = []
        window_start = 0
        for i, token in enumerate(self.tokens):
            if i and self.clause[i] != self.clause[i - 1]:
                window_start = max(window_start, i)
            if token.is_number:
                if self._is_date(token):
                    continue
                claim = self._number_claim(i, range(window_start, i)) if token.unit else None
                window_start = i + 1
                if claim:
                    found.append(claim)
            elif token.tag in triggers:
                found.extend((claim, i, last) for claim, last in self._phrase_claims(i))
        claims = self._with_carried(found) if found else []
        claims += attached(self, [(c, first, last) for c, (_, first, last) in zip(claims, found)])
        claims += itemised(self, found)
        unique = {(c.kind, c.start, c.end): c for c in claims}
        return sorted(unique.values(), key=lambda c: (c.start, c.end))


def _scope_phrases(text: str, start: int, end: int) -> list[tuple[int, ScopePhrase]]:
    """The scope phrases of ``text[start:end]`` with their offsets, in order."""
    scopes = patterns().scopes
    found = []
    for m in scopes.phrases.finditer(text, start, end):
        kind = next(k for k in scopes.kinds if m.group(k) is not None)
        found.append((m.start(), ScopePhrase(kind, m.group("level"), m.group())))
    return found
