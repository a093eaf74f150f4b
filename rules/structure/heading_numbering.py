"""S003 heading-numbering: a section heading not numbered 一、… 六、."""

from govlint.model import Numbering, Severity
from govlint.rule import Rule

_CN = "一二三四五六"


class HeadingNumbering(Rule):
    """A section heading is not numbered with its Chinese numeral and 、.

    What it does
    ------------
    Each of the six section headings must start with its own Chinese numeral
    followed by a 顿号: 一、 … 六、.  Reports a heading with no numeral
    (seed 003: ``收到和处理政府信息公开申请情况``), with an Arabic numeral
    (seed 002: ``4、``, often left by Word's automatic numbering when the text
    was extracted), with a parenthesised numeral (``（四）``, the style of
    sub-items), with another section's numeral, or with another separator
    (``一.``, ``一，``).

    Why
    ---
    The headings are fixed by the national format; a missing or wrong
    numeral makes the report look unfinished and breaks automatic
    processing by the 政务公开办.

    Example
    -------
    Wrong: ``4、 政府信息公开行政复议、行政诉讼情况``

    Right: ``四、政府信息公开行政复议、行政诉讼情况``

    References
    ----------
    DOMAIN.md §2.2 (numbering rules), §5 E7; seeds 002 and 003.
    """

    code = "S003"
    name = "heading-numbering"
    severity = Severity.WARNING

    def check(self, doc):
        for s in doc.sections:
            want = f"{_CN[s.number - 1]}、"
            heading = f"“{want}{s.title}”"
            if s.numbering is Numbering.NONE:
                yield self.report(s, f"章节标题缺少序号：应为{heading}")
            elif s.numbering is Numbering.ARABIC:
                yield self.report(s, f"章节标题使用了阿拉伯数字序号“{s.numeral}{s.separator}”，应为{heading}"
                                     "（可能是 Word 自动编号在转换时留下的）")
            elif s.numbering is Numbering.PARENTHESISED:
                yield self.report(s, f"章节标题使用了二级序号格式“（{s.numeral}）”，应为{heading}")
            elif s.numeral != _CN[s.number - 1]:
                yield self.report(s, f"章节序号“{s.numeral}、”与内容不符：{s.title}是第"
                                     f"{_CN[s.number - 1]}部分，应为{heading}")
            elif s.separator != "、":
                yield self.report(s, f"章节序号后应使用顿号：“{s.numeral}{s.separator}”应为“{want}”")
