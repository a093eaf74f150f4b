"""Find, merge and cache the template data files.

Every ``template-*.toml`` in the package :mod:`govlint.data` is a template;
adding a format (a future revision, a province's own) means dropping in one
more file.  A file may say ``extends = "<id>"``: it then inherits the parent's
``tables`` (not its name, years or markers), merged with its own:

* tables (TOML tables) merge key by key, recursively;
* lists whose entries all have a ``key`` (blocks, rows, groups' rows) merge
  entry by entry: an entry with the key of an inherited one is merged into
  it, ``remove = true`` drops the inherited entry, a new key is appended or
  inserted after the entry named by ``after``;
* a table or entry with ``replace = true`` replaces what it would merge with;
* anything else (strings, plain lists) is overridden.

The files are read once per process (:func:`templates` is cached).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ...data import path, read_toml
from .spec import Template, build_template

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

_DIRECTIVES = ("replace", "remove", "after")


@lru_cache(maxsize=1)
def templates() -> Mapping[str, Template]:
    """The built-in templates by id, oldest first (parsed through the data files' cache)."""
    names = sorted(name for name in os.listdir(path("govlint.data", "")) if _is_template(name))
    return _by_id((name, read_toml("govlint.data", name)) for name in names)


def template(template_id: str) -> Template:
    """One built-in template (``"2019"``, ``"2021"``); KeyError if unknown."""
    return templates()[template_id]


def for_year(year: int | None) -> Template | None:
    """The template a report of ``year`` should follow (the latest-starting
    one whose years include it), or None."""
    if year is None:
        return None
    fitting = [t for t in templates().values() if t.applies_to(year)]
    return max(fitting, key=lambda t: t.first_year, default=None)


def _is_template(name: str) -> bool:
    return name.startswith("template-") and name.endswith(".toml")


def _parse(entry: Traversable | Path) -> dict[str, Any]:
    import tomllib  # a user's template file; govlint's own come parsed from the data files' cache

    return tomllib.loads(entry.read_text(encoding="utf-8"))


def load_templates(directories: Iterable[Traversable | Path]) -> dict[str, Template]:
    """Read every ``template-*.toml`` in ``directories`` and resolve
    ``extends``; ids come from the ``id`` field (default: the file name)."""
    return _by_id((entry.name, _parse(entry)) for directory in directories
                  for entry in sorted(directory.iterdir(), key=lambda e: e.name) if _is_template(entry.name))


def _by_id(files: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Template]:
    """Templates from ``(file name, parsed data)``, ``extends`` resolved, by id, oldest first."""
    raw: dict[str, dict[str, Any]] = {}
    for name, data in files:
        data.setdefault("id", name[len("template-"):-len(".toml")])
        raw[str(data["id"])] = data
    built = [build_template(_resolve(tid, raw, ())) for tid in raw]
    return {t.id: t for t in sorted(built, key=lambda t: t.first_year)}


def _resolve(tid: str, raw: Mapping[str, dict[str, Any]], seen: tuple[str, ...]) -> dict[str, Any]:
    if tid in seen:
        raise ValueError(f"template {tid!r}: circular extends ({' -> '.join(seen + (tid,))})")
    if tid not in raw:
        raise ValueError(f"template {seen[-1]!r} extends unknown template {tid!r}")
    data = raw[tid]
    parent = data.get("extends")
    if not parent:
        return data
    base = _resolve(parent, raw, seen + (tid,))
    return {**data, "tables": _merge(base.get("tables", {}), data.get("tables", {}))}


def _merge(base: Any, override: Any) -> Any:
    if isinstance(override, dict) and override.get("replace"):
        return _clean(override)
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = _merge(base[name], value) if name in base else _clean(value)
        return merged
    if _keyed(base) and _keyed(override):
        return _merge_keyed(base, override)
    return _clean(override)


def _keyed(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(e, dict) and "key" in e for e in value)


def _merge_keyed(base: list[dict], override: list[dict]) -> list[dict]:
    merged = list(base)
    for entry in override:
        index = next((i for i, e in enumerate(merged) if e["key"] == entry["key"]), None)
        if index is not None and entry.get("remove"):
            del merged[index]
        elif index is not None:
            merged[index] = _merge(merged[index], entry)
        elif "after" in entry:
            after = [i for i, e in enumerate(merged) if e["key"] == entry["after"]]
            if not after:
                raise ValueError(f"entry {entry['key']!r}: no entry {entry['after']!r} to insert after")
            merged.insert(after[0] + 1, _clean(entry))
        else:
            merged.append(_clean(entry))
    return merged


def _clean(value: Any) -> Any:
    """``value`` without merge directives, at every depth."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in _DIRECTIVES}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
