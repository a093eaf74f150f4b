"""S001 section-missing: a required section is not in the report."""

from govlint.model import Location, Section, Severity, SubItem
from govlint.normalize import compact
from govlint.recognise.outline import canonical_heading, predates_format, uncertainty
from govlint.recognise.outline.spec import data
from govlint.regexes import compile_re
from govlint.rule import Rule
from govlint.rules import hint

#: A sub-item's title: its text up to the first sentence or clause end.
_TITLE_END = compile_re(r"[。：:；;]")
_MAX_TITLE = 30


class SectionMissing(Rule):
    """缺少年度报告必备的章节。

    What it does
    ------------
    检查全国统一格式的六个部分是否齐全：一、总体情况 · 二、主动公开政府信息情况 ·
    三、收到和处理政府信息公开申请情况 · 四、政府信息公开行政复议、行政诉讼情况 ·
    五、存在的主要问题及改进情况 · 六、其他需要报告的事项。标题按序号和措辞两方面识别，
    丢了序号或使用常见变体写法的标题同样算数。问题定位在该部分应出现的位置
    （其后找到的第一个部分标题处，或报告末尾）。若缺失部分前后相邻的标题只凭较弱的依据认出
    （该处的标题可能被认错），降一级报告并说明原因；前一部分的表格之后有标题写着本部分内容的子项
    （如第四部分表四之后的“（一）主要问题”“（二）改进情况”：第五部分的内容在，只是标题丢失，
    常见于 PDF 转换），同样降一级报告并指出该子项。报告年度早于全国统一格式（2019 年度起适用）时，
    只作为提示报告。

    Why
    ---
    《政府信息公开条例》第五十条规定了年度报告的内容，全国统一格式
    （国办公开办函〔2019〕60号、〔2021〕30号）在其前加上“总体情况”，共六部分，
    缺一不可。第六部分可以只写“无”，但不能没有。

    Example
    -------
    错误：只有 一、二、三、四、六（“五、存在的主要问题及改进情况”丢失或未写）。

    正确：六个部分标题齐全且按顺序排列。

    References
    ----------
    DOMAIN.md §1.1（第五十条）、§2.2、§5 E5、§6.5。
    """

    code = "S001"
    name = "section-missing"
    severity = Severity.ERROR

    def check(self, doc):
        grade = hint if predates_format(doc) else (lambda finding: finding)
        if not doc.sections:
            where = doc.title.location if doc.title else Location(1)
            yield grade(self.report(where, "未找到任何标准章节标题（一、总体情况 … 六、其他需要报告的事项），"
                                           "这可能不是政府信息公开工作年度报告，或标题格式无法识别",
                                    uncertain=uncertainty(doc)))
            return
        found = {s.number for s in doc.sections}
        last_line = max(len(doc.lines), 1)
        for number in range(1, 7):
            if number in found:
                continue
            following = [s for s in doc.sections if s.number > number]
            before = [s for s in doc.sections if s.number < number]
            where = following[0].location if following else Location(last_line)
            neighbours = before[-1:] + following[:1]  # where the missing heading would be
            reason = uncertainty(doc, *neighbours)
            orphan = _content_after_table(doc, before[-1], number) if before and not reason else None
            if orphan is not None:
                reason = (f"第 {orphan.location.line} 行的“{_title(orphan)}”像是本部分的内容，"
                          "标题可能在转换中丢失")
            yield grade(self.report(where, f"缺少第{'一二三四五六'[number - 1]}部分“{canonical_heading(number)}”",
                                    uncertain=reason))


def _title(item: SubItem) -> str:
    return _TITLE_END.split(item.paragraph.text.strip(), maxsplit=1)[0]


def _content_after_table(doc, section: Section, number: int) -> SubItem | None:
    """A sub-item of ``section``, after its last table, whose title names
    section ``number``'s subject: that section's content under a lost heading."""
    if not section.tables:
        return None
    end = max(t.location.end_line or t.location.line for t in section.tables)
    signature = data().section(number).signature
    for item in doc.subitems:
        if item.section == section.number and item.location.line > end:
            title = compact(_title(item))
            if len(title) <= _MAX_TITLE and signature.search(title):
                return item
    return None
