"""The example plugin (examples/govlint-plugin-example) installed into a
fresh virtual environment: its rule is listed by ``govlint rules``, fires
through ``govlint check``, and its own tests (written with govlint.testing)
pass there.  The environment sees govlint and its dependencies through a
``.pth`` file that adds this interpreter's site directories (those of a
virtual environment too, and editable installs with them), and builds the
plugin offline."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "govlint-plugin-example"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of the new environment, a copy of the example project)."""
    root = tmp_path_factory.mktemp("plugin")
    project = root / "example"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # this environment's site directories, processed as site directories (their own .pth files too)
    outer = [p for p in site.getsitepackages() + [site.getusersitepackages()] if Path(p).is_dir()]
    (Path(purelib) / "govlint-test-outer.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in outer), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", str(project)],
                   check=True, capture_output=True, text=True, timeout=300)
    return python, project


def govlint(python, *args, cwd):
    return subprocess.run([str(python), "-m", "govlint", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_rule_is_listed_with_its_plugin(installed):
    python, project = installed
    result = govlint(python, "rules", cwd=project)
    assert result.stderr == ""
    [line] = [line for line in result.stdout.splitlines() if line.startswith("L001")]
    assert line.split()[1:4] == ["rectification-missing", "warning", "example"]


def test_the_rule_fires_on_the_fixture(installed):
    python, project = installed
    result = govlint(python, "check", "--select", "L001", "tests/fixtures/2023-no-rectification.txt", cwd=project)
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "tests/fixtures/2023-no-rectification.txt:11:1: L001 warning 第五部分没有说明上年度问题的整改情况")
    assert result.returncode == 0  # a warning: below the default fail level


def test_the_plugin_is_not_in_this_environment(run_govlint):
    assert "L001" not in run_govlint("rules").stdout


def test_the_example_tests_pass_in_its_environment(installed):
    python, project = installed
    result = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout
