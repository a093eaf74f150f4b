"""S006 subitem-numbering: sub-item numbering that skips, repeats, restarts or changes style."""

import re

from govlint.model import Paragraph, Severity
from govlint.normalize import compact
from govlint.read.numerals import int_to_chinese
from govlint.recognise.outline import uncertainty
from govlint.rule import Rule


def marker(style: str, value: int) -> str:
    """How a sub-item number of ``style`` is written: （四）, 4., （4）, ④."""
    return {
        "cn-paren": f"（{int_to_chinese(value)}）",
        "arabic-paren": f"（{value}）",
        "arabic-dot": f"{value}.",
        "circled": chr(ord("①") + value - 1) if 1 <= value <= 20 else f"({value})",
    }[style]


class SubitemNumbering(Rule):
    """章节内子项编号跳号、重复、重新开始或格式不一致。

    What it does
    ------------
    逐层跟踪各部分中的子项编号——（一）（二）…，其下 1. 2. …，再下（1）（2）…、①②…
    （新的（二）开始新一轮 1. 2.）——编号不是应有的下一个时报告：跳号（``1. 2. 4.``）、
    重复、同一上级下重新从 1 开始、从大于 1 的编号开始，
    或与同级写法不一致（``（一）（二）（三）（4）（五）``：Word 自动编号在转换时变成了阿拉伯数字）。
    含有表格的部分不检查：那里带编号的短行是被转换拆散的表格标签，不是正文编号。
    跳过的编号写在上一项的段落之中（``1、……栏目；2、组织学习……`` 之后另起一段 ``3、……``）时不算跳号。
    报告年度早于全国统一格式（各部分的划分随之不同）时降一级报告。

    Why
    ---
    编号错乱往往说明内容丢失或拼贴，是报告被退回修改最常见的格式问题之一。

    Example
    -------
    错误::

        （三）政府信息管理情况
        （4） 平台建设情况
        （五）机构建设及人员配置情况

    正确：``（四）平台建设情况``。

    References
    ----------
    DOMAIN.md §2.2（编号规则）、§5 E7；种子报告 001。
    """

    code = "S006"
    name = "subitem-numbering"
    severity = Severity.WARNING

    def check(self, doc):
        reason = uncertainty(doc)
        section = None
        stack: list[list] = []  # [style, last value, its paragraph] from outer to inner level
        with_tables = {s.number for s in doc.sections if s.tables}
        for item in doc.subitems:
            if item.section in with_tables:
                continue  # labels of a table the extraction broke into lines, not prose numbering
            if item.section != section:
                section, stack = item.section, []
            styles = [entry[0] for entry in stack]
            style, value = item.style, item.value
            if (style == "arabic-paren" and "arabic-paren" not in styles and "cn-paren" in styles
                    and value == stack[styles.index("cn-paren")][1] + 1):
                yield self.report(item, f"序号“{marker(style, value)}”与同级的“{marker('cn-paren', value - 1)}”"
                                        f"写法不一致，应为“{marker('cn-paren', value)}”"
                                        "（可能是 Word 自动编号在转换时留下的）", uncertain=reason)
                style = "cn-paren"
            if style in styles:
                del stack[styles.index(style) + 1:]
                last, previous = stack[-1][1], stack[-1][2]
                message = self._sequence_problem(style, last, value)
                if message and not (value > last + 1 and _written_inline(doc, previous, item.paragraph, style,
                                                                         range(last + 1, value))):
                    yield self.report(item, message, uncertain=reason)
                stack[-1][1:] = [value, item.paragraph]
            else:
                if value != 1:
                    yield self.report(item, f"序号从“{marker(style, value)}”开始，缺少“{marker(style, 1)}”",
                                      uncertain=reason)
                stack.append([style, value, item.paragraph])

    @staticmethod
    def _sequence_problem(style: str, last: int, value: int) -> str | None:
        expected = marker(style, last + 1)
        written = marker(style, value)
        if value == last + 1:
            return None
        if value == 1:
            return f"序号重新从“{written}”开始（上一项为“{marker(style, last)}”），同一层级内编号应连续"
        if value == last:
            return f"序号“{written}”重复，应为“{expected}”"
        if value > last + 1:
            return f"序号跳号：“{marker(style, last)}”之后是“{written}”，应为“{expected}”"
        return f"序号倒退：“{marker(style, last)}”之后是“{written}”，应为“{expected}”"


def _inline_marker(style: str, value: int) -> re.Pattern:
    """The marker of ``value`` inside a sentence, after a clause mark:
    ``；2、``, ``。（三）``."""
    written = {
        "cn-paren": rf"\({int_to_chinese(value)}\)",
        "arabic-paren": rf"\({value}\)",
        "arabic-dot": rf"{value}[.、](?!\d)",
        "circled": re.escape(marker("circled", value)),
    }[style]
    return re.compile(rf"[;。:,，；：]{written}")


def _written_inline(doc, first: Paragraph, last: Paragraph, style: str, values: range) -> bool:
    """Are the markers ``values`` written inside the paragraphs from
    ``first`` up to (not including) ``last`` of the same section?"""
    for section in doc.sections:
        paragraphs = section.paragraphs
        start = next((i for i, p in enumerate(paragraphs) if p is first), None)
        end = next((i for i, p in enumerate(paragraphs) if p is last), None)
        if start is not None and end is not None and start < end:
            text = compact("".join(p.text for p in paragraphs[start:end]))
            return all(_inline_marker(style, v).search(text) for v in values)
    return False
