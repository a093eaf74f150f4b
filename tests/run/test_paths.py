"""The string path helpers of :mod:`govlint.run.paths` (the run keeps
paths as strings, without ``pathlib``) and how paths are shown."""

from __future__ import annotations

import os

import pytest

from govlint.run.config import display_path
from govlint.run.paths import parent, posix, relative, upwards


@pytest.mark.parametrize(("path", "root", "expected"), [
    ("/a/b/c.txt", "/a", "b/c.txt"),
    ("/a/b", "/a/b", "."),
    ("/a/bc/d.txt", "/a/b", None),  # a sibling sharing a prefix is outside
    ("/x/y.txt", "/a", None),
    ("/a/b.txt", "/", "a/b.txt"),
])
def test_relative_is_lexical_and_never_leaves_the_root(path, root, expected):
    assert relative(path, root) == expected


def test_upwards_ends_at_the_root():
    assert list(upwards("/a/b/c")) == ["/a/b/c", "/a/b", "/a", "/"]
    assert list(upwards("/")) == ["/"]


def test_parent_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parent("report.txt") == str(tmp_path)
    assert parent(tmp_path / "a" / "b.txt") == str(tmp_path / "a")
    assert posix("a/b") == "a/b"


def test_display_path_is_relative_under_the_current_directory_else_as_given(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    monkeypatch.chdir(tmp_path / "in")
    assert display_path(tmp_path / "in" / "sub" / "r.txt") == "sub/r.txt"
    assert display_path("sub/./r.txt") == "sub/r.txt"
    assert display_path(os.curdir) == "."
    assert display_path("../out/r.txt") == "../out/r.txt"
    assert display_path(tmp_path / "out.txt") == str(tmp_path / "out.txt")
