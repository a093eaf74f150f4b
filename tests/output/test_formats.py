"""The machine formats of ``govlint check``: SARIF 2.1.0 (validated against
the official schema in tests/data/), GitHub workflow annotations and JUnit
XML — relative paths and stable ordering in all of them."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from govlint.findings import Finding
from govlint.model import Severity
from govlint.output.formatters import render, stream
from govlint.output.formatters.github import annotation
from govlint.run.engine import FileResult, LintResult

SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"
SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture
def seeds(workdir):
    """The seed reports copied under ``reports/``, one of them with a
    non-ASCII, space-holding name."""
    target = workdir / "reports"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns(".*"))
    (target / "004_94358fe22916de47.txt").rename(target / "保健路 街道.txt")
    return target


def run(run_govlint, fmt, *paths):
    result = run_govlint("check", "--format", fmt, *(paths or ("reports",)))
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_sarif_validates_against_the_official_schema(seeds, run_govlint):
    log = json.loads(run(run_govlint, "sarif"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_results_match_the_json_findings_in_order(seeds, run_govlint):
    findings = json.loads(run(run_govlint, "json"))
    [sarif_run] = json.loads(run(run_govlint, "sarif"))["runs"]
    results = sarif_run["results"]
    assert len(results) == len(findings) > 0
    for result, finding in zip(results, findings):
        location = result["locations"][0]["physicalLocation"]
        assert result["ruleId"] == finding["code"]
        assert result["message"]["text"] == finding["message"]
        assert (location["region"]["startLine"], location["region"]["startColumn"]) == (finding["line"],
                                                                                        finding["column"])
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "reports/%E4%BF%9D%E5%81%A5%E8%B7%AF%20%E8%A1%97%E9%81%93.txt" in uris
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f["code"] for f in findings})
    assert all(results[i]["ruleIndex"] == [r["id"] for r in rules].index(results[i]["ruleId"])
               for i in range(len(results)))
    s005 = next(r for r in rules if r["id"] == "S005")
    assert s005["shortDescription"]["text"] == "章节标题有错别字（一两个字写错）。"
    assert s005["defaultConfiguration"]["level"] == "error" and "What it does" in s005["help"]["text"]


def test_sarif_of_a_clean_run_validates(workdir, minimal_report, run_govlint):
    (workdir / "clean.txt").write_text(minimal_report, encoding="utf-8")
    result = run_govlint("check", "--format", "sarif", "--select", "E", "clean.txt")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == [] and result.exit_code == 0
    del log["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(jsonschema.ValidationError):  # the schema does check
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def finding(**changes):
    values = dict(path="a,b:c.txt", line=3, column=2, code="S005", name="heading-typo", severity=Severity.WARNING,
                  message="50%\n第二行")
    return Finding(**{**values, **changes})


def test_github_annotations_escape_properties_and_data():
    assert annotation(finding()) == "::warning file=a%2Cb%3Ac.txt,line=3,col=2,title=S005::50%25%0A第二行"
    assert annotation(finding(severity=Severity.INFO, end_line=3, end_column=9, message="m")) == \
        "::notice file=a%2Cb%3Ac.txt,line=3,col=2,endLine=3,endColumn=9,title=S005::m"


def test_github_annotations_cannot_be_ended_or_forged_by_the_text():
    line = annotation(finding(path="x%0A\r\n:,\x1b.txt", message="100%\r\n::error file=fake.txt::forged\x1b[2J"))
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert line == ("::warning file=x%250A%0D%0A%3A%2C\\x1b.txt,line=3,col=2,title=S005::"
                    "100%25%0D%0A::error file=fake.txt::forged\\x1b[2J")


def test_every_format_carries_undecodable_file_names_as_valid_unicode():
    file = FileResult("gbk \udcb1\udca8.txt", (finding(path="gbk \udcb1\udca8.txt", source="源\udcff"),))
    for fmt in ("json", "sarif", "junit", "github", "text"):
        out = render(LintResult((file,)), fmt)
        out.encode("utf-8")  # no lone surrogate left
        assert any(form in out for form in ("gbk \\xb1\\xa8.txt", "gbk \\\\xb1\\\\xa8.txt",
                                             "gbk%20%5Cxb1%5Cxa8.txt")), fmt
    assert json.loads(render(LintResult((file,)), "json"))[0]["path"] == "gbk \\xb1\\xa8.txt"
    ET.fromstring(render(LintResult((file,)), "junit"))


def test_text_output_writes_control_characters_out():
    file = FileResult("a\nb.txt", (finding(path="a\nb.txt", message="m\x1b]0;t\x07", source="\x1b[2J源\u202e"),))
    out = render(LintResult((file,)), "text")
    assert "a\\nb.txt:3:2: S005 warning m\\x1b]0;t\\x07" in out and "    \\x1b[2J源\\u202e" in out
    assert not any(ch in out for ch in "\x1b\x07\u202e")


def test_github_output_is_one_annotation_per_finding(seeds, run_govlint):
    findings = json.loads(run(run_govlint, "json"))
    lines = run(run_govlint, "github").splitlines()
    assert len(lines) == len(findings)
    first = findings[0]
    assert lines[0].startswith(f"::{ {'error': 'error', 'warning': 'warning', 'info': 'notice'}[first['severity']]} "
                               f"file={first['path']},line={first['line']},col={first['column']},")
    assert all(line.startswith(("::error file=reports/", "::warning file=reports/", "::notice file=reports/"))
               for line in lines)


def test_junit_has_one_testcase_per_file(seeds, run_govlint):
    findings = json.loads(run(run_govlint, "json"))
    root = ET.fromstring(run(run_govlint, "junit"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    paths = sorted({f["path"] for f in findings})
    assert [c.get("name") for c in cases] == sorted(p.as_posix() for p in Path("reports").glob("*.txt")) == paths
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    errors = {f["path"] for f in findings if f["severity"] == "error"}
    assert failed == errors and root.get("failures") == str(len(errors)) and suite.get("tests") == "5"
    for case in cases:
        mine = [f for f in findings if f["path"] == case.get("name")]
        body = (case.find("failure") if case.find("failure") is not None else case.find("system-out")).text
        assert body.count(f"{case.get('name')}:") == len(mine)


def test_junit_is_well_formed_whatever_the_text():
    file = FileResult("x.txt", (finding(severity=Severity.ERROR, message="<&>\x0b", source="\x01源"),))
    root = ET.fromstring(render(LintResult((file,)), "junit"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("type") == "error" and "<&>\\x0b" in failure.text and "\\x01源" in failure.text


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_streamed_output_is_the_rendered_output(fmt, quiet, count):
    files = tuple(FileResult(f"r{i}.txt", (finding(path=f"r{i}.txt", line=i + 1, source="源"),)) for i in range(count))
    result = LintResult(files)
    pieces = list(stream(result, fmt, quiet=quiet))
    assert "".join(pieces) == render(result, fmt, quiet=quiet)
    if fmt == "text":  # one piece a finding (and the summary), written as they come
        assert len(pieces) == count + (not quiet)
