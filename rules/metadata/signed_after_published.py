"""M012 signed-after-published: the signature date is after the web page's
publication date."""

from govlint.model import Severity
from govlint.rule import Rule

from .data import chinese_date, signature
from .page_date_late import page_date


class SignedAfterPublished(Rule):
    """落款日期晚于网页的发布日期（先发布、后落款）。

    What it does
    ------------
    对从政府网站保存的网页，比较报告的落款日期（M004 所取的最后一个日期
    段落）与网页本身标明的发布日期（取法见 M011）：落款日期晚于发布日期
    时报告。没有落款日期或没有网页发布日期时不报告；其他格式不适用。

    Why
    ---
    报告不能在写成之前发布。落款晚于发布，通常是落款日期写错（年份或月份
    笔误），或网页发布后又替换了正文却没有说明；两种情况都会让人对年报的
    发布时间产生疑问。

    Example
    -------
    错误::

        <meta name="PubDate" content="2024-01-17 10:00">
        ……
        2024年1月25日

    正确：落款 2024年1月16日，网页 2024-01-17 发布。

    References
    ----------
    DOMAIN.md §6.4；M004、M011。fixtures/real 的两份网页落款与发布日期一致
    或在其前。
    """

    code = "M012"
    name = "signed-after-published"
    severity = Severity.WARNING

    def check(self, doc):
        published = page_date(doc)
        signed = signature(doc) if published is not None else None
        if signed is None or signed.date <= published:
            return
        yield self.report(signed.paragraph, f"落款日期{chinese_date(signed.date)}晚于网页发布日期"
                                            f"{chinese_date(published)}（{doc.page_date.source}，"
                                            f"第 {doc.page_date.location.line} 行）")
