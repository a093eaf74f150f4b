"""Realistic prose for generated reports: clean by construction.

A report of :mod:`govlint.testing.synthetic` has the same few paragraphs
every time; a real report does not.  :func:`realistic_report` draws a
valid report and writes all of its prose from the sentence bank
``prose.toml`` (phrasing of published reports), seeded and deterministic::

    from govlint.testing.prose import realistic_report

    report = realistic_report(17)         # the same report for the same seed
    report.spec                           # a ReportSpec, for any layout
    report.sentences                      # every sentence written, with its category and section

The prose is composed the way reports are written: a preamble (legal
basis, the six parts, the statistical period, the electronic version and
contact details), an opening paragraph of 一、总体情况 and its sub-items
in order (主动公开, 依申请公开, sometimes 行政复议和行政诉讼, 政府信息管理,
平台建设, 监督保障; each with the chance the bank gives it), titled as the
sections often are (``（二）依申请公开政府信息情况``,
``2.政府信息公开平台建设``, ``主动公开政府信息情况`` alone) in one of
:data:`ASPECT_STYLES`; a line before each table; problems and improvements
in 五 (with or without sub-item titles); the fee statement and other
matters in 六.  Then four to ten sentences of the bank's other categories
— sentences naming another section's subject, application and case counts
in other words, scope words, hedged numbers, slogans with numbers, plans
for the next year, laws and document titles with years, dates, phone
numbers, percentages, carried-over phrasing, notes — are inserted
anywhere their category allows: before or after a table, as a paragraph of
their own or run into a neighbour.

**Clean by construction.**  Every count a sentence states is the table's
(``{t3.new.total}``, or a sum of cells named in the bank's ``[values]``);
a sentence whose claim holds only for some tables (``本年度未收到政府信息
公开申请``, ``均获维持``, ``未收取信息处理费``) is used only when its
condition (:data:`CONDITIONS`) holds; a sentence naming a value the report's
template does not have is not used.  The values themselves are those of
:func:`~govlint.testing.synthetic.random_spec`, made as most organs' are
(:func:`typical`: often no application, nothing carried over, no case).
So any error finding on such a report is a false error.
"""

from __future__ import annotations

import random
import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Mapping, Sequence

import msgspec

from .synthetic import (
    BODIES,
    PLACES,
    SECTIONS,
    ReportSpec,
    Subheading,
    _cell_text,
    random_spec,
)

#: Sub-item numerals of 总体情况.
SUB_NUMERALS = "一二三四五六七八九十"
#: How the sub-items of 总体情况 are titled, each as often as it is listed:
#: ``（一）title`` on a line of its own; ``（一）title。`` running into its
#: first sentence; ``1.title``; the title alone, unnumbered; ``title：``
#: running into its first sentence.
ASPECT_STYLES = ("line", "line", "line", "inline", "inline", "arabic", "bare", "colon")
#: Sections the table of which a sentence may precede or follow.
TABLE_SECTIONS = (2, 3, 4)

_ALTERNATIVE = re.compile(r"<([^<>]*)>")
_VALUE = re.compile(r"\{([^{}]+)\}")


class Sentence(msgspec.Struct, frozen=True):
    """A sentence (or sub-item title) written into a report: its bank
    ``category`` (``aspect.requests`` for a sub-item's), the ``section`` it
    is in (0 for the preamble), its ``text``, whether it was ``inserted``
    anywhere (else composed in its usual place) and its ``template``."""

    category: str
    section: int
    text: str
    inserted: bool = False
    #: the bank template it was written from
    template: str = ""


