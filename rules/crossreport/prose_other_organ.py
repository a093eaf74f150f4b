"""M010 prose-same-as-other-organ: 一 or 五 repeats another organ's report of the same year (E3)."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

from govlint.model import Severity
from govlint.repository.profile import PROSE_SECTIONS
from govlint.repository.reportset import Member, ReportSet

from .copying import Copy, CopyRule

#: A sentence found in more reports of one year than this is boilerplate (a
#: superior's model text): it does not make two reports worth comparing.
COMMON = 20


class ProseSameAsOtherOrgan(CopyRule):
    """第一部分“总体情况”或第五部分“存在的主要问题及改进情况”与其他机关同一年度的报告高度相似。

    What it does
    ------------
    在本次检查的文件和配置项 ``history`` 所列的报告中，找出其他机关同一年
    度的报告，与本报告的第一部分、第五部分比较（方法同 M009：按句切分，去
    掉数字、各自的机关名称和地名、标点，计算 4 字片段集合的 Jaccard 相似
    度）。达到 ``copy-threshold``（默认 0.8）时警告，定位在本报告第一个相同
    的句子，信息中写明相似度、最相似的那份报告的文件名和这个句子，以及另有
    几份报告也超过阈值。只比较至少有一句相同的报告；同一年度中超过 20 份报
    告都有的句子视为上级下发的统一表述，不据此比较。

    Why
    ---
    照抄其他地区、其他部门的年度报告是评估通报的典型问题（DOMAIN.md §5
    E3：跨地区抄袭）。抄来的总体情况和存在问题写的是别人的工作，不能反映本
    机关的实际，所以作警告（与本机关上年相似只作提示，见 M009）。

    Example
    -------
    错误示例：甲街道 2024 年报告的第五部分与乙街道 2024 年报告的第五部分
    只有街道名称不同，相似度 97%。

    正确示例：各机关按本机关的实际情况撰写。

    References
    ----------
    DOMAIN.md §5 E3（内容雷同、跨地区抄袭）；§6.11。
    """

    code = "M010"
    name = "prose-same-as-other-organ"
    severity = Severity.WARNING

    def check_set(self, reports: ReportSet):
        threshold = self.threshold()
        by_year = defaultdict(list)
        for report in reports.targets:
            if report.year and report.organ:
                by_year[report.year].append(report)
        for year, targets in sorted(by_year.items()):
            pool = reports.by_year(year)
            for section in PROSE_SECTIONS:
                index = self._index(pool, section)
                for report in targets:
                    found = (self.compare(report, other, section, threshold)
                             for other in self._candidates(report, section, index, reports))
                    copies = sorted(filter(None, found), key=lambda c: (-c.similarity, c.other.path))
                    if copies:
                        yield self.report_on(report, copies[0].passage, self._message(copies, threshold))

    def _index(self, pool: Sequence[Member], section: int) -> dict[str, list[Member]]:
        """Normalised sentence → the reports of ``pool`` whose ``section`` has it."""
        index = defaultdict(list)
        for report in pool:
            text = report.profile.prose.get(section)
            if text is not None and text.comparable:
                for norm in set(text.sentences()):
                    index[norm].append(report)
        return index

    @staticmethod
    def _candidates(report: Member, section: int, index: Mapping[str, list[Member]],
                    reports: ReportSet) -> list[Member]:
        """Other organs' reports sharing a sentence of ``report``'s ``section`` that is not boilerplate."""
        text = report.profile.prose.get(section)
        postings = (index.get(norm, ()) for norm in dict.fromkeys(text.sentences() if text is not None else ()))
        shared = dict.fromkeys(other for found in postings if len(found) <= COMMON for other in found)
        return [other for other in shared if other is not report and not reports.names.same(report.organ, other.organ)]

    @staticmethod
    def _message(copies: list[Copy], threshold: float) -> str:
        more = f"；另有 {len(copies) - 1} 份同年度报告也超过阈值" if len(copies) > 1 else ""
        return copies[0].describe(threshold, "其他机关同年度的报告") + more
