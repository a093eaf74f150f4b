"""The title, the organ and the report year, from the preamble.

The title is the first short paragraph of the preamble that names a
``报告`` (joined with the line before it when the title was split over two
lines).  A saved web page puts labels before it (``标题: …``, ``标  题：…``)
and metadata lines around it (``索引号``, ``发布时间``…, ``data/outline.toml``
``[title]``): the label is dropped, the metadata lines are never the title.
The organ and the year come from the title (``{organ}{year}年度?政府信息公开…``
or ``{year}年{organ}政府信息公开…``, without the ``关于报送…`` of a cover
letter's title), else the year from the statistical period.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Block, Paragraph, Title
from ...normalize import compact
from ...regexes import compile_regex
from .spec import data, metadata_inside

_TITLE_WORDS = compile_regex(r"报告")
_TITLE_SKIP = compile_regex(r"^(?:附件\s*\d*|正文|\(?\d{4}年\d{1,2}月\d{1,2}日\)?)$")
_TITLE_PARTS = compile_regex(r"^(?P<before>.*?)(?P<year>(?:19|20)\d{2})\s*年度?(?P<after>.*?)(?:政府|政务)信息公开")
_YEAR = compile_regex(r"((?:19|20)\d{2})\s*年")
_PERIOD_YEAR = compile_regex(r"((?:19|20)\d{2})年1月1日")
#: A cover letter's title names the organ before ``关于报送…的函``.
_LETTER = compile_regex(r"关于.*$")
_SCAN = 8
_MAX_TITLE = 60
_MAX_FIRST_PART = 30


def _label_end(paragraph: Paragraph) -> int:
    """The offset in ``paragraph.text`` after a ``标题:`` label (0 when none)."""
    m = data().title_label.match(paragraph.text)
    return m.end() if m else 0


def _labelled(paragraph: Paragraph) -> tuple[int, int]:
    """The stretch of ``paragraph.text`` after a ``标题:`` label and before
    the next metadata label (lines of a saved page that extraction joined:
    ``标题: …年度报告发布时间: 2023-01-12``)."""
    start = _label_end(paragraph)
    after = metadata_inside().search(paragraph.text, start) if start else None
    return start, after.start() if after else len(paragraph.text)


def title(preamble: Sequence[Block]) -> Title | None:
    """The report title (see the module docstring)."""
    paragraphs = [b for b in preamble[:_SCAN] if isinstance(b, Paragraph)
                  and not data().metadata_label.match(b.text)]
    for i, p in enumerate(paragraphs):
        start, end = _labelled(p)
        text = compact(p.text[start:end])
        if _TITLE_SKIP.match(text) or not _TITLE_WORDS.search(text) or len(text) > _MAX_TITLE:
            continue
        where = p.location_at(start) if start else p.location
        if i > 0 and not start:
            prev = paragraphs[i - 1]
            prev_text = compact(prev.text)
            if (len(prev_text) <= _MAX_FIRST_PART and not _TITLE_SKIP.match(prev_text) and not _label_end(prev)
                    and not prev_text.endswith(("。", ":", "：")) and p.location.line - prev.lines[-1] <= 2):
                where = prev.location
                text = prev_text + text
        return Title(text, where)
    return None


def organ_and_year(found: Title | None, preamble: Sequence[Block]) -> tuple[str | None, int | None]:
    """The organ and the report year (see the module docstring)."""
    if found is not None:
        m = _TITLE_PARTS.match(found.text)
        if m:
            organ = _LETTER.sub("", m.group("before") or m.group("after")).strip() or None
            return organ, int(m.group("year"))
        m = _YEAR.search(found.text)
        if m:
            return None, int(m.group(1))
    for block in preamble:
        if isinstance(block, Paragraph):
            m = _PERIOD_YEAR.search(compact(block.text))
            if m:
                return None, int(m.group(1))
    return None, None
