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
    取正文中“收到 / 受理 / 新收……申请 N 件”“依申请公开 N 件”一类的说法，
    与表三“一、本年新收政府信息公开申请数量”的总计比较。
    句子写明 N 包含上年结转的申请时（“（含上年结转 M 件）”“，其中上年结转 M 件”
    “加上上年结转 M 件，共受理 N 件”），N 与本年新收、上年结转两项总计之和比较。
    没有写明而 N 恰好等于两项之和时，降一级报告：可能把结转计入了收到数。

    “余”“多”“约”“近”“左右”“超过”等约数：数字与表格相容（“5500余件”
    与 5512）时不报告，不相容时降一级报告。句中有“全区”“全市”
    “各级行政机关”“代表区政府”等范围词、而按机关性质其口径可能与表格不同时，
    不一致降一级报告并说明；讲上年、计划或明显是其他范围（“全国”，
    部门报告中的“全市”）的句子不比较。表格对应单元格为空或缺失时不报告
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
        if claim.with_carried:
            carried = table_value(doc, "carried_in")
            return carried is None or claim.admits(target.value + carried.value)
        return claim.admits(target.value)

    def doubts(self, doc: Report, claim: Claim, target: Target) -> list[str]:
        doubts = super().doubts(doc, claim, target)
        carried = table_value(doc, "carried_in")
        if not claim.with_carried and carried is not None and carried.value and claim.admits(
                target.value + carried.value):
            doubts.insert(0, f"正文{claim.value}件等于本年新收加上年结转，可能把结转计入了收到数")
        return doubts

    def message(self, doc: Report, claim: Claim, target: Target) -> str:
        carried = table_value(doc, "carried_in")
        if claim.with_carried and carried is not None:
            return (f"正文称“{claim.quote}”（含上年结转），但{target.label}为{target.value}、"
                    f"{carried.label}为{carried.value}，两项之和为{target.value + carried.value}")
        return super().message(doc, claim, target)
