"""S005 heading-typo: a key word of a section heading corrupted by one or two characters."""

from govlint.model import Severity, Wording
from govlint.recognise.outline import typo_window, uncertainty
from govlint.rule import Rule


class HeadingTypo(Rule):
    """章节标题有错别字（一两个字写错）。

    What it does
    ------------
    章节标题与模板写法或可接受变体只差一两个字（错字、多字、少一个字），
    且差别都落在标题的关键词里（行政复议、行政诉讼、主动公开、政府信息、申请、
    总体情况、改进、其他需要报告等，见 ``data/sections.toml`` 的 ``key-words``）时报告，
    这是打字或输入法失误的典型特征；消息中给出写错的字和正确的字。
    常见变体和合理的改写（“整改措施”“改进措施”“存在的问题及改进情况”）不是错别字，
    由 S004 heading-wording 报告。标题只凭较弱的依据认出、或报告年度早于全国统一格式时降一级报告。

    Why
    ---
    正式公文的固定标题出现错别字，读者一眼就能看到；改起来也最容易。

    Example
    -------
    错误：``四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况``；
    ``四、政府信息公开行政法复议、行政诉讼情况``

    正确：``四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况``；
    ``四、政府信息公开行政复议、行政诉讼情况``

    References
    ----------
    DOMAIN.md §2.2、§5 E11（种子报告 004：提起现在诉讼；平潭综合实验区 2022 年报告：行政法复议）。
    """

    code = "S005"
    name = "heading-typo"
    severity = Severity.ERROR

    def check(self, doc):
        for s in doc.sections:
            if s.wording is Wording.TYPO:
                wrong, right = typo_window(s.title, s.expected)
                yield self.report(s, f"标题疑似错别字：“{wrong}”应为“{right}”（完整写法：“{s.expected}”）",
                                  uncertain=uncertainty(doc, s))
