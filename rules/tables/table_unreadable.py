"""T010 table-unreadable: a table present as text that cannot be read as rows and columns."""

from govlint.model import Severity
from govlint.recognise.outline import canonical_heading
from govlint.rule import Rule

from .common import AS_TEXT, TABLE_NAMES, missing_tables


class TableUnreadable(Rule):
    """表格以文字形式出现在报告中，但无法按行列读取，其数据未作核对。

    What it does
    ------------
    表二、表三或表四没有作为表格找到，但它所在那一部分的文字里有该表的
    多个行名或栏目（如“一、本年新收政府信息公开申请数量”“本年处理决定
    数量”“结果维持”）：表格在，只是在转换中被压成了一段文字——网页正文
    被抓取成一行、单元格之间没有分隔（``规章000行政规范性文件8855698``）
    ——本工具无法确定哪个数属于哪一格。提示这张表的数据未作任何核对
    （空白、勾稽关系、与正文的对应），并引用找到的行名。

    这不是报告缺表：表格真正缺失或以图片发布时，由 T001 table-missing
    报告。

    Why
    ---
    审阅者应当知道哪些数据没有被检查过，以便用原始文件（Word、PDF、
    网页上的表格）人工核对，或者换一种格式再检查。

    Example
    -------
    提示（第四部分的文字）::

        四、政府信息公开行政复议、行政诉讼情况
        行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 …… 011020100010000

    用原始的 Word 或 PDF 文件检查，可以读出表格。

    References
    ----------
    DOMAIN.md §2.8（转换造成的表格损坏）、§5 E5。
    """

    code = "T010"
    name = "table-unreadable"
    severity = Severity.INFO

    def check(self, doc):
        for key, section, written in missing_tables(doc):
            if written:
                labels = "".join(f"“{label}”" for label in written[:AS_TEXT])
                yield self.report(section, f"“{canonical_heading(section.number)}”的文字中有{TABLE_NAMES[key]}的"
                                           f"{labels}等行名或栏目，但不是可以按行列读取的表格（可能在转换中被压成了"
                                           f"一段文字），{TABLE_NAMES[key]}的数据未作核对")
