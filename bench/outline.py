"""The outline's false structure errors and its cost (not a test): ``python bench/outline.py [--real DIR …]``.

Prints, for the structure (S) rules:

* per real report (the seeds, ``fixtures/real`` and any ``--real`` folder;
  ``*.review.md`` and READMEs skipped), the S errors and warnings;
* on the seeds and on generated clean reports (the three text layouts, and
  the same reports written as .docx with Word list numbering and as .html)
  with realistic heading-like prose inserted
  (``tests/outline_prose.py``: sentences naming sections, sub-items titled
  like sections, captions, loose table labels), the S errors — a clean
  report should have none, a seed no more than it has without the prose;
* ``outline.build`` in ms per report on the seeds, warm (caches filled, as
  for the headings every report repeats) and cold (the outline's and the
  normaliser's caches cleared before each report), and a whole check
  (read, outline, every rule) in ms per report.

Run it under ``PYTHONPATH`` pointing at another checkout to compare.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from builders import to_docx, to_html
from outline_prose import insert_prose

from govlint import normalize
from govlint.model import Severity
from govlint.recognise import outline
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document, reader_for
from govlint.run.plugins import load_plugins
from govlint.testing.synthetic import LAYOUTS, random_spec, render_located

PLUGINS = load_plugins()
STRUCTURE = [r for r in PLUGINS.rules if r.code.startswith("S")]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


def structure(path: str, data: bytes | None = None):
    doc = read_document(path, data, readers=PLUGINS.readers)
    found = list(lint_document(doc, STRUCTURE))
    errors = sum(1 for f in found if f.severity is Severity.ERROR)
    return doc, errors, sum(1 for f in found if f.severity is Severity.WARNING)


def real_reports(folders: list[Path]) -> None:
    paths = list(SEEDS)
    for folder in folders:
        paths += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".review.md")
                        and p.name.lower() != "readme.md" and p.name not in {q.name for q in paths})
    total = [0, 0]
    for path in paths:
        _, errors, warnings = structure(str(path))
        total[0] += errors
        total[1] += warnings
        print(f"  {path.name:48s} S errors {errors}  warnings {warnings}")
    print(f"real reports ({len(paths)}): S errors {total[0]}, S warnings {total[1]}")


def with_prose(count: int) -> None:
    rng = random.Random(12)
    extra = 0
    for path in SEEDS:
        doc, base, _ = structure(str(path))
        heads = {s.number: s.start_line for s in doc.sections}
        for _ in range(20):
            text = insert_prose(path.read_text("utf-8"), heads, rng, count=rng.randint(2, 6))
            extra += max(0, structure(path.name, text.encode("utf-8"))[1] - base)
    print(f"seeds with prose ({20 * len(SEEDS)}): S errors beyond the seeds' own {extra}")
    rng = random.Random(7)
    results = {layout: [0, 0, 0] for layout in (*LAYOUTS, ".docx", ".html")}
    for i in range(count):
        out = render_located(random_spec(rng), LAYOUTS[i % len(LAYOUTS)])
        text = insert_prose(out.text, dict(out.sections), rng, count=rng.randint(2, 6))
        variants = [(out.layout, "report" + out.extension, text.encode("utf-8"))]
        if out.layout == "word-cells":
            read = read_document("report.txt", text.encode("utf-8"), readers=PLUGINS.readers)
            variants += [(".docx", "report.docx", to_docx(read)), (".html", "report.html", to_html(read))]
        for layout, name, data in variants:
            _, errors, _ = structure(name, data)
            counts = results[layout]
            counts[0] += 1
            counts[1] += errors > 0
            counts[2] += errors
    for layout, (reports, failing, errors) in results.items():
        print(f"generated {layout:11s} with prose ({reports}): reports with an S error {failing}, S errors {errors}")


def timing() -> None:
    docs = [reader_for(str(p), PLUGINS.readers).read(p.read_bytes(), str(p)) for p in SEEDS]
    for d in docs:
        outline.build(d.blocks)
    modules = [m for name, m in sys.modules.items() if name.startswith("govlint.recognise.outline")]
    caches = [v for m in modules for v in vars(m).values()
              if hasattr(v, "cache_clear") and getattr(v, "__name__", "") not in ("data", "_spec")]
    caches += [normalize.norm, normalize.compact]

    def run(cold: bool) -> float:
        total = 0.0
        for d in docs:
            if cold:
                for cache in caches:
                    cache.cache_clear()
            start = time.perf_counter()
            outline.build(d.blocks)
            total += time.perf_counter() - start
        return total / len(docs) * 1000

    def check() -> float:
        start = time.perf_counter()
        for path in SEEDS:
            list(lint_document(read_document(str(path), readers=PLUGINS.readers), PLUGINS.rules))
        return (time.perf_counter() - start) / len(SEEDS) * 1000

    warm = min(sum(run(False) for _ in range(20)) / 20 for _ in range(7))
    cold = min(sum(run(True) for _ in range(10)) / 10 for _ in range(7))
    whole = min(check() for _ in range(15))
    print(f"outline.build ms/report on the seeds: warm {warm:.3f}, cold {cold:.3f}; whole check {whole:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, action="append", default=[], help="another folder of real reports")
    parser.add_argument("--generated", type=int, default=200, help="generated reports with prose (default 200)")
    args = parser.parse_args()
    real_reports([ROOT / "fixtures" / "real", *args.real])
    with_prose(args.generated)
    timing()


if __name__ == "__main__":
    main()
