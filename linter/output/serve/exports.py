"""The findings of a batch as CSV, for Excel and WPS.

UTF-8 with a byte-order mark, so both open it with the Chinese intact;
one row per finding, in the order of ``govlint check`` (path, line,
column, code), with the place in the original (page, table, row, column
for .docx and .pdf).  A cell that a spreadsheet would take for a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return:
report text can hold anything) is prefixed with ``'``, so opening the file
never runs one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

HEADER = ("文件", "行", "列", "页", "位置", "代码", "规则", "级别", "问题", "原文")
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_bytes(reports: Iterable[dict[str, Any]]) -> bytes:
    """The findings of ``reports`` (the batch's, each with its ``view``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for report in reports:
        for f in report["view"]["findings"]:
            writer.writerow((_text(f["path"]), f["line"], f["column"], f["page"] or "", _text(f["where"]),
                             f["code"], f["name"], SEVERITY.get(f["severity"], f["severity"]),
                             _text(f["message"]), _text(f.get("source", "").strip())))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
