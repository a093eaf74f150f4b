"""Plugin loading: built-ins through entry points, broken plugins reported
and skipped, duplicates resolved first-come."""

from __future__ import annotations

import types
from importlib.metadata import EntryPoint

from govlint import hookimpl
from govlint.read import Reader
from govlint.run import plugins as plugins_module
from govlint.run.plugins import load_plugins


def plugin_module(name, rules=(), defaults=None, fail=False):
    module = types.ModuleType(name)

    @hookimpl
    def govlint_rules():
        if fail:
            raise RuntimeError("hook broke")
        return list(rules)

    module.govlint_rules = govlint_rules
    if defaults is not None:
        module.govlint_default_config = hookimpl(lambda: defaults)
    return module


def test_builtin_plugins_load_cleanly():
    plugins = load_plugins()
    assert plugins.warnings == []
    assert {r.plugin for r in plugins.rules} >= {"input", "structure"}
    assert {".txt", ".md"} <= plugins.extensions
    assert plugins.rule_by_code("E003").name == "empty-file"
    assert plugins.rule_by_code("e003").code == "E003"
    assert plugins.rule_by_name("empty-file").code == "E003"
    assert plugins.find_rule("empty-file") is plugins.find_rule("E003")
    assert plugins.find_rule("X999") is None


def test_a_plugin_that_fails_to_import_is_reported_and_skipped(monkeypatch):
    real = plugins_module.entry_points

    def with_broken(group):
        return [*real(group=group), EntryPoint("broken", "no_such_module_for_govlint", group)]

    monkeypatch.setattr(plugins_module, "entry_points", with_broken)
    plugins = load_plugins()
    assert plugins.warnings == [
        "插件 broken 加载失败：ModuleNotFoundError: No module named 'no_such_module_for_govlint'"
    ]
    assert plugins.rule_by_code("E003") is not None


def test_invalid_rules_are_skipped_and_the_valid_ones_kept(make_rule):
    good = make_rule("X001", "good-rule")
    bad_code = make_rule("X1", "bad-code")
    bad_name = make_rule("X003", "Bad_Name")
    plugins = load_plugins([plugin_module("xplugin", [bad_code, good, bad_name, "not a rule"])])
    assert plugins.rule_by_code("X001") is good and good.plugin == "xplugin"
    assert plugins.rule_by_name("bad-code") is None and plugins.rule_by_code("X003") is None
    assert len(plugins.warnings) == 3
    assert plugins.warnings[0].startswith("插件 xplugin 的规则 RuleX1 无效，已忽略：RuleX1: code 'X1'")
    assert plugins.warnings[1].startswith("插件 xplugin 的规则 RuleX003 无效，已忽略：RuleX003: name 'Bad_Name'")
    assert plugins.warnings[2] == "插件 xplugin 提供的 'not a rule' 不是 Rule 的子类，已忽略"


def test_duplicate_code_or_name_keeps_the_first(make_rule):
    first = make_rule("X001", "first-rule")
    same_code = make_rule("X001", "other-name")
    same_name = make_rule("X002", "first-rule")
    builtin_clash = make_rule("E003", "my-empty")
    plugins = load_plugins([plugin_module("one", [first]), plugin_module("two", [same_code, same_name, builtin_clash])])
    assert plugins.rule_by_code("X001") is first
    assert plugins.rule_by_code("X002") is None and plugins.rule_by_code("E003").plugin == "input"
    assert plugins.warnings == [
        "插件 two 的规则 X001（other-name）与插件 one 的规则 X001（first-rule）代码或名称重复，已忽略",
        "插件 two 的规则 X002（first-rule）与插件 one 的规则 X001（first-rule）代码或名称重复，已忽略",
        "插件 two 的规则 E003（my-empty）与插件 input 的规则 E003（empty-file）代码或名称重复，已忽略",
    ]


def test_a_crashing_hook_is_reported():
    plugins = load_plugins([plugin_module("crashy", fail=True)])
    assert plugins.warnings == ["插件 crashy 的 govlint_rules 出错：RuntimeError: hook broke"]


def test_default_configuration_is_collected_first_plugin_wins():
    plugins = load_plugins([plugin_module("a", defaults={"deadline": "01-31"}),
                            plugin_module("b", defaults={"deadline": "02-28", "other": 1})])
    assert plugins.defaults["deadline"] == "01-31" and plugins.defaults["other"] == 1


def test_extra_modules_by_name():
    plugins = load_plugins(["govlint.rules.input", "no_such_module_either"])
    # the built-in module is already registered through its entry point
    assert plugins.warnings[0].startswith("插件 govlint.rules.input 加载失败：ValueError")
    assert plugins.warnings[1] == ("插件 no_such_module_either 加载失败："
                                   "ModuleNotFoundError: No module named 'no_such_module_either'")


def test_a_hook_returning_the_wrong_type_is_reported(make_rule):
    module = types.ModuleType("wrongtype")
    module.govlint_rules = hookimpl(lambda: make_rule("X001", "not-in-a-list"))
    plugins = load_plugins([module])
    assert plugins.warnings == ["插件 wrongtype 的 govlint_rules 出错：TypeError: 'type' object is not iterable"]
    assert plugins.rule_by_code("X001") is None


def test_readers_claiming_a_taken_extension_are_skipped():
    module = types.ModuleType("readers2")
    module.govlint_readers = hookimpl(lambda: [Reader("mine", (".txt", ".foo"), "x:y"), Reader("bar", (".bar",), "x:z"),
                                               "not a reader"])
    plugins = load_plugins([module])
    assert plugins.warnings == ["插件 readers2 的读取器 mine 的扩展名 .txt 已被占用，已忽略",
                                "插件 readers2 提供的 'not a reader' 不是 Reader，已忽略"]
    assert ".bar" in plugins.extensions and ".foo" not in plugins.extensions
