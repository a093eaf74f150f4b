"""The batch summary as one self-contained HTML page (``govlint report
PATH... --html FILE``): inline CSS and JavaScript, an inline SVG chart, no
request to the network, so the file can be mailed or archived as it is.

The page has: the totals; per report its path, organ, year, template and
counts by severity; per rule how many reports break it (a table and a bar
chart); every finding with its source line, filterable by rule and
severity (a ``#rule=S004&severity=error,warning`` fragment presets the
filters; clicking a rule or its bar filters by it).  Counts carry
``data-`` attributes so tests and scripts can read them.
"""

from __future__ import annotations

from html import escape

import govlint

from ..findings import Finding
from ..model import Severity
from .escape import visible
from .summary import SEVERITIES, Summary

COLORS = {Severity.ERROR: "#c62828", Severity.WARNING: "#ef8f00", Severity.INFO: "#1e6fb8"}

CSS = """
body{font:14px/1.5 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}td.n.zero{color:#bbb}
.sev{display:inline-block;border-radius:3px;padding:0 .4em;color:#fff;font-size:.85em}
.sev-error{background:#c62828}.sev-warning{background:#ef8f00}.sev-info{background:#1e6fb8}
tr.rule,g.bar{cursor:pointer}tr.rule:hover{background:#f0f6ff}
pre.source{margin:.2em 0 0;padding:.2em .4em;background:#f7f7f7;white-space:pre-wrap;font-size:.9em}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd}
.filters label{margin-right:1em}.muted{color:#777}
"""

SCRIPT = """
(function () {
  var rule = document.getElementById('rule-filter');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.severity-filter'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var shown = document.getElementById('shown');
  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!rule.value || row.dataset.code === rule.value) && severities.indexOf(row.dataset.severity) >= 0;
      row.hidden = !visible;
      if (visible) { count++; }
    });
    shown.textContent = count;
    var parts = [];
    if (rule.value) { parts.push('rule=' + encodeURIComponent(rule.value)); }
    if (severities.length < boxes.length) { parts.push('severity=' + severities.join(',')); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }
  var params = {};
  location.hash.slice(1).split('&').forEach(function (part) {
    var kv = part.split('=');
    if (kv.length === 2) { params[kv[0]] = decodeURIComponent(kv[1]); }
  });
  if (params.rule && rule.querySelector('option[value="' + params.rule.replace(/"/g, '') + '"]')) { rule.value = params.rule; }
  if (params.severity !== undefined) {
    var wanted = params.severity.split(',');
    boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  }
  rule.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  Array.prototype.forEach.call(document.querySelectorAll('tr.rule, g.bar'), function (el) {
    el.addEventListener('click', function () {
      rule.value = el.dataset.code;
      apply();
      document.getElementById('findings').scrollIntoView();
    });
  });
  apply();
})();
"""


def _e(value: object) -> str:
    """``value`` as HTML text, its control characters written out (``\\x1b``)."""
    return escape(visible(str(value)), quote=True)


def _sev(severity: Severity) -> str:
    return f'<span class="sev sev-{severity.label}">{severity.chinese}</span>'


def _count(n: int, severity: Severity | None = None) -> str:
    data = f' data-severity="{severity.label}"' if severity else ' data-severity="total"'
    return f'<td class="n{" zero" if n == 0 else ""}"{data}>{n}</td>'


def _totals(summary: Summary) -> str:
    counts = summary.counts
    detail = "，".join(f"{s.chinese} {counts[s]}" for s in SEVERITIES)
    data = " ".join(f'data-{s.label}="{counts[s]}"' for s in SEVERITIES)
    suppressed = f"；另有 {summary.suppressed} 个问题已记入基线，未列出" if summary.suppressed else ""
    return (f'<p id="totals" data-reports="{len(summary.reports)}" data-findings="{len(summary.findings)}" {data}>'
            f"共 {len(summary.reports)} 份报告，{len(summary.findings)} 个问题（{detail}）{suppressed}。</p>")


