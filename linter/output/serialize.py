"""A :class:`~govlint.recognise.report.Report` as JSON-ready data (``govlint parse``).

The walk is generic over the model's structs, so a field added to the
model appears in the output without changes here (a private field, named
with a leading underscore, does not):

* enums become their values, tuples lists;
* a :class:`~govlint.model.Location` (a ``location`` field, or a
  ``location`` property on elements without one, e.g. sections) is
  flattened into ``line``, ``column`` and whichever of ``end_line``,
  ``end_column``, ``page``, ``label`` are set;
* blocks (paragraphs and tables) are written out in full, with a ``type``,
  only in the document's ``blocks``; anywhere else (a section's heading and
  content, the preamble, a sub-item's paragraph) they appear as references
  ``{"type", "line", "column"}`` (tables also ``index``);
* the source ``lines`` and paragraphs' offset ``pieces`` are left out.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import msgspec

from ..model import Document, Location, Paragraph, Table
from ..recognise.report import Report

if TYPE_CHECKING:
    from ..recognise.templates import TemplateTables, Value

_SKIPPED = frozenset({"lines", "pieces"})
_BLOCK_TYPES = {Paragraph: "paragraph", Table: "table"}


def document_data(doc: Report, path: str | None = None) -> dict[str, Any]:
    """``doc`` as a dict (``path`` replaces ``doc.path`` when given), with
    the recognised template tables (``template``); the document's
    ``blocks`` come last."""
    data = _object(doc)
    if path is not None:
        data["path"] = path
    data["template"] = template_data(doc.template)
    data["blocks"] = data.pop("blocks")
    return data


def location_data(loc: Location) -> dict[str, Any]:
    data = {"line": loc.line, "column": loc.column}
    for name in loc.__struct_fields__:
        value = getattr(loc, name)
        if name not in data and value is not None:
            data[name] = value
    return data


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Location):
        return location_data(value)
    if isinstance(value, msgspec.Struct):
        return _object(value)
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    return value


def _object(obj: Any, full_blocks: bool = False) -> dict[str, Any]:
    """A struct as a dict.  ``full_blocks``: this is the
    document or one of its own blocks, written out in full."""
    kind = _BLOCK_TYPES.get(type(obj))
    if kind and not full_blocks:
        return _reference(obj, kind)
    data: dict[str, Any] = {"type": kind} if kind else {}
    names = obj.__struct_fields__
    for name in names:
        if name in _SKIPPED or name.startswith("_"):
            continue
        value = getattr(obj, name)
        if isinstance(value, Location):
            data.update(location_data(value))
        elif name == "blocks" and isinstance(obj, Document):
            data[name] = [_object(block, full_blocks=True) for block in value]
        else:
            data[name] = _value(value)
    if "location" not in names and isinstance(getattr(obj, "location", None), Location):
        # the element's own fields (a section's end_line) win over its heading's location
        data.update({k: v for k, v in location_data(obj.location).items() if k not in data})
    return data


def _reference(block: Paragraph | Table, kind: str) -> dict[str, Any]:
    data = {"type": kind, "line": block.location.line, "column": block.location.column}
    if isinstance(block, Table):
        data["index"] = block.index
    return data


def template_data(found: "TemplateTables") -> dict[str, Any]:
    """The recognised template tables: per table its template, every value
    by canonical key (with status, cell location and, for a cell whose row
    was recognised with low confidence, ``doubt``: why), and the rows that
    did not fit (unknown, missing, wrong cell count)."""
    tables = {}
    for key, match in found.tables.items():
        tables[key] = {
            "template": match.template,
            "values": {k: _value_data(v) for k, v in match.values.items()},
            "unknown_rows": [row.location.line for row in match.unknown],
            "missing_rows": list(match.missing),
            "incomplete_rows": [
                {"row": r.prefix, "line": r.location.line, "found": r.found, "expected": r.expected}
                for r in match.incomplete
            ],
        }
    return {"detected": found.detected, "expected": found.expected, "tables": tables}


def _value_data(value: "Value") -> dict[str, Any]:
    number = value.number
    return {
        "raw": value.raw,
        "status": value.status,
        "number": str(number) if isinstance(number, Decimal) else number,
        **({"doubt": value.doubt} if value.doubt else {}),
        **location_data(value.location),
    }
