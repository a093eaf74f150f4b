"""C013 itemised-sum-mismatch: the parts the prose lists after a whole
(``共受理81件，其中……42件、……5件……``) do not add up to it."""

from __future__ import annotations

from itertools import accumulate
from typing import Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.claims import Claim
from govlint.recognise.claims.patterns import patterns
from govlint.recognise.report import Report
from govlint.rule import Rule

from .base import APPROXIMATE, judged_claims


def _open(claim: Claim) -> bool:
    """True when the sentence says the list is not complete (主要, 等)."""
    spec = patterns().itemised
    return claim.hedge in spec.open_before or claim.hedge in spec.open_after


def _fmt(value) -> str:
    return f"{value:,}".replace(",", "") if isinstance(value, int) else str(value)


class ItemisedSumMismatch(Rule):
    """正文列出的分项之和与所述总数不符。

    What it does
    ------------
    取正文中“总数 + 其中（分别为）+ 分项”的说法——“共受理申请81件，其中：
    予以公开及部分公开42件；不予公开5件……”“共收到申请7份，其中法人申请1件、
    自然人申请6件”“共收取信息处理费300元，其中复制费100元、邮寄费200元”——
    把分项相加与总数比较。分项只取同一句中、单位相同（件、份、条等计件单位
    视为相同）的数，遇到别的单位、日期、另一个“其中”或另一类说法
    （办理结果之后的“行政复议2件”）即止；括号里的数（“（含主动撤回157件）”）
    和百分比不算分项。

    * 分项之和大于总数：报告（警告）；
    * 分项之和小于总数：只有句子表明已列全时报告——用“分别为”列举、
      最后一项是“其他……”、或分项是自然人与法人或其他组织（申请人的全部）；
      否则（“其中予以公开84件，部分公开23件”只列了部分结果）不报告，
      写明“主要”“包括”“等”时也不报告；
    * 前几项之和恰好等于总数（“其中市级部门72件、区县28件；当面申请55件……”，
      后面是另一种分法）：不报告。

    约数（“100余件”）按约数的范围比较；讲上年、计划或明显是其他范围的句子
    不核对；有“全区”等范围词时降一级报告。分项与表三的比较（自然人、
    法人或其他组织、各类办理结果）由 C006、C007 负责。

    Why
    ---
    分项相加等于总数是最基本的勾稽关系；对不上说明其中一个数写错了，
    或漏写、多写了一项。

    Example
    -------
    错误::

        全年共收到政府信息公开申请81件，其中自然人80件、法人或其他组织2件。

    正确::

        全年共收到政府信息公开申请81件，其中自然人80件、法人或其他组织1件。

    References
    ----------
    DOMAIN.md §4 C13（正文内部的分项与总数）；issue 15 第 2 项。
    在 fixtures/real 的 pingtan-zone-2023（办结 81 件的五类结果）和
    putian-city-2008（100 件按机关和按方式两种分法）中相符，不报告。
    """

    code = "C013"
    name = "itemised-sum-mismatch"
    severity = Severity.WARNING

    def check(self, doc: Report) -> Iterator[Finding]:
        for claim, verdict in judged_claims(doc, ("itemised",)):
            if claim.value is None or any(part.hedge for part in claim.parts):
                continue
            sums = list(accumulate(part.value for part in claim.parts))
            if any(claim.admits(total) for total in sums[1:]):
                continue
            total, listed = sums[-1], "、".join(f"“{part.text}”" for part in claim.parts)
            approximate = bool(claim.hedge) and not _open(claim)
            if total < claim.value and (not claim.complete or _open(claim)):
                continue  # a list that may leave some out
            if approximate and total < claim.value:
                continue  # 100余件 admits none of the sums: but the parts are fewer
            relation = "小于" if total < claim.value else "大于"
            message = (f"正文称“{claim.quote}”，所列分项 {listed} 之和为 {_fmt(total)}{claim.unit or ''}，"
                       f"{relation}总数 {_fmt(claim.value)}{claim.unit or ''}")
            reasons = [APPROXIMATE if approximate else None, verdict.reason]
            yield self.report(claim.location, message, uncertain="；".join(r for r in reasons if r) or None)