def _reports(summary: Summary) -> str:
    heads = "".join(f"<th>{s.chinese}</th>" for s in SEVERITIES)
    rows = []
    for r in summary.reports:
        counts = "".join(_count(r.counts[s], s) for s in SEVERITIES)
        rows.append(f'<tr class="report" data-path="{_e(r.path)}"><td>{_e(r.path)}</td><td>{_e(r.organ or "—")}</td>'
                    f'<td>{_e(r.year or "—")}</td><td>{_e(r.template or "—")}</td>{counts}{_count(r.total)}</tr>')
    return (f'<table id="report-table"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>模板</th>{heads}'
            f'<th>合计</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _rules(summary: Summary) -> str:
    if not summary.rules:
        return '<p class="muted">未发现问题。</p>'
    rows = "".join(
        f'<tr class="rule" data-code="{_e(r.code)}"><td>{_e(r.code)}</td><td>{_e(r.name)}</td><td>{_sev(r.severity)}</td>'
        f'<td class="n" data-count="reports">{r.reports}</td><td class="n" data-count="findings">{r.findings}</td>'
        f'<td>{_e(r.summary)}</td></tr>'
        for r in summary.rules
    )
    return (f'<table id="rule-table"><thead><tr><th>代码</th><th>名称</th><th>默认级别</th><th>违反的报告数</th>'
            f'<th>问题数</th><th>说明</th></tr></thead><tbody>{rows}</tbody></table>')


def _repositories(summary: Summary) -> str:
    """Per repository with an organ list: the missing reports by year and
    the reports of organs not on the list (empty when none is configured)."""
    parts = []
    for repo in summary.repositories:
        rows = "".join(f'<tr class="missing" data-year="{year}"><td>{year}</td><td class="n">{len(names)}</td>'
                       f'<td>{_e("、".join(names) or "—")}</td></tr>' for year, names in repo.missing)
        parts.append(f'<h2>报告库完整性</h2><p class="muted">{_e(repo.source)}，名单 {len(repo.listed)} 个机关</p>'
                     f'<table class="completeness"><thead><tr><th>年度</th><th>缺少报告的机关数</th>'
                     f'<th>缺少报告的机关</th></tr></thead><tbody>{rows}</tbody></table>')
        if repo.unlisted:
            unlisted = "".join(f'<tr class="unlisted"><td>{_e(r.path)}</td><td>{_e(r.organ or "—")}</td>'
                               f'<td>{_e(r.year or "—")}</td></tr>' for r in repo.unlisted)
            parts.append(f'<p>不在名单中的机关的报告：</p><table class="unlisted"><thead><tr><th>文件</th><th>机关</th>'
                         f'<th>年度</th></tr></thead><tbody>{unlisted}</tbody></table>')
    return "".join(parts)


def chart(summary: Summary, bar: int = 18, span: int = 500) -> str:
    """Horizontal bars: per rule, the number of reports that break it."""
    if not summary.rules:
        return ""
    label = 10 + 7 * max(len(f"{r.code} {r.name}") for r in summary.rules)  # about 7px a character at 12px
    most = max(r.reports for r in summary.rules)
    height = bar * len(summary.rules) + 10
    bars = []
    for i, r in enumerate(summary.rules):
        y = 5 + i * bar
        length = max(1, round(span * r.reports / most))
        bars.append(
            f'<g class="bar" data-code="{_e(r.code)}"><title>{_e(r.code)} {_e(r.name)}：{r.reports} 份报告</title>'
            f'<text x="0" y="{y + bar - 5}">{_e(r.code)} {_e(r.name)}</text>'
            f'<rect x="{label}" y="{y + 2}" width="{length}" height="{bar - 4}" fill="{COLORS[r.severity]}"/>'
            f'<text x="{label + length + 4}" y="{y + bar - 5}">{r.reports}</text></g>'
        )
    return (f'<svg id="chart" width="{label + span + 40}" height="{height}" '
            f'viewBox="0 0 {label + span + 40} {height}" role="img" aria-label="各规则违反的报告数" '
            f'font-size="12">{"".join(bars)}</svg>')


def _finding(f: Finding) -> str:
    source = f'<pre class="source">{_e(f.source)}</pre>' if f.source.strip() else ""
    place = f"（{_e(f.location)}）" if f.location else ""
    return (f'<tr class="finding" data-code="{_e(f.code)}" data-severity="{f.severity.label}">'
            f"<td>{_e(f.path)}:{f.line}:{f.column}</td><td>{_e(f.code)}</td><td>{_sev(f.severity)}</td>"
            f"<td>{_e(f.message)}{place}{source}</td></tr>")


def _findings(summary: Summary) -> str:
    options = "".join(f'<option value="{_e(r.code)}">{_e(r.code)} {_e(r.name)}（{r.findings}）</option>'
                      for r in sorted(summary.rules, key=lambda r: r.code))
    counts = summary.counts
    boxes = "".join(f'<label><input type="checkbox" class="severity-filter" value="{s.label}" checked> '
                    f"{s.chinese}（{counts[s]}）</label>" for s in SEVERITIES)
    rows = "".join(_finding(f) for f in summary.findings)
    return (f'<div class="filters"><label>规则 <select id="rule-filter"><option value="">全部规则</option>{options}'
            f'</select></label>{boxes}<span>显示 <b id="shown">{len(summary.findings)}</b> / '
            f'{len(summary.findings)} 个问题</span></div>'
            f'<table id="findings"><thead><tr><th>位置</th><th>代码</th><th>级别</th><th>问题与原文</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def render(summary: Summary, title: str = "政府信息公开工作年度报告检查汇总") -> str:
    """The whole page."""
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>{_totals(summary)}"
        f'<p class="muted">由 govlint {_e(govlint.__version__)} 生成。</p>'
        f'<h2>各报告</h2>{_reports(summary)}'
        f'<h2>各规则</h2>{chart(summary)}{_rules(summary)}'
        f'{_repositories(summary)}'
        f'<h2>全部问题</h2>{_findings(summary)}'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
