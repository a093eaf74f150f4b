"""S002 section-order: a section appears twice or out of order."""

from govlint.model import Section, Severity
from govlint.recognise.outline import canonical_heading, uncertainty
from govlint.rule import Rule


class SectionOrder(Rule):
    """章节重复出现，或排在本应在其后的章节之后。

    What it does
    ------------
    按阅读顺序检查各部分标题：某部分已经出现过又再次出现（重复），
    或出现在编号更大的部分之后（顺序颠倒），均报告。标题识别把重复和颠倒只认在
    带有本部分序号、措辞可靠的标题上；所涉标题之一只凭较弱的依据认出、或报告年度早于全国统一格式时降一级报告。

    Why
    ---
    全国统一格式规定了一至六的顺序。把法定部分重新编号、
    或把本单位自拟的主题（工作机制保障、平台建设等）插作一级标题的报告，
    难以与其他报告对照，评议时常被指出。

    Example
    -------
    错误::

        一、总体情况
        二、收到和处理政府信息公开申请情况
        三、主动公开政府信息情况

    正确：“二、主动公开政府信息情况”在“三、收到和处理政府信息公开申请情况”之前。

    References
    ----------
    DOMAIN.md §2.2、§6.5；语料 shanghai-stcsm-2024（法定部分被重新编号排在自拟主题之后）。
    """

    code = "S002"
    name = "section-order"
    severity = Severity.ERROR

    def check(self, doc):
        seen: dict[int, Section] = {}
        highest: Section | None = None
        for section in doc.sections:
            name = f"“{canonical_heading(section.number)}”"
            if section.number in seen:
                first = seen[section.number]
                yield self.report(section, f"第{'一二三四五六'[section.number - 1]}部分{name}重复出现"
                                           f"（第 {first.start_line} 行已有）",
                                  uncertain=uncertainty(doc, section, first))
            elif highest is not None and section.number < highest.number:
                yield self.report(section, f"章节顺序错误：{name}应排在"
                                           f"“{canonical_heading(highest.number)}”之前",
                                  uncertain=uncertainty(doc, section, highest))
            seen.setdefault(section.number, section)
            if highest is None or section.number > highest.number:
                highest = section
