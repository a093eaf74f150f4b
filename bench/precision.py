"""Precision on real reports (not a test): ``python bench/precision.py``.

Runs govlint (every rule, no configuration) on each report of
``fixtures/real`` and ``fixtures/seeds`` that has a hand-checked golden
file beside it (``<report>.expected``, see :mod:`govlint.testing.golden`)
and prints, per report and in total, the error and warning findings, how
many were judged true, and the precision.  A finding no golden line names
counts as not true (it has not been judged), and the report is marked.
The last line is the figure::

    precision 0.97: 61 of 63 error/warning findings judged true (2 false, 0 unjudged) on 52 reports

``--write FILE`` writes the golden lines of one report's current findings
(judged true; write the reasons, and mark false ones with ``~``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govlint.model import Severity
from govlint.output.texttable import table
from govlint.run.engine import Options, lint
from govlint.testing.golden import compare, golden_path, parse, render

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "fixtures" / "real", ROOT / "fixtures" / "seeds")
OPTIONS = Options(select=("ALL",), use_config=False, jobs=1)


def reports() -> list[Path]:
    """The reports that have a golden file, sorted."""
    return sorted(p for folder in FOLDERS for p in folder.iterdir()
                  if p.is_file() and golden_path(p).is_file())


def findings_of(report: Path):
    return lint([str(report)], OPTIONS, warn=lambda message: print(f"govlint: {message}", file=sys.stderr)).findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", metavar="FILE", help="print golden lines for FILE's current findings")
    args = parser.parse_args()
    if args.write:
        sys.stdout.write(render(findings_of(Path(args.write))))
        return 0
    rows, total = [], {"true": 0, "false": 0, "unjudged": 0}
    for report in reports():
        found = findings_of(report)
        outcome = compare(found, parse(golden_path(report).read_text("utf-8"), str(golden_path(report))))
        unjudged = sum(f.severity >= Severity.WARNING for f in outcome.unexpected)
        errors = sum(f.severity is Severity.ERROR for f in found)
        warnings = sum(f.severity is Severity.WARNING for f in found)
        judged = outcome.true + outcome.false + unjudged
        rows.append([report.relative_to(ROOT).as_posix(), str(errors), str(warnings), str(outcome.true),
                     str(outcome.false), str(unjudged), f"{outcome.true / judged:.2f}" if judged else "—",
                     "" if outcome.agrees else "golden differs"])
        total["true"] += outcome.true
        total["false"] += outcome.false
        total["unjudged"] += unjudged
    print(table(["report", "errors", "warnings", "true", "false", "unjudged", "precision", ""], rows))
    counted = sum(total.values())
    figure = total["true"] / counted if counted else 1.0
    print(json.dumps({"reports": len(rows), **total, "precision": round(figure, 4)}))
    print(f"precision {figure:.2f}: {total['true']} of {counted} error/warning findings judged true "
          f"({total['false']} false, {total['unjudged']} unjudged) on {len(rows)} reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
