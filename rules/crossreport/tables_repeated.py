"""A013 tables-same-as-last-year: a table's non-zero values repeat last year's exactly (E3)."""

from govlint.model import Severity
from govlint.repository.reportset import Member, ReportSetRule
from govlint.rules.tables.common import TABLE_NAMES

#: Fewer values in common than this (table 二 of 2020 against 2021: the three
#: 处理决定数量) are not compared.
MIN_VALUES = 5


class TablesSameAsLastYear(ReportSetRule):
    """表二、表三或表四的数据与同一机关上一年度报告完全相同（且不全为 0）。

    What it does
    ------------
    在报告库中找到同一机关上一年度的报告，逐张比较表二、表三、表四：两份
    报告该表共有的单元格（同一规范键）都是有效数字、数值全部相同、且不全为
    0 时提示一次，定位在本报告该表的第一个数据单元格，信息中写明上年报告的
    文件名、相同的数据个数和其中非零的个数。共有的单元格少于 5 个时（如
    2020 与 2021 年度的表二只有三项“处理决定数量”相同）不比较；全为 0 的表
    （很多机关每年都没有行政复议、诉讼）不提示。

    Why
    ---
    两年的统计数据一个不差，多半是照搬了上年的表格而没有重新统计——这是
    评估中点名的“内容雷同”（DOMAIN.md §5 E3：有的报告连续三年数据相同）。
    小机关每年都只有一两件申请时也可能真的相同，所以只作提示。

    Example
    -------
    错误示例：2024 年报告的表三与 2023 年报告的表三每个单元格都相同（本年
    新收 12 件、予以公开 7 件……）。

    正确示例：2024 年的表三按当年实际办理情况重新统计填写。

    References
    ----------
    DOMAIN.md §5 E3（内容雷同，提示）；§6.11。
    """

    code = "A013"
    name = "tables-same-as-last-year"
    severity = Severity.INFO

    def check_set(self, reports):
        for report in reports.targets:
            previous = reports.previous(report)
            if previous is not None:
                for table in TABLE_NAMES:
                    yield from self._compare(report, previous, table)

    def _compare(self, report: Member, previous: Member, table: str):
        mine, theirs = report.profile.numbers_of(table), previous.profile.numbers_of(table)
        common = [key for key in mine if key in theirs]
        if len(common) < MIN_VALUES or any(mine[k] is None or mine[k] != theirs[k] for k in common):
            return
        nonzero = sum(1 for key in common if mine[key])
        if nonzero:
            yield self.report_on(report, report.profile.figure(common[0]),
                                 f"{TABLE_NAMES[table]}的 {len(common)} 个数据（其中非零 {nonzero} 个）"
                                 f"与上年报告 {previous.describe()}完全相同，请核对是否沿用了上年的数据")
