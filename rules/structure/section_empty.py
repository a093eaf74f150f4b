"""S007 section-empty: a section heading with nothing under it."""

from govlint.model import Severity, Table
from govlint.normalize import is_blank
from govlint.recognise.outline import canonical_heading, uncertainty
from govlint.rule import Rule


class SectionEmpty(Rule):
    """章节只有标题，没有内容。

    What it does
    ------------
    某部分标题之后紧接着下一个标题（或报告结束），既无段落也无表格时报告。
    只写了“无”的部分不算空（第六部分可以只写“无”）。标题只凭较弱的依据认出、或报告年度早于全国统一格式时降一级报告。

    Why
    ---
    第二、三、四部分必须有统计表，第一、五部分必须有文字。
    空的部分通常是表格以图片形式发布，或在粘贴到网页时丢失（种子报告 002 的二和四）。

    Example
    -------
    错误::

        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况

    正确：在“二、”下给出“主动公开政府信息情况”统计表。

    References
    ----------
    DOMAIN.md §5 E5、§6.5；种子报告 002。
    """

    code = "S007"
    name = "section-empty"
    severity = Severity.ERROR

    def check(self, doc):
        for s in doc.sections:
            if not any(isinstance(b, Table) or not is_blank(b.text) for b in s.blocks):
                yield self.report(s, f"“{canonical_heading(s.number)}”下没有任何内容"
                                     "（表格是否以图片形式发布或在转换中丢失？）", uncertain=uncertainty(doc, s))
