"""M011 page-date-late: the web page's publication date is after the
publication deadline for the organ's level."""

from datetime import date

from govlint.model import Severity
from govlint.rule import Rule

from .data import chinese_date, due


def page_date(doc) -> date | None:
    """The page's publication date as a date (None: no page date, or an
    impossible one such as 2024-02-30)."""
    found = doc.page_date
    if found is None:
        return None
    try:
        return date.fromisoformat(found.date)
    except ValueError:
        return None


class PageDateLate(Rule):
    """网页的发布日期晚于年报发布期限。

    What it does
    ------------
    对从政府网站保存的网页（.html、.htm），读取网页本身标明的发布日期——
    ``<meta name="PubDate">``、``<meta name="firstpublishedtime">`` 等元数据，
    ``<publishtime>`` 元素，或正文之外的“发布日期：”“发布时间：”“公开日期”
    “发文日期”字样后的日期（不取页面生成时间、采集时间、更新时间）——
    与 M004 相同的发布期限比较：报告年度的下一年，县级以上人民政府部门
    1 月 31 日，县级以上地方人民政府的本级政府年报 3 月 31 日，乡镇、街道
    默认 1 月 31 日，按层级可配置（``publication-deadline``，见 M004）。
    其他格式的报告没有网页发布日期，本规则不适用。

    Why
    ---
    条例第四十九条规定的是“公布”期限：落款日期只说明何时写成，网页的发布
    日期才是实际公开的时间。落款在期限内而网页晚发布，同样是逾期公布。

    Example
    -------
    错误（区政府部门 2023 年度报告，期限 2024 年 1 月 31 日）::

        <meta name="PubDate" content="2024-02-06 10:12">

    正确::

        <meta name="PubDate" content="2024-01-26 09:30">

    References
    ----------
    DOMAIN.md §1.1（条例第四十九条）、§6.4；M004。真实网页
    fixtures/real/putian-office-2019.html（PubDate 2020-01-21）、
    shuyang-development-reform-bureau-2023.html（<publishtime>2024-01-17）
    均在期限内。
    """

    code = "M011"
    name = "page-date-late"
    severity = Severity.WARNING

    def check(self, doc):
        published = page_date(doc)
        if doc.year is None or published is None:
            return
        limit = due(self.config, doc)
        if published > limit.date:
            yield self.report(doc.page_date.location,
                              f"网页发布日期{chinese_date(published)}（{doc.page_date.source}）晚于发布期限"
                              f"{chinese_date(limit.date)}{limit.why}")
