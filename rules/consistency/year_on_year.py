"""C017 year-on-year-mismatch: a change against last year the prose states
(``同比增加3件``, ``同比增长12.3%``, ``较去年回落``) against the same organ's
report of the year before."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

import msgspec

from govlint.findings import Finding
from govlint.model import Location, Severity
from govlint.repository.profile import Change
from govlint.repository.reportset import Member, ReportSet, ReportSetRule

from .shares import fits, percent, places
from .targets import profile_value

#: The configuration key naming the report repository (govlint.repository.history).
HISTORY = "history"
UP, DOWN = "增加", "减少"


def _claimed(change: Change) -> str:
    if change.value is None:
        return {1: "上升", -1: "下降"}.get(change.direction, "持平")
    return f"{UP if change.direction > 0 else DOWN}{change.value}{change.unit or ''}"


def _holds(change: Change, before: int) -> bool | None:
    """Whether ``change`` is right when last year's figure was ``before``
    (None: it cannot be judged — a level 持平, a percentage of 0)."""
    delta = change.count - before
    if change.value is None:
        return None if change.direction == 0 else (delta > 0) == (change.direction > 0) and delta != 0
    if change.unit == "%":
        if before == 0 or change.direction == 0:
            return None
        return (delta > 0) == (change.direction > 0) and fits(abs(delta), before, change.value)
    if change.direction == 0:
        return None
    return delta == change.direction * change.value


class YearOnYearMismatch(ReportSetRule):
    """正文所述与上年相比的增减与上一年度报告不符。

    What it does
    ------------
    取正文中紧跟在件数后、与上年比较的说法——“收到申请258件，同比增长12.3%”
    “办理申请3件，同比减少2件”“较去年有所回落”——在报告库中找到同一机关上一
    年度的报告（本次检查的文件，或配置项 ``history`` 所列文件夹中的报告，
    与 A010 等跨年度规则相同），用本年正文的件数和上年报告表三（或表四）对应
    的数重新计算增减：件数的增减须相等；百分比按写出的小数位数四舍五入或截断
    后须相符；只说“上升”“回落”的，方向须一致（“持平”不核对）。
    不符时报告（警告），信息中写明上年报告的文件名和数值；句中有“全区”等
    范围词时降一级报告。讲上年、计划或明显是其他范围的句子、约数、
    “（含上年结转）”的件数不核对。

    报告库中没有上一年度的报告（未配置 ``history``，或库中缺少该报告）时无法
    核对：每份报告只给一条提示（不是每句一条），说明有几处与上年比较的说法、
    引用第一处，并说明缺什么。

    Why
    ---
    与上年比较的数字最常见的问题是照抄上年的比例、或用错了上年的数；
    没有上年报告时人工也要去翻，报告库配置好后可以自动核对。

    Example
    -------
    错误（上年报告表三本年新收为 240）::

        本年度共收到政府信息公开申请258件，同比增长12.3%。

    正确（258 较 240 增长 7.5%）::

        本年度共收到政府信息公开申请258件，同比增长7.5%。

    References
    ----------
    issue 15 第 1 项（同比）；DOMAIN.md §4 C1、C3（件数与表三的对应）。
    fixtures/real 中没有写同比增减件数或比例的报告；用例是报告族
    fixtures/families/year-on-year（一处比例算错、一处没有上年报告）。
    """

    code = "C017"
    name = "year-on-year-mismatch"
    severity = Severity.WARNING

    alone = True

    def check_set(self, reports: ReportSet) -> Iterable[Finding]:
        for report in reports.targets:
            changes = report.profile.changes
            if not changes:
                continue
            previous = reports.previous(report)
            if previous is None:
                yield self._unchecked(report, changes)
                continue
            yield from self._compare(report, previous, changes)

    def _unchecked(self, report: Member, changes: tuple[Change, ...]) -> Finding:
        """One hint per report: its changes could not be checked, and why."""
        first = changes[0]
        missing = (f"报告库中没有同一机关 {report.year - 1} 年度的报告" if self.config.get(HISTORY) and report.year
                   else "未配置报告库（history），也没有同时检查同一机关上一年度的报告")
        message = f"正文有 {len(changes)} 处与上年比较的说法（如“{first.quote}”），未能与上年报告核对"
        return self._on(report, first, message, missing)

    def _on(self, report: Member, change: Change, message: str, uncertain: str | None) -> Finding:
        finding = self.report(Location(change.line, change.column), message, uncertain=uncertain)
        return msgspec.structs.replace(finding, path=report.path)

    def _compare(self, report: Member, previous: Member, changes: tuple[Change, ...]) -> Iterator[Finding]:
        for change in changes:
            before = profile_value(previous.profile, change.kind)
            if before is None:
                continue
            holds = _holds(change, before.value)
            if holds is None or holds:
                continue
            delta = change.count - before.value
            actual = (percent(abs(delta), before.value, places(Decimal(change.value))) if change.unit == "%"
                      else f"{abs(delta)}{change.unit or '件'}")
            computed = f"{UP if delta > 0 else DOWN}{actual}" if delta else "持平"
            message = (f"正文称“{change.quote}”（{_claimed(change)}），但上年报告 {previous.describe()}的"
                       f"{before.label}为 {before.value}，本年正文为 {change.count}，应为{computed}")
            yield self._on(report, change, message, change.reason)
