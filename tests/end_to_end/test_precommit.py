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
import re
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


def test_the_hook_environment_runs_govlint_from_bytecode(project: Path, precommit_cache: Path):
    """pip compiles the package when pre-commit installs it (README,
    Performance): no hook run pays for compiling govlint's modules."""
    assert pre_commit(project, precommit_cache, "clean.txt").returncode == 0
    home = precommit_cache / "home"
    records = list(home.glob("repo*/py_env-*/lib/python*/site-packages/govlint-*.dist-info/RECORD"))
    assert records
    for record in records:
        installed = record.read_text(encoding="utf-8")
        assert re.search(r"^govlint/__pycache__/cli\.cpython-\d+\.pyc,", installed, re.MULTILINE)
        assert re.search(r"^govlint/rules/tables/__pycache__/blank_cell\.cpython-\d+\.pyc,", installed, re.MULTILINE)


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
                     ["reports/2024.txt:46:36:", "A010"], ["reports/2024.txt:82:1:", "S009"]]
    assert "reports/2023.txt 的“四、结转下年度继续办理”行“自然人”列 18" in run.stdout


def test_hook_ignores_files_it_does_not_handle(project: Path, precommit_cache: Path):
    (project / "notes.py").write_text("print('not a report')\n", encoding="utf-8")
    skipped = pre_commit(project, precommit_cache, "notes.py")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "no files to check" in skipped.stdout


def test_hook_file_pattern_is_case_insensitive():

    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"], hook["verbose"]) == (
        "govlint", "govlint check --force-exclude", "python", True, True)
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.txt", "B.MD", "c.Markdown", "d.docx", "e.htm", "f.HTML",
                                                  "g.pdf", "h.doc", "i.WPS", "j.rtf", "k.odt", "l.ofd"))
    assert not any(pattern.search(name) for name in ("a.py", "b.txt.bak", "c.docm"))


def readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` the README gives, verbatim."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## pre-commit", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def tagged_release(hook_repo: tuple[Path, str]) -> str:
    """Tag the snapshot as a release is tagged (``v`` + the version); the tag."""
    import tomllib

    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    path, _ = hook_repo
    git("tag", "-f", f"v{version}", cwd=path, env=FIXED_IDENTITY)
    return f"v{version}"


@pytest.fixture
def repository_of_reports(tmp_path: Path, hook_repo: tuple[Path, str], minimal_report: str) -> Path:
    """A 政务公开办's repository: reports, a README, notes, a changelog,
    and the README's .pre-commit-config.yaml verbatim (only the URL of
    this repository replaced by its local snapshot)."""
    path, _ = hook_repo
    tag = tagged_release(hook_repo)
    snippet = readme_snippet()
    assert f"rev: {tag}" in snippet
    url = re.search(r"repo: (\S+)", snippet).group(1)
    (tmp_path / ".pre-commit-config.yaml").write_text(snippet.replace(url, path.as_posix()), encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2023.txt").write_text(minimal_report, encoding="utf-8")
    (tmp_path / "reports" / "2022.txt").write_text(minimal_report.replace("2023", "2022").replace(
        "二、主动公开政府信息情况", "二、主动公开政府信息的情况"), encoding="utf-8")
    (tmp_path / "README.md").write_text("# 本单位年报\n\n历年年报存放在 reports/。\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("待办：核对表三\n", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("", encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('select = ["E", "S"]\n', encoding="utf-8")
    git("init", "-q", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def pre_commit_all(project: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", env=precommit_env(cache), timeout=1800)


def test_the_readme_snippet_works_verbatim_and_leaves_the_readme_alone(repository_of_reports: Path,
                                                                       precommit_cache: Path):
    run = pre_commit_all(repository_of_reports, precommit_cache)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout
    # verbose: the warning below the fail level and the summary are shown although the hook passed
    assert "reports/2022.txt:5:1: S004 warning" in run.stdout
    assert "共检查 2 个文件，发现" in run.stdout
    for name in ("README.md", "notes.txt", "CHANGELOG.md", "reports/2023.txt:"):
        assert name not in run.stdout, name


def test_the_readme_files_and_exclude_example(repository_of_reports: Path, precommit_cache: Path):
    """The README's ``files:``/``exclude:``/``args:`` example restricts the hook."""
    text = (REPO / "README.md").read_text(encoding="utf-8").split("## pre-commit", 1)[1]
    example = text.split("```yaml\n", 2)[2].split("```", 1)[0]
    assert "files: ^reports/" in example and "exclude:" in example
    config = repository_of_reports / ".pre-commit-config.yaml"
    hooks = config.read_text(encoding="utf-8").split("      - id: govlint\n")[0]
    config.write_text(hooks + example, encoding="utf-8")
    (repository_of_reports / "reports" / "drafts").mkdir()
    (repository_of_reports / "reports" / "drafts" / "draft.txt").write_bytes(b"")
    (repository_of_reports / "other.txt").write_bytes(b"")
    git("add", "-A", cwd=repository_of_reports)
    run = pre_commit_all(repository_of_reports, precommit_cache)
    assert run.returncode == 1, run.stdout + run.stderr  # --fail-level warning: the S004 warning fails
    assert "reports/2022.txt:5:1: S004 warning" in run.stdout
    assert "draft.txt" not in run.stdout and "other.txt" not in run.stdout
