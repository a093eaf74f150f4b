"""The static table of the built-in rules matches the rule classes, and
loading the plugins imports no rule module until a rule runs."""

import subprocess
import sys

from govlint.rules.table import TABLE, entries
from govlint.run.plugins import load_plugins


def test_table_matches_the_rule_classes():
    assert TABLE == entries()


def test_stand_ins_pass_on_the_real_rule():
    rules = {r.code: r for r in load_plugins().rules}
    for code, name, severity, group, target, over_sets, alone in TABLE:
        stand_in = rules[code]
        real = stand_in.real()
        assert (stand_in.name, stand_in.severity.name, stand_in.over_report_sets, stand_in.alone) == (
            name, severity, over_sets, alone)
        assert stand_in.documentation() == real.documentation() != ""
        assert type(stand_in()) is real and real.plugin == stand_in.plugin == group


SCRIPT = """
import sys
from govlint.cli import main
sys.argv = ["govlint", "check", "--no-cache", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("govlint.rules.", "govlint.repository.")))
print(" ".join(loaded), file=sys.stderr)
"""


def test_one_file_imports_only_the_rules_it_runs(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("一、总体情况\n本机关2023年度政府信息公开工作。\n", encoding="utf-8")
    loaded = _loaded(tmp_path, "--select", "S001", str(report))
    assert "govlint.rules.structure.section_missing" in loaded
    assert not [m for m in loaded if m.startswith("govlint.repository.")]
    assert not [m for m in loaded if m.startswith("govlint.rules.crossreport.")]
    assert "govlint.rules.tables.t3_columns" not in loaded


def test_one_file_with_no_change_against_last_year_starts_no_report_set_phase(tmp_path):
    # every rule runs, C017 too: its lone-report hint needs a change against last year (同比增加3件)
    report = tmp_path / "report.txt"
    report.write_text("一、总体情况\n本机关2023年度收到政府信息公开申请5件。\n", encoding="utf-8")
    loaded = _loaded(tmp_path, str(report))
    assert "govlint.rules.consistency.contradictions" in loaded
    assert not [m for m in loaded if m.startswith("govlint.repository.")]
    assert not [m for m in loaded if m.startswith("govlint.rules.crossreport.")]


def _loaded(cwd, *args: str) -> list[str]:
    """The modules of the rules and of govlint.repository a check with ``args`` imported."""
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, cwd=cwd, check=True)
    return done.stderr.split()


LOAD = """
import sys
import govlint.cli
from govlint.run.plugins import load_plugins
before = set(sys.modules)
load_plugins()
print(" ".join(sorted(set(sys.modules) - before)))
"""


def test_loading_the_plugins_imports_only_the_table_and_the_groups_data(tmp_path):
    done = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, cwd=tmp_path, check=True)
    loaded = {m for m in done.stdout.split() if m.startswith("govlint.")}
    groups = {f"govlint.rules.{g}" for g in ("input", "structure", "tables", "arithmetic", "consistency",
                                              "metadata", "crossreport")}
    # the defaults the metadata and structure plugins contribute come from their data files
    assert loaded <= {"govlint.rules", "govlint.rules.table", *groups, "govlint.rules.metadata.defaults",
                      "govlint.rules.structure.content"}, loaded
