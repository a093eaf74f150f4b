"""Rule modules loaded from folders by file path (``--rule-path``,
``rule-paths``): private module names, hooks or bare Rule classes, broken
modules reported, and configuration-scoped rules."""

from __future__ import annotations

import sys
import textwrap

import pytest

from govlint.run.config import ConfigError
from govlint.run.engine import Options, lint
from govlint.run.localrules import plugins_for

PLACEHOLDER_RULE = '''
from govlint import Rule, Severity


class Placeholder(Rule):
    """报告中仍有占位符“XX街道”。

    What it does
    ------------
    查找占位符。

    Why
    ---
    模板未填完。

    Example
    -------
    XX街道2023年……

    References
    ----------
    本地要求。
    """

    code = "X001"
    name = "placeholder"
    severity = Severity.ERROR

    def check(self, doc):
        for p in doc.paragraphs:
            if "XX街道" in p.norm:
                yield self.report(p, "报告中仍有占位符“XX街道”")
'''


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def rule_dir(workdir):
    """local/json.py: a rule module named like a standard-library module."""
    write(workdir / "local" / "json.py", PLACEHOLDER_RULE)
    write(workdir / "local" / "_helper.py", "raise RuntimeError('modules starting with _ are not loaded')\n")
    write(workdir / "report.txt", "XX街道2023年政府信息公开工作年度报告\n\n一、总体情况\nXX街道认真贯彻。\n")
    return workdir / "local"


def test_rule_path_modules_load_under_private_names_without_shadowing(rule_dir):
    import json

    plugins = plugins_for(["report.txt"], Options(rule_paths=("local",)))
    rule = plugins.rule_by_code("X001")
    assert rule.plugin == "rule-path:local/json.py" and rule.origin is None
    assert rule.__module__.startswith("_govlint_rule_path_") and sys.modules["json"] is json
    assert plugins.warnings == []
    findings = lint(["report.txt"], Options(rule_paths=("local",), select=("X001",))).findings
    assert [(f.line, f.code) for f in findings] == [(1, "X001"), (4, "X001")]


def test_a_module_with_hooks_is_registered_as_a_plugin(workdir):
    write(workdir / "hooks" / "mine.py", PLACEHOLDER_RULE + '''

from govlint import hookimpl


@hookimpl
def govlint_rules():
    return [Placeholder]


@hookimpl
def govlint_default_config():
    return {"placeholder-words": ["XX街道"]}
''')
    plugins = plugins_for([], Options(rule_paths=("hooks",)))
    assert plugins.rule_by_code("X001").plugin == "rule-path:hooks/mine.py"
    assert plugins.defaults["placeholder-words"] == ["XX街道"]


def test_a_broken_module_is_reported_and_skipped(workdir):
    write(workdir / "broken" / "bad.py", "import no_such_module_for_govlint\n")
    plugins = plugins_for([], Options(rule_paths=("broken",)))
    assert plugins.warnings == ["插件 rule-path:broken/bad.py 加载失败：ModuleNotFoundError: "
                                "No module named 'no_such_module_for_govlint'"]
    assert plugins.rule_by_code("S001") is not None


def test_a_missing_rule_path_is_a_configuration_error(workdir):
    with pytest.raises(ConfigError, match="^找不到规则目录：nowhere$"):
        plugins_for([], Options(rule_paths=("nowhere",)))


def test_configured_rule_paths_apply_only_to_the_files_that_configuration_governs(rule_dir, workdir):
    write(workdir / "a" / "govlint.toml", 'rule-paths = ["../local"]\nselect = ["X"]\n')
    write(workdir / "b" / "govlint.toml", 'select = ["ALL"]\n')
    for unit in ("a", "b"):
        (workdir / unit / "r.txt").write_text("XX街道年度报告\n", encoding="utf-8")
    result = lint(["."])
    assert {(f.path, f.code) for f in result.findings if f.code == "X001"} == {("a/r.txt", "X001")}


def test_cli_rule_path_and_rules_listing(rule_dir, run_govlint):
    listed = run_govlint("rules", "--rule-path", "local")
    assert any(line.startswith("X001") and "rule-path:local/json.py" in line for line in listed.stdout.splitlines())
    checked = run_govlint("check", "--rule-path", "local", "--select", "X001", "report.txt")
    assert checked.exit_code == 1 and "report.txt:1:1: X001 error" in checked.stdout
    explained = run_govlint("explain", "--rule-path", "local", "placeholder")
    assert explained.stdout.startswith("X001 placeholder\n")
