"""S003 heading-numbering: a section heading not numbered 一、… 六、."""

from govlint.model import Numbering, Severity
from govlint.recognise.outline import uncertainty
from govlint.rule import Rule

_CN = "一二三四五六"


class HeadingNumbering(Rule):
    """章节标题没有使用对应的中文序号加顿号。

    What it does
    ------------
    六个部分的标题应以各自的中文序号加顿号开头：一、…六、。
    以下情况均报告：没有序号（种子报告 003 的“收到和处理政府信息公开申请情况”）；
    阿拉伯数字序号（种子报告 002 的“4、”，多为 Word 自动编号在转换文本时留下的）；
    二级序号格式（“（四）”）；序号与内容不符（第二部分写成“三、”）；
    序号后不是顿号（“一.”“一，”）。标题只凭较弱的依据认出（没有序号、措辞也与模板相去较远）时，
    降一级报告并说明原因；报告年度早于全国统一格式（2019 年度）时同样降一级。

    Why
    ---
    六个标题由全国统一格式规定；缺少或写错序号会让报告显得未完成，
    也妨碍政务公开办的汇总和自动处理。

    Example
    -------
    错误：``4、 政府信息公开行政复议、行政诉讼情况``

    正确：``四、政府信息公开行政复议、行政诉讼情况``

    References
    ----------
    DOMAIN.md §2.2（编号规则）、§5 E7；种子报告 002、003。
    """

    code = "S003"
    name = "heading-numbering"
    severity = Severity.WARNING

    def check(self, doc):
        for s in doc.sections:
            message = self._problem(s)
            if message:
                yield self.report(s, message, uncertain=uncertainty(doc, s))

    @staticmethod
    def _problem(s) -> str | None:
        want = f"{_CN[s.number - 1]}、"
        heading = f"“{want}{s.title}”"
        if s.numbering is Numbering.NONE:
            return f"章节标题缺少序号：应为{heading}"
        if s.numbering is Numbering.ARABIC:
            return (f"章节标题使用了阿拉伯数字序号“{s.numeral}{s.separator}”，应为{heading}"
                    "（可能是 Word 自动编号在转换时留下的）")
        if s.numbering is Numbering.PARENTHESISED:
            return f"章节标题使用了二级序号格式“（{s.numeral}）”，应为{heading}"
        if s.numeral != _CN[s.number - 1]:
            return f"章节序号“{s.numeral}、”与内容不符：“{s.title}”是第{_CN[s.number - 1]}部分，应为{heading}"
        if s.separator != "、":
            return f"章节序号后应使用顿号：“{s.numeral}{s.separator}”应为“{want}”"
        return None
