"""Saved web pages to a tree: charset detection and a forgiving parser.

Charset, in the order a browser uses: a byte-order mark, then the
``<meta charset>`` / ``<meta http-equiv="Content-Type" content="…;
charset=…">`` declaration in the first bytes (GB2312 and GBK are read as
GB18030, their superset), then :func:`govlint.read.decode.decode` (UTF-8, then
GB18030).  A declaration the bytes do not fit is ignored.

The tree is built with the standard library's :class:`html.parser.HTMLParser`
(no dependency, never raises on bad markup) and an explicit stack, so
neither broken nor absurdly deep markup can exhaust the recursion limit:

* void elements (``br``, ``img``, ``meta``…) have no content;
* a new ``p``, ``li``, ``td``/``th``, ``tr`` or a block starting inside an
  open ``p`` closes what HTML says it closes;
* an end tag closes up to its open element (not across a table boundary),
  and is ignored when nothing matches;
* nesting deeper than :data:`MAX_DEPTH` continues flat at that depth,
  except for paragraphs, lists, headings and tables, which nest on down to
  :data:`HARD_DEPTH`;
* the content of ``script``, ``style``, ``nav``, ``select`` and the like is
  dropped.

Every element and text knows its 1-based source line and column.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterator

from ..decode import Decoded, decode

#: Below this depth only the elements that give a report its structure nest further
MAX_DEPTH = 256
#: and below this nothing does (the parser's work per tag grows with the depth).
HARD_DEPTH = 1024
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HIDDEN = frozenset("script style title template noscript select option button iframe object svg nav".split())
BLOCK = frozenset(
    "address article aside blockquote center dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main ol p pre section table ul".split()
)
_TABLE_SCOPE = frozenset({"table", "td", "th"})
_STRUCTURE = frozenset("table thead tbody tfoot tr td th p li ul ol h1 h2 h3 h4 h5 h6".split())
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "cp936", "ms936", "euc-cn", "hz-gb-2312"}


@dataclass(eq=False)
class Text:
    """A run of character data (entities decoded, ``&nbsp;`` as U+00A0)."""

    text: str
    line: int
    column: int


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list = field(default_factory=list)

    def descendants(self) -> Iterator["Element | Text"]:
        """Every node below this one, in document order (iteratively)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element):
                stack.extend(reversed(node.children))

    def span(self, name: str) -> int:
        """``colspan``/``rowspan`` as a number (1 when absent or invalid, at most 1000)."""
        value = self.attrs.get(name, "")
        digits = re.match(r"\s*(\d+)", value)
        return min(max(int(digits.group(1)), 1), 1000) if digits else 1


def decode_html(data: bytes) -> Decoded:
    """The page's text, by BOM, declared charset, or detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in _GB else name
        try:
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def parse(text: str) -> Element:
    """The document tree under a synthetic root element."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, 1, 1)
        self.stack = [self.root]
        self.hidden: tuple[str, int] | None = None  # (hidden element, how many of it are open)

    # -- HTMLParser callbacks -------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        line, offset = self.getpos()
        if self.hidden:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] + 1)
            return
        if tag in HIDDEN:
            self.hidden = (tag, 1)
            return
        self._close_implied(tag)
        element = Element(tag, {k: v or "" for k, v in attrs}, line, offset + 1)
        self.stack[-1].children.append(element)
        depth = len(self.stack)
        if tag not in VOID and (depth < MAX_DEPTH or (tag in _STRUCTURE and depth < HARD_DEPTH)):
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in HIDDEN or self.hidden:
            return  # a self-closed hidden element hides nothing
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] - 1) if self.hidden[1] > 1 else None
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[depth].tag
            if open_tag == tag:
                del self.stack[depth:]
                return
            if open_tag in _TABLE_SCOPE and tag not in _TABLE_SCOPE | {"tr", "tbody", "thead", "tfoot"}:
                return  # never close across a table boundary

    def handle_data(self, data: str) -> None:
        if not self.hidden and data:
            line, offset = self.getpos()
            self.stack[-1].children.append(Text(data, line, offset + 1))

    # -- implied end tags ----------------------------------------------
    def _close_implied(self, tag: str) -> None:
        if tag in BLOCK:
            self._close_to("p", stop=_TABLE_SCOPE | {"div", "li"})
        if tag == "li":
            self._close_to("li", stop={"ul", "ol", *_TABLE_SCOPE})
        elif tag in ("td", "th"):
            self._close_to("td", "th", stop={"tr", "table"})
        elif tag == "tr":
            self._close_to("tr", stop={"table", "tbody", "thead", "tfoot"})
        elif tag in ("tbody", "thead", "tfoot"):
            self._close_to("tbody", "thead", "tfoot", stop={"table"})

    def _close_to(self, *tags: str, stop: set | frozenset) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[depth].tag
            if open_tag in tags:
                del self.stack[depth:]
                return
            if open_tag in stop:
                return
