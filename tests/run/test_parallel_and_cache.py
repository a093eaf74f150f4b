"""``--jobs`` (govlint.run.parallel) and the results cache (govlint.run.cache):
the same output as a plain serial run, whatever crashes or is corrupt."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

from govlint import Rule, Severity, hookimpl
from govlint.run import parallel
from govlint.run.cache import DIRECTORY, SUBDIRECTORY
from govlint.run.engine import Options, lint
from govlint.run.plugins import load_plugins
from govlint.testing.synthetic import generate_corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Twelve generated reports, two of them broken, and the seeds."""
    top = tmp_path_factory.mktemp("corpus")
    paths = generate_corpus(top / "reports", 12, seed=7)
    for path in paths[:2]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("二、主动公开政府信息情况", "二、主动公开政府信息的情况").replace("\t0", "\t7", 3),
                        encoding="utf-8")
    for seed in SEEDS.glob("*.txt"):
        (top / seed.name).write_bytes(seed.read_bytes())
    return top


def check(cwd: Path, *args: str, cache: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if cache:
        env.pop("GOVLINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "govlint", "check", "--format", "json", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_parallel_output_is_the_serial_output(corpus):
    serial = check(corpus, "--jobs", "1", ".")
    assert serial.returncode == 1 and json.loads(serial.stdout)
    for jobs in ("2", "3"):
        assert check(corpus, "--jobs", jobs, ".").stdout == serial.stdout


# -- crashes -----------------------------------------------------------------

def crashing_plugin(kind: str) -> types.ModuleType:
    """A plugin whose rule X901 fails on reports whose path contains "0003"."""

    class Crash(Rule):
        """Crashes on one file."""

        code = "X901"
        name = "crash-on-one-file"
        severity = Severity.INFO

        def check(self, doc):
            if "0003" in doc.path:
                if kind == "exit":
                    os._exit(3)
                if kind == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                raise ValueError("boom")
            return ()

    module = types.ModuleType(f"crash_{kind}")
    module.govlint_rules = hookimpl(lambda: [Crash])
    return module


@pytest.mark.parametrize("kind", ["raise", "exit", "kill"])
def test_a_crash_loses_no_other_file_and_names_the_file(corpus, kind):
    plugins = load_plugins([crashing_plugin(kind)])
    messages = []
    options = Options(use_config=False)
    serial = lint([str(corpus / "reports")], options, plugins=load_plugins(), warn=lambda m: None)
    result = lint([str(corpus / "reports")], Options(use_config=False, jobs=2), plugins=plugins, warn=messages.append)
    assert result.exit_code == 2 and len(messages) == 1 and "0003" in messages[0]
    assert "Traceback" not in messages[0]
    lost = 0 if kind == "raise" else 1  # a killed worker's file has no result; a raising rule's has the others'
    assert len(result.files) == len(serial.files) - lost
    expected = [r for r in serial.files if lost == 0 or "0003" not in r.path]
    assert own_findings(result.files, plugins) == own_findings(expected, plugins)


def own_findings(results, plugins):
    """Per file, the findings of the rules that read one file at a time
    (those over report sets compare the files of the run with each other)."""
    sets = {rule.code for rule in plugins.rules if rule.plugin == "crossreport"}
    return [(r.path, [f for f in r.findings if f.code not in sets]) for r in results]


def test_run_keeps_order_and_isolates_a_dying_task():
    def work(i):
        if i == 5:
            os._exit(1)
        return i * i

    results = parallel.run(20, work, 2, crashed=lambda i: -1)
    assert results == [-1 if i == 5 else i * i for i in range(20)]


def test_the_command_line_prints_no_traceback_when_a_worker_dies(corpus, tmp_path):
    plugin = tmp_path / "rules"
    plugin.mkdir()
    (plugin / "die.py").write_text(
        "import os\nfrom govlint import Rule, Severity\n"
        "class Die(Rule):\n    '''Dies on one file.'''\n    code = 'X902'\n    name = 'die-on-one-file'\n"
        "    severity = Severity.INFO\n"
        "    def check(self, doc):\n        if '0004' in doc.path:\n            os._exit(9)\n        return ()\n",
        encoding="utf-8")
    result = check(corpus, "--jobs", "2", "--rule-path", str(plugin), "reports")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "0004" in result.stderr and len(json.loads(result.stdout)) > 0


# -- the cache -----------------------------------------------------------------

def entries(root: Path) -> list[Path]:
    return sorted((root / DIRECTORY / SUBDIRECTORY).rglob("*.json"))


def test_cached_findings_are_the_fresh_findings(corpus, tmp_path):
    fresh = check(corpus, "--no-cache", ".", cache=True)
    assert not (corpus / DIRECTORY).exists()
    first = check(corpus, ".", cache=True)
    stored = entries(corpus)
    assert len(stored) == 17
    second = check(corpus, ".", cache=True)
    assert fresh.stdout == first.stdout == second.stdout and fresh.returncode == second.returncode == 1
    assert entries(corpus) == stored  # nothing new: every file came from the cache
    assert (corpus / DIRECTORY / "CACHEDIR.TAG").exists() and (corpus / DIRECTORY / ".gitignore").exists()


def test_files_from_the_cache_are_taken_before_any_worker_pool_starts(tmp_path, monkeypatch):
    reports = generate_corpus(tmp_path / "reports", 10, seed=3)
    options = Options(cache=True, config=str(tmp_path / "govlint.toml"))
    (tmp_path / "govlint.toml").write_text("", encoding="utf-8")
    fresh = lint([str(tmp_path / "reports")], options)
    reports[0].write_text(reports[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    runs = []
    real = parallel.run

    def recording(count, work, jobs, **more):
        runs.append((count, jobs))
        return real(count, work, jobs, **more)

    monkeypatch.setattr(parallel, "run", recording)
    again = lint([str(tmp_path / "reports")], options)
    # nine files from the cache; the changed one alone, in this process (fewer than PARALLEL_MIN_FILES)
    assert runs == [(1, 1)]
    assert [f.findings for f in again.files][1:] == [f.findings for f in fresh.files][1:]


def test_a_corrupt_cache_is_never_believed(corpus):
    fresh = check(corpus, "--no-cache", ".", cache=True)
    check(corpus, ".", cache=True)
    for i, entry in enumerate(entries(corpus)):
        if i % 3 == 0:
            entry.write_bytes(b"\x00garbage")
        elif i % 3 == 1:
            entry.write_text(json.dumps({"key": "another", "findings": [], "info": None}), encoding="utf-8")
        else:
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["findings"] = [{"line": "x"}]
            entry.write_text(json.dumps(data), encoding="utf-8")
    again = check(corpus, ".", cache=True)
    assert again.stdout == fresh.stdout and "Traceback" not in again.stderr


def test_a_changed_file_or_configuration_is_never_served_stale(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((SEEDS / "004_94358fe22916de47.txt").read_bytes())
    before = json.loads(check(tmp_path, "r.txt", cache=True).stdout)
    assert any(f["code"] == "S004" for f in before)
    (tmp_path / "govlint.toml").write_text('ignore = ["S004"]\n', encoding="utf-8")
    ignored = json.loads(check(tmp_path, "r.txt", cache=True).stdout)
    assert ignored == [f for f in before if f["code"] != "S004"]
    report.write_text(report.read_text(encoding="utf-8").replace("提起现在诉讼", "提起行政诉讼"), encoding="utf-8")
    edited = json.loads(check(tmp_path, "r.txt", cache=True).stdout)
    assert not any(f["code"] == "S005" for f in edited) and any(f["code"] == "S005" for f in ignored)
    assert json.loads(check(tmp_path, "--select", "S005", "r.txt", cache=True).stdout) == []


def test_the_cache_lives_at_the_project_root_never_in_the_linted_folder(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "reports"
    (project / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    check(project / "sub", str(elsewhere), cache=True)  # no configuration: the current directory
    assert (project / "sub" / DIRECTORY).is_dir() and not (elsewhere / DIRECTORY).exists()
    (project / "govlint.toml").write_text("", encoding="utf-8")
    check(project / "sub", str(elsewhere), cache=True)  # the configuration's directory
    assert (project / DIRECTORY).is_dir() and not (elsewhere / DIRECTORY).exists()


def test_an_unusable_cache_directory_only_slows_the_run(tmp_path):
    (tmp_path / DIRECTORY).write_text("not a directory", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes((SEEDS / "000_b08920702986320c.txt").read_bytes())
    fresh = check(tmp_path, "--no-cache", "r.txt")
    result = check(tmp_path, "r.txt", cache=True)
    assert (result.returncode, result.stdout, result.stderr) == (fresh.returncode, fresh.stdout, "")


def test_concurrent_runs_share_the_cache(corpus):
    fresh = check(corpus, "--no-cache", ".", cache=True).stdout
    env = {k: v for k, v in os.environ.items() if k != "GOVLINT_NO_CACHE"}
    runs = [subprocess.Popen([sys.executable, "-m", "govlint", "check", "--format", "json", "--jobs", "2", "."],
                             cwd=corpus, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert out.decode("utf-8") == fresh and not err


def test_one_report_starts_the_report_set_phase_only_when_its_prose_states_changes(tmp_path):
    """Checked or taken from the cache, one report without a change against
    last year in its prose never imports the cross-report machinery; one
    with such a change does (C017 may need it), also from the cache."""
    seed = (SEEDS / "000_b08920702986320c.txt").read_text(encoding="utf-8")
    at = seed.index("二、")
    (tmp_path / "plain.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "changes.txt").write_text(seed[:at] + "全年共收到政府信息公开申请12件，同比增加2件。\n" + seed[at:],
                                          encoding="utf-8")
    (tmp_path / "govlint.toml").write_text("", encoding="utf-8")
    code = ("import sys\nfrom govlint.cli import main\ntry:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n"
            "    pass\nprint('govlint.repository.history' in sys.modules)\n")
    env = {k: v for k, v in os.environ.items() if k != "GOVLINT_NO_CACHE"}
    seen = {}
    for name in ("plain.txt", "changes.txt"):
        for attempt in ("checked", "cached"):
            run = subprocess.run([sys.executable, "-c", code, name], cwd=tmp_path, env=env, capture_output=True,
                                 text=True, encoding="utf-8", timeout=300)
            seen[name, attempt] = run.stdout.splitlines()[-1]
    assert len(entries(tmp_path)) == 2
    assert seen == {("plain.txt", "checked"): "False", ("plain.txt", "cached"): "False",
                    ("changes.txt", "checked"): "True", ("changes.txt", "cached"): "True"}


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (7, 2), (1000, 2), (3000, 8), (130, 3)])
def test_chunks_cover_every_index_once_in_order_and_shrink_towards_the_end(count, jobs):
    from govlint.run.parallel import MAX_CHUNK, MIN_CHUNK, guided_chunks

    chunks = guided_chunks(count, jobs)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) <= MAX_CHUNK and min(sizes[:-1], default=MIN_CHUNK) >= MIN_CHUNK
    if count >= 1000:  # the last chunks are small: no worker waits long for the others
        assert sizes[-1] <= MIN_CHUNK and len(chunks) < count // 10
