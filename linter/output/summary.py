"""The batch summary of a run (``govlint report``): per report its organ,
year, template and counts by severity; per rule how many reports break
it; for a report repository with an organ list, per year the listed organs
whose report is missing and the reports of organs not on the list
(:mod:`govlint.repository.completeness`).  :mod:`govlint.output.htmlreport` renders it as a page, :func:`text` as
tables for the terminal."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import msgspec

from ..findings import Finding
from ..model import Severity
from ..repository.completeness import Completeness
from ..rule import Rule
from ..run.engine import FileResult, LintResult
from .escape import visible
from .texttable import table

#: severities from the most serious down, as summaries list them
SEVERITIES = tuple(sorted(Severity, reverse=True))


class ReportLine(msgspec.Struct, frozen=True):
    """One report: its path, what was recognised of it, its counts."""

    path: str
    organ: str
    year: str
    template: str
    counts: dict[Severity, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class RuleLine(msgspec.Struct, frozen=True):
    """One rule with findings: how many reports break it, how many findings."""

    code: str
    name: str
    severity: Severity
    summary: str
    reports: int
    findings: int


class Summary(msgspec.Struct, frozen=True):
    reports: tuple[ReportLine, ...]
    rules: tuple[RuleLine, ...]
    findings: tuple[Finding, ...]
    suppressed: int = 0
    repositories: tuple[Completeness, ...] = ()

    @property
    def counts(self) -> dict[Severity, int]:
        return {s: sum(r.counts[s] for r in self.reports) for s in SEVERITIES}


def _report(file: FileResult) -> ReportLine:
    counts = Counter(f.severity for f in file.findings)
    info = file.info
    return ReportLine(
        path=file.path,
        organ=(info.organ if info and info.organ else ""),
        year=str(info.year) if info and info.year else "",
        template=(info.template if info and info.template else ""),
        counts={s: counts[s] for s in SEVERITIES},
    )


def summarise(result: LintResult, rules: Sequence[type[Rule]] = ()) -> Summary:
    """The summary of ``result``; ``rules`` give names and summaries (a rule
    not among them is described by its findings).  Rules are ordered by
    how many reports break them, then by code."""
    known = {r.code: r for r in rules}
    reports: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    example: dict[str, Finding] = {}
    for file in result.files:
        for code in {f.code for f in file.findings}:
            reports[code] += 1
        for f in file.findings:
            findings[f.code] += 1
            example.setdefault(f.code, f)
    lines = []
    for code in sorted(findings, key=lambda c: (-reports[c], c)):
        rule = known.get(code)
        lines.append(RuleLine(code, example[code].name, rule.severity if rule else example[code].severity,
                              rule.summary() if rule else "", reports[code], findings[code]))
    return Summary(tuple(_report(f) for f in result.files), tuple(lines), tuple(result.findings),
                   result.suppressed, result.repositories)


def text(summary: Summary) -> str:
    """The two tables for the terminal, and a total line."""
    severity_heads = tuple(s.chinese for s in SEVERITIES)
    reports = table(("文件", "机关", "年度", "模板", *severity_heads, "合计"), [
        (visible(r.path, keep=""), visible(r.organ or "—", keep=""), r.year or "—", r.template or "—",
         *(str(r.counts[s]) for s in SEVERITIES), str(r.total)) for r in summary.reports
    ])
    rules = table(("代码", "名称", "默认级别", "违反的报告数", "问题数"), [
        (r.code, r.name, r.severity.label, str(r.reports), str(r.findings)) for r in summary.rules
    ])
    counts = summary.counts
    total = "，".join(f"{s.chinese} {counts[s]}" for s in SEVERITIES)
    parts = [reports, "", rules if summary.rules else "未发现问题。", "",
             f"共 {len(summary.reports)} 份报告，{len(summary.findings)} 个问题（{total}）。"]
    if summary.suppressed:
        parts[-1] += f"另有 {summary.suppressed} 个问题已记入基线，未显示。"
    for repository in summary.repositories:
        parts += ["", completeness_text(repository)]
    return "\n".join(parts)


def completeness_text(repository: Completeness) -> str:
    """A repository's completeness: per year the missing organs, then the
    reports of organs not on the list."""
    head = f"报告库完整性（{visible(repository.source, keep='')}，名单 {len(repository.listed)} 个机关）："
    rows = [(str(year), str(len(names)), "、".join(visible(n, keep="") for n in names) or "—")
            for year, names in repository.missing]
    years = table(("年度", "缺少报告的机关数", "缺少报告的机关"), rows) if rows else "报告库中没有读出年度的报告。"
    parts = [head, years]
    if repository.unlisted:
        parts += ["不在名单中的机关的报告：", table(("文件", "机关", "年度"), [
            (visible(r.path, keep=""), visible(r.organ or "—", keep=""), str(r.year or "—"))
            for r in repository.unlisted])]
    elif repository.complete:
        parts.append("名单中的机关每年都有报告，也没有名单之外的机关。")
    return "\n".join(parts)
