"""Golden test: govlint on every report of fixtures/seeds and fixtures/real
(each folder checked as one run, as a report repository is) gives exactly
the findings written beside it in ``<report>.expected``, each judged by hand
(the reason after ``#``; see govlint.testing.golden and fixtures/README.md).
bench/precision.py prints the precision these judgements give."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govlint.testing.golden import compare, golden_path, parse

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from precision import FOLDERS, folder_findings  # noqa: E402

RUNS = {folder.name: folder for folder in FOLDERS}


@pytest.fixture(scope="module")
def findings():
    cache: dict[str, dict] = {}

    def of(folder: str) -> dict:
        if folder not in cache:
            cache[folder] = folder_findings(RUNS[folder])
        return cache[folder]

    return of


def reports() -> list:
    return [pytest.param(folder, report, id=f"{folder}/{report.name}")
            for folder, path in RUNS.items() for report in sorted(path.iterdir())
            if report.suffix.lower() in {".txt", ".md", ".pdf", ".html", ".docx"}]


@pytest.mark.parametrize("folder,report", reports())
def test_the_report_gives_its_hand_checked_findings(findings, folder, report):
    golden = golden_path(report)
    assert golden.exists(), f"{golden} is missing: every report has its judged findings beside it"
    outcome = compare(findings(folder)[report.resolve()], parse(golden.read_text("utf-8"), str(golden)))
    assert not outcome.unexpected, "findings no golden line names:\n" + "\n".join(
        f"{f.line}:{f.column} {f.code} {f.severity.label}  # {f.message}" for f in outcome.unexpected)
    assert not outcome.missing, "golden lines no finding gave:\n" + "\n".join(
        f"{e.line}:{e.column} {e.code} {e.severity.label}  # {e.reason}" for e in outcome.missing)
