"""S002 section-order: a section appears twice or out of order."""

from govlint.model import Severity
from govlint.outline import canonical_heading
from govlint.rule import Rule


class SectionOrder(Rule):
    """A section appears twice, or after a section that should follow it.

    What it does
    ------------
    Walks the section headings in reading order and reports a heading whose
    section was already seen (a repeat) or that comes after a later section
    (out of order).

    Why
    ---
    The national format fixes the order 一 … 六.  Reports that renumber the
    statutory parts or interleave their own topics (工作机制保障, 平台建设 …) as
    top-level parts are hard to compare and are criticised by reviewers.

    Example
    -------
    Wrong::

        一、总体情况
        二、收到和处理政府信息公开申请情况
        三、主动公开政府信息情况

    Right: 二、主动公开政府信息情况 before 三、收到和处理政府信息公开申请情况.

    References
    ----------
    DOMAIN.md §2.2, §6.5; corpus report shanghai-stcsm-2024 (statutory parts
    renumbered after the organ's own topics).
    """

    code = "S002"
    name = "section-order"
    severity = Severity.ERROR

    def check(self, doc):
        seen: dict[int, int] = {}
        highest = 0
        for section in doc.sections:
            name = f"“{canonical_heading(section.number)}”"
            if section.number in seen:
                yield self.report(section, f"第{'一二三四五六'[section.number - 1]}部分{name}重复出现"
                                           f"（第 {seen[section.number]} 行已有）")
            elif section.number < highest:
                yield self.report(section, f"章节顺序错误：{name}应排在"
                                           f"“{canonical_heading(highest)}”之前")
            seen.setdefault(section.number, section.start_line)
            highest = max(highest, section.number)
