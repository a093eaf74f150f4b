"""``govlint extract``: the table data of reports, for researchers.

Per report: the organ, year and template govlint recognised, and every
value it recognised in tables 二, 三 and 四 by canonical key (``govlint
keys`` lists them), with the template's row and column labels, the text
as written, the number, the value's status (``number``, ``blank``,
``zero-text``…: :mod:`govlint.recognise.templates.values`), the
recognition confidence (``high``; ``low`` when the row was recognised by
a near-miss label, by position or from a line of text — ``guess`` says
which and ``doubt`` why) and where the cell is (line, column, and for
.pdf/.docx the page and place, ``第4页 表3 第5行 第2列``).  Exact and
offline: the values are those the rules check.

Two shapes (:func:`tidy_rows`, :func:`wide_rows`):

* **tidy** (default): one row per report × key, :data:`TIDY_COLUMNS`;
  a report that could not be read (or has no table) is one row with its
  ``problem`` and no key, so no report goes missing silently;
* **wide** (``--wide``): one row per report, :data:`REPORT_COLUMNS`, then
  one column per canonical key (in template order, every key any of the
  reports has) holding the number (the text when it is not a valid one),
  ``low_confidence`` naming the keys read with low confidence.

CSV is written in UTF-8 with a byte-order mark, so Excel and WPS open it
as UTF-8; JSON is a list with one object per report (its values keyed by
canonical key).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import msgspec

from ..recognise.identities import cell_labels
from ..recognise.report import Report
from ..recognise.reportinfo import ReportInfo
from ..recognise.templates import templates

REPORT_COLUMNS = ("path", "organ", "year", "template", "format", "problem")
VALUE_COLUMNS = ("table", "key", "row_label", "column_group", "column_label", "raw", "value", "status", "unit",
                 "confidence", "guess", "doubt", "line", "col", "page", "location")
TIDY_COLUMNS = REPORT_COLUMNS + VALUE_COLUMNS


class Extracted(msgspec.Struct, frozen=True):
    """One report's data: the ReportInfo fields, why nothing could be
    read (``problem``), and one dict per value (:data:`VALUE_COLUMNS`)."""

    path: str
    info: ReportInfo
    problem: str
    values: tuple[dict[str, Any], ...]

    def head(self) -> dict[str, Any]:
        return {"path": self.path, "organ": self.info.organ, "year": self.info.year,
                "template": self.info.template, "format": self.info.format, "problem": self.problem}


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def extract(doc: Report, path: str) -> Extracted:
    """The table data of ``doc`` (shown as ``path``)."""
    info = ReportInfo.of(doc)
    if doc.fatal:
        return Extracted(path, info, "；".join(p.message for p in doc.problems if p.fatal), ())
    values = []
    for table, match in sorted(doc.template.tables.items()):
        guesses = {value.key: row.guess for row in match.rows for value in row.data if value.key}
        order = {key: i for i, key in enumerate(match.spec.keys)}
        for key in sorted(match.values, key=lambda k: order.get(k, len(order))):
            value = match.values[key]
            labels = cell_labels(match.spec, key)
            where = value.location
            values.append({
                "table": table, "key": key, "row_label": labels["row"], "column_group": labels["group"],
                "column_label": labels["column"], "raw": value.raw, "value": _number(value.number),
                "status": value.status, "unit": value.unit, "confidence": "low" if value.doubt else "high",
                "guess": guesses.get(key), "doubt": value.doubt, "line": where.line, "col": where.column,
                "page": where.page, "location": where.label,
            })
    problem = "" if values else "未识别出表二、表三或表四"
    return Extracted(path, info, problem, tuple(values))


def tidy_rows(reports: Iterable[Extracted]) -> list[dict[str, Any]]:
    """One dict per report × key (:data:`TIDY_COLUMNS`)."""
    rows = []
    for report in reports:
        head = report.head()
        if not report.values:
            rows.append({**head, **{column: None for column in VALUE_COLUMNS}})
        rows.extend({**head, **value} for value in report.values)
    return rows


def key_order(reports: Sequence[Extracted]) -> list[str]:
    """Every key the reports have, in the templates' order."""
    present = {value["key"] for report in reports for value in report.values}
    ordered = [key for template in templates().values() for key in template.keys]
    return [key for key in dict.fromkeys(ordered) if key in present] + sorted(present - set(ordered))


def _shown(value: dict[str, Any]) -> Any:
    """What a wide table holds for a value: the number, else the text as written ("" when blank)."""
    if value["value"] is not None:
        return value["value"]
    return "" if value["status"] == "blank" else value["raw"].strip()


def wide_rows(reports: Sequence[Extracted]) -> tuple[list[str], list[dict[str, Any]]]:
    """``(columns, rows)``: one row per report (see the module docstring)."""
    keys = key_order(reports)
    rows = []
    for report in reports:
        row: dict[str, Any] = dict(report.head())
        for value in report.values:
            row[value["key"]] = _shown(value)
        row["low_confidence"] = " ".join(v["key"] for v in report.values if v["confidence"] == "low")
        rows.append(row)
    return [*REPORT_COLUMNS, "low_confidence", *keys], rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """CSV text (with the byte-order mark) of ``rows`` under ``columns``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return "\ufeff" + out.getvalue()


def to_json(reports: Sequence[Extracted], wide: bool = False) -> str:
    """JSON: one object per report, ``values`` a list (tidy) or an object by key (wide)."""
    data = []
    for report in reports:
        item: dict[str, Any] = report.head()
        if wide:
            item["values"] = {v["key"]: _shown(v) for v in report.values}
            item["low_confidence"] = [v["key"] for v in report.values if v["confidence"] == "low"]
        else:
            item["values"] = [dict(v) for v in report.values]
        data.append(item)
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(reports: Sequence[Extracted], output_format: str = "csv", wide: bool = False) -> str:
    """``reports`` as CSV or JSON, tidy or wide."""
    if output_format == "json":
        return to_json(reports, wide)
    if wide:
        columns, rows = wide_rows(reports)
        return to_csv(columns, rows)
    return to_csv(TIDY_COLUMNS, tidy_rows(reports))
