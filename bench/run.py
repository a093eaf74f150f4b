"""govlint's benchmark (not a test): ``python bench/run.py [--quick]``.

Measures, each in fresh ``govlint`` processes as a user runs them (the
environment's ``govlint`` script, as the pre-commit hook runs it):

* **cold single file**: the median wall time of ``govlint check --no-cache``
  on one seed over several runs, against the floor any Python tool built on
  the same libraries pays, ``python -c "import click, pluggy, regex"``
  (measured in turns with it, same environment).  The seed is copied to a
  folder of its own, with no configuration file up the tree (in the
  source tree the discovery would read govlint's own ``pyproject.toml``,
  which configures nothing); the same file beside a ``.govlint.toml``
  (what reading a configuration adds), and with a warm results cache (a
  pre-commit hook re-run on an unchanged file);
* **batch**: reports per second over a generated folder of 1,000 reports
  in the text layouts (:func:`govlint.testing.synthetic.generate_corpus`), with
  ``--jobs 1`` and ``--jobs 2``, cache off; and the same folder re-checked
  with a warm results cache, as a pre-commit hook or CI re-run does, with
  the default ``--jobs`` against ``--jobs 1`` (no worker pool should start
  when every file is a cache hit: the ratio should be about 1);
* **memory**: the peak resident set size of one ``--jobs 1`` process
  checking 10,000 generated reports;
* the batch and memory figures again without the rules over report sets
  (:mod:`govlint.repository.reportset`: they compare every report of a run with the
  others, so their cost grows with the run, unlike the per-file rules);
* the same batch figures for .docx (the seeds written as Word files by the
  tests' builder) and .pdf (the real PDFs in ``fixtures/real``, copied);
* **copy detection** (M009, M010) on generated same-year corpora whose
  wording is shared in overlapping groups and with a superior's model text
  (:func:`govlint.testing.corpus.generate_copy_corpus`): the time per report
  with every rule at 200, 800 and 3,200 reports (it must grow by less than
  1.5× when copy detection compares each report with the others), the
  3,200-report run against the same with ``--ignore M009,M010`` (at most
  1.3×; the median of three paired runs), both ``--jobs 1`` and as CPU
  time too (a figure other processes on the machine move less); and, on
  800 reports, that the findings of M009
  and M010 are those of comparing every pair
  (:mod:`govlint.repository.copies`, ``METHOD = "exact"``), with the
  candidate pairs and the search's CPU time of each method.

Bytecode is written and used, as in any installed Python package
(``PYTHONDONTWRITEBYTECODE`` is cleared for the measured processes, and a
warm-up run writes the ``.pyc`` files).  Prints a table, then one JSON line
with every figure.  ``--quick`` uses smaller folders (a smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "000_b08920702986320c.txt"
TARGETS = {"single_ratio": 2.0, "text_per_s_jobs1": 500, "jobs2_speedup": 1.7, "rss_10000_mb": 150,
           "copies_ratio": 1.3, "copies_growth": 1.5}
#: Sizes of the same-year corpora for copy detection, and the one checked against every pair.
COPY_SIZES, COPY_CHECKED = (200, 800, 3200), 800
QUICK_COPY_SIZES, QUICK_COPY_CHECKED = (100, 200, 400), 200


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of ``command`` (exit codes 0–1 expected)."""
    elapsed, _, rss = usage(command, cwd)
    return elapsed, rss


