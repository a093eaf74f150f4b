"""The page in a real browser: Debian's chromium driven by Playwright
(through its executable: no browser is downloaded), against ``govlint
serve`` started as a person starts it.  One server and one browser (a
fresh profile) for the module.

A real .docx and a real .pdf are dropped on the page; their findings must
appear at the right heading and cell, the explanation must open, the
filters must work, the CSV export must hold the rows of ``govlint
check``, and a report holding markup must show it as text without
running it.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from servekit import CELL, IMG, PDF, SCRIPT, SEEDS, start_serve, stop_serve

pytest.importorskip("flask")
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("serve")
    process, url, _ = start_serve(cwd=cwd)
    yield url
    stop_serve(process)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One Chromium for the module, with a fresh profile, and its page; the
    console warnings and errors and the page errors are collected in
    ``page.problems``."""
    profile = tmp_path_factory.mktemp("profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, accept_downloads=True,
            viewport={"width": 1400, "height": 900}, locale="zh-CN")
        context.set_default_timeout(60_000)
        page = context.pages[0] if context.pages else context.new_page()
        page.problems = []
        page.on("console", lambda message: page.problems.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        yield page
        context.close()


@pytest.fixture
def page(browser, server):
    """The page, opened afresh on the address."""
    browser.goto("about:blank")
    browser.problems.clear()
    browser.goto(server + "#/")
    browser.wait_for_selector("body[data-ready='#/']", state="attached")
    return browser


def drop(page, paths) -> str:
    """Choose ``paths`` in the page's file input; the batch id once shown."""
    page.set_input_files("#file-input", [str(p) for p in paths])
    page.wait_for_selector("body[data-ready^='#/b/']", state="attached")
    return page.evaluate("document.body.dataset.ready").split("/")[2]


def open_report(page, name: str) -> None:
    page.click(f"tr.report[data-path='{name}'] a")
    page.wait_for_selector("body[data-ready*='/r/']", state="attached")


def check_json(folder, *names: str) -> list[dict]:
    """``govlint check --format json`` on ``names`` in ``folder``."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from govlint.cli import main; main(sys.argv[1:])", "check",
         "--format", "json", "--no-cache", *names],
        cwd=folder, capture_output=True, text=True, timeout=300)
    return json.loads(result.stdout)


def every_finding_is_marked(page) -> None:
    """Each finding of the list is marked somewhere in the document (its
    element, sentence or cell; or the box of findings about the whole report)."""
    marked = page.evaluate("""() => [...document.querySelectorAll('#document [data-findings]')]
        .flatMap(el => el.getAttribute('data-findings').split(' ').map(Number))""")
    listed = [int(li.get_attribute("data-index")) for li in page.query_selector_all("#finding-list .finding")]
    assert listed and sorted(set(marked)) == listed


def in_view(page, selector: str) -> bool:
    """Whether the element is inside the document's scrolled viewport."""
    return page.evaluate("""(selector) => {
        const el = document.querySelector(selector), pane = document.getElementById('document');
        const a = el.getBoundingClientRect(), b = pane.getBoundingClientRect();
        return a.top >= b.top && a.bottom <= b.bottom;
    }""", selector)


@pytest.fixture(scope="module")
def expected(reports):
    return check_json(reports, "seed.docx", PDF.name)


def test_a_dropped_docx_and_pdf_show_the_counts_of_govlint_check(page, reports, expected):
    drop(page, [reports / "seed.docx", reports / PDF.name])
    rows = page.query_selector_all("#report-table tr.report")
    assert [r.get_attribute("data-path") for r in rows] == ["huaian-hongze-2023.pdf", "seed.docx"]
    for row in rows:
        mine = Counter(f["severity"] for f in expected if f["path"] == row.get_attribute("data-path"))
        shown = {td.get_attribute("data-severity"): int(td.inner_text())
                 for td in row.query_selector_all("td[data-severity]")}
        assert shown == {"error": mine["error"], "warning": mine["warning"], "info": mine["info"],
                         "total": sum(mine.values())}
    assert page.inner_text("#batch-totals").startswith(f"共 2 份报告，{len(expected)} 个问题")
    codes = {r.get_attribute("data-code") for r in page.query_selector_all("#rule-table tr.rule")}
    assert codes == {f["code"] for f in expected}
    assert page.problems == []


def test_a_word_finding_is_shown_at_its_heading_with_the_rule_explained(page, reports, expected):
    drop(page, [reports / "seed.docx", reports / PDF.name])
    open_report(page, "seed.docx")
    items = page.query_selector_all("#finding-list .finding")
    assert [i.get_attribute("data-code") for i in items] == [f["code"] for f in expected if f["path"] == "seed.docx"]
    every_finding_is_marked(page)
    typo = page.query_selector("#finding-list .finding[data-code='S005']")
    assert "位置：第" in typo.inner_text() and "段" in typo.inner_text()  # where it is in the Word file
    typo.click()
    heading = page.query_selector("#document .selected")
    assert heading.evaluate("el => el.tagName") == "H2"
    assert "提起现在诉讼" in heading.inner_text()
    assert set(heading.get_attribute("class").split()) >= {"hl", "sev-error", "role-heading"}
    assert in_view(page, "#document .selected")
    explanation = page.query_selector("#explanation")
    assert explanation.is_visible()
    text = explanation.inner_text()
    assert "S005 heading-typo" in text and "检查什么" in text and "为什么" in text and "示例" in text
    assert "本条问题" in text and "提起现在诉讼" in text
    wrong = explanation.query_selector(".tone-wrong")
    assert wrong is not None and "提起现在诉讼" in wrong.inner_text() and "``" not in wrong.inner_text()


def test_a_pdf_finding_is_shown_at_its_table_cell_with_its_page_and_place(page, reports):
    drop(page, [reports / "seed.docx", reports / PDF.name])
    open_report(page, PDF.name)
    every_finding_is_marked(page)
    item = page.query_selector("#finding-list .finding[data-code='T008']")
    assert "位置：第3页 表2 第9行 第3列" in item.inner_text()
    item.click()
    cell = page.query_selector("#document .selected")
    assert cell.evaluate("el => el.tagName") == "TD" and cell.inner_text() == "2.其他法律行政止公开"
    assert set(cell.get_attribute("class").split()) >= {"hl", "sev-warning"}
    assert cell.evaluate("el => el.closest('.table-block').querySelector('.table-caption').textContent"
                         ).startswith("表2（第3页）")
    assert in_view(page, "#document .selected")
    errors = page.query_selector_all("#document td.hl.sev-error")
    totals = [td for td in errors if td.evaluate(
        "el => el.closest('.table-block').querySelector('.table-caption').textContent.startsWith('表3')")]
    assert [td.inner_text() for td in totals] == ["0", "0"]  # A004: the two 总计 cells of table 四 (表3 of the PDF)
    assert [td.get_attribute("data-cell") for td in totals] == ["4", "14"]
    # clicking a marked cell selects its finding in the list
    totals[0].click()
    assert page.query_selector("#finding-list .finding.active").get_attribute("data-code") == "A004"


def test_filters_by_severity_and_rule_hide_findings_and_their_marks(page, reports):
    drop(page, [reports / "seed.docx", reports / PDF.name])
    open_report(page, PDF.name)
    total = len(page.query_selector_all("#finding-list .finding"))
    page.uncheck(".filter-severity[value='error']")
    visible = page.query_selector_all("#finding-list .finding:not([hidden])")
    assert visible and all(i.get_attribute("data-severity") != "error" for i in visible)
    assert page.inner_text("#shown") == str(len(visible)) and page.inner_text("#total") == str(total)
    assert page.query_selector_all("#document .hl.sev-error") == []
    assert page.query_selector_all("#document .hl.sev-warning")
    page.select_option("#filter-rule", "T008")
    visible = page.query_selector_all("#finding-list .finding:not([hidden])")
    assert [i.get_attribute("data-code") for i in visible] == ["T008"]
    assert len(page.query_selector_all("#document [data-findings]")) == 1
    assert "rule=T008&sev=warning,info" in page.url
    page.reload()  # the filters are in the address
    page.wait_for_selector("body[data-ready*='rule=T008']", state="attached")
    assert page.inner_text("#shown") == "1"
    assert page.input_value("#filter-rule") == "T008" and not page.is_checked(".filter-severity[value='error']")


def test_the_csv_export_holds_the_findings_of_govlint_check(page, reports, expected):
    drop(page, [reports / "seed.docx", reports / PDF.name])
    with page.expect_download() as download:
        page.click("#export-csv")
    assert download.value.suggested_filename == "govlint-findings.csv"
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["文件", "行", "列", "页", "位置", "代码"]
    assert [(r[0], int(r[1]), int(r[2]), r[5]) for r in rows[1:]] == \
        [(f["path"], f["line"], f["column"], f["code"]) for f in expected]
    with page.expect_download() as download:
        page.click("#export-json")
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == expected


def test_a_hostile_report_shows_its_markup_as_text_and_runs_none_of_it(page, server, reports):
    batch = drop(page, [reports / "hostile.txt", reports / "hostile.docx"])
    for name in ("hostile.txt", "hostile.docx"):
        page.goto(server + f"#/b/{batch}")
        page.wait_for_selector(f"body[data-ready='#/b/{batch}']", state="attached")
        open_report(page, name)
        text = page.inner_text("#document")
        for markup in (SCRIPT, IMG, CELL):
            assert markup in text, (name, markup)
        assert page.query_selector_all("#document img, #document script, #document [onerror]") == []
        assert page.evaluate("typeof window.__xss") == "undefined"
        holders = [el for el in page.query_selector_all("#document [data-block]") if IMG in el.inner_text()]
        assert holders and holders[0].evaluate("el => el.tagName") in ("H2", "P"), name  # the heading, as text
        assert SCRIPT in page.inner_text("#finding-list") or SCRIPT in text
    assert page.problems == []  # not even a script refused by the policy: none was injected


def test_a_file_dropped_on_the_page_is_checked(page):
    content = base64.b64encode((SEEDS / "003_c2afdc98611f7d7b.txt").read_bytes()).decode()
    page.evaluate("""(content) => {
        const bytes = Uint8Array.from(atob(content), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], '拖入的年报.txt', {type: 'text/plain'}));
        const drop = new DragEvent('drop', {dataTransfer: transfer, bubbles: true});
        document.getElementById('drop-zone').dispatchEvent(drop);
    }""", content)
    page.wait_for_selector("body[data-ready$='/r/0']", state="attached")  # one report: straight to it
    assert page.inner_text("#report-name") == "拖入的年报.txt"
    assert page.query_selector_all("#finding-list .finding")
    assert page.is_hidden("#back-to-batch")


def test_too_many_bytes_are_refused_in_the_page_before_uploading(page, tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(101 * 1024 * 1024)
    page.set_input_files("#file-input", [str(big)])
    page.wait_for_selector("#notice:not([hidden])")
    assert "超过上限 100 MB" in page.inner_text("#notice")
    os.remove(big)
