"""C014 share-mismatch: a percentage the prose gives for a count
(``不予公开35件，占4.34%``) is not that count's share of any whole it may
be a share of."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.claims import Claim
from govlint.recognise.report import Report
from govlint.rule import Rule

from .base import APPROXIMATE, judged_claims
from .targets import Target, bases, table_value, targets

#: Why a mismatch is uncertain when the sentence names no base.
NO_BASE = "句中未写明基数，已按本年新收、本年新收加上年结转、办结总数及正文所述总数逐一试算"


def candidates(doc: Report, share: Claim) -> list[Target]:
    """The wholes ``share`` may be a share of: table figures of its base,
    and the prose figures of the same kinds in its paragraph."""
    found = list(bases(doc, share.base))
    kinds = {k for name, ks in targets()["base-claims"].items() if share.base in (None, name) for k in ks}
    for claim in doc.claims:
        if (claim.paragraph is share.paragraph and claim.kind in kinds and claim.of is None
                and claim.comparable and not claim.negated and claim.value):
            found.append(Target(int(claim.value), f"正文“{claim.text}”"))
    return [t for t in found if t.value]


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def fits(part: int | Decimal, whole: int, printed: int | Decimal, margin: Decimal | None = None) -> bool:
    """Whether ``printed`` % is ``part`` ÷ ``whole`` written to its precision:
    rounded or cut off to its decimal places (33.9 for 33.94 or 33.96), or
    within ``margin`` percentage points for an approximate share."""
    exact = Decimal(part) * 100 / Decimal(whole)
    unit = Decimal(1).scaleb(-places(Decimal(printed)))
    return abs(exact - Decimal(printed)) < (margin if margin is not None else unit)


def percent(part: int | Decimal, whole: int, digits: int) -> str:
    """``part`` ÷ ``whole`` in per cent, one decimal place more than printed."""
    exact = Decimal(part) * 100 / Decimal(whole)
    return f"{exact.quantize(Decimal(1).scaleb(-(digits + 1)), rounding=ROUND_HALF_UP)}%"


def _by_value(targets: list[Target]) -> dict[int, list[str]]:
    """The labels of ``targets`` by value, in order and once each."""
    found: dict[int, list[str]] = {}
    for target in targets:
        labels = found.setdefault(target.value, [])
        if target.label not in labels:
            labels.append(target.label)
    return found


class ShareMismatch(Rule):
    """正文所述某类申请所占百分比与件数和基数算出的比例不符。

    What it does
    ------------
    取正文中紧跟在件数后的百分比——“予以公开及部分公开42件，占51.85%”
    “不予公开 20 件（1.68%）”“其中自然人72件，占96%”——用该件数除以基数
    重新计算。基数按句子所写：“占办结总数的”按表三“（七）总计”，
    “占收到申请的”按本年新收（或本年新收加上年结转），同一段落中正文
    所述的办结、收到件数也可作基数；句子没写基数时逐一试算上述各个基数。
    写出的百分比按其小数位数四舍五入或截断后与任一基数相符即不报告
    （33.9% 与 33.94%、33.96% 都相符，与 32.0% 不符）。
    “办结率 N%”按办结总数（表三“（七）总计”或同段正文所述办结数）除以
    应办总数（表三本年新收加上年结转，或同段正文所述收到数）核对
    （“按时办结率”不核对）。
    没有一个基数相符时报告，列出各基数算出的比例；句子没写明基数、
    而各可能的基数又不相等时降一级报告（提示），并说明已试算的基数。
    件数与表三不同、而比例按表三的件数算是对的，不报告（件数由 C006 等报告）。
    “约占”等约数放宽到前后 20%；讲上年、计划或明显是其他范围的句子不核对；
    句中有“全区”等范围词时降一级报告。件数本身与表三的比较由 C003、C006、
    C007 负责，本规则只核对比例。

    Why
    ---
    百分比是读者最先看的数字，算错或抄错（把上年的比例留在今年的报告里、
    换了基数却没改比例）会误导读者，也说明数字没有复核。

    Example
    -------
    错误（表三“（七）总计”为 81）::

        办结依申请公开81件，其中予以公开及部分公开42件，占55.85%。

    正确::

        办结依申请公开81件，其中予以公开及部分公开42件，占51.85%。

    References
    ----------
    DOMAIN.md §4 C14（比例的重新计算）；issue 15 第 1 项。
    在 fixtures/real 的 pingtan-zone-2023（基数为办结 81 件）和
    shanghai-office-2025（基数为办结 1191 件）中比例均相符，不报告。
    """

    code = "C014"
    name = "share-mismatch"
    severity = Severity.WARNING

    def check(self, doc: Report) -> Iterator[Finding]:
        yield from self._rates(doc)
        margin_fraction = Decimal("0.2")
        for share, verdict in judged_claims(doc, ("share",)):
            part, printed = share.of.value if share.of else None, share.value
            if part is None or printed is None or share.of.hedge:
                continue
            wholes = candidates(doc, share)
            if not wholes:
                continue
            margin = abs(Decimal(printed)) * margin_fraction if share.hedge else None
            counted = table_value(doc, share.of.kind)  # a share of the table's count: C006 reports the count
            parts = {part, counted.value} if counted is not None else {part}
            if any(fits(p, whole.value, printed, margin) for p in parts for whole in wholes):
                continue
            digits = places(Decimal(printed))
            by_value = _by_value(wholes)
            tried = "；".join(f"{part} ÷ {value}（{'、'.join(labels)}）= {percent(part, value, digits)}"
                             for value, labels in by_value.items())
            quote = share.paragraph.text[share.of.start:share.end]
            message = f"正文称“{quote}”，但按件数算：{tried}，都不是 {printed}%"
            unsure = share.base is None and len(by_value) > 1  # the bases differ: which one is meant?
            reasons = [NO_BASE if unsure else None, APPROXIMATE if share.hedge else None, verdict.reason]
            yield self.report(share.location, message, uncertain="；".join(r for r in reasons if r) or None)

    def _rates(self, doc: Report) -> Iterator[Finding]:
        """办结率 N%: the handled applications over those to handle (本年新收
        + 上年结转), from the table or the paragraph's own figures."""
        for rate, verdict in judged_claims(doc, ("handled_rate",)):
            if rate.hedge or rate.value is None:
                continue
            parts = [t for t in (table_value(doc, "handled"),) if t is not None]
            wholes = [t for t in bases(doc, "to_handle")]
            carried = table_value(doc, "carried_in")
            for claim in doc.claims:
                if claim.paragraph is rate.paragraph and claim.comparable and claim.value and not claim.negated:
                    if claim.kind == "handled":
                        parts.append(Target(int(claim.value), f"正文“{claim.text}”"))
                    elif claim.kind == "received":
                        extra = 0 if claim.with_carried or carried is None else carried.value
                        wholes.append(Target(int(claim.value) + extra, f"正文“{claim.text}”" + (
                            f"加{carried.label} {carried.value}" if extra else "")))
            wholes = [w for w in wholes if w.value]
            if not parts or not wholes or any(fits(p.value, w.value, rate.value) for p in parts for w in wholes):
                continue
            digits = places(Decimal(rate.value))
            tried = "；".join(f"{p}（{'、'.join(pl)}）÷ {w}（{'、'.join(wl)}）= {percent(p, w, digits)}"
                             for p, pl in _by_value(parts).items() for w, wl in _by_value(wholes).items())
            yield self.report(rate.location, f"正文称“{rate.quote}”，但办结率按件数算：{tried}，都不是 {rate.value}%",
                              uncertain=verdict.reason)

