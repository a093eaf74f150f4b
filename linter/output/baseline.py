"""Baselines: accept the findings a repository already has, report only new ones.

``govlint check --write-baseline FILE`` records the current findings;
``govlint check --baseline FILE`` hides the recorded ones.  A finding is
recorded by path, rule code and a *fingerprint* of the offending text — the
normalised source line (:func:`govlint.normalize.norm`), or the message when
the line is blank — never by line number, so editing other parts of a
report does not bring recorded findings back.  Each fingerprint keeps a
count: when a line has more findings of a rule than were recorded, the
extra ones are new.

Paths are stored relative to the baseline file's directory (posix), so a
baseline works from any current directory.  The file is JSON, sorted, with
the source line and message of each entry for people reviewing it; it is
written atomically (a temporary file in the same directory, then renamed).

An entry may carry a ``reason`` (why the deviation is accepted: "已发布，
原文如此", a reviewer's note), written by hand.  ``--write-baseline`` over
an existing baseline keeps the reason of every entry that still applies
(same path, code and fingerprint) and drops the entries that no longer do;
a file there that is not a readable baseline is replaced (the command line
says so first: its reasons cannot be kept).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

import msgspec

from ..atomic import write_atomic
from ..findings import Finding
from ..normalize import norm
from ..run.config import ConfigError, display_path
from ..run.engine import LintResult

VERSION = 1

Key = tuple[str, str, str]


def fingerprint(finding: Finding) -> str:
    """A short hash of what the finding is about (not where it is)."""
    text = norm(finding.source) or norm(finding.message)
    return hashlib.sha256(f"{finding.code}\n{text}".encode("utf-8")).hexdigest()[:16]


def _stored_path(path: str, root: Path) -> str:
    """``path`` (as shown) relative to ``root``; ``-`` and paths on another
    drive as they are."""
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _key(finding: Finding, root: Path) -> Key:
    return _stored_path(finding.path, root), finding.code, fingerprint(finding)


def write(path: str | os.PathLike, findings: Iterable[Finding]) -> int:
    """Record ``findings`` in baseline ``path`` (atomically), keeping the
    reasons of an existing baseline's entries that still apply; how many."""
    target = Path(path)
    root = Path(os.path.abspath(target)).parent
    try:
        kept = reasons(target)
    except ConfigError:  # not a baseline (or damaged): replaced, as the command line warned
        kept = {}
    counts: Counter[Key] = Counter()
    example: dict[Key, Finding] = {}
    for finding in findings:
        key = _key(finding, root)
        counts[key] += 1
        example.setdefault(key, finding)
    entries = []
    for key in sorted(counts):
        p, c, fp = key
        entry = {"path": p, "code": c, "fingerprint": fp, "count": counts[key],
                 "source": example[key].source.strip(), "message": example[key].message}
        if key in kept:
            entry["reason"] = kept[key]
        entries.append(entry)
    data = {"govlint-baseline": VERSION, "findings": entries}
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n", follow_symlinks=True)
    return sum(counts.values())


def reasons(path: str | os.PathLike) -> dict[Key, str]:
    """The reasons recorded in baseline ``path`` by entry; {} when there is
    no such file.  ConfigError when it exists and is not a govlint baseline."""
    if not os.path.lexists(path) or (os.path.exists(path) and os.path.getsize(path) == 0):
        return {}
    return {key: reason for key, (_, reason) in _entries(path).items() if reason}


def read(path: str | os.PathLike) -> Counter[Key]:
    """The recorded counts by (path, code, fingerprint); ConfigError when
    the file is missing or not a govlint baseline."""
    return Counter({key: count for key, (count, _) in _entries(path).items()})


def _entries(path: str | os.PathLike) -> dict[Key, tuple[int, str]]:
    """(count, reason) by (path, code, fingerprint); ConfigError when the
    file is missing or not a govlint baseline."""
    where = display_path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"无法读取基线文件 {where}：{exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"基线文件 {where} 不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("govlint-baseline") != VERSION:
        raise ConfigError(f"{where} 不是 govlint 基线文件（缺少 \"govlint-baseline\": {VERSION}）")
    found: dict[Key, tuple[int, str]] = {}
    for number, entry in enumerate(data.get("findings", []), start=1):
        try:
            key = (entry["path"], entry["code"], entry["fingerprint"])
            count = int(entry.get("count", 1))
        except (TypeError, KeyError, ValueError):
            raise ConfigError(f"基线文件 {where} 第 {number} 项缺少 path、code 或 fingerprint") from None
        reason = entry.get("reason", "")
        if not isinstance(reason, str):
            raise ConfigError(f"基线文件 {where} 第 {number} 项的 reason 应为字符串")
        before = found.get(key, (0, ""))
        found[key] = (before[0] + count, before[1] or reason)
    return found


def apply(result: LintResult, path: str | os.PathLike) -> LintResult:
    """``result`` without the findings baseline ``path`` records
    (``suppressed`` counts them)."""
    remaining = read(path)
    root = Path(os.path.abspath(path)).parent
    files, suppressed = [], 0
    for file in result.files:
        kept = []
        for finding in file.findings:
            key = _key(finding, root)
            if remaining[key] > 0:
                remaining[key] -= 1
                suppressed += 1
            else:
                kept.append(finding)
        files.append(msgspec.structs.replace(file, findings=tuple(kept)))
    return msgspec.structs.replace(result, files=tuple(files), suppressed=result.suppressed + suppressed)
