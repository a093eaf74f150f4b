"""Uploaded files into the private folder: safe names, .zip archives of a
folder unpacked with the zip-bomb checks, the count limit."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from govlint.output.serve import uploads
from govlint.output.serve.uploads import UploadError, clean_name, receive

EXTENSIONS = (".docx", ".pdf", ".html", ".htm", ".txt", ".md")


class _GbkName(zipfile.ZipInfo):
    """An entry named as Chinese Windows names it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zipped(entries: dict[str, bytes], *, gbk: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            info = (_GbkName if gbk else zipfile.ZipInfo)(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


def files_in(folder) -> list[str]:
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    return sorted(found)


@pytest.mark.parametrize("sent, kept", [
    ("年报.txt", "年报.txt"),
    ("../../etc/passwd.txt", "etc/passwd.txt"),
    ("/abs/年报.pdf", "abs/年报.pdf"),
    ("C:\\Users\\办公室\\年报.docx", "Users/办公室/年报.docx"),
    ("a/./b/../c.txt", "a/b/c.txt"),
    ("bad\x1b[2Jname\n.txt", "bad_[2Jname_.txt"),
    ("..", "未命名"),
    ("", "未命名"),
    ("con.txt", "_con.txt"),
    ("x" * 300 + ".docx", "x" * 115 + ".docx"),
])
def test_names_are_made_safe(sent, kept):
    assert clean_name(sent) == kept


def test_files_are_written_under_their_names_a_name_twice_numbered(tmp_path):
    upload = receive([("年报.txt", b"a"), ("年报.txt", b"b"), ("单位/年报.txt", b"c"), ("单位", b"d")],
                     str(tmp_path), EXTENSIONS)
    assert upload.paths == ["年报.txt", "年报 (2).txt", "单位/年报.txt", "单位 (2)"]
    assert (tmp_path / "年报 (2).txt").read_bytes() == b"b" and upload.reports == 4
    assert upload.refused == []


def test_a_zip_of_a_folder_is_unpacked_into_a_folder_of_its_reports(tmp_path):
    data = zipped({"2023年报/甲局.txt": b"1", "2023年报/乙局/乙局.pdf": b"2", "2023年报/说明.xlsx": b"x",
                   "2023年报/.hidden.txt": b"h", "__MACOSX/2023年报/._甲局.txt": b"m"})
    upload = receive([("2023年报.zip", data)], str(tmp_path), EXTENSIONS)
    assert upload.paths == ["2023年报"] and upload.reports == 2
    assert files_in(tmp_path) == ["2023年报/乙局/乙局.pdf", "2023年报/甲局.txt"]


def test_a_zip_of_loose_files_is_unpacked_into_a_folder_named_after_it(tmp_path):
    upload = receive([("报告.zip", zipped({"a.txt": b"1", "sub/b.md": b"2"}))], str(tmp_path), EXTENSIONS)
    assert upload.paths == ["报告"] and files_in(tmp_path) == ["报告/a.txt", "报告/sub/b.md"]


def test_gbk_entry_names_of_chinese_windows_are_decoded(tmp_path):
    data = zipped({"年报/甲局报告.txt": b"1"}, gbk=True)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0] != "年报/甲局报告.txt"  # zipfile alone: cp437
    receive([("a.zip", data)], str(tmp_path), EXTENSIONS)
    assert files_in(tmp_path) == ["年报/甲局报告.txt"]


def test_entries_cannot_leave_the_folder(tmp_path):
    data = zipped({"../../outside.txt": b"1", "/etc/abs.txt": b"2", "a/../../b.txt": b"3"})
    receive([("evil.zip", data)], str(tmp_path / "in"), EXTENSIONS)
    assert not (tmp_path / "outside.txt").exists()
    assert files_in(tmp_path / "in") == ["evil/a/b.txt", "evil/etc/abs.txt", "evil/outside.txt"]


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path):
    bomb = zipped({"bomb.txt": b"0" * (3 * 1024 * 1024)})  # 3 MB of zeros, some 3 KB compressed
    upload = receive([("bomb.zip", bomb), ("ok.txt", b"x")], str(tmp_path), EXTENSIONS)
    assert upload.paths == ["ok.txt"]
    [(name, kind, message)] = upload.refused
    assert name == "bomb.zip" and kind == "unreadable" and "压缩炸弹" in message
    assert files_in(tmp_path) == ["ok.txt"]


def test_a_damaged_or_empty_zip_is_refused_with_the_reason(tmp_path):
    upload = receive([("broken.zip", b"PK\x03\x04 not really"), ("none.zip", zipped({"a.xlsx": b"1"}))],
                     str(tmp_path), EXTENSIONS)
    refused = {name: (kind, message) for name, kind, message in upload.refused}
    assert refused["broken.zip"][0] == "unreadable"
    assert refused["none.zip"][0] == "unsupported" and "没有可检查的报告文件" in refused["none.zip"][1]


def test_what_archives_unpack_to_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "UNPACKED_BYTES", 1000)
    upload = receive([("big.zip", zipped({"a.txt": os.urandom(800), "b.txt": os.urandom(800)}))],
                     str(tmp_path), EXTENSIONS)
    [(name, kind, message)] = upload.refused
    assert kind == "budget" and "报告文件" in message


def test_more_reports_than_the_limit_are_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_REPORTS", 3)
    with pytest.raises(UploadError) as caught:
        receive([("a.zip", zipped({f"{i}.txt": b"1" for i in range(3)})), ("b.txt", b"1")], str(tmp_path), EXTENSIONS)
    assert caught.value.status == 413 and "一次最多检查 3 份报告" in caught.value.message
