"""A003 t3-row-total: table 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns (T3.3)."""

from govlint.model import Severity
from govlint.recognise.identities import fmt

from .base import IdentityRule, head


class T3RowTotal(IdentityRule):
    """表三某行的“总计”不等于自然人与五类法人或其他组织之和。

    What it does
    ------------
    对表三的每一行（含各子项行）核对：总计 = 自然人 + 商业企业 + 科研机构 +
    社会公益组织 + 法律服务机构 + 其他。不成立时在该行的“总计”单元格处报告
    各列数值与差额。该行有空白或无法读取的单元格，或单元格个数不对时不作
    判断，由 A000 提示无法核对。

    Why
    ---
    “总计”列就是申请人各类别的合计。总计与各列之和不符，说明某类申请人的
    数字漏填或填错，或总计算错。

    Example
    -------
    错误示例：“一、本年新收政府信息公开申请数量”行：自然人 2，商业企业 1，
    其余 0，总计 4：2 + 1 = 3，相差 1。

    正确示例：该行总计填 3。

    References
    ----------
    DOMAIN.md §3 T3.3（由“总计”列推出）；§2.5 表三的列。
    """

    code = "A003"
    name = "t3-row-total"
    severity = Severity.ERROR
    identity_id = "T3.3"

    def message(self, outcome, doc):
        return f"{head(outcome)}{outcome.side_text(outcome.left, outcome.left_total)}，" \
               f"各列之和 {outcome.side_text(outcome.right, outcome.right_total)}，" \
               f"相差 {fmt(abs(outcome.difference))}"
