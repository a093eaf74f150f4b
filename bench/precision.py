"""Precision on real reports (not a test): ``python bench/precision.py``.

Runs govlint (every rule, no configuration file) on ``fixtures/real`` and
on ``fixtures/seeds``, each folder as one run as a report repository would
be checked (so the rules across reports take part), and holds each
report's findings against the hand-checked golden file beside it
(``<report>.expected``, see :mod:`govlint.testing.golden`).  Prints, per
report and in total, the error and warning findings, how many were judged
true, false or not yet, and the precision: judged true ÷ all error and
warning findings (a finding not judged yet counts against it).  The last
line is the figure::

    precision 0.97: 61 of 63 error/warning findings judged true (2 false, 0 unjudged) on 58 reports

``--draft`` writes a golden file, lines not judged yet, for every report
that has none (write the reasons; mark the false ones with ``~``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from govlint.model import Severity
from govlint.output.texttable import table
from govlint.run.engine import Options, lint
from govlint.run.paths import expand_paths
from govlint.run.plugins import load_plugins
from govlint.testing.golden import compare, golden_path, parse, render

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "fixtures" / "real", ROOT / "fixtures" / "seeds")
OPTIONS = Options(use_config=False, jobs=1)


def folder_findings(folder: Path) -> dict[Path, list]:
    """Every report of ``folder`` (as a run) with its findings."""
    plugins = load_plugins()
    reports = [Path(p) for p in expand_paths([str(folder)], plugins.extensions)]
    result = lint([str(folder)], OPTIONS, plugins=plugins,
                  warn=lambda message: print(f"govlint: {message}", file=sys.stderr))
    found = defaultdict(list)
    for finding in result.findings:
        found[Path(finding.path).resolve()].append(finding)
    return {report.resolve(): found[report.resolve()] for report in reports}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", action="store_true", help="write golden files not judged yet where none exist")
    args = parser.parse_args()
    rows, total = [], {"true": 0, "false": 0, "unjudged": 0}
    for folder in FOLDERS:
        for report, found in sorted(folder_findings(folder).items()):
            golden = golden_path(report)
            if not golden.exists():
                if not args.draft:
                    print(f"no golden file: {golden.relative_to(ROOT)}", file=sys.stderr)
                    continue
                golden.write_text(render(found), "utf-8")
            outcome = compare(found, parse(golden.read_text("utf-8"), str(golden)))
            errors = sum(f.severity is Severity.ERROR for f in found)
            warnings = sum(f.severity is Severity.WARNING for f in found)
            counted = outcome.true + outcome.false + outcome.unjudged
            rows.append([report.relative_to(ROOT).as_posix(), str(errors), str(warnings), str(outcome.true),
                         str(outcome.false), str(outcome.unjudged), f"{outcome.true / counted:.2f}" if counted else "—",
                         "" if outcome.agrees else "golden differs"])
            for key in total:
                total[key] += getattr(outcome, key)
    print(table(["report", "errors", "warnings", "true", "false", "unjudged", "precision", ""], rows))
    counted = sum(total.values())
    figure = total["true"] / counted if counted else 1.0
    print(json.dumps({"reports": len(rows), **total, "precision": round(figure, 4)}))
    print(f"precision {figure:.2f}: {total['true']} of {counted} error/warning findings judged true "
          f"({total['false']} false, {total['unjudged']} unjudged) on {len(rows)} reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
