"""govlint.regexes: patterns compiled through the cache of compiler output
are the patterns ``re``/``regex`` compile, on a miss, from the cache file
in a later process, and when the file is damaged, from another version,
or cannot be written."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
import regex

from govlint import regexes

PATTERNS = [
    (r"^(?P<year>(?:19|20)\d{2})\s*年度?(?P<rest>.*?)政府信息公开", 0),
    (r"\[bookmark:[^\]]*\]|\[(?:image|picture):[^\]]*\]", re.IGNORECASE),
    (r"[\u3400-\u9fff）)]+(?=\d)", 0),
    (r"(?<![第\d])[零〇一二两三四五六七八九十百千万]+(?:余|多)?(?:件|条|%)", re.MULTILINE),
]
TEXTS = ["2023年度某某区政府信息公开工作年度报告", "[BOOKMARK: _GoBack]收到申请", "合计12件）3", "第三条共十二余件。"]


def _matches(pattern) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for text in TEXTS for m in pattern.finditer(text)]


@pytest.fixture
def store(tmp_path):
    return regexes._Store(str(tmp_path / "__pycache__" / "regexes.marshal"))


def _reloaded(store: regexes._Store) -> regexes._Store:
    """A new store over the same file, as the next process sees it."""
    store.save()
    return regexes._Store(store.path)


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_a_re_pattern_from_the_cache_is_the_pattern_re_compiles(store, pattern, flags):
    expected = re.compile(pattern, flags)
    assert store.compile("re", pattern, int(flags)) == expected  # a miss (re.Pattern == compares the code)
    again = _reloaded(store)
    assert ("re", pattern, int(flags)) in again._stored()
    cached = again.compile("re", pattern, int(flags))
    assert cached == expected and cached.flags == expected.flags and cached.groupindex == expected.groupindex
    assert _matches(cached) == _matches(expected)


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_a_regex_pattern_from_the_cache_matches_as_regex_compiles_it(store, pattern, flags):
    expected = regex.compile(pattern, flags)
    store.compile("regex", pattern, int(flags))
    again = _reloaded(store)
    assert ("regex", pattern, int(flags)) in again._stored()
    cached = again.compile("regex", pattern, int(flags))
    assert (cached.pattern, cached.flags, cached.groupindex, cached.groups) == (
        expected.pattern, expected.flags, expected.groupindex, expected.groups)
    assert _matches(cached) == _matches(expected)


def test_a_pattern_is_compiled_once_per_process(store):
    assert store.compile("re", r"\d+件", 0) is store.compile("re", r"\d+件", 0)


def test_a_bad_pattern_raises_as_re_does(store):
    with pytest.raises(re.error):
        store.compile("re", "(unclosed", 0)
    with pytest.raises(regex.error):
        store.compile("regex", "(unclosed", 0)
    assert not store._added


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps(("another python", {}))])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(store, content):
    os.makedirs(os.path.dirname(store.path))
    with open(store.path, "wb") as file:
        file.write(content)
    assert store.compile("re", "a+b", 0) == re.compile("a+b")
    assert ("re", "a+b", 0) in _reloaded(store)._stored()


def test_an_entry_the_constructor_refuses_is_compiled_again(store):
    store.compile("re", "a+b", 0)
    store.save()
    with open(store.path, "rb") as file:
        header, arguments = marshal.loads(file.read())
    arguments[("re", "a+b", 0)] = (0, [999999], 0, {}, (None,))  # invalid code
    with open(store.path, "wb") as file:
        file.write(marshal.dumps((header, arguments)))
    assert regexes._Store(store.path).compile("re", "a+b", 0) == re.compile("a+b")


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    store = regexes._Store(str(blocked / "__pycache__" / "regexes.marshal"))
    assert store.compile("re", "a+b", 0) == re.compile("a+b")
    store.save()  # silently nothing
    assert blocked.read_text() == "not a folder"


def test_past_the_limit_only_the_patterns_of_the_run_are_kept(store, monkeypatch):
    monkeypatch.setattr(regexes, "LIMIT", 3)
    for n in range(3):
        store.compile("re", f"old{n}", 0)
    again = _reloaded(store)
    again.compile("re", "new", 0)
    assert set(_reloaded(again)._stored()) == {("re", "new", 0)}


def test_the_patterns_govlint_compiles_do_not_depend_on_the_hash_seed(tmp_path):
    """A pattern built from a set in an order that varies between processes
    would be a new cache entry in every run (and a cache that only grows)."""
    code = ("import sys; from govlint.run.engine import lint; from govlint.regexes import _store; "
            "lint(sys.argv[1:]); print(sorted(map(repr, _store()._patterns)))")
    fixtures = [os.path.join("fixtures", "seeds"), os.path.join("fixtures", "real")]
    seen = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", code, *fixtures], capture_output=True, text=True, env=env,
                              cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        assert done.returncode == 0, done.stderr
        seen.append(done.stdout.splitlines()[-1])
    assert seen[0] == seen[1]
    assert len(seen[0]) > 1000
