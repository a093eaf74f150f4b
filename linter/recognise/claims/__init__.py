"""Claims: the quantified statements a report's prose makes about its
figures (DOMAIN.md §4), for the consistency rules to hold against the tables.

Rules read them from the document, computed on first use, and judge with
:func:`judge` whether each is about the report's own figures::

    organ = organ_scope(doc)
    for claim in doc.claims:
        verdict = judge(claim, organ)
        if claim.kind == "received" and verdict.compared:
            claim.value, claim.quote, claim.location, verdict.reason

or extract them from any paragraph (``paragraph_claims(paragraph, year)``)
or text: ``extract_text("共收到申请2件。", 2020)``.

Claim kinds (``Claim.kind``)
============================

=========================  ===================================================
kind                       the prose says
=========================  ===================================================
received                   收到/受理/新收 N 件申请, 依申请公开 N 件 (``negated``:
                           未收到申请, 零申请); ``with_carried`` when the sentence
                           says N includes last year's carried-over
                           applications, ``includes`` = M of （含上年结转M件）
handled                    办结/答复/办理 N 件
carried_over               结转下年度 N 件
carried_in                 上年结转 N 件
outcome.public             予以公开 N 件 (also ``.partial``, ``.public_partial``
                           予以公开及部分公开, ``.deny``, ``.unable``,
                           ``.not_held`` 本机关不掌握, ``.reject``, ``.other``)
requester.natural_person   自然人 N 件 (``requester.legal_person`` 法人或其他组织)
review                     行政复议 N 件 (``negated``: 未发生行政复议)
litigation                 行政诉讼 N 件 (``negated``: 未发生行政诉讼)
review_litigation          行政复议、行政诉讼 N 件 together (one figure, no cell)
none_corrected             未被纠错 / 零纠错 (``groups``: review, litigation)
none_lost                  无败诉 (``groups``)
all_upheld                 均（获）维持 (``groups``; ``hedge`` set when the
                           sentence also speaks of 审结/尚未审结/纠错/败诉)
parts                      本报告由……N 部分组成
all_handled                均已办结, 已全部办结 (not 均在法定期限内答复)
handled_rate               办结率 N% in a sentence about applications (not 按时办结率)
share                      占51.85%, （17.46%） after a count: ``of`` that count,
                           ``base`` the whole named (占办结总数的 → handled)
change                     同比增加3件, 同比增长12.3%, 较去年回落 after a count:
                           ``of`` that count, ``direction`` +1/−1/0
itemised                   a whole and the parts listed after it (共受理81件，
                           其中……42件、……5件): ``parts``, ``complete``
=========================  ===================================================

Hedged figures (``5500余条``, ``近50件``) are claims too: :meth:`Claim.admits`
says which table figures they agree with.  A claim about another year or a
plan is never compared; one with scope phrases (``全区``, ``代表区政府``) is
compared with more or less certainty depending on the organ
(:mod:`.scope`).

Shares and changes are found by :mod:`.attached`, itemised figures by
:mod:`.itemised`, both over the extractor's tokens and claims.

What is recognised is data: the words and their tags in ``lexicon.txt``
(also the jieba dictionary, see :mod:`.tokens`) and the frames, hedges and
scope phrases in ``patterns.toml``; :mod:`.extract` explains how they are
applied.
"""

from .extract import extract, extract_text, paragraph_claims
from .model import OTHER_SCOPE, OTHER_YEAR, PLAN, Claim, ScopePhrase
from .scope import OrganScope, Verdict, describe_organ, judge, organ_scope

__all__ = ["OTHER_SCOPE", "OTHER_YEAR", "PLAN", "Claim", "OrganScope", "ScopePhrase", "Verdict",
           "describe_organ", "extract", "extract_text", "judge", "organ_scope", "paragraph_claims"]
