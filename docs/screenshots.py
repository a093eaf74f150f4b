"""Screenshots of ``govlint serve`` for the README, taken from the real page.

Starts ``govlint serve`` in a temporary folder, opens it in Debian's
chromium driven by Playwright (its executable: no browser is downloaded),
drops the five seed reports, the three real PDFs and the blank 2021 Word
template on the page, and saves:

* ``docs/serve-batch.png`` — the batch view (per report, per rule, exports);
* ``docs/serve-report.png`` — one PDF report with a finding selected: the
  table cell marked, the list of findings with their place in the PDF,
  the rule's explanation.

Run from the repository root with the ``test`` extra installed::

    python docs/screenshots.py
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REPORTS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "real").glob("*.pdf")) \
    + [ROOT / "fixtures" / "real" / "template-2021-blank.docx"]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync"]


def start(folder: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from govlint.cli import main; main(sys.argv[1:])", "serve", "--no-browser"],
        cwd=folder, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        found = re.search(r"http://\S+", line)
        if found:
            return process, found.group()
    raise SystemExit("govlint serve did not start")


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        process, url = start(folder)
        try:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    str(Path(folder) / "profile"), executable_path=chromium, headless=True, args=FLAGS,
                    viewport={"width": 1440, "height": 900}, locale="zh-CN")
                page = context.pages[0] if context.pages else context.new_page()
                page.goto(url)
                page.wait_for_selector("body[data-ready='#/']", state="attached")
                page.set_input_files("#file-input", [str(p) for p in REPORTS])
                page.wait_for_selector("body[data-ready^='#/b/']", state="attached", timeout=120_000)
                page.screenshot(path=str(DOCS / "serve-batch.png"))
                page.click("tr.report[data-path='huaian-hongze-2023.pdf'] a")
                page.wait_for_selector("body[data-ready*='/r/']", state="attached")
                page.click("#finding-list .finding[data-code='T008']")
                page.wait_for_timeout(1500)  # the highlight's flash
                page.screenshot(path=str(DOCS / "serve-report.png"))
                context.close()
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    print("docs/serve-batch.png, docs/serve-report.png")


if __name__ == "__main__":
    main()
