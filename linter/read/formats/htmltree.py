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
* nesting deeper than :data:`~govlint.limits.HTML_DEPTH` continues flat at
  that depth, except for paragraphs, lists, headings and tables, which nest
  on down to :data:`~govlint.limits.HTML_HARD_DEPTH`;
* the content of ``script``, ``style``, ``nav``, ``select`` and the like is
  dropped;
* a page of more than :data:`~govlint.limits.HTML_NODES` tags, runs of
  text or character references (``&…;``), or with a tag of more than
  :data:`~govlint.limits.HTML_ATTRIBUTES` attributes, is refused
  (InputError ``budget``, E009) as it is parsed;
* a ``<``, ``<!--`` or ``<![`` that nothing after it can close (no ``>``,
  ``-->``, ``]>`` follows) is read as text (``＜``) before parsing: the
  standard library's parser would search the rest of the page for its end
  once per such opening (quadratic time, CVE-2025-6069 on older Pythons).

Every element and text knows its 1-based source line and column.  The
builder keeps, per tag, the depths at which elements of it are open, so
an end tag (explicit or implied) finds what it closes, or that it closes
nothing, without scanning the stack: the work per tag does not grow with
the depth, whatever the markup.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Iterable, Iterator

import msgspec

from ... import limits
from ...regexes import compile_re
from ..decode import Decoded, decode
from ..support import InputError

#: the largest ``colspan``/``rowspan`` read (HTML's own maximum); the reader
#: clamps them further to the table (:mod:`.html`)
MAX_SPAN_ATTRIBUTE = 65534
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HIDDEN = frozenset("script style title template noscript select option button iframe object svg nav".split())
BLOCK = frozenset(
    "address article aside blockquote center dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main ol p pre section table ul".split()
)
_TABLE_SCOPE = frozenset({"table", "td", "th"})
_TABLE_PARTS = frozenset({"tr", "tbody", "thead", "tfoot"})
_P_SCOPE = _TABLE_SCOPE | {"div", "li"}
_STRUCTURE = frozenset("table thead tbody tfoot tr td th p li ul ol h1 h2 h3 h4 h5 h6".split())
_META_CHARSET = compile_re(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "cp936", "ms936", "euc-cn", "hz-gb-2312"}


class Text(msgspec.Struct, eq=False):
    """A run of character data (entities decoded, ``&nbsp;`` as U+00A0)."""

    text: str
    line: int
    column: int


