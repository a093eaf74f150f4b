"""Hostile and broken input (issue 7): every file gets a clear E finding or
a message naming it, the other files are still checked, no traceback is
ever printed, in a serial and in a parallel run alike.  The format
readers' own tests go into the details of each format; here the whole
command runs over one folder of everything bad at once."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from builders import encrypted_pdf, image_pdf, to_docx, zip_of

from govlint.run import pipeline
from govlint.run.config import display_path
from govlint.run.engine import Options, expand_paths, lint, lint_document
from govlint.run.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seeds" / "000_b08920702986320c.txt"
PDF = ROOT / "fixtures" / "real" / "huaian-hongze-2024.pdf"


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


def codes(plugins, path: Path) -> list[str]:
    doc = pipeline.read_document(str(path), readers=plugins.readers)
    return [f.code for f in lint_document(doc, plugins.rules) if f.code.startswith("E")]


def entity_bomb_docx(seed_docx: bytes) -> bytes:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as source:
        entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["word/document.xml"] = xml.encode("utf-8")
    return zip_of(entries)


#: file name -> the E code it must get (None: read normally, no E finding)
EXPECTED = {
    "empty.txt": "E003",
    "blank lines.txt": "E003",
    "binary.txt": "E004",
    "gbk.txt": None,
    "gb18030.txt": None,
    "utf-16 with bom.txt": None,
    "utf-16 no bom.txt": None,
    "mixed line endings.txt": None,
    "huge.txt": "E005",
    "not a zip.docx": "E001",
    "truncated.docx": "E001",
    "zip bomb.docx": "E001",
    "many entries.docx": "E001",
    "billion laughs.docx": "E001",
    "nested.html": None,
    "encrypted.pdf": "E008",
    "scan.pdf": "E007",
    "corrupt.pdf": "E001",
    "broken link.txt": "E001",
    "loop.txt": "E001",
    "报告 2023/某区 年报.txt": None,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, plugins) -> Path:
    """A folder of every kind of bad file, a symlink loop and a good report."""
    top = tmp_path_factory.mktemp("hostile")
    text = SEED.read_text(encoding="utf-8")
    seed_docx = to_docx(pipeline.read_document(str(SEED), readers=plugins.readers))
    files = {
        "empty.txt": b"",
        "blank lines.txt": "\n \u3000\r\n\t\n".encode(),
        "binary.txt": bytes(range(256)) * 40,
        "gbk.txt": text.replace("\xa0", " ").encode("gbk"),
        "gb18030.txt": text.encode("gb18030"),
        "utf-16 with bom.txt": text.encode("utf-16"),
        "utf-16 no bom.txt": text.encode("utf-16-le"),
        "mixed line endings.txt": "".join(line + ("\r\n", "\n", "\r")[i % 3]
                                          for i, line in enumerate(text.split("\n"))).encode(),
        "not a zip.docx": text.encode(),
        "truncated.docx": seed_docx[: len(seed_docx) // 2],
        "zip bomb.docx": zip_of({"word/document.xml": bytes(64 * 1024 * 1024)}),
        "many entries.docx": zip_of({f"word/f{i}.xml": b"<a/>" for i in range(3000)}),
        "billion laughs.docx": entity_bomb_docx(seed_docx),
        "nested.html": ("<html><body>" + "<div>" * 30000 + "<p>一、总体情况</p>" + "</div>" * 30000
                        + "</body></html>").encode(),
        "encrypted.pdf": encrypted_pdf(),
        "scan.pdf": image_pdf(),
        "corrupt.pdf": PDF.read_bytes()[:3000] + b"garbage" * 100,
        "报告 2023/某区 年报.txt": text.encode(),
    }
    for name, data in files.items():
        (top / name).parent.mkdir(exist_ok=True)
        (top / name).write_bytes(data)
    with open(top / "huge.txt", "wb") as handle:  # sparse: 50 MB on no disk
        handle.truncate(50 * 1024 * 1024)
    os.symlink(top / "nowhere.txt", top / "broken link.txt")
    os.symlink(top / "loop.txt", top / "loop.txt")
    os.symlink(top, top / "报告 2023" / "back to the top")  # a directory loop
    return top


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govlint", "check", "--no-config", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def serial_and_parallel(hostile):
    return [run("--format", "json", "--jobs", jobs, ".", cwd=hostile) for jobs in ("1", "2")]


def test_every_bad_file_gets_its_e_finding_and_the_good_ones_are_checked(serial_and_parallel):
    result = serial_and_parallel[0]
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    e_codes = {}
    for f in findings:
        if f["code"].startswith("E"):
            e_codes.setdefault(f["path"], []).append(f["code"])
    checked = {f["path"] for f in findings}
    for name, code in EXPECTED.items():
        if code is None:
            assert name not in e_codes, (name, e_codes.get(name))
        else:
            assert e_codes.get(name) == [code], name
    # the good reports were read as reports: the seed's section heading typo is found in each
    for name in ("gbk.txt", "gb18030.txt", "utf-16 with bom.txt", "utf-16 no bom.txt",
                 "mixed line endings.txt", "报告 2023/某区 年报.txt"):
        assert name in checked and any(f["path"] == name and f["code"][0] in "TAS" for f in findings), name


def test_the_same_lines_whatever_the_encoding_or_line_endings(serial_and_parallel):
    findings = json.loads(serial_and_parallel[0].stdout)

    def of(name):
        return [(f["line"], f["code"], f["message"]) for f in findings if f["path"] == name]

    reference = of("报告 2023/某区 年报.txt")
    for name in ("gb18030.txt", "utf-16 with bom.txt", "utf-16 no bom.txt", "mixed line endings.txt"):
        assert of(name) == reference, name


def test_no_traceback_and_the_parallel_run_prints_the_same(serial_and_parallel):
    serial, parallel = serial_and_parallel
    for result in serial_and_parallel:
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    assert parallel.returncode == serial.returncode


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the peak memory from /proc")
def test_a_50_mb_file_is_refused_without_being_read(hostile):
    # the peak of this process's own memory (ru_maxrss would include the pytest process it was forked from)
    script = ("from govlint.cli import main\n"
              "try: main(['check', '--no-config', 'huge.txt'])\n"
              "except SystemExit: pass\n"
              "status = open('/proc/self/status').read()\n"
              "print(int(status.split('VmHWM:')[1].split()[0]) // 1024)")
    result = subprocess.run([sys.executable, "-c", script], cwd=hostile, capture_output=True, text=True, timeout=60)
    assert "E005" in result.stdout and "50 MB" in result.stdout
    assert int(result.stdout.split()[-1]) < 120  # MB: the file was never held in memory


def test_a_50_mb_standard_input_is_read_only_up_to_the_limit(hostile):
    with open(hostile / "huge.txt", "rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-config", "-"], stdin=stdin,
                                cwd=hostile, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "E005" in result.stdout and "Traceback" not in result.stderr


def test_an_unreadable_file_is_e001_naming_the_reason(plugins, tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # as root, chmod 000 does not stop reading: make open() refuse, as it does for other users
    monkeypatch.setattr(pipeline, "open", refuse, raising=False)
    doc = pipeline.read_document(str(path), readers=plugins.readers)
    [finding] = lint_document(doc, plugins.rules)
    assert finding.code == "E001" and "Permission denied" in finding.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_e001(plugins, tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert codes(plugins, path) == ["E001"]


def test_a_fifo_is_not_read(plugins, tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert codes(plugins, path) == ["E001"]  # reading would block for ever


def test_walking_a_symlink_loop_ends(hostile):
    found = expand_paths([str(hostile)], {".txt"})
    names = sorted(os.path.relpath(f, hostile) for f in found)
    assert "报告 2023/某区 年报.txt" in names and "loop.txt" in names
    assert not any("back to the top" in name for name in names)


def test_a_reader_that_crashes_is_e001_and_the_run_goes_on(plugins, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    markdown = next(r for r in plugins.readers if r.name == "markdown")

    def boom(data, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(markdown._loaded, "fn", boom)
    result = lint([str(tmp_path)], Options(use_config=False), plugins=plugins)
    by_path = {r.path: [f.code for f in r.findings] for r in result.files}
    assert by_path[display_path(str(tmp_path / "b.md"))] == ["E001"]
    checked = by_path[display_path(str(tmp_path / "a.txt"))]
    assert checked and not any(code.startswith("E") for code in checked) and not result.errors
