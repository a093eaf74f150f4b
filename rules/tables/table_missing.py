"""T001 table-missing: table 二, 三 or 四 not found."""

from govlint.model import Severity
from govlint.recognise.outline import canonical_heading
from govlint.rule import Rule

from .common import TABLE_NAMES, missing_tables


class TableMissing(Rule):
    """未找到表二、表三或表四（统计表缺失或以图片形式发布）。

    What it does
    ------------
    检查全国统一格式的三张统计表是否都能在报告中找到：
    第二部分的表二“主动公开政府信息情况”、第三部分的表三
    “收到和处理政府信息公开申请情况”、第四部分的表四
    “政府信息公开行政复议、行政诉讼情况”。按表中的栏目名、行名和
    标题识别表格，不论表格在 Word、PDF 还是 Markdown 转换后是什么样子。
    找不到时，在应当放这张表的那一部分的标题处报告。

    该部分标题本身就缺失时，由 S001 section-missing 报告，本规则不再重复。

    这一部分的文字里出现了该表的多个行名或栏目（如“一、本年新收
    政府信息公开申请数量”“本年处理决定数量”）时，表格其实在，只是在
    转换中被压成了文字，无法按行列读取：这不是缺表，由
    T010 table-unreadable 提示。

    Why
    ---
    三张表是年度报告的核心数据，格式（国办公开办函〔2019〕60号、
    〔2021〕30号）规定必须填报。常见的原因是表格以图片形式发布，
    或者在粘贴到网页、转换格式时丢失：图片里的数字无法检索、无法汇总，
    也无法由本工具核对（种子报告 002 的第二、第四部分）。

    Example
    -------
    错误（标题下面只有图片，文本中没有表格）::

        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        ……

    正确：标题下是文字表格，含“第二十条第（一）项”“信息内容”
    “本年制发件数”等栏目及各行数据。

    References
    ----------
    DOMAIN.md §2.3–2.6（三张表）、§2.8（表格以图片发布）、§5 E5；种子报告 002。
    """

    code = "T001"
    name = "table-missing"
    severity = Severity.ERROR

    def check(self, doc):
        for key, section, written in missing_tables(doc):
            if not written:
                yield self.report(section, f"“{canonical_heading(section.number)}”下未找到统计表（{TABLE_NAMES[key]}）；"
                                           "以图片形式发布的表格无法检查，请以文字表格发布")
