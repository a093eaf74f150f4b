"""A001 t3-balance: table 三, per column: 一 + 二 = 三（七）总计 + 四 (T3.1)."""

from govlint.model import Severity
from govlint.recognise.identities import fmt, identity

from .base import IdentityRule, head


class T3Balance(IdentityRule):
    """表三某列不满足“第一项加第二项之和，等于第三项加第四项之和”。

    What it does
    ------------
    对表三“收到和处理政府信息公开申请情况”的每一列（自然人、商业企业、科研
    机构、社会公益组织、法律服务机构、其他、总计，共 7 列）分别核对表中印
    明的勾稽关系：

        一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理

    不成立时在该列“（七）总计”单元格处报告，写明两边各项的数值、合计与差
    额。若（七）总计还多于一 + 二（T3.4），另行说明“办理结果多于申请数”，
    这通常是把同一申请计入了多种办理结果，或漏填了上年结转。

    某列需要的单元格为空白、不是有效数字，或所在行的单元格个数不对（见
    T003）时，本规则对该列不作判断（空白不当作 0），由 A000 提示无法核对。

    Why
    ---
    表三左上角印有“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加
    第四项之和”，是模板本身规定的关系，而且是逐列成立，只核对总计列不够。
    不平衡说明数据有误（“数据失准”，见 DOMAIN.md §5 E2）。

    Example
    -------
    错误示例（“自然人”列）：本年新收 2，上年结转 0，（七）总计 1，结转下
    年度继续办理 0：2 + 0 = 2，而 1 + 0 = 1，相差 1。

    正确示例：本年新收 2，上年结转 0，（七）总计 2，结转下年度继续办理 0。

    References
    ----------
    DOMAIN.md §3 T3.1（表中印明）、T3.4（办理结果多于申请数）；§2.5 表三的
    行与列；§5 E2；国办公开办函〔2019〕60号、〔2021〕30号 表三。
    """

    code = "A001"
    name = "t3-balance"
    severity = Severity.ERROR
    identity_id = "T3.1"

    def message(self, outcome, doc):
        text = f"{head(outcome)}{outcome.side_text(outcome.left, outcome.left_total)}，" \
               f"{outcome.side_text(outcome.right, outcome.right_total)}，相差 {fmt(abs(outcome.difference))}"
        excess = [o for o in identity("T3.4").evaluate(doc.template)
                  if o.status == "violated" and o.binding == outcome.binding]
        if excess:
            o = excess[0]
            text += f"；办理结果多于申请数（T3.4）：{o.side_text(o.left, o.left_total)} 多于 " \
                    f"{o.side_text(o.right, o.right_total)}"
        return text
