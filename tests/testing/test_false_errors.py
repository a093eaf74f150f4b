"""Generated clean reports give no ERROR finding, in all seven layouts.

Each report is :func:`govlint.testing.prose.realistic_report`: a valid
report whose prose is drawn from a bank of real phrasing — sentences
naming other sections' subjects, sub-items titled like sections, slogans
with numbers, plans for the next year, hedged numbers, scope words, laws
and dates — with every count it states taken from its tables.  It is clean
by construction, so any error finding is a false one.  The same reports
(seeds 0…N-1) are written in every layout of
:data:`govlint.testing.formats.LAYOUTS` and linted as the command line does
(:mod:`govlint.testing.falseerrors`); a failure shows the layout and seed
that reproduce it, the finding, the report as read around it and the
generated sentences there.

The assertion is split by rule family, so that a failure names the family
of rules it is about.  ``bench/false_errors.py`` measures the
same on 200 reports per layout.  The .pdf layout is printed from .docx by
LibreOffice and is skipped where ``soffice`` is not installed.
"""

from __future__ import annotations

import pytest

from govlint.findings import Finding
from govlint.model import Severity
from govlint.run.plugins import load_plugins
from govlint.testing.falseerrors import Outcome, check_layout, explain
from govlint.testing.formats import LAYOUTS, printer, write_reports
from govlint.testing.prose import realistic_report

#: Reports per layout (the PDFs are printed in one LibreOffice call, ~0.5 s each; the
#: whole module takes ~25 s on an idle machine).
COUNT = {"pdf": 16}
DEFAULT_COUNT = 50
#: Rule families the assertion is split by, with the code prefixes of each.
FAMILIES = {"structure": ("S",), "tables": ("T", "A"), "claims": ("C",), "metadata": ("M",), "input": ("E",)}
NO_PRINTER = ("LibreOffice (soffice) is not installed: the .pdf layout is printed from .docx with "
              "`soffice --headless --convert-to pdf` (Debian: libreoffice-writer-nogui fonts-noto-cjk)")


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    """Outcomes per layout, linted once for all families."""
    plugins, cache = load_plugins(), {}

    def outcomes(layout: str) -> list[Outcome]:
        if layout == "pdf" and printer() is None:
            pytest.skip(NO_PRINTER)
        if layout not in cache:
            seeds = range(COUNT.get(layout, DEFAULT_COUNT))
            cache[layout] = check_layout(layout, seeds, tmp_path_factory.mktemp(layout), plugins=plugins)
        return cache[layout]

    return outcomes


def cases() -> list:
    return [pytest.param(layout, family, id=f"{layout}-{family}") for layout in LAYOUTS for family in FAMILIES]


@pytest.mark.parametrize("layout,family", cases())
def test_clean_reports_have_no_false_errors(linted, layout, family):
    outcomes = linted(layout)
    errors = [e for o in outcomes for e in o.errors if e.finding.code.startswith(FAMILIES[family])]
    failed = sorted({e.seed for e in errors})
    assert not errors, (f"{layout}: {len(errors)} false {family} errors in {len(failed)} of {len(outcomes)} "
                        f"generated clean reports (seeds {failed}):\n\n" + "\n\n".join(e.explain() for e in errors[:4]))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_rule_crashes_on_clean_reports(linted, layout):
    problems = [p for o in linted(layout) for p in o.problems]
    assert not problems, "\n".join(problems[:5])


def test_a_false_error_is_explained(tmp_path):
    """A failure names layout and seed, shows the report as read around the
    finding (its line marked) and the generated sentences there, the one
    the message quotes first."""
    report = realistic_report(1)
    [path] = write_reports([("r", report.spec)], "word-cells", tmp_path)
    sentence = next(s for s in report.sentences if s.inserted and len(s.text) > 12)
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if sentence.text in text)
    finding = Finding(str(path), line, 1, "C001", "received-mismatch", Severity.ERROR,
                      f"正文称“{sentence.text[2:10]}”，但表三……")
    [error] = explain("word-cells", report, path, [finding])
    text = error.explain()
    assert text.startswith(f"[word-cells seed 1] C001 error line {line}: 正文称")
    assert f">{line:4d} | " in text
    assert error.near[0] == sentence and error.categories[0] == sentence.category
    assert f"[{sentence.category}, inserted, section {sentence.section}] {sentence.text}" in text
