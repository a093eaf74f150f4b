"""The level of the reporting organ, guessed from its name (a heuristic).

Some checks depend on what kind of organ wrote the report: only 国务院部门
and the people's governments of provinces, 设区的市 and 自治州 make 规章
(《立法法》), and deadlines for 乡镇 and 街道 are set locally.
:func:`organ_level` reads the organ's name (``Document.organ``, else the
title) and answers only when the name says it plainly:

============  ==============================================================
level         the name
============  ==============================================================
``street``    contains ``街道`` (``南关区明珠街道``, ``XX街道办事处``)
``township``  ends with 乡/镇/苏木, optionally followed by (人民)政府 or 党政办
              (``XX镇人民政府``, ``XX乡``)
``county``    names a 县/自治县/旗 unit (``沭阳县人民政府``, ``XX县教育局``;
              ``县级`` does not count), a 市辖区 government
              (``XX区人民政府``, not ``自治区``), or a body of a district
              written ``[XX省/市]XX区…局/委员会/办公室`` with a district name of
              two to five characters right before ``区``
None          anything else: a 市 (设区的市 and 县级市 cannot be told apart by
              name), a province, a department of either, an unknown name
============  ==============================================================

The order matters: ``XX县XX镇人民政府`` is a township, ``XX区XX街道`` a
street.  When in doubt the answer is None, so checks that depend on the
level stay silent rather than guess.
"""

from __future__ import annotations

import re

from .model import Document
from .normalize import compact

_STREET = re.compile(r"街道")
_TOWNSHIP = re.compile(r"(?:乡|镇|苏木)(?:人民政府|政府|党政办公室|党政办)?$")
_COUNTY = re.compile(r"(?:县(?!级)|旗(?=人民政府|政府))")
_DISTRICT_GOVERNMENT = re.compile(r"(?<!自治)区(?:人民政府|政府)(?:办公室)?$")
_DISTRICT_BODY = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,8}?[省市])?[\u4e00-\u9fff]{2,5}?(?<!自治)(?<!社)(?<!园)(?<!地)区"
    r"[\u4e00-\u9fff]{2,20}(?:局|委员会|办公室)$"
)

LEVELS = ("street", "township", "county")
#: Levels whose organs cannot make 规章 (《立法法》, chapter on 规章).
NO_REGULATIONS = frozenset(LEVELS)
#: The levels in Chinese, for messages.
CHINESE = {"street": "街道", "township": "乡镇", "county": "县级机关"}


def organ_level(name: str | None) -> str | None:
    """``street``, ``township``, ``county`` or None (see the module docstring)."""
    if not name:
        return None
    text = compact(name)
    if _STREET.search(text):
        return "street"
    if _TOWNSHIP.search(text):
        return "township"
    if _COUNTY.search(text) or _DISTRICT_GOVERNMENT.search(text) or _DISTRICT_BODY.match(text):
        return "county"
    return None


def organ_name(doc: Document) -> str | None:
    """The organ's name: ``doc.organ``, else the title without the year and
    the words of the report's name."""
    if doc.organ:
        return doc.organ
    if doc.title is not None:
        text = re.sub(r"\d{4}\s*年度?|政府信息公开工作年度报告|政府信息公开年度报告|^附件\d*", "",
                      compact(doc.title.text))
        return text or None
    return None


def document_level(doc: Document) -> str | None:
    """:func:`organ_level` of the document's organ."""
    return organ_level(organ_name(doc))
