"""Configuration: rule references, discovery walking up, validation
messages, selection layering, severity overrides, per-file ignores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govlint.model import Severity
from govlint.run.config import Config, ConfigError, ConfigFinder, build_settings, parse_config, read_config, resolve_ref


@pytest.fixture
def rules(make_rule):
    return [
        make_rule("S001", "section-missing", Severity.ERROR),
        make_rule("S002", "section-order"),
        make_rule("S010", "heading-numbering"),
        make_rule("A001", "row-sum", Severity.ERROR),
        make_rule("E003", "empty-file", Severity.ERROR),
    ]


def enabled(rules, config=None, command_line=None):
    return sorted(build_settings(rules, config, command_line).enabled)


# Rule references ------------------------------------------------------------

@pytest.mark.parametrize("ref,expected", [
    ("ALL", {"S001", "S002", "S010", "A001", "E003"}),
    ("S", {"S001", "S002", "S010"}),
    ("S00", {"S001", "S002"}),
    ("S001", {"S001"}),
    ("s001", {"S001"}),
    ("heading-numbering", {"S010"}),
])
def test_resolve_ref(rules, ref, expected):
    assert resolve_ref(ref, rules)[1] == expected


@pytest.mark.parametrize("ref", ["X999", "X", "S9", "S0011", "all", "no-such-rule", ""])
def test_unknown_refs_resolve_to_none(rules, ref):
    assert resolve_ref(ref, rules) is None


def test_specificity_orders_all_prefixes_and_exact(rules):
    assert [resolve_ref(r, rules)[0] for r in ("ALL", "S", "S00", "S001")] == sorted(
        resolve_ref(r, rules)[0] for r in ("ALL", "S", "S00", "S001"))
    assert resolve_ref("S001", rules)[0] == resolve_ref("section-missing", rules)[0]


# Reading and validation --------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path, rules) -> str:
    with pytest.raises(ConfigError) as info:
        read_config(path, rules)
    return str(info.value)


def test_all_keys_are_read(workdir, rules):
    path = write(workdir / "govlint.toml", """
