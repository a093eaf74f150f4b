"""Fixtures of the tests of ``govlint serve``: the reports they upload,
the check process (started once per module that needs it; tests that
break theirs start their own), the application with Flask's test client.
Helpers are in ``servekit.py`` (this folder is put on ``sys.path``)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servekit import PDF, hostile_text, make_client, seed_docx  # noqa: E402


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> Path:
    """A folder with the reports the tests upload: ``seed.docx`` (seed 004 in
    Word), the real PDF, ``hostile.txt`` and ``hostile.docx``."""
    folder = tmp_path_factory.mktemp("reports")
    (folder / "seed.docx").write_bytes(seed_docx())
    shutil.copy(PDF, folder / PDF.name)
    (folder / "hostile.txt").write_text(hostile_text(), encoding="utf-8")
    (folder / "hostile.docx").write_bytes(seed_docx(hostile_text()))
    return folder


@pytest.fixture(scope="module")
def worker():
    """The check process without configuration, as ``govlint check`` in a folder without one."""
    pytest.importorskip("flask")
    from govlint.output.serve.worker import Worker

    running = Worker(None)
    running.start()
    yield running
    running.close()


@pytest.fixture
def private(tmp_path) -> str:
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    return str(folder)


@pytest.fixture
def client(worker, private):
    return make_client(worker, private)


@pytest.fixture
def scratch():
    folder = tempfile.mkdtemp(prefix="govlint-serve-test-")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
