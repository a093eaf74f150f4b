"""Tests for govlint.testing.prose: realistic prose that keeps the report clean.

The generator is the measuring instrument of the false-error tests, so its
own promises are checked here, independently of the rules: the same seed
gives the same report; every sentence is in the rendered report; the bank
is large, varied and names only values and conditions that exist; and the
counts the prose states are the tables' (checked with patterns written
from DOMAIN.md §4 C1, C2, C5, C8, not with the claim rules).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing.prose import ASPECT_STYLES, CONDITIONS, bank, realistic_report
from govlint.testing.synthetic import Subheading, render

SEEDS = range(200)
PLUGINS = load_plugins()


@pytest.fixture(scope="module")
def reports():
    return [realistic_report(seed) for seed in SEEDS]


def templates() -> list[tuple[str, str]]:
    """(entry, template) of every sentence and title of the bank."""
    out = []
    for group in ("category", "aspect"):
        for name, entry in bank()[group].items():
            titles = [t for title in entry.get("titles", ()) for t in ([title] if isinstance(title, str) else title)]
            texts = list(entry.get("texts", ())) + titles
            texts += [t for listed in entry.get("when", {}).values() for t in listed]
            out += [(f"{group}.{name}", text) for text in texts]
    return out


def test_the_same_seed_gives_the_same_report():
    assert realistic_report(11) == realistic_report(11)
    assert realistic_report(11).spec != realistic_report(12).spec


def test_every_sentence_is_in_the_report(reports):
    for report in reports[:20]:
        for layout in ("word-cells", "markdown"):
            text = render(report.spec, layout)
            missing = [s.text for s in report.sentences if s.text not in text]
            assert not missing, (report.seed, layout, missing)


def test_sub_item_titles_are_subheadings_in_markdown(reports):
    report = next(r for r in reports if any(isinstance(p, Subheading) for p in r.spec.prose[1]))
    title = next(p for p in report.spec.prose[1] if isinstance(p, Subheading))
    assert f"\n### {title}\n" in render(report.spec, "markdown")
    assert f"\n{title}\n" in render(report.spec, "word-cells")


def test_the_bank_is_large_and_every_template_is_used():
    """No template names a value or condition that does not exist (it would
    never be used): in 400 reports every one is."""
    entries = templates()
    assert len(entries) >= 150
    conditions = {c for group in ("category", "aspect") for e in bank()[group].values() for c in e.get("when", {})}
    assert conditions <= set(CONDITIONS)
    used = {s.template for seed in range(400) for s in realistic_report(seed).sentences}
    assert [t for _, t in entries if t not in used] == []


def test_every_category_is_inserted_and_every_aspect_written(reports):
    inserted = Counter(s.category for r in reports for s in r.sentences if s.inserted)
    assert set(inserted) == {name for name, entry in bank()["category"].items() if "where" in entry}
    written = {s.category for r in reports for s in r.sentences}
    assert {f"aspect.{name}" for name in bank()["aspect"]} <= written
    styles = {_style(p) for r in reports for p in r.spec.prose[1] if isinstance(p, Subheading)}
    assert styles == {"（一）", "1.", "bare"} and set(ASPECT_STYLES) >= {"inline", "colon"}


def _style(title: str) -> str:
    return "（一）" if title.startswith("（") else "1." if title[0].isdigit() else "bare"


def test_values_are_typical_and_keep_the_identities(reports):
    values = [r.spec.values for r in reports]
    assert sum(v["t3.new.total"] == 0 for v in values) >= 20
    assert sum(v["t3.new.total"] > 0 and v["t3.carried.total"] == v["t3.carry_next.total"] == 0 for v in values) >= 20
    assert sum(cases(v) == 0 for v in values) >= 50
    assert sum(cases(v) > 0 and v["t4.review.upheld"] == v["t4.review.total"] for v in values) >= 10
    identities = [r for r in PLUGINS.rules if r.code in ("A001", "A002", "A003", "A004")]
    for report in reports[:60]:
        doc = read_document("r.txt", render(report.spec, "tab-rows").encode("utf-8"), readers=PLUGINS.readers)
        assert lint_document(doc, identities) == [], report.seed


def cases(v) -> int:
    return v["t4.review.total"] + v["t4.litigation_direct.total"] + v["t4.litigation_after_review.total"]


# Claims written from DOMAIN.md §4, each with the cells it must equal.
RECEIVED = re.compile(r"(?:收到|新收|受理)政府信息公开申请(\d+)件")
NONE_RECEIVED = re.compile(r"未收到政府信息公开申请|全年无依申请公开事项")
CARRIED_IN = re.compile(r"上年结转(?:政府信息公开申请)?(\d+)件")
NO_CASES = re.compile(r"未发生[^。]*行政复议、[^。]*行政诉讼|无因政府信息公开申请行政复议")


def test_counts_the_prose_states_are_the_tables(reports):
    checked = Counter()
    for report in reports:
        v, text = report.spec.values, "\n".join(s.text for s in report.sentences)
        for match in RECEIVED.finditer(text):
            before = text[max(0, match.start() - 12):match.start()]
            if "含上年结转" not in text[match.end():match.end() + 12] and "近" not in before:
                assert int(match.group(1)) == v["t3.new.total"], (report.seed, match.group(0))
                checked["received"] += 1
        for match in CARRIED_IN.finditer(text):
            assert int(match.group(1)) == v["t3.carried.total"], (report.seed, match.group(0))
            checked["carried"] += 1
        if NONE_RECEIVED.search(text):
            assert v["t3.new.total"] == 0, report.seed
            checked["none"] += 1
        if NO_CASES.search(text):
            assert cases(v) == 0, report.seed
            checked["no cases"] += 1
    assert min(checked.values()) >= 10 and len(checked) == 4, checked
