"""Every limit govlint holds a file to, in one place (README, "Reliability").

A check has to end in bounded time and memory whatever a file contains, so
the limits are set on the *work* a file makes govlint do (bytes inflated,
XML parsed, table cells laid out), not only on what the file declares about
itself.  Each limit says what happens when it is reached: most refuse the
file with an E finding naming the limit and the run goes on; a few clamp a
value silently because a real report never comes near them.

The values are module attributes read when they are used, so a test can
scale them down (``monkeypatch.setattr(limits, "DOCX_XML", 4096)``) to
exercise a mechanism on a small file.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

KIB = 1024
MIB = 1024 * KIB

# -- size of a file, checked before it is read (E005) ---------------------

#: no file larger than this is read, whatever its format
MAX_BYTES = 64 * MIB
#: tighter limits for the formats whose cost grows with their length
#: (about 2 s and 40 MB per MB of text); a real report is a few hundred KB
SIZE_LIMITS = {"text": 2 * MIB, "markdown": 2 * MIB, "html": 16 * MIB}

# -- text of a document, whatever its format (E009) ------------------------

#: characters of text a document may hold once read (a long report has some
#: 50,000; recognising text costs up to 7 µs and 200 bytes per character,
#: on text of one endless line); more refuses the file before recognition
TEXT_CHARS = 1_000_000

# -- zip archives (.docx), E001 -------------------------------------------

#: a report has a few dozen parts (XML, relationships, media)
ZIP_ENTRIES = 2000
#: the uncompressed total the archive declares
ZIP_DECLARED = 256 * MIB
#: XML compresses about 10-30 times; an entry inflating more is a bomb ...
ZIP_RATIO = 200
#: ... unless it is smaller than this (tiny parts compress oddly)
ZIP_RATIO_FLOOR = 1 * MIB
#: an entry is inflated this much at a time, never more, and never past the
#: size it declares (an entry that inflates further is refused)
ZIP_CHUNK = 64 * KIB

# -- work on a .docx (E009) ----------------------------------------------

#: the XML parts of a .docx, inflated and parsed, in total (a long report's
#: ``document.xml`` is one or two MB; parsing costs about 0.5 s and 15 MB per MB)
DOCX_XML = 8 * MIB

# -- work on a .pdf (E009) ------------------------------------------------

#: pages of a PDF (a report has a few dozen; reading a page costs 20-250 ms,
#: and each is released once read); a PDF with more is refused before any
#: page is read
PDF_PAGES = 100
#: what a PDF's compressed streams (page content, forms, fonts, object and
#: cross-reference streams) inflate to, in total (a report's: 1-3 MB, up to
#: some 20 MB more for each Chinese font embedded whole); a stream is
#: inflated a piece at a time and stopped where it passes what is left
PDF_INFLATED = 128 * MIB
#: the content one page makes the interpreter read: its content streams and
#: each form they draw, as often as drawn (a report's pages: 4-40 KB;
#: pdfminer reads about 1 MB a second, far less where it draws much);
#: decoded and counted before the page is interpreted
PDF_PAGE_CONTENT = 4 * MIB

# -- tables of .docx and .html --------------------------------------------

#: a cell spans at most this many columns (``colspan``, ``gridSpan``) and
#: never more than the table has; larger spans are cut to it (no finding)
MAX_SPAN = 100
#: cells of one table once merged cells are laid out (a report's largest
#: table has a few hundred); a table over it refuses the file (E009)
TABLE_CELLS = 20_000

# -- web pages (.html) ------------------------------------------------------

#: below this depth only the elements that structure a report (paragraphs,
#: lists, headings, tables) nest further; others continue flat at this depth
HTML_DEPTH = 256
#: and below this nothing nests further (no finding: the text is still read)
HTML_HARD_DEPTH = 1024
#: tags, end tags, comments and runs of text in a page (a report saved
#: from Word has some tens of thousands; each costs about 10 µs and, for
#: elements, 1 KB); a page with more is refused (E009)
HTML_NODES = 200_000
#: attributes of one tag (counted as its ``=`` signs and spaces: a long
#: ``style`` has a few dozen); a tag with more refuses the page (E009)
HTML_ATTRIBUTES = 2000

# -- declarative rules (rules-files) ---------------------------------------

#: seconds one ``regex = true`` rule may spend matching in one file; a rule
#: over it stops and is reported as a rule error (exit 2) naming the rule
REGEX_SECONDS = 1.0

# -- the results cache ----------------------------------------------------

#: an entry larger than this is damaged (real ones hold a few KB of findings)
CACHE_ENTRY_BYTES = 16 * MIB

# -- the watchdog: every file is checked under a budget (E009) --------------

#: seconds of checking per file (reading, recognising, the rules: a report
#: takes well under a second, a long PDF a few); ``--time-limit`` /
#: ``time-limit`` change it, 0 turns it off
TIME_LIMIT = 30.0
#: MB of memory a file's check may allocate beyond what the process held
#: before it (a report needs some tens, a .docx at DOCX_XML about 200);
#: ``--memory-limit`` / ``memory-limit`` change it, 0 turns it off
MEMORY_LIMIT = 512

#: seconds LibreOffice may take to convert one .doc/.wps/.rtf/.odt to .docx
#: (a report takes two to five, most of it LibreOffice starting); below
#: TIME_LIMIT so that a conversion that hangs is reported as such
OFFICE_SECONDS = 25.0
#: the largest .docx LibreOffice's conversion may produce (the .docx reader's
#: own limits apply to it as well)
OFFICE_OUTPUT_BYTES = 64 * MIB


@contextmanager
def overridden(values: Mapping[str, Any]) -> Iterator[None]:
    """Set limits by name (``{"TABLE_CELLS": 12}``) for the ``with`` block:
    tests and rule cases exercise a limit on a small file this way.
    KeyError for a name that is no limit."""
    module = sys.modules[__name__]
    saved = {}
    for name in values:
        if not name.isupper() or not hasattr(module, name):
            raise KeyError(f"no limit named {name!r} in govlint.limits")
        saved[name] = getattr(module, name)
    try:
        for name, value in values.items():
            setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
