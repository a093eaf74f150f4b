"""Office formats other than .docx: ``.doc`` (Word 97–2003), ``.wps``
(WPS 文字), ``.rtf`` and ``.odt`` through LibreOffice, and ``.ofd``.

**Through LibreOffice.**  When ``soffice`` (or ``libreoffice``) is on the
PATH, the file is converted to .docx by LibreOffice headless and read by
the .docx reader (:func:`govlint.read.formats.docx.read_docx`), so findings
and places (``第12段``, ``表3 第5行 第2列``) are those of the same report
saved as .docx.  The conversion is treated as handling hostile input:

* in a private temporary directory (mode 0700) holding the input, the
  output and a LibreOffice profile of its own (no shared profile, no lock
  with a LibreOffice the user has open), removed afterwards;
* the input is written under a fixed name (``input.doc``…), never the
  user's, and LibreOffice is given no shell;
* within :data:`govlint.limits.OFFICE_SECONDS`, in a session of its own,
  killed with every process it started when over time (or when the
  watchdog stops the file); standard input closed, output discarded;
* its output must be one regular file of at most
  :data:`~govlint.limits.OFFICE_OUTPUT_BYTES`, and the .docx reader's own
  limits (zip bombs, XML budget) apply to it;
* macros are not run: LibreOffice's default macro security, and the
  private profile has no trusted locations.

Without LibreOffice the file gets an E006 finding that says how to save it
as .docx (Word, WPS) or how to install LibreOffice; a file LibreOffice
cannot convert gets E001; one over time E009.

**.ofd** (GB/T 33190, the national fixed-layout format) gets a clear E006
finding saying to export it as PDF or Word from the reader it was made
with.  Decision (issue 16): OFD is a zip of XML pages holding positioned
glyphs, and reading it would mean rebuilding words, lines and table grids
from glyph positions, the work the PDF reader does with pdfplumber.  Real
OFD files from 数科, 福昕 and 书生 often store text as glyph indices of
embedded fonts without a Unicode map; the only samples that can be made
here are ones written by our own code, which would test our assumptions
rather than real producers' files.  An unreliable reading would make
false findings on a format where a scan-like E finding is honest, so
.ofd is identified (the archive must hold ``OFD.xml``; anything else is
E001) and refused with directions.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path

from ... import limits
from .. import ReadResult
from ..support import InputError, reader

#: the extensions converted by LibreOffice, and what a person calls them
OFFICE = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".rtf": "RTF 文档（.rtf）",
          ".odt": "OpenDocument 文本（.odt）"}
_SAVE_AS = ("请用 Word 或 WPS 打开此文件，“文件 → 另存为”选择“Word 文档（*.docx）”，再检查 .docx；"
            "或安装 LibreOffice 后重新检查（Debian/Ubuntu：apt-get install libreoffice-writer-nogui，"
            "其他系统见 libreoffice.org），govlint 会自动转换")


def soffice() -> str | None:
    """The LibreOffice command on the PATH (None: not installed)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_office(data: bytes, path: str) -> ReadResult:
    """Read a .doc, .wps, .rtf or .odt report (see the module docstring)."""
    extension = os.path.splitext(path)[1].lower()
    what = OFFICE.get(extension, f"{extension} 文件")
    fmt = extension.lstrip(".") or "office"
    command = soffice()
    if command is None:
        return _failed(fmt, "unsupported", f"读取{what}需要 LibreOffice，当前未安装：{_SAVE_AS}")
    try:
        if data.startswith(b"PK\x03\x04"):  # .odt, or a .docx misnamed: the zip limits first
            from ..safezip import check

            check(data, what)
        docx = convert(command, data, extension or ".doc", what)
    except InputError as exc:
        return _failed(fmt, exc.kind, exc.message)
    from .docx import read_docx

    result = read_docx(docx, path)
    return ReadResult(fmt, result.lines, result.blocks, result.problems)


def _failed(fmt: str, kind: str, message: str) -> ReadResult:
    from ...model import InputProblem

    return ReadResult(fmt, problems=(InputProblem(kind, message, fatal=True),))


def convert(command: str, data: bytes, extension: str, what: str) -> bytes:
    """``data`` converted to .docx by LibreOffice ``command``; InputError
    when it cannot be (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="govlint-office-") as work:
        folder = Path(work)
        os.chmod(folder, 0o700)
        source = folder / f"input{extension}"
        source.write_bytes(data)
        out = folder / "out"
        out.mkdir()
        argv = [command, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--invisible",
                "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        environment = {key: value for key, value in os.environ.items()
                       if key in ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")}
        environment["HOME"] = str(folder)
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd=folder, env=environment,
                                   start_new_session=os.name == "posix")
        try:
            process.wait(timeout=limits.OFFICE_SECONDS)
        except subprocess.TimeoutExpired:
            raise InputError("budget", f"LibreOffice 转换{what}超过 {limits.OFFICE_SECONDS:g} 秒（上限），已停止：{_SAVE_AS}"
                             ) from None
        finally:
            _kill(process)
        produced = [p for p in out.iterdir()]
        target = out / "input.docx"
        if process.returncode != 0 or produced != [target]:
            raise InputError("unreadable", f"LibreOffice 无法转换此{what}（文件可能已损坏或加密）：{_SAVE_AS}")
        info = os.lstat(target)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("unreadable", f"LibreOffice 转换{what}的结果不是普通文件，未读取")
        if info.st_size > limits.OFFICE_OUTPUT_BYTES:
            raise InputError("budget", f"{what}转换成 .docx 后超过 {limits.OFFICE_OUTPUT_BYTES // limits.MIB} MB（上限），未读取")
        return target.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    """End LibreOffice and every process it started (its session)."""
    if process.poll() is None or os.name == "posix":
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


@reader("ofd")
def read_ofd(data: bytes, path: str) -> ReadResult:
    """Identify an .ofd file and refuse it with directions (see the module docstring)."""
    from ..safezip import check

    what = " OFD 文件（.ofd）"
    archive = check(data, what)
    names = {name.lower() for name in archive.namelist()}
    if "ofd.xml" not in names:
        raise InputError("unreadable", "文件不是有效的 OFD 文件（压缩包中没有 OFD.xml），未读取")
    raise InputError("unsupported", "govlint 暂不读取 OFD 版式文件（.ofd）：请用生成它的阅读器（数科、福昕、书生等）"
                                    "“另存为”或“导出”为 PDF（带文字层）或 Word 文档（.docx）后再检查")
