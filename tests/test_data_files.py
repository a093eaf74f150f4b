"""Reading govlint's data files (:mod:`govlint.data`): the same data as
parsing the file, through a cache of parsed forms that is never stale and
survives damage."""

import sys
import tomllib
from pathlib import Path

import pytest

from govlint.data import read_text, read_toml

ROOT = Path(__file__).resolve().parents[1]
BUILT_IN = {
    "govlint.data": ROOT / "linter" / "data",
    "govlint.recognise.claims": ROOT / "linter" / "recognise" / "claims",
    **{f"govlint.rules.{group}": ROOT / "rules" / group
       for group in ("consistency", "crossreport", "metadata", "structure")},
}


@pytest.mark.parametrize("package", sorted(BUILT_IN))
def test_every_data_file_reads_as_parsed(package):
    for file in sorted(BUILT_IN[package].glob("*.toml")):
        expected = tomllib.loads(file.read_text(encoding="utf-8"))
        assert read_toml(package, file.name) == expected  # parsed, or from the cache
        assert read_toml(package, file.name) == expected  # from the cache
        assert read_text(package, file.name) == file.read_text(encoding="utf-8")


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package ``datapkg`` with a data file ``d.toml``; its cache file."""
    folder = tmp_path / "datapkg"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "d.toml").write_text('a = 1\n[t]\nb = ["x"]\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "datapkg", raising=False)
    return folder, folder / "__pycache__" / f"d.toml.{sys.implementation.cache_tag}.marshal"


def test_the_cache_is_written_and_never_stale(package):
    folder, cache = package
    assert read_toml("datapkg", "d.toml") == {"a": 1, "t": {"b": ["x"]}}
    assert cache.is_file()
    (folder / "d.toml").write_text("a = 2\n", encoding="utf-8")
    assert read_toml("datapkg", "d.toml") == {"a": 2}
    assert read_toml("datapkg", "d.toml") == {"a": 2}


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3\x01\x00\x00\x00"])
def test_a_damaged_cache_is_parsed_again_and_replaced(package, damage):
    folder, cache = package
    read_toml("datapkg", "d.toml")
    cache.write_bytes(damage)
    assert read_toml("datapkg", "d.toml") == {"a": 1, "t": {"b": ["x"]}}
    assert cache.read_bytes() != damage


def test_values_marshal_cannot_hold_are_parsed_every_time(package):
    folder, cache = package
    (folder / "d.toml").write_text("day = 2024-01-31\n", encoding="utf-8")
    assert str(read_toml("datapkg", "d.toml")["day"]) == "2024-01-31"
    assert not cache.exists()


def test_no_cache_under_a_pycache_prefix(package, monkeypatch, tmp_path):
    folder, cache = package
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    assert read_toml("datapkg", "d.toml") == {"a": 1, "t": {"b": ["x"]}}
    assert not cache.exists() and not (tmp_path / "prefix").exists()


def test_a_folder_that_cannot_be_written_is_no_error(package):
    folder, cache = package
    (folder / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert read_toml("datapkg", "d.toml") == {"a": 1, "t": {"b": ["x"]}}
