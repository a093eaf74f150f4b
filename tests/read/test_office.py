"""Office formats other than .docx (issue 16, item 7): .doc, .wps, .rtf and
.odt read through LibreOffice headless give the findings of the same
report as .docx; without LibreOffice each gets an E006 saying how to save
it as .docx; the conversion is bounded (time, a private directory, every
process ended) and .ofd is identified and refused with directions."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import msgspec
import pytest

from govlint import limits
from govlint.read.formats import office
from govlint.testing.formats import docx_bytes
from govlint.testing.synthetic import ReportSpec, consistent_values, render_blocks

ROOT = Path(__file__).parents[2]
BLANK_TEMPLATE = ROOT / "fixtures" / "real" / "template-2021-blank.docx"
SOFFICE = office.soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed "
                                                           "(.ci/run installs libreoffice-writer-nogui)")


def broken_report() -> bytes:
    """A 2022 report as .docx with errors in its tables (a total that does
    not add up, a blank cell, a value that is not a number)."""
    values = {**consistent_values(random.Random(7), "2021")}
    values["t3.results.total.total"] = 999
    values["t3.new.business"] = ""
    values["t4.review.upheld"] = "无"
    spec = ReportSpec(organ="某某市某某区人民政府办公室", year=2022, values=values)
    return docx_bytes(render_blocks(spec))


def convert(source: Path, extension: str, outdir: Path) -> Path:
    """``source`` saved by LibreOffice as ``extension`` (the way a user's
    office suite writes the file)."""
    filters = {"doc": "doc:MS Word 97", "rtf": "rtf", "odt": "odt"}
    outdir.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", filters[extension], "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=120)
    made = outdir / f"{source.stem}.{extension}"
    assert made.is_file()
    return made


def findings(run_govlint, path: Path) -> list[dict]:
    result = run_govlint("check", "--format", "json", "--no-config", str(path))
    assert result.stderr == "", result.stderr
    return [{k: v for k, v in f.items() if k != "path"} for f in json.loads(result.stdout)]


@needs_soffice
@pytest.mark.parametrize("source", ["broken-report", "blank-template"])
def test_a_doc_made_by_libreoffice_has_the_findings_of_the_docx(run_govlint, workdir, source):
    docx = workdir / f"{source}.docx"
    docx.write_bytes(broken_report() if source == "broken-report" else BLANK_TEMPLATE.read_bytes())
    expected = findings(run_govlint, docx)
    assert expected and any(f["location"] for f in expected)
    if source == "broken-report":
        assert {"A014", "T006", "T007"} <= {f["code"] for f in expected}  # A014: the （七）总计 to blame
    doc = convert(docx, "doc", workdir / "doc")
    assert doc.read_bytes().startswith(bytes.fromhex("d0cf11e0a1b11ae1"))  # a real Word 97 file
    assert findings(run_govlint, doc) == expected


@needs_soffice
@pytest.mark.parametrize("extension", ["rtf", "odt"])
def test_rtf_and_odt_too(run_govlint, workdir, extension):
    docx = workdir / "report.docx"
    docx.write_bytes(broken_report())
    expected = findings(run_govlint, docx)
    made = convert(docx, extension, workdir / extension)
    assert findings(run_govlint, made) == expected


@needs_soffice
def test_a_wps_file_is_read_like_a_doc(run_govlint, workdir):
    """WPS 文字 saves .wps in the Word 97 binary format."""
    docx = workdir / "report.docx"
    docx.write_bytes(broken_report())
    expected = findings(run_govlint, docx)
    wps = workdir / "report.wps"
    shutil.copy(convert(docx, "doc", workdir / "doc"), wps)
    assert findings(run_govlint, wps) == expected


@needs_soffice
def test_a_folder_run_reads_office_files_and_a_damaged_one_is_e001(run_govlint, workdir):
    (workdir / "reports").mkdir()
    (workdir / "reports" / "a.docx").write_bytes(broken_report())
    convert(workdir / "reports" / "a.docx", "doc", workdir / "reports")
    (workdir / "reports" / "damaged.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 700)
    result = run_govlint("check", "--format", "json", "--select", "E,A002", "reports")
    found = sorted({(f["path"], f["code"]) for f in json.loads(result.stdout)})
    assert found == [("reports/a.doc", "A002"), ("reports/a.docx", "A002"), ("reports/damaged.doc", "E001")]
    damaged = next(f for f in json.loads(result.stdout) if f["code"] == "E001")
    assert "LibreOffice 无法转换此Word 97-2003 文档（.doc）" in damaged["message"] and "另存为" in damaged["message"]


def test_without_libreoffice_each_file_says_how_to_save_it_as_docx(run_govlint, workdir, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    for name in ("a.doc", "b.wps", "c.rtf", "d.odt"):
        (workdir / name).write_bytes(b"{\\rtf1 x}")
    result = run_govlint("check", "--format", "json", "--no-config", ".")
    data = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in data] == [("a.doc", "E006"), ("b.wps", "E006"), ("c.rtf", "E006"),
                                                      ("d.odt", "E006")]
    message = data[0]["message"]
    assert message.startswith("读取Word 97-2003 文档（.doc）需要 LibreOffice，当前未安装：")
    assert "另存为" in message and "Word 文档（*.docx）" in message and "libreoffice-writer-nogui" in message


def fake_soffice(folder: Path, body: str) -> str:
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_conversion_that_hangs_is_stopped_with_every_process_it_started(tmp_path, monkeypatch):
    marker = tmp_path / "children"
    command = fake_soffice(tmp_path, f'sleep 300 & echo $! > {marker}\nsleep 300')
    monkeypatch.setattr(office, "soffice", lambda: command)
    with limits.overridden({"OFFICE_SECONDS": 0.5}):
        result = office.read_office(b"\xd0\xcf\x11\xe0 doc", "a.doc")
    [problem] = result.problems
    assert (problem.kind, problem.fatal) == ("budget", True)
    assert "超过 0.5 秒（上限），已停止" in problem.message
    child = int(marker.read_text())
    assert not running(child)  # the grandchild went too


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie waiting to be reaped does not)."""
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state in ("Z", "X"):
            return False
        import time

        time.sleep(0.05)
    return True


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_the_conversion_runs_in_a_private_directory_that_is_removed(tmp_path, monkeypatch):
    seen = tmp_path / "seen"
    command = fake_soffice(tmp_path, f'pwd > {seen}; ls -A >> {seen}; stat -c %a . >> {seen}; echo "$HOME" >> {seen}\n'
                                     'exit 1')
    monkeypatch.setattr(office, "soffice", lambda: command)
    result = office.read_office(b"{\\rtf1 x}", "/somewhere/用户的 文件.rtf")
    assert result.problems[0].kind == "unreadable"
    folder, *listing = seen.read_text().split()
    assert listing[:2] == ["input.rtf", "out"] and listing[2] == "700" and listing[3] == folder
    assert not Path(folder).exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_output_that_is_not_one_regular_docx_is_refused(tmp_path, monkeypatch):
    command = fake_soffice(tmp_path, 'for last; do :; done\nmkdir -p "$(dirname "$last")/out/input.docx"')
    monkeypatch.setattr(office, "soffice", lambda: command)
    assert office.read_office(b"{\\rtf1 x}", "a.rtf").problems[0].kind == "unreadable"


