"""A014 cell-to-blame: one wrong entry explains a failing row and column."""

from govlint.model import Severity
from govlint.recognise.blame import blame
from govlint.rule import Rule


class CellToBlame(Rule):
    """表三某个单元格同时使所在行与所在列的勾稽关系不成立，疑似填错。

    What it does
    ------------
    表三的每个数据单元格同时处在一行（T3.3：总计 = 自然人 + 五类法人或其他
    组织）和一列（T3.1、T3.2）上。当经过同一单元格的行与列都不成立，且只改
    这一格就能使它们都成立、两者要求的数值相同时，直接指出这一格：

        “（三）不予公开 3.危及“三安全一稳定””行“自然人”列：按行应为 4，
        按列应为 4，表中为 5

    而不是报告一行、一列两条由作者自己去找交叉点。只有一个总计与所在行、
    所在列都不符时，指出的就是该总计。以下情况不指认：改这一格会使另一条
    原本成立的关系不成立；行与列要求的数值不同；有两个以上的单元格都能解
    释同一条不成立的关系（例如两行两列同时出错）——这时仍由 A001、A002、
    A003 逐条报告。

    本规则与 A001–A004 同时运行时，被指认单元格解释了的那几条行、列不再
    由 A001–A004 重复报告；单独运行 A001–A004（如 ``--select A003``）时它
    们照常报告。所在行按低置信度识别（行名偏离模板等）时，按低一级报告并
    说明原因。表四各组之间没有共用的单元格，全国格式下不会在表四指认单元
    格。

    Why
    ---
    审核人员看到“某行总计不符”“某列合计不符”两条错误时，要做的第一件事就
    是找出行列交叉的那一格。两条关系都指向同一格、且要求同一个数值，是这一
    格填错的有力证据；一条指向具体单元格的意见比两条需要人工求交的意见更
    有用。

    Example
    -------
    错误示例（2021 年格式）：“（三）不予公开 3.危及“三安全一稳定””行的自然人
    填 5，该行总计 4；“自然人”列（七）总计 4，而各项办理结果之和为 5。行要
    求此格为 4，列也要求此格为 4。

    正确示例：此格填 4，行与列都成立。

    References
    ----------
    DOMAIN.md §3 T3.1、T3.2、T3.3；§5 E2（数据失准）。本规则由真实报告中
    行列同时不平衡的情形提炼，fixtures/real 中暂无行列同时出错的报告。
    """

    code = "A014"
    name = "cell-to-blame"
    severity = Severity.ERROR

    def check(self, doc):
        for found in blame(doc.template):
            yield self.report(found.cell.location, found.describe(), uncertain=found.doubt)
