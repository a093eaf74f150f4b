"""The place of a finding in a .pdf or .docx (``第4页 表3 第5行 第2列``)
reaches every output format (issue 16, item 4): the text and JSON formats
had it; GitHub annotations, JUnit and SARIF carry it too, SARIF as a
logical location, with a ``helpUri`` per rule pointing at its installed
documentation."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import jsonschema
import pytest

from govlint.output.formatters import render
from govlint.run.engine import Options, lint
from govlint.run.localrules import plugins_for

ROOT = Path(__file__).parents[2]
PDF = ROOT / "fixtures" / "real" / "huaian-hongze-2023.pdf"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def checked():
    plugins = plugins_for([str(PDF)], Options(use_config=False))
    result = lint([str(PDF)], Options(use_config=False), plugins=plugins)
    placed = [f for f in result.findings if f.location]
    assert placed, "the fixture has findings with a place"
    return result, plugins, placed


def test_github_annotations_end_with_the_place(checked):
    result, plugins, placed = checked
    lines = render(result, "github", rules=plugins.rules).splitlines()
    for finding in placed:
        assert any(line.endswith(f"（位置：{finding.location}）") and f"title={finding.code}" in line
                   for line in lines), finding


def test_junit_failures_carry_the_place(checked):
    result, plugins, placed = checked
    root = ET.fromstring(render(result, "junit", rules=plugins.rules))
    body = "".join(element.text or "" for element in root.iter() if element.tag in ("failure", "system-out"))
    for finding in placed:
        assert f"{finding.code} {finding.severity.label} {finding.message}（位置：{finding.location}）" in body


def test_sarif_has_a_logical_location_and_help_uris(checked):
    result, plugins, placed = checked
    log = json.loads(render(result, "sarif", rules=plugins.rules))
    jsonschema.validate(log, SCHEMA, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    results = run["results"]
    places = [r["locations"][0].get("logicalLocations", [{}])[0].get("name") for r in results]
    assert sorted(filter(None, places)) == sorted(f.location for f in placed)
    for sarif_result in results:
        location = sarif_result["locations"][0]
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        if "logicalLocations" in location:
            name = location["logicalLocations"][0]["name"]
            assert sarif_result["message"]["text"].endswith(f"（位置：{name}）")
            assert sarif_result["properties"]["location"] == name
    for rule in run["tool"]["driver"]["rules"]:
        uri = urlparse(rule["helpUri"])
        assert uri.scheme == "file"
        source = Path(url2pathname(uri.path))
        assert source.is_file()
        assert rule["id"] in source.read_text("utf-8") or rule["name"] in source.read_text("utf-8")
        assert rule["help"]["text"].endswith(f"（命令行查看：govlint explain {rule['id']}）")


def test_declarative_rules_point_at_their_rules_file(workdir, run_govlint, minimal_report):
    (workdir / "rules.toml").write_text(
        '[[rule]]\ncode = "L001"\nname = "no-draft"\nmessage = "不得出现“{match}”"\nforbidden = "认真"\n',
        encoding="utf-8")
    (workdir / "govlint.toml").write_text('rules-files = ["rules.toml"]\nselect = ["L001"]\n', encoding="utf-8")
    (workdir / "a.txt").write_text(minimal_report, encoding="utf-8")
    log = json.loads(run_govlint("check", "--format", "sarif", "a.txt").stdout)
    [rule] = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["helpUri"] == (workdir / "rules.toml").resolve().as_uri()
