"""Claims: the quantified statements a report's prose makes about its
figures (DOMAIN.md §4), for the consistency rules to hold against the tables.

Rules read them from the document, computed on first use::

    for claim in doc.claims:
        if claim.kind == "received" and claim.comparable:
            claim.value, claim.text, claim.location

or extract them from any paragraph (``paragraph_claims(paragraph, year)``)
or text: ``extract_text("共收到申请2件。", 2020)``.

Claim kinds (``Claim.kind``)
============================

=========================  ===================================================
kind                       the prose says
=========================  ===================================================
received                   收到/受理/新收 N 件申请 (``negated``: 未收到申请, 零申请);
                           ``includes`` = M of （含上年结转M件）
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
=========================  ===================================================

What is recognised is data: the words and their tags in ``lexicon.txt``
(also the jieba dictionary, see :mod:`.tokens`) and the frames in
``patterns.toml``; :mod:`.extract` explains how they are applied.
"""

from .extract import extract, extract_text, paragraph_claims
from .model import OTHER_SCOPE, OTHER_YEAR, Claim

__all__ = ["Claim", "OTHER_SCOPE", "OTHER_YEAR", "extract", "extract_text", "paragraph_claims"]
