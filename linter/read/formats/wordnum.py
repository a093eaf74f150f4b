"""Word's automatic list numbering: the numeral Word shows before a
paragraph that is not in its text.

A heading typed as ``总体情况`` in a list whose level reads ``%1、`` in
``chineseCounting`` shows as ``一、总体情况``.  :class:`ListNumbering`
reads ``numbering.xml`` (``w:abstractNum`` levels: ``w:start``,
``w:numFmt``, ``w:lvlText``, ``w:suff``, ``w:lvlRestart``, ``w:isLgl``;
``w:num`` instances with ``w:lvlOverride``/``w:startOverride``) and the
paragraph styles that carry numbering (``w:numPr`` in ``styles.xml``,
through ``w:basedOn``: :class:`StyleSheet`), and counts paragraphs in document order as Word
does:

* instances of one abstract list without overrides share their counters
  (Word continues such a list); an instance with a start override is a
  list of its own, starting there (a restart);
* a level counted resets the levels below it (unless ``w:lvlRestart``
  says otherwise);
* bullets (``w:numFmt="bullet"``) give no numeral.

:meth:`ListNumbering.label` returns the displayed numbering of a
paragraph (``"一、"``, ``"（三）"``, ``"1.2."``), or ``""``.
"""

from __future__ import annotations

import msgspec

from ..numerals import int_to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9


class Level(msgspec.Struct, frozen=True):
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False
    style: str | None = None


class _Instance(msgspec.Struct):
    """Counters of one list as Word counts it."""

    levels: dict[int, Level]
    counts: list[int | None] = msgspec.field(default_factory=lambda: [None] * LEVELS)


def _val(element, name: str) -> str | None:
    child = element.find(W + name) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl, base: Level | None = None) -> Level:
    base = base or Level()
    return Level(
        start=_int(_val(lvl, "start"), base.start),
        fmt=_val(lvl, "numFmt") or base.fmt,
        text=_val(lvl, "lvlText") if lvl.find(W + "lvlText") is not None else base.text,
        suffix=_val(lvl, "suff") or base.suffix,
        restart=_int(_val(lvl, "lvlRestart"), base.restart),
        legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
        style=_val(lvl, "pStyle") or base.style,
    )


class StyleSheet:
    """The paragraph styles of ``styles.xml``: a style's property, found in
    the style itself or the nearest style it is based on."""

    def __init__(self, styles):
        self._styles = {s.get(W + "styleId") or "": s for s in (styles.iter(W + "style") if styles is not None else ())}

    def find(self, style_id: str | None, path: str):
        """The first element at ``path`` (e.g. ``w:pPr/w:numPr``, without
        prefixes: ``pPr/numPr``) along the basedOn chain of ``style_id``."""
        xpath = "/".join(W + step for step in path.split("/"))
        seen = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            found = style.find(xpath)
            if found is not None:
                return found
            style_id = _val(style, "basedOn")
        return None


class ListNumbering:
    """The list definitions of one document and the counters while it is read."""

    def __init__(self, numbering, styles: StyleSheet):
        """``numbering``: the root element of ``numbering.xml`` (or None)."""
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id → style it takes its list from (numStyleLink)
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._styles = styles
        self._instances: dict[str, _Instance] = {}
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering) -> None:
        for abstract in numbering.iter(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId") or ""
            self._abstract[key] = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.iter(W + "lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in numbering.iter(W + "num"):
            abstract = _val(num, "abstractNumId") or ""
            overrides, starts = {}, {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _int(_val(override, "startOverride"), None)
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = lvl
            self._nums[num.get(W + "numId") or ""] = (abstract, overrides, starts)

    def _definition(self, abstract: str) -> dict[int, Level]:
        """The levels of an abstract list, following a style link once."""
        link = self._links.get(abstract)
        if link:
            num_id, _ = self._style_numbering(link)
            target = self._nums.get(num_id or "")
            if target and target[0] != abstract:
                return self._abstract.get(target[0], {})
        return self._abstract.get(abstract, {})

    def _style_numbering(self, style: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style gives, through its basedOn chain."""
        num_pr = self._styles.find(style, "pPr/numPr")
        return _val(num_pr, "numId"), _val(num_pr, "ilvl")

    def label(self, paragraph) -> str:
        """The numbering Word displays before ``paragraph`` (a ``w:p``), and
        count it; ``""`` when it has none (or a bullet)."""
        p_pr = paragraph.find(W + "pPr")
        style = _val(p_pr, "pStyle")
        num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style_num, style_ilvl = self._style_numbering(style)
        num_id = num_id or style_num
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract, overrides, starts = self._nums[num_id]
        instance = self._instance(num_id, abstract, overrides, starts)
        level = _int(ilvl or style_ilvl, None)
        if level is None:
            level = next((i for i, lvl in instance.levels.items() if style and lvl.style == style), 0)
        level = min(max(level, 0), LEVELS - 1)
        return self._count(instance, level)

    def _instance(self, num_id: str, abstract: str, overrides: dict, starts: dict[int, int]) -> _Instance:
        key = num_id if starts or overrides else f"abstract:{abstract}"
        if key not in self._instances:
            levels = dict(self._definition(abstract))
            for ilvl, lvl in overrides.items():
                levels[ilvl] = _level(lvl, levels.get(ilvl))
            for ilvl, start in starts.items():
                levels[ilvl] = msgspec.structs.replace(levels.get(ilvl, Level()), start=start)
            self._instances[key] = _Instance(levels)
        return self._instances[key]

    @staticmethod
    def _count(instance: _Instance, level: int) -> str:
        spec = instance.levels.get(level, Level())
        counts = instance.counts
        counts[level] = spec.start if counts[level] is None else counts[level] + 1
        for deeper in range(level + 1, LEVELS):
            restart = instance.levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and level <= restart - 1):
                counts[deeper] = None
        if spec.fmt == "bullet":
            return ""
        text = spec.text
        for shown in range(LEVELS):
            marker = f"%{shown + 1}"
            if marker in text:
                lvl = instance.levels.get(shown, Level())
                value = counts[shown] if counts[shown] is not None else lvl.start
                text = text.replace(marker, format_number(value, "decimal" if spec.legal else lvl.fmt))
        return text + (" " if spec.suffix == "space" else "")


_CIRCLED = {
    "decimalEnclosedCircle": 0x2460, "decimalEnclosedCircleChinese": 0x2460,
    "decimalEnclosedParen": 0x2474, "decimalEnclosedFullstop": 0x2488,
}
_STEMS = {"ideographTraditional": "甲乙丙丁戊己庚辛壬癸", "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥"}
_LEGAL = str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_number(value: int, fmt: str) -> str:
    """``value`` in Word's number format ``fmt`` (decimal for formats not
    listed, as Word falls back)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographLegalTraditional", "chineseLegalSimplified") and 0 < value < 100:
        text = int_to_chinese(value)
        return text.translate(_LEGAL) if fmt in ("chineseLegalSimplified", "ideographLegalTraditional") else text
    if fmt in _CIRCLED and 0 < value <= 20:
        return chr(_CIRCLED[fmt] + value - 1)
    if fmt in _STEMS and value > 0:
        stems = _STEMS[fmt]
        return stems[(value - 1) % len(stems)]
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and value > 0:
        roman, rest = "", value
        for amount, numeral in _ROMAN:
            while rest >= amount:
                roman, rest = roman + numeral, rest - amount
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "none":
        return ""
    return str(value)
