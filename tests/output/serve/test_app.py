"""The application with a real check process, through Flask's test client:
the same findings as ``govlint check``, the batch and report views, the
exports, hostile and unreadable files, the limits, a check process that
dies or hangs, nothing kept on disk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from servekit import BASE, PDF, SCRIPT, SEEDS, TEMPLATE_DOCX, make_client, upload

pytest.importorskip("flask")

from govlint.output.serve import app as app_module, uploads, worker as worker_module  # noqa: E402
from govlint.output.serve.exports import csv_bytes  # noqa: E402
from govlint.output.serve.worker import Worker  # noqa: E402

STATIC = Path(__file__).parents[3] / "linter" / "output" / "serve" / "static"


def batch_files(reports: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    files.update({PDF.name: PDF.read_bytes(), TEMPLATE_DOCX.name: TEMPLATE_DOCX.read_bytes(),
                  "seed.docx": (reports / "seed.docx").read_bytes()})
    return files


def check_json(run_govlint, monkeypatch, folder: Path, *args: str) -> list[dict]:
    """``govlint check --format json`` over the files of ``folder``, run in it."""
    monkeypatch.chdir(folder)
    result = run_govlint("check", "--format", "json", *args, *sorted(p.name for p in folder.iterdir()))
    return json.loads(result.stdout)


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def batch(worker, reports, tmp_path_factory):
    """One batch of the seeds, a real .pdf and two .docx, uploaded once."""
    private = tmp_path_factory.mktemp("private")
    client = make_client(worker, str(private))
    response = upload(client, batch_files(reports))
    assert response.status_code == 200, response.text
    return client, response.json, private


def test_the_page_and_its_own_files_nothing_from_the_network(client):
    page = client.get(BASE)
    assert page.status_code == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert 'src="static/app.js"' in page.text and 'href="static/app.css"' in page.text
    script = client.get(BASE + "static/app.js")
    assert script.status_code == 200 and script.headers["Content-Type"].startswith("text/javascript")
    assert client.get(BASE + "static/../app.py").status_code == 404
    assert client.get(BASE + "static/index.html").status_code == 404
    for path in STATIC.iterdir():
        text = path.read_text("utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text and "url(" not in text, path
    js = (STATIC / "app.js").read_text("utf-8")
    # report text reaches the page through textContent only
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js


def test_findings_are_identical_to_govlint_check(batch, reports, run_govlint, monkeypatch, tmp_path):
    client, summary, _ = batch
    expected = check_json(run_govlint, monkeypatch, write(tmp_path / "same", batch_files(reports)))
    exported = client.get(BASE + f"api/batch/{summary['id']}/findings.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    assert json.loads(exported.data) == expected
    keys = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "page",
            "location")
    shown = []
    for row in summary["reports"]:
        report = client.get(BASE + f"api/batch/{summary['id']}/report/{row['index']}").json
        assert report["path"] == row["path"] and report["total"] == len(report["findings"])
        shown += [{k: f[k] for k in keys} for f in report["findings"]]
    assert shown == expected
    assert {r["path"] for r in summary["reports"]} == set(batch_files(reports))


def test_the_batch_summary_counts_per_report_and_per_rule(batch):
    client, summary, _ = batch
    assert len(summary["reports"]) == 8 and summary["findings"] == sum(r["total"] for r in summary["reports"])
    pdf = next(r for r in summary["reports"] if r["path"] == PDF.name)
    assert pdf["organ"] == "洪泽区人民政府" and pdf["year"] == "2023" and pdf["format"] == "pdf"
    assert pdf["codes"]["A004"] == 2 and pdf["counts"]["error"] == 3
    rules = {r["code"]: r for r in summary["rules"]}
    assert rules["M006"]["reports"] == sum(1 for r in summary["reports"] if "M006" in r["codes"])
    assert client.get(BASE + f"api/batch/{summary['id']}").json == summary


def test_the_csv_export_opens_in_excel_with_one_row_a_finding(batch):
    client, summary, _ = batch
    response = client.get(BASE + f"api/batch/{summary['id']}/findings.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == "attachment; filename=govlint-findings.csv"
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel and WPS keep the Chinese
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["文件", "行", "列", "页", "位置", "代码", "规则", "级别", "问题", "原文"]
    assert len(rows) - 1 == summary["findings"]
    typo = next(r for r in rows if r[5] == "T008")
    assert typo[:5] == [PDF.name, "62", "3", "3", "第3页 表2 第9行 第3列"] and typo[7] == "警告"


def test_a_csv_cell_is_never_a_formula():
    finding = {"path": "=cmd|' /C calc'!A0.txt", "line": 1, "column": 1, "page": None, "where": "第 1 行",
               "code": "S001", "name": "x", "severity": "error", "message": "+1", "source": "@SUM(A1)"}
    rows = list(csv.reader(io.StringIO(csv_bytes([{"view": {"findings": [finding]}}]).decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0.txt" and rows[1][8] == "'+1" and rows[1][9] == "'@SUM(A1)"


def test_the_html_summary_is_the_self_contained_page_with_report_text_escaped(worker, reports, private):
    client = make_client(worker, private)
    summary = upload(client, {"hostile.txt": (reports / "hostile.txt").read_bytes(),
                              "hostile.docx": (reports / "hostile.docx").read_bytes()}).json
    page = client.get(BASE + f"api/batch/{summary['id']}/summary.html")
    assert page.headers["Content-Disposition"] == "attachment; filename=govlint-summary.html"
    assert "sandbox" in page.headers["Content-Security-Policy"]
    assert "<svg" in page.text and "hostile.docx" in page.text
    assert SCRIPT not in page.text and "<img src=x" not in page.text
    assert "&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;" in page.text  # a cell, quoted as source
    report = client.get(BASE + f"api/batch/{summary['id']}/report/0")
    assert report.headers["Content-Type"] == "application/json"
    assert any(SCRIPT in block.get("text", "") for block in report.json["blocks"])  # data: the page shows it as text


def test_unreadable_and_hostile_files_get_their_e_finding_and_the_server_goes_on(client):
    from builders import encrypted_pdf, image_pdf, zip_of

    from govlint.read.formats.office import soffice

    bomb = zip_of({"word/document.xml": b"<w:document/>" + b" " * (4 * 1024 * 1024)})
    files = {
        "图片.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
        "加密.pdf": encrypted_pdf(),
        "扫描件.pdf": image_pdf(),
        "空.txt": b"  \n",
        "旧版.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "炸弹.docx": bomb,
        "炸弹.zip": zip_of({"a.txt": b"0" * (3 * 1024 * 1024)}),
        "过大.txt": "一".encode() * (1024 * 1024),
    }
    summary = upload(client, files).json
    codes = {r["path"]: sorted(r["codes"]) for r in summary["reports"]}
    old_word = ["E001"] if soffice() else ["E006"]  # LibreOffice cannot convert it / not there to try
    assert codes == {"图片.txt": ["E004"], "加密.pdf": ["E008"], "扫描件.pdf": ["E007"], "空.txt": ["E003"],
                     "旧版.doc": old_word, "炸弹.docx": ["E001"], "炸弹.zip": ["E001"], "过大.txt": ["E005"]}
    bomb_report = next(r for r in summary["reports"] if r["path"] == "炸弹.zip")
    view = client.get(BASE + f"api/batch/{summary['id']}/report/{bomb_report['index']}").json
    assert view["blocks"] == [] and "压缩炸弹" in view["findings"][0]["message"]
    assert upload(client, {"ok.txt": (SEEDS / "003_c2afdc98611f7d7b.txt").read_bytes()}).status_code == 200


def test_a_zip_of_a_folder_is_checked_as_that_folder(client, run_govlint, monkeypatch, tmp_path):
    from builders import zip_of

    seeds = {f"2020年报/{p.name}": p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[:3]}
    summary = upload(client, {"2020年报.zip": zip_of(seeds)}).json
    folder = write(tmp_path / "2020年报", {name.split("/")[1]: data for name, data in seeds.items()})
    monkeypatch.chdir(tmp_path)
    expected = json.loads(run_govlint("check", "--format", "json", "2020年报").stdout)
    exported = client.get(BASE + f"api/batch/{summary['id']}/findings.json")
    assert json.loads(exported.data) == expected and folder.exists()
    assert [r["path"] for r in summary["reports"]] == sorted(seeds)


def test_uploads_are_removed_when_the_request_ends_and_never_spill_to_temporary_files(client, private, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("an upload went to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", refuse)
    big = "一".encode() * 400_000  # 1.2 MB: more than Werkzeug (500 KB) or waitress (512 KB) keep in memory
    assert upload(client, {"长.txt": big, PDF.name: PDF.read_bytes()}).status_code == 200
    assert list(Path(private).iterdir()) == []


def test_too_many_files_or_too_many_bytes_are_refused_with_a_message(worker, private, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_REPORTS", 2)
    client = make_client(worker, private)
    response = upload(client, {"a.txt": b"1", "b.txt": b"2", "c.txt": b"3"})
    assert response.status_code == 413 and "一次最多检查 2 份报告" in response.json["error"]
    monkeypatch.setattr(uploads, "MAX_REPORTS", 200)
    monkeypatch.setattr(uploads, "MAX_REQUEST_BYTES", 1024 * 1024)
    client = make_client(worker, private)
    response = upload(client, {"a.pdf": b"0" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "合计 1 MB" in response.json["error"]
    assert list(Path(private).iterdir()) == []
    assert upload(client, {}).status_code == 400


def test_batches_are_kept_in_memory_a_few_at_a_time(worker, private, monkeypatch):
    monkeypatch.setattr(app_module, "MAX_BATCHES", 2)
    client = make_client(worker, private)
    ids = [upload(client, {"a.txt": "某报告".encode()}).json["id"] for _ in range(3)]
    assert client.get(BASE + f"api/batch/{ids[0]}").status_code == 404
    assert "服务重启" in client.get(BASE + f"api/batch/{ids[0]}").json["error"]
    assert client.get(BASE + f"api/batch/{ids[2]}/report/0").status_code == 200
    assert client.get(BASE + f"api/batch/{ids[2]}/report/5").status_code == 404
    assert client.delete(BASE + f"api/batch/{ids[2]}").json == {"forgotten": True}
    assert client.get(BASE + f"api/batch/{ids[2]}").status_code == 404


def test_the_rules_and_their_explanations(client):
    data = client.get(BASE + "api/rules").json
    codes = [r["code"] for r in data["rules"]]
    assert "S005" in codes and "E001" in codes and codes == sorted(codes)
    assert ".docx" in data["extensions"] and data["limits"]["files"] == uploads.MAX_REPORTS


# -- the configuration, a process that dies or hangs ---------------------------------

LOCAL_RULE = '''
import os, signal, time
from govlint import Rule, Severity


class Trouble(Rule):
    """Test rule: kills its process on 崩溃测试, blocks the timer and hangs on 挂起测试, sleeps on 超时测试."""

    code = "X901"
    name = "trouble"
    severity = Severity.INFO

    def check(self, doc):
        text = "".join(p.text for p in doc.paragraphs)
        if "崩溃测试" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "挂起测试" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if "超时测试" in text:
            time.sleep(30)
        return ()
'''

CONFIG = """\
ignore = ["M006"]
rule-paths = ["rules"]
time-limit = 2

