"""Golden test: the CLI on the five seed reports gives exactly the findings
recorded in fixtures/golden/seeds.expected, each checked by hand
against DOMAIN.md §7 (the comment after each line says why it is right)."""

import json
from pathlib import Path

from click.testing import CliRunner

from govlint.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"
SEEDS = FIXTURES / "seeds"
GOLDEN = FIXTURES / "golden"


def expected() -> list[tuple[str, int, int, str]]:
    rows = []
    for line in (GOLDEN / "seeds.expected").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            where, code = line.split()
            name, row, col = where.rsplit(":", 2)
            rows.append((name, int(row), int(col), code))
    return sorted(rows)


def test_seeds_give_the_hand_checked_findings(monkeypatch):
    monkeypatch.chdir(SEEDS)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", "."])
    assert result.exit_code == 1, result.stderr
    got = sorted((f["path"], f["line"], f["column"], f["code"]) for f in json.loads(result.stdout))
    assert got == expected()
