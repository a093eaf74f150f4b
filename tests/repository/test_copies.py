"""The search behind M010 (govlint.repository.copies): the candidate index
finds exactly what comparing every pair finds, and the model-text rule
(how common a sentence is among the year's reports) decides which pairs
count, whatever the size of the repository; the corpus generator of the
benchmark (govlint.testing.corpus)."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from families import ROOT

import govlint.repository.copies as copies
from govlint.model import Location, Paragraph, Piece
from govlint.recognise.organs import OrganNames
from govlint.repository.copies import least_overlap, model_limit, same_year_copies
from govlint.repository.profile import ReportProfile
from govlint.repository.reportset import Member, ReportSet
from govlint.repository.similarity import SectionPrint
from govlint.run.engine import Options, lint
from govlint.testing import read_fixture
from govlint.testing.corpus import copy_corpus_specs, generate_copy_corpus
from govlint.testing.synthetic import fill

YEAR = 2024
METHODS = ("index", "postings", "auto")


def member(path: str, organ: str, prose: dict[int, list[str]], in_run: bool = True, year: int = YEAR) -> Member:
    """A report with only what copy detection reads: organ, year, and its
    sections 一 and 五 as paragraphs of one line each."""
    prints = {n: SectionPrint.of([Paragraph(p, Location(i + 1), (Piece(0, i + 1, 1),)) for i, p in enumerate(ps)],
                                 organ)
              for n, ps in prose.items()}
    profile = ReportProfile.build(path, organ, year, prose=prints)
    return Member(profile, path, in_run, OrganNames().canonical(organ))


def corpus_members(n: int, seed: int) -> list[Member]:
    """The reports of a generated corpus (govlint.testing.corpus), without
    rendering and reading them."""
    return [member(f"{i:04d}.txt", spec.organ,
                   {k: [t for t in (fill(p, spec) for p in ps) if t] for k, ps in spec.prose.items()})
            for i, spec in enumerate(copy_corpus_specs(n, seed))]


def search(reports: list[Member], threshold: float = 0.8, method: str = "exact", section: int = 5,
           targets: list[Member] | None = None):
    found = same_year_copies(ReportSet(reports, targets if targets is not None else reports, OrganNames()),
                             YEAR, section, threshold, method)
    return {r.path: [(m.other.path, m.similarity, m.passage) for m in ms] for r, ms in found.items()}


def sentence(rng: random.Random, length: int = 24) -> str:
    """A sentence of random CJK characters: shares no shingle with another."""
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(length)) + "。"


# ---------------------------------------------------------------- the model-text rule


def test_model_limit_is_a_share_of_the_reports_with_a_floor():
    assert [model_limit(n) for n in (1, 3, 40, 50, 51, 200, 800, 3200)] == [5, 5, 5, 5, 6, 20, 80, 320]


@pytest.mark.parametrize("n", [40, 400])
def test_model_text_does_not_pair_reports_at_any_size(n: int):
    """Three in five reports write 五 in the superior's model text, each
    with one sentence of its own: they are all alike (similarity above the
    threshold) but share nothing that is not model text — no finding,
    whether the repository holds forty reports or four hundred.  Two that
    also share a sentence of their own (not model text: two reports have
    it) are flagged, with the similarity of their whole sections."""
    rng = random.Random(n)
    model = [sentence(rng, 40) for _ in range(8)]
    reports = []
    for i in range(n):
        own = [sentence(rng, 12)]
        if i < n * 3 // 5:
            reports.append(member(f"{i:04d}.txt", f"甲市乙区第{i}街道办事处", {5: model + own}))
        else:
            reports.append(member(f"{i:04d}.txt", f"甲市乙区第{i}街道办事处", {5: [sentence(rng) for _ in range(6)]}))
    assert search(reports) == {}
    borrowed = sentence(rng, 12)
    reports[:2] = [member(r.path, r.profile.organ, {5: [*model, borrowed]}) for r in reports[:2]]
    found = search(reports)
    assert sorted(found) == ["0000.txt", "0001.txt"]
    assert found["0000.txt"][0][0] == "0001.txt" and found["0000.txt"][0][1] > 0.9
    for method in METHODS:
        assert search(reports, method=method) == found


def test_a_group_copying_from_each_other_is_found_in_a_large_repository():
    """Twenty-five reports share a section of their own among 800: with a
    fixed cut-off of twenty reports their wording passed for model text;
    as a share (25 of 800 is 3%) it is copying."""
    rng = random.Random(1)
    group = [sentence(rng, 30) for _ in range(5)]
    reports = [member(f"{i:04d}.txt", f"甲市乙区第{i}街道办事处",
                      {5: group if i < 25 else [sentence(rng) for _ in range(5)]}) for i in range(800)]
    found = search(reports, method="auto")
    assert len(found) == 25 and all(len(matches) == 24 for matches in found.values())
    assert copies.STATS[-1].model_limit == 80


def test_same_organ_and_short_sections_are_not_compared():
    rng = random.Random(2)
    text = [sentence(rng) for _ in range(4)]
    reports = [member("a.txt", "淮安市洪泽区人民政府", {5: text}),
               member("b.txt", "洪泽区人民政府", {5: text}),        # the same organ
               member("c.txt", "淮安市洪泽区教育局", {5: ["无。"]})]  # not comparable
    assert search(reports) == {}


# ---------------------------------------------------------------- index = every pair


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
def test_candidate_index_finds_what_every_pair_finds(threshold: float):
    reports = corpus_members(300, seed=7)
    for section in (1, 5):
        exact = search(reports, threshold, "exact", section)
        assert exact, "the corpus has copies at this threshold"
        for method in METHODS:
            assert search(reports, threshold, method, section) == exact, method
        index = copies.STATS[-3]
        assert index.method == "index" and index.candidates < len(reports) ** 2 / (2 if threshold < 0.8 else 20)


@pytest.mark.parametrize("threshold", [0.55, 0.75, 0.8, 0.85, 1.0])
def test_candidate_index_on_sections_near_the_threshold(threshold: float):
    """Families of sections, each a few sentences of different lengths with
    one dropped, added or replaced here and there: many pairs just above and
    just below the threshold, sizes at the edges of the size and position
    bounds."""
    rng = random.Random(int(threshold * 100))
    stock = [sentence(rng, rng.randrange(8, 40)) for _ in range(150)]
    sections = []
    for _ in range(40):
        base = rng.sample(stock, rng.randrange(2, 8))
        for _ in range(rng.randrange(3, 9)):
            variant = list(base)
            for _ in range(rng.randrange(0, 3)):
                change = rng.randrange(3)
                if change == 0 and len(variant) > 1:
                    variant.pop(rng.randrange(len(variant)))
                elif change == 1:
                    variant.append(rng.choice(stock))
                else:
                    variant[rng.randrange(len(variant))] = rng.choice(stock)
            sections.append(variant)
    reports = [member(f"{i:03d}.txt", f"甲市乙区第{i}街道办事处", {5: s}) for i, s in enumerate(sections)]
    exact = search(reports, threshold)
    assert sum(len(m) for m in exact.values()) > 50
    for method in ("index", "postings"):
        assert search(reports, threshold, method) == exact


def test_one_report_against_a_history_uses_the_posting_lists():
    """A pre-commit run: one file of the run, the rest history."""
    reports = corpus_members(300, seed=3)
    history = [Member(r.profile, r.path, False, r.organ) for r in reports]
    for target in history[:40]:
        run = [*[h for h in history if h is not target], Member(target.profile, target.path, True, target.organ)]
        expected = search(run, method="exact", targets=run[-1:])
        assert search(run, method="auto", targets=run[-1:]) == expected
        assert copies.STATS[-1].method == "postings"


def test_hash_collisions_cost_time_not_findings(monkeypatch: pytest.MonkeyPatch):
    """Shingles are indexed by hash: a collision between two sets only adds
    candidates, one within a set makes it a candidate of every other."""
    reports = corpus_members(120, seed=5)
    exact = search(reports, 0.8, "exact", 1)
    monkeypatch.setattr(copies, "hash", lambda g: ord(g[-1]) % 97, raising=False)
    assert search(reports, 0.8, "index", 1) == exact


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 9, 10, 11, 99, 100, 101, 1000])
@pytest.mark.parametrize("threshold", [0.1, 0.3, 0.7, 0.8, 0.9, 0.95, 1.0])
def test_least_overlap_is_what_the_similarity_needs(size: int, threshold: float):
    o = least_overlap(size, threshold)
    assert o / size >= threshold and (o == 0 or (o - 1) / size < threshold)


# ---------------------------------------------------------------- through the command's engine


def test_findings_of_a_generated_corpus_are_those_of_every_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    generate_copy_corpus(tmp_path, 96, seed=11)
    (tmp_path / "govlint.toml").write_text("history = []\n", encoding="utf-8")
    runs = {}
    for method in ("exact", "index"):
        monkeypatch.setattr(copies, "METHOD", method)
        result = lint([str(tmp_path)], Options(select=("M009", "M010"), config=str(tmp_path / "govlint.toml")))
        runs[method] = [(f.path, f.line, f.column, f.code, f.message, f.source) for f in result.findings]
    assert runs["index"] == runs["exact"]
    assert len(runs["exact"]) >= 4 and {f[3] for f in runs["exact"]} == {"M010"}
    assert all(f[5] for f in runs["exact"])  # the line the passage starts on


def test_profiles_hold_section_prints_and_share_their_keys():
    profiles = [ReportProfile.of(read_fixture(report)) for report in sorted((ROOT / "same-year" / "reports").iterdir())]
    for profile in profiles:
        assert set(profile.prose) == {1, 5} and all(isinstance(p, SectionPrint) for p in profile.prose.values())
        assert len(pickle.dumps(profile.prose)) < 2500  # the sections are some 300 characters
    again = [pickle.loads(pickle.dumps(p)) for p in profiles]  # as from --jobs workers
    assert again == profiles and all(p.keys is profiles[0].keys for p in again)


# ---------------------------------------------------------------- the corpus generator


def test_copy_corpus_is_reproducible_and_shares_wording_at_every_scale():
    specs = copy_corpus_specs(200, seed=1)
    assert specs == copy_corpus_specs(200, seed=1) and specs != copy_corpus_specs(200, seed=2)
    assert len({s.organ for s in specs}) == 200 and {s.year for s in specs} == {YEAR}
    counts: dict[str, int] = {}
    for spec in specs:
        for text in set(spec.prose[5]):
            counts[text] = counts.get(text, 0) + 1
    spread = sorted(counts.values())
    assert spread[-1] > 60 and sum(2 <= c <= 20 for c in spread) > len(spread) / 3
