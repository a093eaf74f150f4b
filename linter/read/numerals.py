"""Chinese numerals: ``一`` … ``十二`` … ``一百零五``, ``两`` (to ``int``) and back."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万"


def chinese_to_int(text: str) -> int | None:
    """``"十二"`` → 12, ``"一百零五"`` → 105, ``"两"`` → 2; None if not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            continue
        unit = _UNITS[ch]
        if unit == 10000:
            total = (total + section + (digit or 0)) * unit
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def int_to_chinese(value: int) -> str:
    """1–99 as written in headings: 1 → ``一``, 10 → ``十``, 12 → ``十二``, 21 → ``二十一``."""
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
