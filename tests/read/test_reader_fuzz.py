"""Property: no input makes ``read_document`` raise.  Random bytes and
random damage to real reports (bytes flipped, cut, inserted, repeated) go
through every reader — text, Markdown, Word, HTML, PDF — and always come
back as a Document (with E problems when they are not a report); running
the rules on it never raises either."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import to_docx, to_html
from hypothesis import HealthCheck, given, settings, strategies as st

from govlint.model import Document
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seeds" / "001_6fd5ae83f3a742c0.txt"
PLUGINS = load_plugins()
FUZZ = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _sources() -> dict[str, bytes]:
    seed = read_document(str(SEED), readers=PLUGINS.readers)
    return {
        ".txt": SEED.read_bytes(),
        ".md": (ROOT / "fixtures" / "real" / "shanghai-office-2025.md").read_bytes(),
        ".docx": to_docx(seed),
        ".html": to_html(seed),
        ".pdf": (ROOT / "fixtures" / "real" / "huaian-hongze-2023.pdf").read_bytes(),
    }


SOURCES = _sources()


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` with one to four kinds of damage at random places."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if kind == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[at:at + draw(st.integers(1, 512))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "repeat":
            out[at:at] = out[at:at + draw(st.integers(1, 2048))]
        else:
            del out[at:]
    return bytes(out)


def survives(data: bytes, extension: str) -> None:
    doc = read_document(f"report{extension}", data, readers=PLUGINS.readers)
    assert isinstance(doc, Document)
    lint_document(doc, PLUGINS.rules, warn=lambda message: None)  # a rule that fails is reported, never raised


@settings(max_examples=150, **FUZZ)
@given(data=st.binary(max_size=4096), extension=st.sampled_from(sorted(SOURCES)))
def test_random_bytes_never_escape(data, extension):
    survives(data, extension)


@pytest.mark.parametrize("extension,examples", [(".txt", 80), (".md", 40), (".html", 40), (".docx", 40), (".pdf", 12)])
def test_damaged_reports_never_escape(extension, examples):
    @settings(max_examples=examples, **FUZZ)
    @given(data=damaged(SOURCES[extension]))
    def check(data):
        survives(data, extension)

    check()
