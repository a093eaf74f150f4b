"""The pre-commit hook (.pre-commit-hooks.yaml) works as another repository
would use it: pre-commit installs govlint from this repository into its own
environment and runs ``govlint check`` on the staged report files.

``pre-commit try-repo`` always installs into a fresh temporary store (it
ignores ``PRE_COMMIT_HOME``), which means a new virtualenv and a download of
every dependency on each run.  So the test does what try-repo does
internally, with a persistent store: it commits a snapshot of this
repository's working tree (tracked and untracked, not ignored) with a fixed
author and date — the same content gives the same commit — and points a
``.pre-commit-config.yaml`` at it, with ``PRE_COMMIT_HOME`` in the pytest
cache.  The first run installs; later runs with unchanged sources reuse the
environment (``pre-commit gc`` at the end drops stale ones).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXED_IDENTITY = {
    "GIT_AUTHOR_NAME": "govlint tests", "GIT_AUTHOR_EMAIL": "tests@govlint.invalid",
    "GIT_COMMITTER_NAME": "govlint tests", "GIT_COMMITTER_EMAIL": "tests@govlint.invalid",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00+0000", "GIT_COMMITTER_DATE": "2000-01-01T00:00:00+0000",
}


def git(*args: str, cwd: Path, env: dict | None = None) -> str:
    run = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args], cwd=cwd,
                         capture_output=True, check=True, env={**os.environ, **(env or {})})
    return run.stdout.decode()


@pytest.fixture(scope="session")
def precommit_cache(request) -> Iterator[Path]:
    """The persistent directory; at the end of the session ``pre-commit gc``
    drops environments that no remaining test project uses."""
    cache = Path(request.config.cache.mkdir("govlint-pre-commit"))
    yield cache
    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], capture_output=True, env=precommit_env(cache))


def precommit_env(cache: Path) -> dict:
    return {**os.environ, "PRE_COMMIT_HOME": str(cache / "home"), "PRE_COMMIT_COLOR": "never"}


@pytest.fixture(scope="session")
def hook_repo(precommit_cache: Path) -> tuple[Path, str]:
    """``(path, commit)`` of the working-tree snapshot."""
    snapshot = precommit_cache / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    snapshot.mkdir()
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot, env=FIXED_IDENTITY)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot).strip()


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str], minimal_report: str) -> Path:
    """A repository using the hook, with one clean and one broken (empty)
    report; its govlint.toml selects the input rules only, so the result
    does not depend on the other rules."""
    (tmp_path / "clean.txt").write_text(minimal_report, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"")
    (tmp_path / "govlint.toml").write_text('select = ["E"]\n', encoding="utf-8")
    use_hook(tmp_path, hook_repo)
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def use_hook(project: Path, hook_repo: tuple[Path, str]) -> None:
    """Make ``project`` a git repository whose pre-commit runs the hook."""
    path, commit = hook_repo
    git("init", "-q", cwd=project)
    git("config", "user.name", "Tester", cwd=project)
    git("config", "user.email", "tester@example.invalid", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {path.as_posix()}\n  rev: {commit}\n  hooks:\n  - id: govlint\n", encoding="utf-8")


def pre_commit(project: Path, cache: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "govlint", "--files", *files],
                          cwd=project, capture_output=True, text=True, encoding="utf-8",
                          env=precommit_env(cache), timeout=1800)


def test_hook_passes_a_clean_report_and_fails_a_broken_one(project: Path, precommit_cache: Path):
    clean = pre_commit(project, precommit_cache, "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "govlint" in clean.stdout and "Passed" in clean.stdout

    broken = pre_commit(project, precommit_cache, "clean.txt", "broken.txt")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "broken.txt:1:1: E003 error 文件为空" in broken.stdout
    assert "clean.txt:" not in broken.stdout


def test_hook_checks_this_year_against_last_year_in_the_history(tmp_path: Path, hook_repo: tuple[Path, str],
                                                                precommit_cache: Path):
    """A repository of reports (fixtures/families/carry-over: govlint.toml
    with ``history = ["reports/"]``): last year's report is committed, this
    year's is staged and is the only file pre-commit passes; its 上年结转
    differs from last year's 结转下年度 in three columns, one finding each."""
    family = REPO / "fixtures" / "families" / "carry-over"
    shutil.copytree(family / "reports", tmp_path / "reports")
    shutil.copy(family / "govlint.toml", tmp_path / "govlint.toml")
    use_hook(tmp_path, hook_repo)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-q", "-m", "2023", "--", ".pre-commit-config.yaml", "govlint.toml", "reports/2023.txt", cwd=tmp_path)

    run = pre_commit(tmp_path, precommit_cache, "reports/2024.txt")
    assert run.returncode == 1, run.stdout + run.stderr
    found = [line.split(" ", 2)[:2] for line in run.stdout.splitlines() if line.startswith("reports/")]
    assert found == [["reports/2024.txt:46:18:", "A010"], ["reports/2024.txt:46:21:", "A010"],
                     ["reports/2024.txt:46:36:", "A010"]]
    assert "reports/2023.txt 的“四、结转下年度继续办理”行“自然人”列 18" in run.stdout


def test_hook_ignores_files_it_does_not_handle(project: Path, precommit_cache: Path):
    (project / "notes.py").write_text("print('not a report')\n", encoding="utf-8")
    skipped = pre_commit(project, precommit_cache, "notes.py")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "no files to check" in skipped.stdout


def test_hook_file_pattern_is_case_insensitive():
    import re

    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"], hook["verbose"]) == (
        "govlint", "govlint check --force-exclude", "python", True, True)
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.txt", "B.MD", "c.Markdown", "d.docx", "e.htm", "f.HTML",
                                                  "g.pdf", "h.doc", "i.WPS", "j.rtf", "k.odt", "l.ofd"))
    assert not any(pattern.search(name) for name in ("a.py", "b.txt.bak", "c.docm"))
