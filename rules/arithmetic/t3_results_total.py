"""A002 t3-results-total: table 三, per column: （七）总计 = the outcome rows (T3.2)."""

from govlint.model import Severity
from govlint.recognise.identities import fmt

from .base import IdentityRule, head


class T3ResultsTotal(IdentityRule):
    """表三某列的“（七）总计”不等于各项办理结果之和。

    What it does
    ------------
    对表三的每一列核对：“三、本年度办理结果”下的“（七）总计”应等于（一）
    予以公开、（二）部分公开、（三）不予公开 1–8、（四）无法提供 1–3、（五）
    不予处理 1–5、（六）其他处理之和。子项全部计入：2021 年格式的（六）其他
    处理分为 3 个子项，也都计入。求和范围按报告实际套用的模板展开，2019 年
    格式与 2021 年格式用同一条定义。

    不成立时在该列“（七）总计”单元格处报告两边的数值与差额（各项中只列出
    非 0 的项）。需要的单元格为空白、不是有效数字、所在行单元格个数不对或该
    行未能识别时不作判断，由 A000 提示无法核对。

    Why
    ---
    （七）总计就是本年度办理结果的合计；模板的（三）（四）（五）（六）组没
    有小计行，各子项直接加总。总计与各项之和不符，说明有项目漏填、错填或
    总计算错。

    Example
    -------
    错误示例（“总计”列）：予以公开 3，部分公开 1，其余各项 0，而（七）总计
    填 5：3 + 1 = 4，相差 1。

    正确示例：（七）总计填 4。

    References
    ----------
    DOMAIN.md §3 T3.2（由“（七）总计”推出）；§2.5 表三的行（2019 年格式
    （六）为一行，2021 年格式为 3 个子项）。
    """

    code = "A002"
    name = "t3-results-total"
    severity = Severity.ERROR
    identity_id = "T3.2"

    def message(self, outcome, doc):
        return f"{head(outcome)}{outcome.side_text(outcome.left, outcome.left_total)}，" \
               f"各项办理结果之和 {outcome.side_text(outcome.right, outcome.right_total)}，" \
               f"相差 {fmt(abs(outcome.difference))}"
