"""``govlint report``: the batch summary on the terminal and as one
self-contained HTML page, rendered in headless Chromium and checked
against ``govlint check --format json``; the progress bar."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from govlint.output.progress import ProgressBar, progress_bar
from govlint.run.engine import Options, lint

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "fixtures" / "seeds"  # the seed copies in fixtures/, never the shared folder
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The HTML summary of the seeds and the JSON findings of the same run."""
    out = tmp_path_factory.mktemp("report")
    env = {**os.environ, "GOVLINT_DEBUG": "1"}
    run = dict(cwd=out, env=env, capture_output=True, text=True, timeout=300)
    report = subprocess.run(["govlint", "report", str(SEEDS), "--html", "summary.html"], **run)
    assert report.returncode == 0, report.stderr
    check = subprocess.run(["govlint", "check", "--format", "json", str(SEEDS)], **run)
    return out / "summary.html", json.loads(check.stdout), report.stdout


def test_terminal_summary_lists_reports_and_rules(batch):
    _, findings, text = batch
    lines = text.splitlines()
    assert lines[0].split() == ["文件", "机关", "年度", "模板", "错误", "警告", "提示", "合计"]
    seed = next(line for line in lines if "004_94358fe22916de47.txt" in line).split()
    assert seed[1:4] == ["南岗区保健路街道办事处", "2020", "2019"]
    mine = Counter(f["severity"] for f in findings if f["path"].endswith("004_94358fe22916de47.txt"))
    assert seed[4:8] == [str(mine["error"]), str(mine["warning"]), str(mine["info"]), str(sum(mine.values()))]
    assert lines[-1].startswith(f"共 5 份报告，{len(findings)} 个问题")


def test_the_page_is_self_contained(batch):
    page = batch[0].read_text("utf-8")
    assert "http" not in page and "src=" not in page and "href=" not in page and "@import" not in page
    assert "<svg id=\"chart\"" in page and "<script>" in page and "<style>" in page


def dump_dom(page: Path, fragment: str, profile: Path) -> lxml.html.HtmlElement:
    """The page's DOM after its script ran, from headless Chromium."""
    result = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return lxml.html.fromstring(result.stdout)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_shows_the_counts_of_the_json_output(batch, tmp_path):
    page, findings, _ = batch
    dom = dump_dom(page, "", tmp_path / "profile")
    by_path = {f["path"] for f in findings}
    rows = dom.xpath('//tr[@class="report"]')
    assert len(rows) == 5
    for row in rows:
        path = row.get("data-path")
        mine = Counter(f["severity"] for f in findings if f["path"] == path)
        shown = {td.get("data-severity"): int(td.text_content()) for td in row.xpath("td[@data-severity]")}
        assert shown == {"error": mine["error"], "warning": mine["warning"], "info": mine["info"],
                         "total": sum(mine.values())}, path
    assert {r.get("data-path") for r in rows} >= by_path
    for row in dom.xpath('//tr[@class="rule"]'):
        code = row.get("data-code")
        reports = {f["path"] for f in findings if f["code"] == code}
        assert int(row.xpath('td[@data-count="reports"]')[0].text_content()) == len(reports), code
        assert int(row.xpath('td[@data-count="findings"]')[0].text_content()) == \
            sum(f["code"] == code for f in findings)
    assert {r.get("data-code") for r in dom.xpath('//tr[@class="rule"]')} == {f["code"] for f in findings}
    assert len(dom.xpath('//svg[@id="chart"]/g[@class="bar"]')) == len(dom.xpath('//tr[@class="rule"]'))
    assert int(dom.get_element_by_id("shown").text_content()) == len(findings)
    assert len(dom.xpath('//tr[@class="finding"]')) == len(findings)
    totals = dom.get_element_by_id("totals")
    assert int(totals.get("data-findings")) == len(findings) and int(totals.get("data-reports")) == 5


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_filters_by_rule_and_severity(batch, tmp_path):
    page, findings, _ = batch
    code = Counter(f["code"] for f in findings).most_common(1)[0][0]
    dom = dump_dom(page, f"#rule={code}&severity=warning,info", tmp_path / "profile")
    wanted = [f for f in findings if f["code"] == code and f["severity"] in ("warning", "info")]
    visible = [r for r in dom.xpath('//tr[@class="finding"]') if r.get("hidden") is None]
    assert int(dom.get_element_by_id("shown").text_content()) == len(visible) == len(wanted)
    assert {r.get("data-code") for r in visible} <= {code}


def test_a_progress_bar_only_on_a_terminal_and_only_for_many_files():
    assert progress_bar(io.StringIO()) is None
    out = io.StringIO()
    bar = ProgressBar(out)
    bar(0, 3)
    assert out.getvalue() == ""
    for done in range(21):
        bar(done, 20)
    assert "检查中 [###############···············] 10/20" in out.getvalue()
    assert out.getvalue().endswith("\r\x1b[K")


def test_lint_reports_progress_per_file(workdir, minimal_report):
    for name in ("a.txt", "b.txt"):
        (workdir / name).write_text(minimal_report, encoding="utf-8")
    calls = []
    lint(["."], Options(select=("E",)), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
