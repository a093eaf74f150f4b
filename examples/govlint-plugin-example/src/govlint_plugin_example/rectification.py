"""L001 rectification-missing: section 五 does not report on last year's problems."""

import re

from govlint import Rule, Severity
from govlint.normalize import norm

#: 上年（度）… 整改, within one sentence: 上年度发现问题的整改情况, 上一年度问题整改, …
MENTION = re.compile(r"上一?年度?[^。；;]{0,20}整改")


class LastYearRectification(Rule):
    """第五部分没有说明上年度问题的整改情况（本地要求）。

    What it does
    ------------
    检查“五、存在的主要问题及改进情况”是否说明了上年度发现问题的整改情况
    （“上年度……整改”出现在同一句中）。没有第五部分的报告由 S001 报告，本规则
    不再重复。只检查配置项 ``rectification-since``（默认 2021）及以后年度的报告。

    Why
    ---
    本地政务公开办要求年度报告逐项交代上年度年报审查中发现问题的整改结果，
    而不是只写本年度的问题和打算。

    Example
    -------
    错误示例：五、存在的主要问题及改进情况 —— 只写“下一步将加强培训”。

    正确示例：“针对上年度年报审查指出的数据不一致问题，已完成整改……”。

    References
    ----------
    本地要求，示例插件 govlint-plugin-example。
    """

    code = "L001"
    name = "rectification-missing"
    severity = Severity.WARNING

    def check(self, doc):
        section = doc.section(5)
        since = int(self.config.get("rectification-since", 2021))
        if section is None or (doc.year is not None and doc.year < since):
            return
        if not any(MENTION.search(norm(p.text)) for p in section.paragraphs):
            yield self.report(section, "第五部分没有说明上年度问题的整改情况")
