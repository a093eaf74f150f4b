"""M009 prose-same-as-last-year: 一 or 五 repeats the same organ's previous report (E3)."""

from govlint.model import Severity
from govlint.repository.profile import PROSE_SECTIONS

from .copying import CopyRule


class ProseSameAsLastYear(CopyRule):
    """第一部分“总体情况”或第五部分“存在的主要问题及改进情况”与同一机关上一年度的报告高度相似。

    What it does
    ------------
    在报告库中找到同一机关上一年度的报告，比较两份报告的第一部分和第五部
    分：把文字按句切分，去掉数字、机关名称和地名、标点后，计算两部分字符
    片段（4 字）集合的重合度（Jaccard 相似度，0–100%）。达到配置项
    ``copy-threshold``（默认 0.8）时提示，定位在本报告第一个与上年相同的句
    子，信息中写明相似度、上年报告的文件名和这个句子。少于 40 个字的部分
    （如第五部分只写“无”）不比较。上级下发的统一表述（见 M010）在这里照样
    计入：两年都只照抄统一表述的，同样提示。

    Why
    ---
    年度报告应当总结当年的工作。评估中屡次发现报告与上年雷同（DOMAIN.md
    §5 E3：有的与上年重合达 90%），第五部分年年写同样的问题和同样的改进
    措施，说明问题没有整改。但“总体情况”中介绍常设机制的段落逐年沿用也属
    正常，所以只作提示；与其他机关雷同的由 M010 警告。

    Example
    -------
    错误示例：2024 年报告第五部分与 2023 年的只差年份和数字（“一是主动公开
    的深度和广度仍需拓展；二是……”），相似度 95%。

    正确示例：第五部分写明上年问题的整改情况和本年新发现的问题。

    References
    ----------
    DOMAIN.md §5 E3（内容雷同）；§6.7（第五部分的内容）、§6.11（与上年重复，提示）。
    """

    code = "M009"
    name = "prose-same-as-last-year"
    severity = Severity.INFO

    def check_set(self, reports):
        threshold = self.threshold()
        for report in reports.targets:
            previous = reports.previous(report)
            if previous is not None:
                for section in PROSE_SECTIONS:
                    copy = self.compare(report, previous, section, threshold)
                    if copy is not None:
                        yield self.report_on(report, copy.passage, copy.describe(threshold, "上年报告"))
