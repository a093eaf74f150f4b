"""The README says what really happens (issue 16, item 1): its sample
output is the current output of the command it shows, its `govlint
extract` example is real, the commands and options it names exist, and
the package it tells users to install (from a path or a wheel) holds the
documentation and schemas the commands print.

When a rule's message changes, regenerate the sample with
``python tests/end_to_end/test_readme.py`` (it rewrites the block)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SAMPLE_COMMAND = re.compile(r"```sh\n(govlint check [^\n]+)\n```\n\n```text\n(.*?)\n```", re.DOTALL)


def sample() -> tuple[str, str]:
    """The first ``govlint check`` of the README and the output shown under it."""
    found = SAMPLE_COMMAND.search(README.read_text("utf-8"))
    assert found, "README: no govlint check sample"
    return found.group(1), found.group(2)


def run_in_root(run_govlint, monkeypatch, command: str):
    monkeypatch.chdir(ROOT)
    return run_govlint(*command.split()[1:])


def test_the_sample_output_is_the_real_output(run_govlint, monkeypatch):
    command, shown = sample()
    result = run_in_root(run_govlint, monkeypatch, command)
    assert result.stdout.rstrip("\n") == shown, (
        "README's sample output is stale: run `python tests/end_to_end/test_readme.py` to regenerate it")
    assert result.exit_code == (1 if " error " in shown else 0)


def test_the_extract_example_is_real(run_govlint, monkeypatch):
    text = README.read_text("utf-8")
    section = text.split("## Table data: `govlint extract`", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"`(govlint extract fixtures/[^`]+)`", section).group(1)
    header, row = re.search(r"```text\n(path,[^\n]+)\n([^\n]+)\n```", section).groups()
    output = run_in_root(run_govlint, monkeypatch, command).stdout.lstrip("\ufeff").splitlines()
    assert output[0] == header and row in output


def test_every_command_and_option_the_readme_names_exists(run_govlint):
    text = README.read_text("utf-8")
    commands = set(re.findall(r"`govlint (check|report|rules|explain|parse|extract|keys|schema)\b", text))
    assert commands == {"check", "report", "rules", "explain", "parse", "extract", "keys", "schema"}
    helps = {name: run_govlint(name, "--help").stdout for name in commands}
    table = text.split("| command | what it does |", 1)[1].split("\n\n", 1)[0]
    for line in table.splitlines()[2:]:
        name = re.match(r"\| `govlint (\w+)", line).group(1)
        for option in re.findall(r"`(--[a-z-]+)", line):
            assert option in helps[name], (name, option)


def test_the_install_lines_are_there():
    text = README.read_text("utf-8")
    assert "pipx install /path/to/govlint" in text and "python3 -m pip install /path/to/govlint" in text
    develop = text.split("## Develop and test", 1)[1].split("\n## ", 1)[0]
    assert "```sh\npython3 -m pip install -e '.[test]'\npython3 -m pytest\n```" in develop
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "python3 -m pip install -e '.[test]'" in ci and "python3 -m pytest" in ci
    assert "libreoffice-writer-nogui" in ci


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel a user would be handed, built offline from this tree."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "govlint"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file() and not name.startswith(("fixtures/", "tests/", "bench/")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(out), str(source)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "PIP_NO_INPUT": "1"})
    [built] = out.glob("govlint-*.whl")
    return built


def test_the_wheel_holds_the_shipped_documentation(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("govlint/docs/DOMAIN.md", "govlint/docs/govlint.schema.json", "govlint/docs/govlint-rules.schema.json",
                 "govlint/recognise/templates/keys.md", "govlint/read/formats/office.py",
                 "govlint/output/extract.py", "govlint/data/template-2021.toml"):
        assert name in names, name
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: pathspec" in text
    entry_points = zipfile.ZipFile(wheel).read(metadata.replace("METADATA", "entry_points.txt")).decode()
    assert "govlint = govlint.__main__:run" in entry_points


def regenerate() -> None:
    """Rewrite the README's sample output with the current output."""
    command, shown = sample()
    run = subprocess.run([sys.executable, "-m", "govlint", *command.split()[1:], "--no-cache"], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)
    text = README.read_text("utf-8")
    README.write_text(text.replace(f"```text\n{shown}\n```", f"```text\n{run.stdout.rstrip()}\n```", 1), "utf-8")
    print(f"README sample regenerated from `{command}`")


if __name__ == "__main__":
    regenerate()
