"""The claim extractor (govlint.recognise.claims): the phrasing corpus as a table,
locations, and the promise that jieba's default dictionary is never loaded."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from govlint.model import Location, Paragraph, Piece
from govlint.recognise.claims import extract_text, paragraph_claims
from govlint.recognise.claims.text import normalise

ROOT = Path(__file__).parents[2]
CORPUS = yaml.safe_load((Path(__file__).parents[1] / "data" / "claims_corpus.yml").read_text("utf-8"))
DEFAULTS = {"negated": False, "hedge": None, "scope": None, "includes": None, "with_carried": False, "groups": []}
SEED = ROOT / "fixtures" / "seeds" / "003_c2afdc98611f7d7b.txt"


def _as_dict(claim, expected: dict) -> dict:
    value = float(claim.value) if isinstance(claim.value, Decimal) else claim.value  # the corpus writes 51.85
    got = {"kind": claim.kind, "value": value, "negated": claim.negated, "hedge": claim.hedge,
           "scope": claim.scope, "includes": claim.includes, "with_carried": claim.with_carried,
           "groups": list(claim.groups)}
    if "text" in expected:
        got["text"] = claim.text
    if "scopes" in expected:
        got["scopes"] = [phrase.text for phrase in claim.scopes]
    for field in ("base", "direction"):
        if field in expected:
            got[field] = getattr(claim, field)
    if "parts" in expected:
        got["parts"] = [part.value for part in claim.parts]
    if "complete" in expected:
        got["complete"] = claim.complete
    if "of" in expected:
        got["of"] = claim.of.kind if claim.of else None
    return got


@pytest.mark.parametrize("entry", CORPUS["sentences"], ids=lambda e: f"{e['source']}: {e['text'][:24]}")
def test_corpus(entry):
    claims = extract_text(entry["text"], entry.get("year", CORPUS["year"]))
    expected = [{**DEFAULTS, **c} for c in entry["claims"]]
    got = [_as_dict(c, e) for c, e in zip(claims, expected)]
    got += [_as_dict(c, {}) for c in claims[len(expected):]]
    assert got == expected


def test_corpus_covers_every_kind_and_form():
    kinds = {c["kind"] for e in CORPUS["sentences"] for c in e["claims"]}
    assert kinds >= {"received", "handled", "carried_over", "carried_in", "outcome.public", "outcome.partial",
                     "outcome.public_partial", "outcome.deny", "outcome.unable", "outcome.not_held",
                     "outcome.reject", "outcome.other", "requester.natural_person", "requester.legal_person",
                     "review", "litigation", "review_litigation", "none_corrected", "none_lost",
                     "all_upheld", "parts", "all_handled", "share", "change", "itemised", "handled_rate"}
    claims = [c for e in CORPUS["sentences"] for c in e["claims"]]
    assert {c.get("hedge") for c in claims} >= {"余", "多", "近", "约", "左右"}
    assert {c.get("scope") for c in claims} >= {"other-year", "other-scope", "plan"}
    assert any(c.get("with_carried") for c in claims) and any(c.get("includes") for c in claims)
    assert sum(not e["claims"] for e in CORPUS["sentences"]) >= 20
    assert len(CORPUS["sentences"]) >= 80


def test_a_claim_is_located_on_its_source_line():
    # A sentence broken over two lines by PDF extraction: the claim starts on the second.
    first = "本年度我街道共"
    paragraph = Paragraph(first + "收到政府信息公开申请 3 件。", Location(10, 1),
                          pieces=(Piece(0, 10, 1), Piece(len(first), 11, 1)))
    (claim,) = paragraph_claims(paragraph, 2020)
    assert claim.text == "收到政府信息公开申请 3 件"
    assert (claim.location.line, claim.location.column) == (11, 1)


def test_normalised_text_keeps_original_offsets():
    text = "收到\u3000申请 ２１ 件[bookmark: _GoBack]。"
    normalised = normalise(text)
    assert normalised.text == "收到申请21件。"
    start, end = normalised.span(normalised.text.index("21"), normalised.text.index("件") + 1)
    assert text[start:end] == "２１ 件"


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


#: What checking a .txt file must never import: the other formats' libraries,
#: test tools, jieba's HMM model and what jieba caches its default dictionary
#: with (only its own small tokenizer is used), ``pathlib`` (with
#: ``urllib.parse``, ~3 ms: paths are strings through the run).
HEAVY = ("pdfplumber", "pdfminer", "PIL", "docx", "lxml", "pytest", "yaml", "hypothesis", "jieba.finalseg",
         "tempfile", "hashlib", "pathlib", "urllib")


def test_check_on_a_text_file_stays_lean_and_never_loads_the_default_jieba_dictionary():
    """What the check imports: the modules it adds to those the interpreter
    started with (a site's ``.pth`` files may import ``tempfile`` and more;
    ``-X importtime`` would also miss ``importlib.import_module``)."""
    # a first run writes the parsed data files and compiled patterns (through tempfile); measured: the next
    subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(SEED)], capture_output=True,
                   cwd=ROOT, timeout=120)
    result = subprocess.run([
        sys.executable, "-c",
        "import sys\n"
        "before = set(sys.modules)\n"
        "from govlint.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-cache', {str(SEED)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
        "import jieba\n"
        "print('claims' if 'govlint.recognise.claims.tokens' in sys.modules else 'no claims', jieba.dt.initialized)\n",
    ], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["claims", "False"]
    imported = set(result.stdout.splitlines()[-2].split())
    assert {"govlint.recognise.claims.tokens", "jieba", "govlint.rules.consistency.received"} <= imported
    assert not [m for m in imported if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY))]
    assert not [line for line in result.stderr.splitlines()
                if "prefix dict" in line or "jieba" in line or "Traceback" in line]


def test_structure_rules_alone_do_not_import_jieba():
    result = _run(
        "import sys\n"
        "from govlint.run.engine import Options, lint\n"
        f"lint([{str(SEED)!r}], Options(select=('S',)))\n"
        "print('jieba' in sys.modules)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
