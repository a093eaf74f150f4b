"""S001 section-missing: a required section is not in the report."""

from govlint.model import Location, Severity
from govlint.outline import canonical_heading
from govlint.rule import Rule


class SectionMissing(Rule):
    """A required section of the report is missing.

    What it does
    ------------
    Checks that each of the six sections of the national format is present:
    一、总体情况 · 二、主动公开政府信息情况 · 三、收到和处理政府信息公开申请情况 ·
    四、政府信息公开行政复议、行政诉讼情况 · 五、存在的主要问题及改进情况 ·
    六、其他需要报告的事项.  Headings are recognised by numeral and by wording,
    so a heading that lost its numeral or uses an accepted variant still
    counts.  The finding is placed where the section should have been (at
    the next section found, or at the end of the report).

    Why
    ---
    《政府信息公开条例》第五十条 lists what the report must contain, and the
    national format (国办公开办函〔2019〕60号, 〔2021〕30号) adds 总体情况 in
    front: six parts, none optional.  六 may say just “无”, but it must be
    there.

    Example
    -------
    Wrong: 一、二、三、四、六 (the heading 五、存在的主要问题及改进情况 was lost
    or never written).

    Right: all six headings, in order.

    References
    ----------
    DOMAIN.md §1.1 (Art. 50), §2.2, §5 E5, §6.5.
    """

    code = "S001"
    name = "section-missing"
    severity = Severity.ERROR

    def check(self, doc):
        if not doc.sections:
            where = doc.title.location if doc.title else Location(1)
            yield self.report(where, "未找到任何标准章节标题（一、总体情况 … 六、其他需要报告的事项），"
                                     "这可能不是政府信息公开工作年度报告，或标题格式无法识别")
            return
        found = {s.number for s in doc.sections}
        last_line = max(len(doc.lines), 1)
        for number in range(1, 7):
            if number in found:
                continue
            following = [s for s in doc.sections if s.number > number]
            where = following[0].location if following else Location(last_line)
            yield self.report(where, f"缺少第{'一二三四五六'[number - 1]}部分“{canonical_heading(number)}”")