[severity]
S004 = "error"
"""


@pytest.fixture(scope="module")
def configured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("configured")
    (folder / "rules").mkdir()
    (folder / "rules" / "trouble.py").write_text(LOCAL_RULE, encoding="utf-8")
    (folder / "govlint.toml").write_text(CONFIG, encoding="utf-8")
    running = Worker(str(folder / "govlint.toml"))
    running.start()
    yield folder, running
    running.close()


def test_the_configuration_chosen_at_start_gives_the_findings_of_check_with_it(configured, private, run_govlint,
                                                                            monkeypatch, tmp_path):
    folder, running = configured
    client = make_client(running, private)
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    summary = upload(client, files).json
    exported = json.loads(client.get(BASE + f"api/batch/{summary['id']}/findings.json").data)
    expected = check_json(run_govlint, monkeypatch, write(tmp_path / "same", files),
                          "--config", str(folder / "govlint.toml"))
    assert exported == expected
    assert not any(f["code"] == "M006" for f in exported)
    assert {f["severity"] for f in exported if f["code"] == "S004"} == {"error"}
    assert "X901" in {r["code"] for r in client.get(BASE + "api/rules").json["rules"]}


def test_a_file_over_its_time_budget_gets_e009(configured, private):
    _, running = configured
    client = make_client(running, private)
    summary = upload(client, {"慢.txt": "某区2023年政府信息公开工作年度报告\n超时测试\n".encode()}).json
    assert summary["reports"][0]["codes"] == {"E009": 1}


def test_a_check_process_that_dies_is_restarted_and_the_server_goes_on(configured, private):
    _, running = configured
    client = make_client(running, private)
    died = upload(client, {"崩溃.txt": "崩溃测试".encode()})
    assert died.status_code == 500 and "检查进程意外退出" in died.json["error"]
    assert list(Path(private).iterdir()) == []
    again = upload(client, {"ok.txt": (SEEDS / "003_c2afdc98611f7d7b.txt").read_bytes()})
    assert again.status_code == 200 and again.json["reports"][0]["path"] == "ok.txt"


def test_a_check_process_that_hangs_past_every_budget_is_stopped(configured, private, monkeypatch):
    _, running = configured
    monkeypatch.setattr(worker_module, "BATCH_SECONDS", 1)
    monkeypatch.setattr(worker_module, "SECONDS_PER_FILE", 1)
    client = make_client(running, private)
    hung = upload(client, {"挂起.txt": "挂起测试".encode()})
    assert hung.status_code == 500 and "已停止" in hung.json["error"]
    monkeypatch.setattr(worker_module, "BATCH_SECONDS", 120)
    assert upload(client, {"ok.txt": "某报告".encode()}).status_code == 200


def test_a_bad_configuration_stops_the_start_with_its_message(tmp_path):
    (tmp_path / "govlint.toml").write_text('select = ["NOPE999"]\n', encoding="utf-8")
    with pytest.raises(worker_module.WorkerError) as caught:
        Worker(str(tmp_path / "govlint.toml")).start()
    assert "NOPE999" in str(caught.value)



def test_the_files_of_a_dropped_folder_keep_their_folder(client, run_govlint, monkeypatch, tmp_path):
    files = {f"单位/{p.name}": p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[3:]}
    summary = upload(client, files).json
    assert [r["path"] for r in summary["reports"]] == sorted(files)
    write(tmp_path / "单位", {name.split("/")[1]: data for name, data in files.items()})
    monkeypatch.chdir(tmp_path)
    expected = json.loads(run_govlint("check", "--format", "json", "单位").stdout)
    assert json.loads(client.get(BASE + f"api/batch/{summary['id']}/findings.json").data) == expected
