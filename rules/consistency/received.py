"""C001 received-mismatch: the number of applications received in the
prose differs from table 三."""

from govlint.recognise.claims import Claim
from govlint.recognise.report import Report

from .base import ClaimRule
from .targets import Target, table_value


class ReceivedMismatch(ClaimRule):
    """正文所述收到申请数与表三“本年新收政府信息公开申请数量”不一致。

    What it does
    ------------
    取正文中“收到 / 受理 / 新收……申请 N 件”一类的说法，与表三
    “一、本年新收政府信息公开申请数量”的总计比较。
    写明“（含上年结转 M 件）”时，N 与本年新收、上年结转两项总计之和比较。
    “受理”有时也把上年结转的申请算在内，所以 N 等于两项之和时也不报告。

    带“余”“多”“约”“近”“左右”等约数词的数字、讲上年或
    全区（县）各部门等其他范围的句子不比较；表格对应单元格为空或缺失时不报告
    （由表格规则报告）。

    Why
    ---
    正文与统计表矛盾是年报评议中最常见的扣分项之一；
    同一份报告的两个数字必有一个是错的。

    Example
    -------
    错误（表三本年新收总计为 3）::

        本年度共收到政府信息公开申请5件。

    正确::

        本年度共收到政府信息公开申请3件。

    References
    ----------
    DOMAIN.md §4 C1、§5 E10。
    """

    code = "C001"
    name = "received-mismatch"
    kinds = ("received",)

    def agrees(self, doc: Report, claim: Claim, target: Target) -> bool:
        carried = table_value(doc, "carried_in")
        if claim.includes is not None:
            return carried is not None and claim.value == target.value + carried.value
        return claim.value == target.value or (
            carried is not None and carried.value > 0 and claim.value == target.value + carried.value)

    def message(self, doc: Report, claim: Claim, target: Target) -> str:
        carried = table_value(doc, "carried_in")
        if claim.includes is not None:
            return (f"正文称“{claim.text}”（含上年结转{claim.includes}件），但{target.label}"
                    f"（{target.value}）与上年结转总计（{carried.value}）之和为{target.value + carried.value}")
        return super().message(doc, claim, target)
