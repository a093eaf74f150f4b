"""M010 prose-same-as-other-organ: 一 or 五 repeats another organ's report of the same year (E3)."""

from __future__ import annotations

from govlint.model import Severity
from govlint.repository.profile import PROSE_SECTIONS
from govlint.repository.reportset import ReportSet

from .copying import Copy, CopyRule


class ProseSameAsOtherOrgan(CopyRule):
    """第一部分“总体情况”或第五部分“存在的主要问题及改进情况”与其他机关同一年度的报告高度相似。

    What it does
    ------------
    在本次检查的文件和配置项 ``history`` 所列的报告中，找出其他机关同一年
    度的报告，与本报告的第一部分、第五部分比较（方法同 M009：按句切分，去
    掉数字、各自的机关名称和地名、标点，计算 4 字片段集合的 Jaccard 相似
    度）。达到 ``copy-threshold``（默认 0.8）时警告，定位在本报告第一个相同
    的句子，信息中写明相似度、最相似的那份报告的文件名和这个句子，以及另有
    几份报告也超过阈值。

    上级下发的统一表述（范文、规定的提法）不是相互抄袭：同一年度参与比较的
    报告（本次检查的文件和 ``history`` 中该部分足够长的报告）中，有十分之一
    以上、且至少 5 份都有的句子，视为统一表述。两份报告除统一表述外至少还
    有一句相同，才作为可能相互抄袭的一对来比较；统一表述仍计入相似度。按
    比例而不是按固定份数判断，同一句话在一个区的几十份报告中和在全市的几
    千份报告中定性相同：几份报告相互照抄的句子不因报告库大而被当作统一表
    述，多数单位照用的范文（至少 5 份）也不因报告库小而被当作抄袭。

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
        from govlint.repository.copies import same_year_copies

        threshold = self.threshold()
        years = sorted({r.year for r in reports.targets if r.year and r.organ})
        for year in years:
            for section in PROSE_SECTIONS:
                for report, matches in same_year_copies(reports, year, section, threshold).items():
                    copies = [Copy(m.other, section, m.similarity, m.passage) for m in matches]
                    yield self.report_on(report, copies[0].passage, self._message(copies, threshold))

    @staticmethod
    def _message(copies: list[Copy], threshold: float) -> str:
        more = f"；另有 {len(copies) - 1} 份同年度报告也超过阈值" if len(copies) > 1 else ""
        return copies[0].describe(threshold, "其他机关同年度的报告") + more