def test_an_odt_zip_bomb_is_refused_before_libreoffice_sees_it(monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: pytest.fail("LibreOffice must not be started"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"\0" * (8 * limits.MIB))
    monkeypatch.setattr(office, "soffice", lambda: "/bin/false")
    result = office.read_office(buffer.getvalue(), "bomb.odt")
    assert result.problems[0].kind == "unreadable" and "压缩炸弹" in result.problems[0].message


def ofd(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_ofd_is_identified_and_refused_with_directions(run_govlint, workdir):
    (workdir / "a.ofd").write_bytes(ofd({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"}))
    (workdir / "b.ofd").write_bytes(ofd({"readme.txt": b"x"}))
    (workdir / "c.ofd").write_bytes(b"not a zip at all")
    result = run_govlint("check", "--format", "json", "--no-config", ".")
    data = {f["path"]: f for f in json.loads(result.stdout)}
    assert {p: f["code"] for p, f in data.items()} == {"a.ofd": "E006", "b.ofd": "E001", "c.ofd": "E001"}
    assert "另存为" in data["a.ofd"]["message"] and "PDF" in data["a.ofd"]["message"]
    assert "没有 OFD.xml" in data["b.ofd"]["message"]


def test_the_reader_is_registered_for_every_office_extension():
    from govlint.run.plugins import load_plugins

    readers = {ext: r.name for r in load_plugins().readers for ext in r.extensions}
    assert {ext: readers[ext] for ext in (".doc", ".wps", ".rtf", ".odt", ".ofd")} == {
        ".doc": "office", ".wps": "office", ".rtf": "office", ".odt": "office", ".ofd": "ofd"}
    assert isinstance(load_plugins().readers[0], msgspec.Struct)