def usage(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall time and CPU time (user + system) in seconds and peak RSS in MB
    of ``command`` (exit codes 0–1 expected)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, used = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # a figure is still a figure; say what went wrong
        print(f"warning: {' '.join(command)} exited with {code}: {stderr.strip().splitlines()[:1]}", file=sys.stderr)
    return elapsed, used.ru_utime + used.ru_stime, used.ru_maxrss / 1024


def median_time(command: list[str], cwd: Path, runs: int) -> float:
    return statistics.median(timed(command, cwd)[0] for _ in range(runs))


def paired_medians(first: list[str], second: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """The median wall times of ``first`` and ``second`` run in turns, so
    that a change in the machine's load moves both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, out in ((first, times[0]), (second, times[1])):
            out.append(timed(command, cwd)[0])
    return statistics.median(times[0]), statistics.median(times[1])


def govlint(*args: str) -> list[str]:
    """``govlint check ARGS`` as a user runs it: the environment's console
    script (``python -m govlint`` where there is none)."""
    script = Path(sys.executable).with_name("govlint")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "govlint"]
    return [*command, "check", *args]


def generate(directory: Path, count: int) -> Path:
    """A corpus written by another process: this one stays small, as a
    child's peak memory counts from the size of the process it forked from."""
    subprocess.run([sys.executable, "-c", "import sys; from govlint.testing.synthetic import generate_corpus; "
                    "generate_corpus(sys.argv[1], int(sys.argv[2]), seed=2024)", str(directory), str(count)],
                   check=True)
    return directory


def generate_same_year(directory: Path, count: int) -> Path:
    """A same-year corpus with shared wording, written by another process
    (see :func:`generate`)."""
    subprocess.run([sys.executable, "-c", "import sys; from govlint.testing.corpus import generate_copy_corpus; "
                    "generate_copy_corpus(sys.argv[1], int(sys.argv[2]), seed=2024)", str(directory), str(count)],
                   check=True)
    return directory


#: Run in another process: M009 and M010 over a folder, first comparing every
#: pair, then with the index (the per-file results and the profiles then come
#: from the caches); prints whether the findings are the same and what each
#: search did.
COMPARE = """
import json, sys, time
import msgspec
import govlint.repository.copies as copies
from govlint.run.engine import Options, lint

search = copies.same_year_copies
spent = [0.0]
def timed(*args, **kwargs):
    start = time.process_time()
    try:
        return search(*args, **kwargs)
    finally:
        spent[0] += time.process_time() - start
copies.same_year_copies = timed
out = {}
for method in ("exact", "auto"):
    copies.METHOD, spent[0] = method, 0.0
    copies.STATS.clear()
    result = lint([sys.argv[1]], Options(select=("M009", "M010"), cache=True, jobs=1))
    out[method] = {"findings": [[f.path, f.line, f.column, f.code, f.message, f.source] for f in result.findings],
                   "stats": [msgspec.structs.asdict(s) for s in copies.STATS], "search_s": spent[0]}
print(json.dumps(out, ensure_ascii=False))
"""


def copy_detection(work: Path, quick: bool) -> dict[str, float]:
    """The copy-detection figures (module docstring): medians of three runs
    (one with ``--quick``), the ratio a median of paired runs."""
    sizes, checked = (QUICK_COPY_SIZES, QUICK_COPY_CHECKED) if quick else (COPY_SIZES, COPY_CHECKED)
    runs = 1 if quick else 3
    figures: dict[str, float] = {}
    for count in sizes:
        folder = generate_same_year(work / f"same-year-{count}", count)
        every, without = [], []
        for _ in range(runs):
            every.append(usage(govlint("--no-cache", "--jobs", "1", str(folder)), work))
            if count == sizes[-1]:
                without.append(usage(govlint("--no-cache", "--jobs", "1", "--ignore", "M009,M010", str(folder)), work))
        wall, cpu, rss = (statistics.median(m[k] for m in every) for k in range(3))
        figures.update({f"copies_{count}_ms": wall / count * 1000, f"copies_{count}_cpu_ms": cpu / count * 1000})
        if without:
            pairs = list(zip(every, without, strict=True))
            figures.update(copies_largest=count, copies_s=wall,
                           copies_without_s=statistics.median(m[0] for m in without),
                           copies_ratio=statistics.median(a[0] / b[0] for a, b in pairs),
                           copies_cpu_ratio=statistics.median(a[1] / b[1] for a, b in pairs),
                           copies_rss_mb=rss, copies_without_rss_mb=statistics.median(m[2] for m in without))
        if count == checked:
            found = json.loads(subprocess.run([sys.executable, "-c", COMPARE, str(folder)], cwd=work, check=True,
                                              capture_output=True, text=True, env=environment()).stdout)
            exact, auto = found["exact"], found["auto"]
            figures.update(
                copies_checked=count,
                copies_identical=float(exact["findings"] == auto["findings"]),
                copies_m009=sum(f[3] == "M009" for f in auto["findings"]),
                copies_m010=sum(f[3] == "M010" for f in auto["findings"]),
                copies_candidates=sum(s["candidates"] for s in auto["stats"]),
                copies_verified=sum(s["verified"] for s in auto["stats"]),
                copies_exact_pairs=sum(s["candidates"] for s in exact["stats"]),
                copies_search_s=auto["search_s"], copies_exact_search_s=exact["search_s"],
            )
        shutil.rmtree(folder)
    first, last = sizes[0], sizes[-1]
    figures["copies_growth"] = figures[f"copies_{last}_ms"] / figures[f"copies_{first}_ms"]
    figures["copies_cpu_growth"] = figures[f"copies_{last}_cpu_ms"] / figures[f"copies_{first}_cpu_ms"]
    return figures


def copies(sources: list[Path], directory: Path, count: int) -> Path:
    directory.mkdir()
    for i in range(count):
        source = sources[i % len(sources)]
        shutil.copyfile(source, directory / f"{i:04d}-{source.name}")
    return directory


def docx_seeds(directory: Path) -> list[Path]:
    """The seeds as .docx files, written by the tests' builder."""
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import to_docx

    from govlint.run.pipeline import read_document
    from govlint.run.plugins import load_plugins

    readers = load_plugins().readers
    directory.mkdir()
    out = []
    for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        path = directory / f"{seed.stem}.docx"
        path.write_bytes(to_docx(read_document(str(seed), readers=readers)))
        out.append(path)
    return out


def set_rules() -> str:
    """The codes of the rules over report sets, for ``--ignore`` (asked of
    another process, see :func:`generate`)."""
    return subprocess.run([sys.executable, "-c", "from govlint.run.plugins import load_plugins\n"
                           "print(','.join(r.code for r in load_plugins().rules if r.over_report_sets))"],
                          check=True, capture_output=True, text=True).stdout.strip()


def rate(folder: Path, count: int, jobs: int, cwd: Path, *more: str) -> float:
    elapsed, _ = timed(govlint("--no-cache", "--jobs", str(jobs), *more, str(folder)), cwd)
    return count / elapsed


def measure(quick: bool) -> dict[str, float]:
    runs = 3 if quick else 9
    batch = 100 if quick else 1000
    many = 1000 if quick else 10000
    figures: dict[str, float] = {"load_average": os.getloadavg()[0]}
    per_file = ("--ignore", set_rules())
    with tempfile.TemporaryDirectory(prefix="govlint-bench-") as temporary:
        work = Path(temporary)
        seed = work / "single" / SEED.name
        configured = work / "configured" / SEED.name
        for copy in (seed, configured):
            copy.parent.mkdir()
            shutil.copyfile(SEED, copy)
        (configured.parent / ".govlint.toml").write_text('ignore = ["M006"]\n', encoding="utf-8")
        timed(govlint("--no-cache", str(seed)), work)  # writes the bytecode
        floor, single = paired_medians([sys.executable, "-c", "import click, pluggy, regex"],
                                       govlint("--no-cache", str(seed)), work, 3 * runs)
        with_config = median_time(govlint("--no-cache", str(configured)), configured.parent, runs)
        timed(govlint(str(seed)), work)  # fills the cache
        cached = median_time(govlint(str(seed)), work, runs)
        figures.update(floor_s=floor, single_s=single, single_ratio=single / floor, configured_s=with_config,
                       cached_s=cached)

        text = generate(work / "text", batch)
        figures["text_per_s_jobs1"] = rate(text, batch, 1, work)
        figures["text_per_s_jobs2"] = rate(text, batch, 2, work)
        figures["jobs2_speedup"] = figures["text_per_s_jobs2"] / figures["text_per_s_jobs1"]
        figures["file_rules_per_s_jobs1"] = rate(text, batch, 1, work, *per_file)
        figures["file_rules_per_s_jobs2"] = rate(text, batch, 2, work, *per_file)
        timed(govlint(str(text)), work)  # fills the cache
        figures["warm_s"] = median_time(govlint(str(text)), work, 3)
        figures["warm_jobs1_s"] = median_time(govlint("--jobs", "1", str(text)), work, 3)
        figures["warm_ratio"] = figures["warm_s"] / figures["warm_jobs1_s"]
        shutil.rmtree(text)

        big = generate(work / "many", many)
        elapsed, rss = timed(govlint("--no-cache", "--jobs", "1", str(big)), work)
        figures.update({f"rss_{many}_mb": rss, f"many_{many}_per_s": many / elapsed})
        elapsed, rss = timed(govlint("--no-cache", "--jobs", "1", *per_file, str(big)), work)
        figures.update({f"file_rules_rss_{many}_mb": rss, f"file_rules_many_{many}_per_s": many / elapsed})
        shutil.rmtree(big)

        documents = {"docx": docx_seeds(work / "docx-seeds"), "pdf": sorted((ROOT / "fixtures" / "real").glob("*.pdf"))}
        for kind, sources in documents.items():
            count = 20 if quick else 100
            folder = copies(sources, work / kind, count)
            figures[f"{kind}_single_s"] = median_time(govlint("--no-cache", str(sources[0])), work, runs)
            figures[f"{kind}_per_s_jobs1"] = rate(folder, count, 1, work)
            figures[f"{kind}_per_s_jobs2"] = rate(folder, count, 2, work)
            figures[f"{kind}_file_rules_per_s_jobs1"] = rate(folder, count, 1, work, *per_file)
            figures[f"{kind}_file_rules_per_s_jobs2"] = rate(folder, count, 2, work, *per_file)

        figures.update(copy_detection(work, quick))
    figures["load_average_after"] = os.getloadavg()[0]
    return figures


def table(f: dict[str, float]) -> str:
    rss_key = next(k for k in f if k.startswith("rss_"))
    many = rss_key.split("_")[1]
    rows = [
        ("import floor (python -c 'import click, pluggy, regex')", f"{f['floor_s'] * 1000:.0f} ms", ""),
        ("single file, cold, --no-cache", f"{f['single_s'] * 1000:.0f} ms",
         f"{f['single_ratio']:.2f}× floor (target ≤ {TARGETS['single_ratio']}×)"),
        ("single file, cold, beside a .govlint.toml", f"{f['configured_s'] * 1000:.0f} ms",
         f"{f['configured_s'] / f['floor_s']:.2f}× floor"),
        ("single file, cache hit", f"{f['cached_s'] * 1000:.0f} ms", ""),
        ("text reports/s, --jobs 1", f"{f['text_per_s_jobs1']:.0f}", f"target ≥ {TARGETS['text_per_s_jobs1']}"),
        ("text reports/s, --jobs 2", f"{f['text_per_s_jobs2']:.0f}",
         f"{f['jobs2_speedup']:.2f}× --jobs 1 (target ≥ {TARGETS['jobs2_speedup']}×)"),
        ("warm cache, same folder: default --jobs / --jobs 1", f"{f['warm_s']:.2f} / {f['warm_jobs1_s']:.2f} s",
         f"{f['warm_ratio']:.2f}× (no worker pool for cache hits: about 1)"),
        (f"peak RSS, {many} reports, --jobs 1", f"{f[rss_key]:.0f} MB",
         f"target ≤ {TARGETS['rss_10000_mb']} MB; {f[f'many_{many}_per_s']:.0f} reports/s"),
        ("  per-file rules only: text reports/s, --jobs 1 / 2",
         f"{f['file_rules_per_s_jobs1']:.0f} / {f['file_rules_per_s_jobs2']:.0f}",
         f"{f['file_rules_per_s_jobs2'] / f['file_rules_per_s_jobs1']:.2f}×"),
        (f"  per-file rules only: peak RSS, {many} reports", f"{f[f'file_rules_rss_{many}_mb']:.0f} MB",
         f"{f[f'file_rules_many_{many}_per_s']:.0f} reports/s"),
    ]
    for kind in ("docx", "pdf"):
        rows.append((f".{kind}: single file, cold", f"{f[f'{kind}_single_s'] * 1000:.0f} ms", ""))
        rows.append((f".{kind}: reports/s, --jobs 1 / 2",
                     f"{f[f'{kind}_per_s_jobs1']:.0f} / {f[f'{kind}_per_s_jobs2']:.0f}",
                     f"per-file rules only: {f[f'{kind}_file_rules_per_s_jobs1']:.0f} / "
                     f"{f[f'{kind}_file_rules_per_s_jobs2']:.0f}"))
    rows += copy_rows(f)
    rows.append(("load average (before, after)", f"{f['load_average']:.2f}, {f['load_average_after']:.2f}",
                 "other processes on the machine skew every figure"))
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value:>10}  {note}".rstrip() for name, value, note in rows)


def copy_rows(f: dict[str, float]) -> list[tuple[str, str, str]]:
    """The table's rows for copy detection."""
    sizes = sorted(int(k.split("_")[1]) for k in f if k.startswith("copies_") and k.endswith("_cpu_ms"))
    largest, checked = int(f["copies_largest"]), int(f["copies_checked"])
    return [
        (f"copy detection: ms per report, {' / '.join(f'{n:,}' for n in sizes)} same-year reports",
         " / ".join(f"{f[f'copies_{n}_ms']:.1f}" for n in sizes),
         f"{f['copies_growth']:.2f}× from {sizes[0]:,} to {largest:,}, CPU {f['copies_cpu_growth']:.2f}× "
         f"(target < {TARGETS['copies_growth']}×)"),
        (f"copy detection: {largest:,} reports, all rules / --ignore M009,M010",
         f"{f['copies_s']:.1f} / {f['copies_without_s']:.1f} s",
         f"{f['copies_ratio']:.2f}×, CPU {f['copies_cpu_ratio']:.2f}× "
         f"(paired runs; target ≤ {TARGETS['copies_ratio']}×); "
         f"peak RSS {f['copies_rss_mb']:.0f} / {f['copies_without_rss_mb']:.0f} MB"),
        (f"copy detection: M009/M010 findings on {checked:,} reports vs every pair",
         "identical" if f["copies_identical"] else "DIFFERENT",
         f"{f['copies_m010']:.0f} M010, {f['copies_m009']:.0f} M009; {f['copies_candidates']:,.0f} candidate pairs, "
         f"{f['copies_verified']:,.0f} verified (every pair: {f['copies_exact_pairs']:,.0f}); "
         f"search {f['copies_search_s']:.2f} s CPU (every pair {f['copies_exact_search_s']:.2f} s)"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small folders: a smoke run, not figures")
    args = parser.parse_args()
    figures = measure(args.quick)
    print(table(figures))
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}, sort_keys=True))


if __name__ == "__main__":
    main()
