"""S006 subitem-numbering: sub-item numbering that skips, repeats, restarts or changes style."""

from govlint.model import Severity
from govlint.numerals import int_to_chinese
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
    """Sub-item numbering inside a section skips, repeats, restarts or changes style.

    What it does
    ------------
    Follows the numbered sub-items of each section — （一）（二）…, then 1. 2. …,
    （1）（2）…, ①② … — level by level (a new （二） starts a new run of 1. 2.)
    and reports an item whose number is not the one expected: a skip
    (``1. 2. 4.``), a repeat, a restart at 1 within the same parent, a run
    that starts above 1, or an item written in another style than its
    siblings (``（一）（二）（三）（4）（五）``: Word's automatic numbering
    reached the text as Arabic digits).

    Why
    ---
    Broken numbering signals lost or pasted content and is one of the most
    common presentation errors reviewers return a report for.

    Example
    -------
    Wrong::

        （三）政府信息管理情况
        （4） 平台建设情况
        （五）机构建设及人员配置情况

    Right: ``（四）平台建设情况``.

    References
    ----------
    DOMAIN.md §2.2 (numbering rules), §5 E7; seed 001.
    """

    code = "S006"
    name = "subitem-numbering"
    severity = Severity.WARNING

    def check(self, doc):
        section = None
        stack: list[list] = []  # [style, last value] from outer to inner level
        for item in doc.subitems:
            if item.section != section:
                section, stack = item.section, []
            styles = [entry[0] for entry in stack]
            style, value = item.style, item.value
            if (style == "arabic-paren" and "arabic-paren" not in styles and "cn-paren" in styles
                    and value == stack[styles.index("cn-paren")][1] + 1):
                yield self.report(item, f"序号“{marker(style, value)}”与同级的“{marker('cn-paren', value - 1)}”"
                                        f"写法不一致，应为“{marker('cn-paren', value)}”"
                                        "（可能是 Word 自动编号在转换时留下的）")
                style = "cn-paren"
            if style in styles:
                del stack[styles.index(style) + 1:]
                last = stack[-1][1]
                message = self._sequence_problem(style, last, value)
                if message:
                    yield self.report(item, message)
                stack[-1][1] = value
            else:
                if value != 1:
                    yield self.report(item, f"序号从“{marker(style, value)}”开始，缺少“{marker(style, 1)}”")
                stack.append([style, value])

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
