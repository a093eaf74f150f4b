"""One batch of uploaded reports, checked in the check process
(:mod:`.worker`): the same :func:`govlint.run.engine.lint` as ``govlint
check``, then what the page needs.

The check runs with the upload's folder as the current directory, so
findings name the files as the page does (``年报.pdf``, ``单位/年报.docx``
from an archive) and exactly as ``govlint check`` run in that folder
would.  Afterwards each report is read once more for the page — the same
reader, so the same blocks the rules saw — under the same watchdog as the
check (a report whose check went over its budget is not read again), and
its findings are placed on its elements (:func:`.view.report_view`).  With
eight reports or more, the reading is spread over processes as the check
is (:func:`govlint.run.parallel.run`).

The result is JSON-ready: per report its summary row and view, per rule
its counts, and the exports that need the engine — the findings as
``govlint check --format json`` writes them and the self-contained HTML
page of ``govlint report --html``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from ... import limits
from ...run.config import Options, Settings, build_settings, read_config
from ...run.engine import PARALLEL_MIN_FILES, FileResult, LintResult, lint, lint_document
from ...run.parallel import Budget, BudgetExceeded, cpu_count, run as run_parallel, watchdog
from ...run.pipeline import failed, read_document
from ...run.plugins import Plugins
from .. import htmlreport
from ..escape import unicode
from ..formatters import render
from ..summary import SEVERITIES, summarise
from .view import finding_data, report_view


def settings_for(plugins: Plugins, options: Options) -> Settings:
    """The settings of the serve configuration (what an archive refused
    before the engine saw it is checked with)."""
    config = None
    if options.use_config and options.config:
        config = read_config(Path(options.config), plugins.rules, plugins.defaults)
    return build_settings(plugins.rules, config, None, plugins.defaults)


def _refused(plugins: Plugins, settings: Settings, name: str, kind: str, message: str) -> FileResult:
    doc = failed(name, "zip", kind, message)
    return FileResult(name, tuple(lint_document(doc, plugins.rules, settings, path=name)), settings.fail_level)


def _bare_view(result: FileResult, note: str | None = None) -> dict[str, Any]:
    """A report shown by its findings only (nothing could be read)."""
    return {"format": None, "title": None, "blocks": [], "note": note,
            "findings": [{**finding_data(f), "place": None} for f in result.findings]}


class _Viewer:
    """Reads a report again for the page (see the module docstring)."""

    def __init__(self, plugins: Plugins, files: list[FileResult], refused: set[str]):
        self.plugins, self.files, self.refused = plugins, files, refused

    def __call__(self, i: int) -> dict[str, Any]:
        result = self.files[i]
        if result.path in self.refused or any(f.code == "E009" for f in result.findings):
            return _bare_view(result)
        try:
            with watchdog(Budget(limits.TIME_LIMIT, limits.MEMORY_LIMIT)):
                doc = read_document(result.path, readers=self.plugins.readers)
                return report_view(doc, result.findings)
        except BudgetExceeded:
            return _bare_view(result, "读取原文超出时间或内存上限，只列出问题")
        except Exception as exc:  # the pipeline promises not to raise; the page still lists the findings
            return _bare_view(result, f"无法显示原文：{type(exc).__name__}")

    def crashed(self, i: int) -> dict[str, Any]:
        return _bare_view(self.files[i], "读取原文时进程意外退出，只列出问题")


def check(request: dict[str, Any], plugins: Plugins, options: Options) -> dict[str, Any]:
    """Check the batch of ``request`` (``folder``, ``paths`` in it,
    ``refused`` archives as ``[name, kind, message]``)."""
    previous = os.getcwd()
    os.chdir(request["folder"])
    try:
        return _check(request, plugins, options)
    finally:
        os.chdir(previous)


def _check(request: dict[str, Any], plugins: Plugins, options: Options) -> dict[str, Any]:
    messages: list[str] = []
    options = msgspec.structs.replace(options, report_info=True, cache=False)
    paths = list(request.get("paths", ()))
    result = lint(paths, options, plugins=plugins, warn=messages.append) if paths else LintResult(())
    refused = {name for name, _, _ in request.get("refused", ())}
    if refused:
        settings = settings_for(plugins, options)
        extra = [_refused(plugins, settings, *entry) for entry in request["refused"]]
        result = msgspec.structs.replace(result, files=tuple(sorted(result.files + tuple(extra), key=lambda r: r.path)))
    files = list(result.files)
    viewer = _Viewer(plugins, files, refused)
    jobs = options.jobs or (cpu_count() if len(files) >= PARALLEL_MIN_FILES else 1)
    views = run_parallel(len(files), viewer, jobs, crashed=viewer.crashed)
    summary = summarise(result, plugins.rules)
    reports = []
    for index, (line, view, file) in enumerate(zip(summary.reports, views, files)):
        reports.append({
            "index": index, "path": unicode(line.path), "organ": line.organ, "year": line.year,
            "template": line.template, "format": view["format"] or (file.info.format if file.info else None),
            "counts": {s.label: line.counts[s] for s in SEVERITIES}, "total": line.total,
            "view": view,
        })
    counts = summary.counts
    return {
        "reports": reports,
        "rules": [{"code": r.code, "name": r.name, "severity": r.severity.label, "summary": r.summary,
                   "reports": r.reports, "findings": r.findings} for r in summary.rules],
        "counts": {s.label: counts[s] for s in SEVERITIES},
        "findings": len(summary.findings),
        "errors": messages,
        "exports": {"json": render(result, "json", rules=plugins.rules), "html": htmlreport.render(summary)},
    }
