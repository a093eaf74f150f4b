"""A008 t2-fee-unit: table 二 (2021), 本年收费金额 looks like 元, not 万元 (T2.4)."""

from decimal import Decimal

from govlint.model import Severity
from govlint.recognise.identities import fmt
from govlint.recognise.organs import document_organ

from .base import IdentityRule, head

GRASSROOTS = ("street", "township")
#: Units written in the cell other than 万元, and the factor to 万元.
_TO_WAN = {"元": Decimal("0.0001"), "亿元": Decimal(10000)}


class T2FeeUnit(IdentityRule):
    """表二（2021 年格式）的本年收费金额疑似按元而不是按万元填写。

    What it does
    ------------
    2021 年格式表二第二十条第（八）项“行政事业性收费”的“本年收费金额（单
    位：万元）”以万元为单位。下列情况提示（提示级）：

    * 单元格里写了万元以外的单位“元”或“亿元”（如 ``251000元``）；
    * 数值大到按万元理解不合常理：一般机关达到 100000（即 10 亿元），街道、
      乡镇达到 1000（即 1000 万元）。机关层级按名称判断（见
      ``govlint.recognise.organs``，名称含“街道”，或以乡、镇结尾）。

    阈值的理由：单个机关一年的行政事业性收费达到 10 亿元极少见，而按元理解
    只是 10 万元，是常见的数额；街道、乡镇通常没有或只有很少的收费，1000 万
    元已远超常见水平。例如县政府填 4068.208（万元，约 4068 万元）不提示。
    阈值在 ``govlint/data/identities.toml`` 的 T2.4 ``params`` 中。

    Why
    ---
    模板规定的单位是万元，按元填写会把金额放大一万倍，汇总统计时尤其显眼。
    这是启发式检查，所以只作提示。

    Example
    -------
    错误示例：某街道“本年收费金额（单位：万元）”填 ``251000``（实为
    251000 元）。

    正确示例：填 ``25.1``。

    References
    ----------
    DOMAIN.md §2.4（本年收费金额，万元，可为小数）、§3 T2.4（提示）。
    """

    code = "A008"
    name = "t2-fee-unit"
    severity = Severity.INFO
    identity_id = "T2.4"

    def params(self, doc):
        identity = self.identity()
        if document_organ(doc).tier in GRASSROOTS:
            return {"limit": identity.params["limit_grassroots"]}
        return None

    def check(self, doc):
        organ = document_organ(doc)
        for outcome in self.identity().evaluate(doc.template, self.params(doc)):
            if outcome.status == "uncheckable":
                continue
            cell = outcome.left[0]
            limit = outcome.right[0].number
            unit = cell.value.unit if cell.value is not None else None
            if unit in _TO_WAN:
                yield self.report(outcome.location, f"{head(outcome)}“{cell.column}”写作“{cell.raw}”，"
                                                    f"单位是{unit}，模板要求以万元填写（应为 "
                                                    f"{fmt((Decimal(cell.number) * _TO_WAN[unit]).normalize())}）",
                                  uncertain=outcome.doubt)
            elif outcome.status == "violated":
                who = f"{organ.tier_name}“{organ.name}”" if organ.tier in GRASSROOTS else "一个机关"
                yield self.report(outcome.location, f"{head(outcome)}“{cell.column}”为 {fmt(cell.number)}，"
                                                    f"按万元即 {_yi(cell.number)}，对{who}而言过大（提示阈值 "
                                                    f"{fmt(limit)} 万元），疑似按元填写；若单位是元，应填 "
                                                    f"{fmt(_in_wan(cell.number))}", uncertain=outcome.doubt)


def _in_wan(number) -> Decimal:
    return (Decimal(number) / 10000).normalize()


def _yi(number) -> str:
    return f"{fmt((Decimal(number) / 10000).quantize(Decimal('0.01')).normalize())} 亿元"
