"""C018 prose-contradiction: the prose contradicts itself — all applications
dealt with while some are carried over, none received and a count, no review
and a count, one figure stated twice with different numbers."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from govlint.findings import Finding
from govlint.model import Severity
from govlint.recognise.claims import Claim, Verdict
from govlint.recognise.claims.patterns import patterns
from govlint.recognise.report import Report
from govlint.rule import Rule

from .base import judged_claims
from .targets import table_value, targets

#: Claim kinds that count applications or cases, stated once per report.
COUNTED = ("received", "handled", "carried_over", "carried_in", "outcome.public", "outcome.partial",
           "outcome.public_partial", "outcome.deny", "outcome.unable", "outcome.not_held", "outcome.reject",
           "outcome.other", "requester.natural_person", "requester.legal_person", "review", "litigation")
#: Negations whose figure another sentence contradicts: what each denies.
DENIED = {"received": "收到申请", "review": "行政复议", "litigation": "行政诉讼"}
#: The counts an "all dealt with" sentence may speak of.
ALL_OF = ("received", "handled")


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.paragraph is b.paragraph and a.sentence_start == b.sentence_start


def _listed(claim: Claim) -> bool:
    """True when a list word (其中, 分别为) comes before ``claim`` in its
    sentence: the figure is a part of a whole (其中市政府办公室收到20件)."""
    lead = claim.paragraph.text[claim.sentence_start:claim.start]
    return any(word in lead for word in patterns().itemised.words)


def _why(*verdicts: Verdict) -> str | None:
    return "；".join(dict.fromkeys(v.reason for v in verdicts if v.reason)) or None


class ProseContradiction(Rule):
    """正文前后矛盾：同一件事说法不一。

    What it does
    ------------
    比较正文中的不同说法（表格缺失也能核对；只有第一项在正文没写结转数时
    看表三）：

    * 说收到（办结）的申请“均已办结”“已全部办结”“均已答复”，
      而正文所述或表三“四、结转下年度继续办理”的结转件数大于 0；
      “均在法定期限内答复”一类讲时限的句子不算；
    * 一处说“未收到申请”，另一处说收到了 N 件（N > 0）；
    * 一处说“未发生行政复议（行政诉讼）”，另一处（如第四部分的文字）说有 N 件；
    * 同一个数（收到、办结、结转、上年结转、各类办理结果、自然人或法人申请、
      行政复议、行政诉讼件数）在不同句子中写成不同的数字。
      两处之一说明“含上年结转”而另一处没有时不比较；有“全区”“各部门”等
      范围词的说法（可能是另一口径的数）、跟在“其中”后面的分项
      （“其中，市政府办公室收到20件”）也不比较。

    讲上年、计划或明显是其他范围的句子不比较；约数不参与比较；
    前三类两处中有“全区”等范围词、口径可能不同时降一级报告并说明。
    报告定位在后一处说法，信息中引用两处原文。

    Why
    ---
    正文自相矛盾时，读者无从知道哪一个说法是对的；这类问题常见于照抄上年
    文字后只改了一处数字，或不同人分写各部分而没有统稿。表格缺失或无法读取时，
    这是唯一能发现问题的办法。

    Example
    -------
    错误::

        本年度共收到政府信息公开申请12件，均已办结。……结转下年度继续办理2件。

        全年未发生因政府信息公开引起的行政复议、行政诉讼。……
        四、……本年度发生政府信息公开行政复议1件，维持原行政行为。

    正确::

        本年度共收到政府信息公开申请12件，办结10件，结转下年度继续办理2件。

    References
    ----------
    DOMAIN.md §4 C2、C8（说法之间，而非与表格之间）；issue 15 第 3 项。
    """

    code = "C018"
    name = "prose-contradiction"
    severity = Severity.WARNING

    def check(self, doc: Report) -> Iterator[Finding]:
        judged = list(judged_claims(doc, COUNTED + ("all_handled",)))
        yield from self._all_handled(doc, judged)
        yield from self._denied(judged)
        yield from self._restated(judged)

    def _all_handled(self, doc: Report, judged: list[tuple[Claim, Verdict]]) -> Iterator[Finding]:
        carried = [(c, v) for c, v in judged if c.kind == "carried_over" and not c.negated and c.value
                   and c.hedge is None]
        table = table_value(doc, "carried_over")
        for claim, verdict in judged:
            if claim.kind != "all_handled":
                continue
            counts = [(c, v) for c, v in judged if c.kind in ALL_OF and _same_sentence(c, claim)
                      and c.value and not c.negated and c.start < claim.start]
            if not counts:  # what is all dealt with? (上年结转的3件均已办结, 全部事项均已办结)
                continue
            count_verdict = counts[-1][1]
            if carried:
                other, other_verdict = carried[0]
                evidence = f"正文又称“{other.quote}”"
                reason = _why(verdict, count_verdict, other_verdict)
            elif table is not None and table.value > 0:
                evidence, reason = f"{table.label}为{table.value}", _why(verdict, count_verdict)
            else:
                continue
            yield self.report(claim.location, f"正文称“{claim.quote}”（全部办结），但{evidence}，仍有申请结转下年度",
                              uncertain=reason)

    def _denied(self, judged: list[tuple[Claim, Verdict]]) -> Iterator[Finding]:
        for kind, what in DENIED.items():
            negations = [(c, v) for c, v in judged if c.kind == kind and c.negated]
            counts = [(c, v) for c, v in judged if c.kind == kind and not c.negated and c.value
                      and not c.with_carried]
            if not negations or not counts:
                continue
            (negation, nv), (count, cv) = negations[0], counts[0]
            later = max((negation, count), key=lambda c: (c.location.line, c.location.column))
            yield self.report(later.location, f"正文一处称“{negation.quote}”（没有{what}），另一处称“{count.quote}”",
                              uncertain=_why(nv, cv))

    def _restated(self, judged: list[tuple[Claim, Verdict]]) -> Iterator[Finding]:
        stated: dict[tuple[str, bool], list[tuple[Claim, Verdict]]] = defaultdict(list)
        for claim, verdict in judged:
            if (claim.kind in COUNTED and not claim.negated and claim.value is not None and claim.comparable
                    and not _listed(claim)):
                stated[(claim.kind, claim.with_carried)].append((claim, verdict))
        for (kind, _), claims in stated.items():
            first, fv = claims[0]
            for claim, verdict in claims[1:]:
                if claim.value != first.value and not _same_sentence(claim, first):
                    label = targets()["kind"].get(kind, {}).get("label", kind)
                    yield self.report(claim.location,
                                      f"正文一处称“{first.quote}”，另一处称“{claim.quote}”，"
                                      f"同一个数（{label}）前后不一（{first.value}、{claim.value}）",
                                      uncertain=_why(fv, verdict))
                    break
