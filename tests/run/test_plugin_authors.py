"""What plugin and rule authors rely on (issue 16, item 6): the results
cache sees a change to any file of an installed plugin distribution,
``GOVLINT_DEBUG=1`` shows the traceback of a rule that crashed, the
documentation that messages cite ships with the package (``govlint
keys``, ``DOMAIN.md``), and the JSON Schemas of the configuration and of
rules files validate what govlint accepts and reject what it refuses."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from govlint import docs
from govlint.run import cache
from govlint.run.config import CORE_KEYS, ConfigError, parse_config
from govlint.run.declarative import load_rules_file
from govlint.run.plugins import load_plugins

ROOT = Path(__file__).parents[2]


# the results cache and installed plugins ------------------------------------------

HOOKS = '''
from govlint import hookimpl


@hookimpl
def govlint_rules():
    from .checks import NoDraft

    return [NoDraft]
'''

CHECKS = '''
from govlint import Rule, Severity


class NoDraft(Rule):
    """Drafts are not published."""

    code = "Q001"
    name = "no-draft"
    severity = Severity.WARNING

    def check(self, doc):
        return iter(())
'''


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A distribution ``govlint-q`` installed into a directory on sys.path:
    its hook module imports the rules from another module, and it
    installs a data file outside the package."""
    site = tmp_path / "site"
    package = site / "govlint_q"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "hooks.py").write_text(HOOKS, encoding="utf-8")
    (package / "checks.py").write_text(CHECKS, encoding="utf-8")
    (site / "govlint_q_words.txt").write_text("草稿\n", encoding="utf-8")
    info = site / "govlint_q-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-q\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[govlint]\nq = govlint_q.hooks\n", encoding="utf-8")
    files = ["govlint_q/__init__.py", "govlint_q/hooks.py", "govlint_q/checks.py", "govlint_q_words.txt",
             "govlint_q-1.0.dist-info/METADATA", "govlint_q-1.0.dist-info/entry_points.txt",
             "govlint_q-1.0.dist-info/RECORD"]
    (info / "RECORD").write_text("".join(f"{f},,\n" for f in files), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    yield site
    for name in [n for n in sys.modules if n == "govlint_q" or n.startswith("govlint_q.")]:
        del sys.modules[name]


def test_editing_any_file_of_an_installed_plugin_changes_the_cache_key(installed_plugin):
    plugins = load_plugins()
    assert plugins.rule_by_code("Q001") is not None and plugins.rule_by_code("Q001").plugin == "q"
    before = cache.fingerprint(plugins)
    assert cache.fingerprint(plugins) == before

    checks = installed_plugin / "govlint_q" / "checks.py"  # not the hook module: imported by it
    checks.write_text(CHECKS.replace("iter(())", "iter([])  # changed"), encoding="utf-8")
    after_rule = cache.fingerprint(plugins)
    assert after_rule != before

    (installed_plugin / "govlint_q_words.txt").write_text("草稿\n征求意见稿\n", encoding="utf-8")  # RECORD only
    assert cache.fingerprint(plugins) != after_rule


def test_a_cached_result_is_not_served_after_a_plugin_rule_module_changes(installed_plugin, workdir, run_govlint,
                                                                        monkeypatch, minimal_report):
    monkeypatch.delenv("GOVLINT_NO_CACHE")
    (workdir / "a.txt").write_text(minimal_report, encoding="utf-8")
    assert run_govlint("check", "--select", "Q001", "a.txt").exit_code == 0
    checks = installed_plugin / "govlint_q" / "checks.py"
    checks.write_text(CHECKS.replace("return iter(())", "yield self.report(doc.title.location, '草稿')")
                      .replace("Severity.WARNING", "Severity.ERROR"), encoding="utf-8")
    for name in [n for n in sys.modules if n.startswith("govlint_q")]:
        del sys.modules[name]
    result = run_govlint("check", "--select", "Q001", "a.txt")
    assert result.exit_code == 1 and "Q001 error 草稿" in result.stdout


# GOVLINT_DEBUG ----------------------------------------------------------------------

CRASHING = '''
from govlint import Rule, Severity


class Crashing(Rule):
    """Crashes."""

    code = "Z001"
    name = "crashing"
    severity = Severity.WARNING

    def check(self, doc):
        return helper(doc)


def helper(doc):
    raise ValueError("坏了")
'''


def test_govlint_debug_prints_the_traceback_of_a_crashing_rule(workdir, run_govlint, monkeypatch, minimal_report):
    (workdir / "rules").mkdir()
    (workdir / "rules" / "crashing.py").write_text(CRASHING, encoding="utf-8")
    (workdir / "a.txt").write_text(minimal_report, encoding="utf-8")
    quiet = run_govlint("check", "--rule-path", "rules", "--select", "Z001", "a.txt")
    assert quiet.exit_code == 2
    assert quiet.stderr == "govlint: 规则 Z001 在 a.txt 上出错：ValueError: 坏了\n"
    monkeypatch.setenv("GOVLINT_DEBUG", "1")
    debug = run_govlint("check", "--rule-path", "rules", "--select", "Z001", "a.txt")
    assert debug.exit_code == 2
    assert "govlint: 规则 Z001 在 a.txt 上出错，回溯（GOVLINT_DEBUG=1）：" in debug.stderr
    assert "Traceback (most recent call last):" in debug.stderr
    assert re.search(r'crashing\.py", line \d+, in helper\n\s+raise ValueError\("坏了"\)', debug.stderr)


def test_govlint_debug_prints_the_traceback_of_a_plugin_that_fails_to_load(workdir, run_govlint, monkeypatch):
    (workdir / "rules").mkdir()
    (workdir / "rules" / "broken.py").write_text("import no_such_module_anywhere\n", encoding="utf-8")
    monkeypatch.setenv("GOVLINT_DEBUG", "1")
    result = run_govlint("rules", "--rule-path", "rules")
    assert "插件 rule-path:rules/broken.py 加载失败：ModuleNotFoundError" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr


# shipped documentation ------------------------------------------------------------

def test_govlint_keys_prints_the_key_reference(run_govlint):
    result = run_govlint("keys")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Canonical keys of the template tables")
    assert "`t4.litigation_after_review.total`" in result.stdout
    path = Path(run_govlint("keys", "--path").stdout.strip())
    assert path.is_file() and path.read_text("utf-8").rstrip("\n") == result.stdout.rstrip("\n")


def test_explain_points_at_the_installed_domain_notes(run_govlint):
    result = run_govlint("explain", "S005")
    last = result.stdout.splitlines()[-1]
    assert last.startswith("DOMAIN.md（领域说明）随 govlint 安装：")
    shipped = Path(last.partition("：")[2])
    assert shipped == docs.path("domain") and "## 3. Arithmetic constraints" in shipped.read_text("utf-8")


def test_messages_cite_no_file_of_the_source_tree(workdir):
    path = workdir / "r.toml"
    path.write_text('[[rule]]\ncode = "L001"\nname = "x"\nmessage = "m"\nformula = "t3.new.totl <= 1"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rules_file(path)
    assert "govlint keys 列出全部规范键" in str(error.value) and "keys.md" not in str(error.value)


def test_the_documents_are_installed_as_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    for name, (package, file) in docs.DOCUMENTS.items():
        assert docs.path(name).is_file(), name
        assert any(re.fullmatch(pattern.replace(".", r"\.").replace("*", ".*"), file)
                   for pattern in data.get(package, [])), (package, file)


# JSON Schemas -----------------------------------------------------------------------

CONFIG_SCHEMA = json.loads(docs.text("config-schema"))
RULES_SCHEMA = json.loads(docs.text("rules-schema"))


def test_schemas_are_valid_json_schemas(run_govlint):
    jsonschema.Draft202012Validator.check_schema(CONFIG_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(RULES_SCHEMA)
    assert json.loads(run_govlint("schema", "config").stdout) == CONFIG_SCHEMA
    assert json.loads(run_govlint("schema", "rules").stdout) == RULES_SCHEMA


def test_the_config_schema_has_exactly_the_keys_govlint_accepts():
    plugins = load_plugins()
    assert set(CONFIG_SCHEMA["properties"]) == CORE_KEYS | set(plugins.defaults)


def _toml_blocks(text: str) -> list[dict]:
    return [tomllib.loads(block) for block in re.findall(r"```toml\n(.*?)```", text, re.DOTALL)]


def _govlint_table(data: dict) -> dict:
    return data.get("tool", {}).get("govlint", data) if "tool" in data else data


def configurations() -> list[tuple[str, dict]]:
    found = []
    for number, block in enumerate(_toml_blocks((ROOT / "README.md").read_text("utf-8"))):
        table = _govlint_table(block)
        if "rule" not in table:
            found.append((f"README.md block {number}", table))
    for path in sorted(ROOT.glob("fixtures/families/*/govlint.toml")) + sorted(ROOT.glob("examples/**/govlint.toml")):
        found.append((str(path.relative_to(ROOT)), _govlint_table(tomllib.loads(path.read_text("utf-8")))))
    return found


@pytest.mark.parametrize("where, table", configurations(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_documented_configuration_validates(where, table):
    jsonschema.validate(table, CONFIG_SCHEMA)


@pytest.mark.parametrize("table", [
    {"selct": ["S"]},                       # a typo
    {"select": "S"},                        # not a list
    {"fail-level": "fatal"},
    {"severity": {"S003": "critical"}},
    {"time-limit": -1},
    {"exclude": "drafts/"},
    {"copy-threshold": 2},
    {"publication-deadline": {"township": "二月二十日"}},
    {"select": ["no such"]},
])
def test_the_config_schema_rejects_what_govlint_refuses(table):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(table, CONFIG_SCHEMA)
    plugins = load_plugins()
    if set(table) <= CORE_KEYS:
        with pytest.raises((ConfigError, ValueError)):
            parse_config(table, None, plugins.rules, plugins.defaults)


def rules_files() -> list[tuple[str, str]]:
    found = []
    for number, block in enumerate(re.findall(r"```toml\n(.*?)```", (ROOT / "docs" / "writing-rules.md")
                                              .read_text("utf-8"), re.DOTALL)):
        if "[[rule]]" in block:
            found.append((f"docs/writing-rules.md block {number}", block))
    for path in sorted(ROOT.glob("examples/**/*.toml")) + sorted(ROOT.glob("fixtures/families/*/*.toml")):
        text = path.read_text("utf-8")
        if "[[rule]]" in text:
            found.append((str(path.relative_to(ROOT)), text))
    return found


@pytest.mark.parametrize("where, text", rules_files(), ids=lambda v: v if "\n" not in v else "")
def test_every_documented_rules_file_validates_and_loads(where, text, tmp_path):
    jsonschema.validate(tomllib.loads(text), RULES_SCHEMA)
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_rules_file(path)
    except ConfigError as exc:  # a block written to show an error is refused by govlint too
        pytest.fail(f"{where}: {exc}")


@pytest.mark.parametrize("rule", [
    {"code": "L1", "name": "x", "message": "m", "forbidden": "a"},
    {"code": "L001", "name": "X", "message": "m", "forbidden": "a"},
    {"code": "L001", "name": "x", "message": "m"},
    {"code": "L001", "name": "x", "message": "m", "forbidden": "a", "required": "b"},
    {"code": "L001", "name": "x", "message": "m", "formula": "t3.new.total >= 0", "scope": "t3"},
    {"code": "L001", "name": "x", "message": "m", "forbidden": "a", "scope": "section:7"},
    {"code": "L001", "name": "x", "message": "m", "substitution": {"wrong": "a"}},
    {"code": "L001", "name": "x", "message": "m", "forbidden": "a", "color": "red"},
])
def test_the_rules_schema_rejects_what_govlint_refuses(rule, tmp_path):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"rule": [rule]}, RULES_SCHEMA)
    path = tmp_path / "rules.toml"
    lines = []
    for key, value in rule.items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}" if not isinstance(value, dict) else
                     f"{key} = {{ {', '.join(f'{k} = {json.dumps(v)}' for k, v in value.items())} }}")
    path.write_text("[[rule]]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rules_file(path)


def test_editors_are_told_how_to_use_the_schemas():
    guide = (ROOT / "docs" / "writing-rules.md").read_text("utf-8") + (ROOT / "README.md").read_text("utf-8")
    assert "govlint schema config" in guide and "govlint schema rules" in guide
    assert "#:schema" in guide