class Realistic(msgspec.Struct, frozen=True):
    """A generated clean report: the ``spec`` to render in any layout, the
    ``seed`` it was drawn from and every ``sentence`` of its prose."""

    spec: ReportSpec
    seed: int
    sentences: tuple[Sentence, ...]

    def near(self, text: str, share: float = 1 / 3) -> list[Sentence]:
        """The sentences that show in ``text`` (a window of the report as
        read): a short one whole, a longer one by at least ``share`` of its
        pieces (whitespace is ignored, as PDF lines break anywhere)."""
        window = _squeeze(text)
        found = []
        for sentence in self.sentences:
            pieces = _pieces(sentence.text)
            if len(pieces) <= 2:
                if _squeeze(sentence.text) in window:
                    found.append(sentence)
            elif sum(piece in window for piece in pieces) >= max(1.0, share * len(pieces)):
                found.append(sentence)
        return found


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pieces(text: str, size: int = 8) -> list[str]:
    """Overlapping pieces of ``text`` that identify it in a window."""
    text = _squeeze(text)
    if len(text) <= size:
        return [text]
    return [text[i:i + size] for i in range(0, len(text) - size + 1, size // 2)]


# ---------------------------------------------------------------- the bank


@lru_cache(maxsize=1)
def bank() -> Mapping[str, Any]:
    """The sentence bank (``prose.toml``)."""
    return tomllib.loads(resources.files(__package__).joinpath("prose.toml").read_text("utf-8"))


Values = Mapping[str, Any]
#: Conditions a sentence of the bank may be listed under (``when.<name>``),
#: over the report's values (:class:`_Context`).
CONDITIONS: Mapping[str, Callable[[Values], bool]] = {
    "received": lambda v: v["received"] > 0,
    "received_many": lambda v: v["received"] >= 20,
    "none_received": lambda v: v["received"] == 0,
    "carried_in": lambda v: v["carried"] > 0,
    "carry_next": lambda v: v["carry"] > 0,
    "no_carry_next": lambda v: v["carry"] == 0,
    "all_handled": lambda v: v["received"] > 0 and v["carried"] == 0 and v["carry"] == 0,
    "no_cases": lambda v: v["cases"] == 0,
    "review": lambda v: v["review"] > 0,
    "no_review": lambda v: v["review"] == 0,
    "litigation": lambda v: v["litigation"] > 0,
    "no_litigation": lambda v: v["litigation"] == 0,
    "all_upheld": lambda v: v["cases"] > 0 and v["corrected"] == 0 and v["unsettled"] == 0,
    "none_corrected": lambda v: v["cases"] > 0 and v["corrected"] == 0,
    "fee_free": lambda v: v.get("late_fee") in (None, 0),
    "t2019": lambda v: v["template"] == "2019",
    "t2021": lambda v: v["template"] == "2021",
}


class _Context:
    """The values a template may name, for one report."""

    def __init__(self, spec: ReportSpec, rng: random.Random, place: str):
        self.rng = rng
        numbers = {k: v for k, v in spec.values.items() if not isinstance(v, str)}
        derived: dict[str, Any] = {}
        for name, keys in bank()["values"].items():
            derived[name] = _sum(numbers, keys)
        for name, (top, bottom) in bank()["ratios"].items():
            a, b = derived.get(top), derived.get(bottom)
            derived[name] = None if a is None or not b else f"{Decimal(a) * 100 / Decimal(b):.2f}"
        self.values: dict[str, Any] = {**numbers, **derived, "template": spec.resolved_template().id}
        level = place[-1] if place[-1:] in "区县市" else "区"
        self.fixed = {
            "organ": spec.organ, "place": place, "scope": "全" + level, "year": spec.year,
            "prev": spec.year - 1, "next": spec.year + 1, "pub": spec.year + 1,
            "site": "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(rng.randint(4, 8))),
        }
        self.selves = (_self_name(spec.organ, level), "本机关")
        self.split: dict[str, int] = {}  # per sentence: the first part of each count split in two

    def holds(self, condition: str) -> bool:
        try:
            return CONDITIONS[condition](self.values)
        except (KeyError, TypeError):  # a value the template does not have, or a blank cell
            return False

    def value(self, name: str) -> str | None:
        rng = self.rng
        if name in self.fixed:
            return str(self.fixed[name])
        if name == "self":
            return rng.choice(self.selves)
        if name.startswith(("near_", "over_")):
            found = self.values.get(name[5:])
            if not isinstance(found, int) or found < 20:
                return None
            step = 10 if found < 200 else 100
            return str((found // step + 1) * step if name.startswith("near_") else found // step * step)
        if name.startswith(("part1_", "part2_")):  # a count split in two: part1 + part2 = the count
            found = self.values.get(name[6:])
            if not isinstance(found, int):
                return None
            first = self.split.setdefault(name[6:], rng.randint(0, found))
            return str(first if name.startswith("part1_") else found - first)
        if name in self.values:
            found = self.values[name]
            return None if found is None else _cell_text(found) if not isinstance(found, str) else found
        return _RANDOM[name](rng) if name in _RANDOM else None

    def expand(self, template: str) -> str | None:
        """``template`` with its alternatives chosen and values filled in;
        None when it names a value this report does not have."""
        text = _ALTERNATIVE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        missing: list[str] = []
        self.split: dict[str, int] = {}

        def fill(match: re.Match) -> str:
            found = self.value(match.group(1))
            if found is None:
                missing.append(match.group(1))
            return found or ""

        text = _VALUE.sub(fill, text)
        return None if missing else text

    def sentences(self, entry: Mapping[str, Any]) -> list[str]:
        """The templates of a bank entry that hold for this report."""
        found = list(entry.get("texts", ()))
        for condition, texts in entry.get("when", {}).items():
            if self.holds(condition):
                found.extend(texts)
        return found

    def draw(self, entry: Mapping[str, Any], count: int = 1) -> list[tuple[str, str]]:
        """Up to ``count`` different sentences of ``entry``: (template, text)."""
        candidates = self.sentences(entry)
        self.rng.shuffle(candidates)
        out = []
        for template in candidates:
            text = self.expand(template)
            if text is not None:
                out.append((template, text))
                if len(out) == count:
                    break
        return out


def _sum(numbers: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """The sum of the cells ``keys`` (``prefix*``: every total under it),
    None when one is missing."""
    total: Any = 0
    for key in keys:
        if key.endswith("*"):
            found = [v for k, v in numbers.items() if k.startswith(key[:-1]) and k.endswith(".total")]
            if not found:
                return None
            total += sum(found)
        elif key in numbers:
            total += numbers[key]
        else:
            return None
    return total


def _self_name(organ: str, level: str) -> str:
    """How an organ names itself (我局, 我街道, 我区…)."""
    for ending, name in (("街道办事处", "我街道"), ("镇人民政府", "我镇"), ("人民政府办公室", "我办"),
                         ("人民政府", "我" + level), ("局", "我局")):
        if organ.endswith(ending):
            return name
    return "本单位"


_RANDOM: Mapping[str, Callable[[random.Random], str]] = {
    "n": lambda r: str(r.randint(1, 30)),
    "big": lambda r: str(r.randint(100, 9999)),
    "pct": lambda r: f"{r.randint(600, 999) / 10:.1f}",
    "month": lambda r: str(r.randint(1, 12)),
    "day": lambda r: str(r.randint(1, 28)),
    "phone": lambda r: f"0{r.randint(10, 999)}-{r.randint(2000000, 89999999)}",
    "postcode": lambda r: f"{r.randint(100000, 859999)}",
    "doc": lambda r: str(r.randint(1, 60)),
    "parts": lambda r: _breakdown(r, r.sample(_KINDS, r.randint(1, 4)) + ["其他类"]),
    "attributes": lambda r: _breakdown(r, ["主动公开", "依申请公开", "不予公开"]),
}
#: Kinds of information a report breaks its proactive disclosures into.
_KINDS = ("政策文件类", "公示公告类", "工作动态类", "政策解读类", "财政资金类", "人事信息类", "重点领域类")


def _breakdown(rng: random.Random, kinds: Sequence[str]) -> str:
    """``N条，其中A a条、B b条…`` whose parts add up to the whole (C13)."""
    parts = [rng.randint(1, 400) for _ in kinds]
    return f"{sum(parts)}条，其中" + "、".join(f"{kind}{n}条" for kind, n in zip(kinds, parts))


# ---------------------------------------------------------------- composing


class _Writer:
    """The paragraphs of each place of a report, as lists of sentences."""

    def __init__(self, context: _Context):
        self.context = context
        self.rng = context.rng
        # place → paragraphs; a place is a section number, or (n, "after") after its table
        self.places: dict[Any, list[list[Sentence]]] = {}
        self.titles: set[int] = set()  # ids of paragraphs that are sub-item titles
        self.led: set[int] = set()  # ids of paragraphs that start with a sub-item title

    def paragraph(self, place: Any, sentences: Sequence[Sentence], title: bool = False) -> None:
        if sentences:
            paragraph = list(sentences)
            self.places.setdefault(place, []).append(paragraph)
            if title:
                self.titles.add(id(paragraph))

    def composed(self, place: Any, category: str, count: int = 1) -> list[Sentence]:
        section = place[0] if isinstance(place, tuple) else place
        entry = bank()["category"][category]
        return [Sentence(category, section, text, template=t) for t, text in self.context.draw(entry, count)]

    # -- the parts a report has
    def preamble(self) -> None:
        first = self.composed(0, "preamble_basis")
        if self.rng.random() < 0.6:
            first += self.composed(0, "preamble_parts")
        second = self.composed(0, "preamble_period")
        for category, chance in (("preamble_online", 0.8), ("preamble_contact", 0.6)):
            if self.rng.random() < chance:
                second += self.composed(0, category)
        if self.rng.random() < 0.3:
            self.paragraph(0, first + second)
        else:
            self.paragraph(0, first)
            self.paragraph(0, second)

    def overview(self) -> None:
        self.paragraph(1, self.composed(1, "opening"))
        chosen = [name for name, entry in bank()["aspect"].items() if self.rng.random() < entry["chance"]]
        style = self.rng.choice(ASPECT_STYLES)
        for index, name in enumerate(chosen):
            entry = bank()["aspect"][name]
            body = [Sentence("aspect." + name, 1, text, template=t)
                    for t, text in self.context.draw(entry, self.rng.randint(1, 3))]
            numeral = {"arabic": f"{index + 1}.", "bare": "", "colon": ""}.get(style, f"（{SUB_NUMERALS[index]}）")
            ending = {"inline": "。", "colon": "："}.get(style, "")
            title = self.rng.choice(entry["titles"])
            heading = Sentence("aspect." + name, 1, numeral + title + ending, template=title)
            if ending:
                self.paragraph(1, [heading] + body)
                self.led.add(id(self.places[1][-1]))
            else:
                self.paragraph(1, [heading], title=True)
                self.paragraph(1, body)

    def tables(self) -> None:
        for number, chance in zip(TABLE_SECTIONS, (0.6, 0.7, 0.6)):
            if self.rng.random() < chance:
                self.paragraph(number, self.composed(number, f"intro{number}"))

    def problems(self) -> None:
        problems, improvements = self.composed(5, "problems"), self.composed(5, "improvements", self.rng.randint(1, 2))
        if self.rng.random() < 0.4:
            titles = self.rng.choice(bank()["category"]["problems"]["titles"])
            for index, (title, part) in enumerate(zip(titles, (problems, improvements))):
                heading = Sentence("problems", 5, f"（{SUB_NUMERALS[index]}）{title}", template=title)
                self.paragraph(5, [heading], title=True)
                self.paragraph(5, part)
        else:
            self.paragraph(5, problems)
            for sentence in improvements:
                self.paragraph(5, [sentence])

    def other_matters(self) -> None:
        self.paragraph(6, self.composed(6, "fee"))
        if self.rng.random() < 0.6:
            self.paragraph(6, self.composed(6, "other_matters"))

    # -- sentences inserted anywhere
    def insert(self, count: int) -> None:
        categories = [name for name, entry in bank()["category"].items() if "where" in entry]
        for _ in range(count):
            name = self.rng.choice(categories)
            section = self.rng.choice(bank()["category"][name]["where"])
            drawn = self.context.draw(bank()["category"][name])
            if not drawn:
                continue
            sentence = Sentence(name, section, drawn[0][1], inserted=True, template=drawn[0][0])
            place = (section, "after") if section in TABLE_SECTIONS and self.rng.random() < 0.5 else section
            paragraphs = self.places.setdefault(place, [])
            joinable = [p for p in paragraphs if id(p) not in self.titles]
            if joinable and self.rng.random() < 0.5:
                target = self.rng.choice(joinable)
                target.insert(self.rng.randint(1 if id(target) in self.led else 0, len(target)), sentence)
            else:
                paragraphs.insert(self.rng.randint(0, len(paragraphs)), [sentence])

    # -- the result
    def texts(self, place: Any) -> list[str]:
        out = []
        for paragraph in self.places.get(place, ()):
            text = "".join(s.text for s in paragraph)
            out.append(Subheading(text) if id(paragraph) in self.titles else text)
        return out

    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for paragraphs in self.places.values() for p in paragraphs for s in p)


def with_prose(spec: ReportSpec, rng: random.Random, place: str | None = None, seed: int = 0) -> Realistic:
    """``spec`` with all of its prose written afresh from the bank (module
    docstring); ``place`` (e.g. ``长春市南关区``) for scope words and
    addresses, default: the start of the organ's name."""
    place = place or next((p for p in PLACES if spec.organ.startswith(p)), spec.organ)
    writer = _Writer(_Context(spec, rng, place))
    writer.preamble()
    writer.overview()
    writer.tables()
    writer.problems()
    writer.other_matters()
    writer.insert(rng.randint(4, 10))
    spec = msgspec.structs.replace(
        spec,
        preamble=writer.texts(0),
        prose={n: writer.texts(n) for n in SECTIONS},
        after={n: writer.texts((n, "after")) for n in TABLE_SECTIONS},
    )
    return Realistic(spec, seed, writer.sentences())


def typical(values: Mapping[str, Any], rng: random.Random) -> dict[str, Any]:
    """``values`` made as most organs' are, each with the chance the bank's
    ``[profile]`` gives it: no application at all (table 三 all zero),
    nothing carried in or over (新收 then equals the results, column by
    column), no review or litigation (table 四 all zero), or cases all
    upheld.  The identities still hold."""
    values, chance = dict(values), bank()["profile"]
    numbers = [k for k, v in values.items() if not isinstance(v, str)]
    if rng.random() < chance["no_applications"]:
        values.update(dict.fromkeys((k for k in numbers if k.startswith("t3.")), 0))
    elif rng.random() < chance["settled"]:
        for key in (k for k in numbers if k.startswith(("t3.carried.", "t3.carry_next."))):
            values[key] = 0
        for key in (k for k in numbers if k.startswith("t3.new.")):
            values[key] = values.get("t3.results.total." + key.rpartition(".")[2], values[key])
    if rng.random() < chance["no_cases"]:
        values.update(dict.fromkeys((k for k in numbers if k.startswith("t4.")), 0))
    elif rng.random() < chance["upheld"]:
        values.update(dict.fromkeys((k for k in numbers if k.startswith("t4.") and k.endswith(_UNSETTLED)), 0))
        for key in (k for k in numbers if k.startswith("t4.") and k.endswith(".total")):
            group = key[:-len("total")]
            values[key] = sum(values[k] for k in numbers if k.startswith(group) and k != key)
    return values


#: Table 四 outcomes other than 结果维持.
_UNSETTLED = (".corrected", ".other", ".pending")


def realistic_report(seed: int, year: int | None = None) -> Realistic:
    """The generated clean report number ``seed`` (module docstring): the
    same seed gives the same report, in every layout."""
    rng = random.Random(seed)
    spec = random_spec(rng, year)
    spec = msgspec.structs.replace(spec, values=typical(spec.values, rng))
    place = next(p for p in PLACES if spec.organ.startswith(p) and spec.organ[len(p):] in BODIES)
    return with_prose(spec, rng, place, seed)


__all__ = ["ASPECT_STYLES", "CONDITIONS", "Realistic", "Sentence", "bank", "realistic_report", "typical", "with_prose"]
