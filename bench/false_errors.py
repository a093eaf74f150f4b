"""False errors on generated clean reports (a measurement, not a test).

``python bench/false_errors.py [--count 200] [--layouts docx,pdf] [--seed 0] [--jobs N] [--examples 1]``

Renders ``count`` reports of :func:`govlint.testing.prose.realistic_report`
(clean by construction: realistic prose whose every count is the tables')
in each layout of :data:`govlint.testing.formats.LAYOUTS` — the same
reports, seeds ``seed … seed + count - 1``, in every layout — lints them as
the command line does (default rules, no configuration, no cache, ``jobs``
processes) and prints per layout: reports, reports with at least one
error, the rate of error-free reports, and the false errors by rule code
and by class (the code and the bank category of the sentence that
provoked it), with ``examples`` explained examples of each code (layout
and seed to reproduce, the report as read around the finding, the
generated sentences there).  Ends with one JSON line of every figure.

Issue 12's target: no error in at least 99 % of the reports of every
layout.  The .pdf layout needs LibreOffice (``soffice``); it is skipped,
and said so, where it is not installed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time

from govlint.run.parallel import cpu_count
from govlint.run.plugins import load_plugins
from govlint.testing.falseerrors import check_layout, summary
from govlint.testing.formats import LAYOUTS, printer

TARGET = 0.99


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="reports per layout (default 200)")
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated layouts (default: all seven)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--jobs", type=int, default=cpu_count(), help="processes linting (default: every core)")
    parser.add_argument("--examples", type=int, default=1, help="explained examples per rule code (default 1)")
    args = parser.parse_args(argv)
    layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]
    unknown = [name for name in layouts if name not in LAYOUTS]
    if unknown:
        parser.error(f"unknown layout {', '.join(unknown)} (expected {', '.join(LAYOUTS)})")
    plugins = load_plugins()
    seeds = range(args.seed, args.seed + args.count)
    figures: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    for layout in layouts:
        if layout == "pdf" and printer() is None:
            skipped[layout] = "LibreOffice (soffice) is not installed"
            print(f"\n== {layout}: skipped, {skipped[layout]}")
            continue
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"govlint-false-errors-{layout}-") as directory:
            outcomes = check_layout(layout, seeds, directory, jobs=args.jobs, plugins=plugins)
        figures[layout] = {**summary(outcomes), "seconds": round(time.perf_counter() - start, 1)}
        report(layout, figures[layout], outcomes, args.examples)
    print("\n== summary")
    print(f"{'layout':<14}{'reports':>8}{'with error':>12}{'error-free':>12}{'seconds':>9}")
    for layout, f in figures.items():
        print(f"{layout:<14}{f['reports']:>8}{f['with_error']:>12}{f['error_free_rate']:>12.1%}{f['seconds']:>9}")
    met = bool(figures) and all(f["error_free_rate"] >= TARGET for f in figures.values())
    print(json.dumps({"count": args.count, "seed": args.seed, "target": TARGET, "met": met,
                      "layouts": figures, "skipped": skipped}, ensure_ascii=False))
    return 0


def report(layout: str, figures: dict, outcomes: list, examples: int) -> None:
    print(f"\n== {layout}: {figures['reports']} reports, {figures['with_error']} with at least one error, "
          f"{figures['error_free_rate']:.1%} error-free ({figures['seconds']} s)")
    if figures["internal_errors"]:
        print(f"   internal errors (a rule crashed): {figures['internal_errors']}")
        for problem in next(o.problems for o in outcomes if o.problems)[:1]:
            print(f"   e.g. {problem}")
    if not figures["errors"]:
        return
    print("   false errors by code: " + ", ".join(f"{code} {n}" for code, n in figures["by_code"].items()))
    print("   by class (code, category of the sentence that provoked it):")
    for name, n in figures["by_class"].items():
        print(f"     {n:4d}  {name}")
    errors = [e for o in outcomes for e in o.errors]
    for code in figures["by_code"]:
        for error in [e for e in errors if e.finding.code == code][:examples]:
            print()
            print("   " + error.explain().replace("\n", "\n   "))


if __name__ == "__main__":
    raise SystemExit(main())
