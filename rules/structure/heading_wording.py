"""S004 heading-wording: a section heading worded otherwise than the template."""

from govlint.model import Severity, Wording
from govlint.recognise.outline import uncertainty
from govlint.rule import Rule


class HeadingWording(Rule):
    """章节标题的措辞与模板不一致。

    What it does
    ------------
    将各部分标题（去掉序号）与全国统一格式的写法比较。
    实际报告中常见的可接受变体（如条例原文的
    “因政府信息公开工作被申请行政复议、提起行政诉讼的情况”、
    “……改进措施”），以及其他能认出是哪一部分但措辞不同的写法，
    都会报告并给出模板写法；用可接受的替换词改写的标题（“整改措施”代替“改进情况”）也在此报告。
    关键词（行政复议、主动公开等）中一两个字的错别字由 S005 heading-typo 报告。
    标题只凭较弱的依据认出、或报告年度早于全国统一格式时降一级报告。

    Why
    ---
    六个标题由全国统一格式（国办公开办函〔2021〕30号）规定，
    评议和自动汇总都按标题对照各份报告。

    Example
    -------
    错误：``二、主动公开政府信息的情况``

    正确：``二、主动公开政府信息情况``

    References
    ----------
    DOMAIN.md §2.2（标准标题与可接受变体）、§5 E11；种子报告 004。
    """

    code = "S004"
    name = "heading-wording"
    severity = Severity.WARNING

    def check(self, doc):
        for s in doc.sections:
            if s.wording is Wording.VARIANT:
                yield self.report(s, f"标题“{s.title}”是常见变体，模板写法为“{s.expected}”", uncertain=uncertainty(doc, s))
            elif s.wording is Wording.DEVIANT:
                yield self.report(s, f"标题“{s.title}”与模板不一致，模板写法为“{s.expected}”", uncertain=uncertainty(doc, s))
