"""S005 heading-typo: a key word of a section heading corrupted by one or two characters."""

from govlint.model import Severity, Wording
from govlint.recognise.outline import typo_window, uncertainty
from govlint.rule import Rule


class HeadingTypo(Rule):
    """章节标题有错别字（一两个字写错）。

    What it does
    ------------
    章节标题与模板写法或可接受变体字数相同、只有一两个字不同时报告，
    这是打字或输入法失误的典型特征；消息中给出写错的字和正确的字。

    Why
    ---
    正式公文的固定标题出现错别字，读者一眼就能看到；改起来也最容易。

    Example
    -------
    错误：``四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况``

    正确：``四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况``

    References
    ----------
    DOMAIN.md §2.2、§5 E11（种子报告 004：提起现在诉讼）。
    """

    code = "S005"
    name = "heading-typo"
    severity = Severity.ERROR

    def check(self, doc):
        for s in doc.sections:
            if s.wording is Wording.TYPO:
                wrong, right = typo_window(s.title, s.expected)
                yield self.report(s, f"标题疑似错别字：“{wrong}”应为“{right}”（完整写法：“{s.expected}”）",
                                  uncertain=uncertainty(s))
