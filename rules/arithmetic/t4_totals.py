"""A004 t4-totals: table 四, per group: 总计 = 维持 + 纠正 + 其他 + 尚未审结 (T4.1)."""

from govlint.model import Severity
from govlint.recognise.identities import fmt

from .base import IdentityRule, head


class T4Totals(IdentityRule):
    """表四某组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和。

    What it does
    ------------
    对表四“政府信息公开行政复议、行政诉讼情况”的三组——行政复议、行政诉讼
    （未经复议直接起诉）、行政诉讼（复议后起诉）——分别核对：总计 = 结果维持
    + 结果纠正 + 其他结果 + 尚未审结。不成立时在该组的“总计”单元格处报告
    各项数值与差额。需要的单元格为空白或无法读取时不作判断，由 A000 提示。

    Why
    ---
    每组的“总计”就是该组各种结果的合计，每个案件只能处于一种结果（包括尚
    未审结）。总计与各项之和不符，说明有案件漏计、重复计入，或总计算错。

    Example
    -------
    错误示例（行政复议）：结果维持 5，结果纠正 0，其他结果 0，尚未审结 2，
    总计 5：5 + 0 + 0 + 2 = 7，相差 2。

    正确示例：总计填 7。

    References
    ----------
    DOMAIN.md §3 T4.1（由“总计”推出）；§2.6 表四的结构。注意：复议后起诉数
    不必小于等于行政复议数，也不核对尚未审结的跨年结转（DOMAIN.md §3 已说明
    这两条不成立）。
    """

    code = "A004"
    name = "t4-totals"
    severity = Severity.ERROR
    identity_id = "T4.1"

    def message(self, outcome, doc):
        return f"{head(outcome)}{outcome.side_text(outcome.left, outcome.left_total)}，" \
               f"各项之和 {outcome.side_text(outcome.right, outcome.right_total)}，" \
               f"相差 {fmt(abs(outcome.difference))}"