class Element(msgspec.Struct, eq=False):
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list = msgspec.field(default_factory=list)

    def descendants(self) -> Iterator["Element | Text"]:
        """Every node below this one, in document order (iteratively)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element):
                stack.extend(reversed(node.children))

    def span(self, name: str) -> int:
        """``colspan``/``rowspan`` as a number (1 when absent or invalid, at most :data:`MAX_SPAN_ATTRIBUTE`)."""
        value = self.attrs.get(name, "")
        digits = re.match(r"\s*(\d{1,6})", value)
        return min(max(int(digits.group(1)), 1), MAX_SPAN_ATTRIBUTE) if digits else 1


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
    if text.count("&") > limits.HTML_NODES:
        raise InputError("budget", f"网页包含超过 {limits.HTML_NODES} 个字符实体（上限），"
                                   "远多于任何一份年度报告，未读取")
    builder = _Builder()
    if _long_tag(limits.HTML_ATTRIBUTES).search(text):  # only then can a tag have too many attributes
        builder.parse_starttag = builder.guarded_parse_starttag  # type: ignore[method-assign]
    builder.feed(_defuse(text))
    builder.close()
    return builder.root


#: (opening, what closes it): an opening after the last closing can never be closed
_UNCLOSABLE = (("<!--", "-->"), ("<![", "]>"), ("<", ">"))


def _defuse(text: str) -> str:
    """``text`` with the openings nothing can close escaped (see the module docstring)."""
    for opening, closing in _UNCLOSABLE:
        last = text.rfind(closing)
        cut = last + len(closing) if last >= 0 else 0
        if text.find(opening, cut) >= 0:
            text = text[:cut] + text[cut:].replace(opening, "\uff1c" + opening[1:])
    return text


_TAG_STOP = compile_re("[>\"']")


@lru_cache(maxsize=4)
def _long_tag(attributes: int) -> re.Pattern:
    """A tag with enough characters outside quoted values to have more than
    ``attributes`` attributes (see :func:`_attributes`)."""
    return re.compile(f"""<[a-zA-Z](?:[^<>"']|"[^"]*"|'[^']*'){{{2 * attributes}}}""")
_SEPARATORS = "= \t\n\r\f/"


def _attributes(text: str, start: int) -> int:
    """At least how many attributes the tag at ``start`` has (its ``=``,
    white space and slashes up to its ``>``, quotes respected), counting
    no further than :data:`~govlint.limits.HTML_ATTRIBUTES` quoted values."""
    short = 2 * limits.HTML_ATTRIBUTES  # a tag shorter than this cannot have too many
    end = text.find(">", start)
    if 0 <= end - start < short and text.find('"', start, end) < 0 and text.find("'", start, end) < 0:
        return 0
    at, quoted = start, 0
    while quoted <= 2 * limits.HTML_ATTRIBUTES:
        found = _TAG_STOP.search(text, at)
        if found is None:
            at = len(text)
            break
        if found.group() == ">":
            at = found.start()
            break
        closing = text.find(found.group(), found.end())
        at = len(text) if closing < 0 else closing + 1
        quoted += 1
    else:
        return quoted
    return 0 if at - start < short else sum(text.count(ch, start, at) for ch in _SEPARATORS)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, 1, 1)
        self.stack = [self.root]
        self.open: dict[str, list[int]] = {}  # tag → the depths at which elements of it are open
        self.nodes = 0
        self.hidden: tuple[str, int] | None = None  # (hidden element, how many of it are open)

    def guarded_parse_starttag(self, i: int) -> int:
        """``parse_starttag`` refusing a tag of too many attributes before
        the parser's pattern lists them (its memory grows with their number)."""
        if _attributes(self.rawdata, i) > limits.HTML_ATTRIBUTES:
            raise InputError("budget", f"网页第 {self.getpos()[0]} 行的标签有超过 "
                                       f"{limits.HTML_ATTRIBUTES} 个属性（上限），"
                                       "疑似恶意构造，未读取")
        return super().parse_starttag(i)

    # -- HTMLParser callbacks -------------------------------------------

    def handle_endtag(self, tag: str) -> None:
        self._count()
        self._end(tag)

    def handle_comment(self, data: str) -> None:
        self._count()

    def handle_decl(self, decl: str) -> None:
        self._count()

    def handle_pi(self, data: str) -> None:
        self._count()

    def unknown_decl(self, data: str) -> None:
        self._count()

    def handle_starttag(self, tag: str, attrs) -> None:
        self._count()
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
        if tag not in VOID and (depth < limits.HTML_DEPTH or (tag in _STRUCTURE and depth < limits.HTML_HARD_DEPTH)):
            self.open.setdefault(tag, []).append(len(self.stack))
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in HIDDEN or self.hidden:
            self._count()
            return  # a self-closed hidden element hides nothing
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self._close(len(self.stack) - 1)

    def _end(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] - 1) if self.hidden[1] > 1 else None
            return
        if tag in _TABLE_SCOPE or tag in _TABLE_PARTS:
            self._close_to(tag, stop=())
        else:
            self._close_to(tag, stop=_TABLE_SCOPE)  # never close across a table boundary

    def handle_data(self, data: str) -> None:
        self._count()
        if not self.hidden and data:
            line, offset = self.getpos()
            self.stack[-1].children.append(Text(data, line, offset + 1))

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > limits.HTML_NODES:
            raise InputError("budget", f"网页包含超过 {limits.HTML_NODES} 个标签和文字段（上限），"
                                       "远多于任何一份年度报告，未读取")

    # -- implied end tags ----------------------------------------------
    def _close_implied(self, tag: str) -> None:
        if tag in BLOCK:
            self._close_to("p", stop=_P_SCOPE)
        if tag == "li":
            self._close_to("li", stop={"ul", "ol", *_TABLE_SCOPE})
        elif tag in ("td", "th"):
            self._close_to("td", "th", stop={"tr", "table"})
        elif tag == "tr":
            self._close_to("tr", stop={"table", "tbody", "thead", "tfoot"})
        elif tag in ("tbody", "thead", "tfoot"):
            self._close_to("tbody", "thead", "tfoot", stop={"table"})

    def _close_to(self, *tags: str, stop: Iterable[str]) -> None:
        """Close the topmost open element of ``tags`` (and all above it),
        unless an element of ``stop`` is open above it."""
        stack, open_ = self.stack, self.open
        if len(stack) > 1 and stack[-1].tag in tags:  # the common case: it is on top
            self._close(len(stack) - 1)
            return
        depth = 0
        for tag in tags:
            depths = open_.get(tag)
            if depths and depths[-1] > depth:
                depth = depths[-1]
        if not depth:
            return
        for tag in stop:
            depths = open_.get(tag)
            if depths and depths[-1] > depth:
                return
        self._close(depth)

    def _close(self, depth: int) -> None:
        """Close the open elements from ``depth`` up."""
        for element in self.stack[depth:]:
            self.open[element.tag].pop()
        del self.stack[depth:]