select = ["S", "A001"]
extend-select = ["E"]
ignore = ["heading-numbering"]
fail-level = "warning"
[per-file-ignores]
"old/*.txt" = ["S00"]
[severity]
S001 = "info"
""")
    config = read_config(path, rules)
    assert config == Config(path=str(path), select=("S", "A001"), extend_select=("E",), ignore=("heading-numbering",),
                            per_file_ignores=(("old/*.txt", ("S00",)),), severity=(("S001", Severity.INFO),),
                            fail_level=Severity.WARNING, values={})


def test_unknown_rule_in_select_names_file_key_and_reference(workdir, rules):
    path = write(workdir / "govlint.toml", 'select = ["S", "X999"]\n')
    assert error_of(path, rules) == "govlint.toml: select 中的 'X999' 不是已知的规则代码、前缀或名称"


@pytest.mark.parametrize("text,key", [
    ('ignore = ["nope"]', "ignore"),
    ('extend-select = ["Q"]', "extend-select"),
    ('[severity]\nX001 = "info"', "severity"),
    ('[per-file-ignores]\n"*.md" = ["Z1"]', 'per-file-ignores."*.md"'),
])
def test_unknown_rule_anywhere_is_an_error(workdir, rules, text, key):
    path = write(workdir / "sub" / ".govlint.toml", text)
    assert error_of(path, rules).startswith(f"sub/.govlint.toml: {key} 中的 '")


def test_invalid_toml_names_file_and_line(workdir, rules):
    path = write(workdir / "govlint.toml", 'select = ["S"]\nignore = [S001]\n')
    message = error_of(path, rules)
    assert message.startswith("govlint.toml:2: TOML 语法错误：")


def test_pyproject_errors_name_pyproject(workdir, rules):
    path = write(workdir / "pyproject.toml", '[tool.govlint]\nselect = ["X999"]\n')
    assert error_of(path, rules) == "pyproject.toml: select 中的 'X999' 不是已知的规则代码、前缀或名称"


@pytest.mark.parametrize("text,message", [
    ('selct = ["S"]', "govlint.toml: 未知的配置项 'selct'"),
    ('select = "S"', "govlint.toml: select 应为字符串列表"),
    ('fail-level = "fatal"', "govlint.toml: fail-level：未知的严重级别 'fatal'"),
    ('[severity]\nS001 = "loud"', "govlint.toml: severity.S001：未知的严重级别 'loud'"),
    ('per-file-ignores = ["S"]', "govlint.toml: per-file-ignores 应为表（table）"),
])
def test_malformed_values(workdir, rules, text, message):
    assert error_of(write(workdir / "govlint.toml", text + "\n"), rules).startswith(message)


def test_keys_declared_by_plugin_defaults_are_accepted_and_merged(rules):
    config = parse_config({"deadline": {"street": "02-01"}}, Path("/x/govlint.toml"), rules, ["deadline"])
    settings = build_settings(rules, config, defaults={"deadline": {"street": "01-31"}, "other": 1})
    assert settings.values == {"deadline": {"street": "02-01"}, "other": 1}


def test_pyproject_without_tool_govlint_is_not_a_config(workdir, rules):
    assert read_config(write(workdir / "pyproject.toml", "[project]\nname = 'x'\n"), rules) is None


# Discovery -------------------------------------------------------------------

def test_discovery_walks_up_and_nearest_wins_without_merging(workdir, rules):
    write(workdir / "govlint.toml", 'select = ["A"]\n')
    write(workdir / "a" / "pyproject.toml", '[tool.govlint]\nignore = ["S002"]\n')
    write(workdir / "a" / "b" / "pyproject.toml", "[project]\nname = 'unrelated'\n")
    finder = ConfigFinder(rules)
    top = finder.for_file(workdir / "report.txt")
    deep = finder.for_file(workdir / "a" / "b" / "c" / "report.txt")
    assert top.path == str(workdir / "govlint.toml")
    assert deep.path == str(workdir / "a" / "pyproject.toml")
    # not merged: the nearer file has no select, so every rule but S002 runs
    assert enabled(rules, deep) == ["A001", "E003", "S001", "S010"]
    assert enabled(rules, top) == ["A001"]


def test_in_one_directory_dot_file_then_govlint_toml_then_pyproject(workdir, rules):
    write(workdir / "pyproject.toml", '[tool.govlint]\nselect = ["S001"]\n')
    finder = lambda: os.path.basename(ConfigFinder(rules).for_file("report.txt").path)  # noqa: E731
    assert finder() == "pyproject.toml"
    write(workdir / "govlint.toml", 'select = ["S002"]\n')
    assert finder() == "govlint.toml"
    write(workdir / ".govlint.toml", 'select = ["S010"]\n')
    assert finder() == ".govlint.toml"


def test_discovery_is_cached_per_directory(workdir, rules):
    write(workdir / "govlint.toml", 'select = ["A"]\n')
    finder = ConfigFinder(rules)
    first = finder.for_file(workdir / "x" / "one.txt")
    (workdir / "govlint.toml").unlink()
    assert finder.for_file(workdir / "x" / "two.txt") is first
    assert finder.for_file(workdir / "three.txt") is first


def test_no_configuration_anywhere(workdir, rules):
    assert ConfigFinder(rules).for_file(workdir / "r.txt") is None
    assert enabled(rules) == ["A001", "E003", "S001", "S002", "S010"]


# Selection -----------------------------------------------------------------------

def test_select_by_prefix_and_by_name(rules):
    assert enabled(rules, Config(select=("S00", "row-sum"))) == ["A001", "S001", "S002"]


def test_more_specific_reference_wins_and_ignore_wins_ties(rules):
    assert enabled(rules, Config(ignore=("S",), extend_select=("S002",))) == ["A001", "E003", "S002"]
    assert enabled(rules, Config(select=("S",), ignore=("S002",))) == ["S001", "S010"]
    assert enabled(rules, Config(select=("S002",), ignore=("section-order",))) == []


def test_command_line_layers_over_the_file(rules):
    file = Config(select=("S",), ignore=("S002",))
    assert enabled(rules, file, Config(extend_select=("A",))) == ["A001", "S001", "S010"]
    assert enabled(rules, file, Config(ignore=("S001",))) == ["S010"]
    # a command-line select starts afresh: the file's ignore no longer applies
    assert enabled(rules, file, Config(select=("S002",))) == ["S002"]


def test_severity_override_most_specific_wins(rules):
    config = Config(severity=(("S", Severity.INFO), ("section-missing", Severity.WARNING)))
    assert build_settings(rules, config).severities == {
        "S001": Severity.WARNING, "S002": Severity.INFO, "S010": Severity.INFO}


def test_fail_level_command_line_over_file_over_default(rules):
    assert build_settings(rules).fail_level is Severity.ERROR
    file = Config(fail_level=Severity.WARNING)
    assert build_settings(rules, file).fail_level is Severity.WARNING
    assert build_settings(rules, file, Config(fail_level=Severity.INFO)).fail_level is Severity.INFO


def test_per_file_ignores_are_relative_to_the_config_directory(workdir, rules):
    path = write(workdir / "cfg" / "govlint.toml", """
[per-file-ignores]
"old/*.txt" = ["S00"]
"*.md" = ["heading-numbering"]
"draft.txt" = ["A"]
""")
    settings = build_settings(rules, read_config(path, rules))
    assert settings.ignored_for("cfg/old/2019.txt") == {"S001", "S002"}
    assert settings.ignored_for("old/2019.txt") == frozenset()  # not under cfg/old
    assert settings.ignored_for("cfg/deep/dir/report.md") == {"S010"}
    assert settings.ignored_for(str(workdir / "cfg" / "x" / "draft.txt")) == {"A001"}
