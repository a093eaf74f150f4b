"""M001 title-incomplete: the title lacks the year, the organ, or the words
政府信息公开工作年度报告."""

from govlint.model import Location, Severity
from govlint.normalize import compact
from govlint.regexes import compile_re
from govlint.rule import Rule

from .data import data

_YEAR = compile_re(r"(?:19|20)\d{2}年度?")
_PREFIX = compile_re(r"^附件\d*[:：]?")


class TitleIncomplete(Rule):
    """标题缺少年份、机关名称，或不是“政府信息公开工作年度报告”。

    What it does
    ------------
    检查报告标题（分两行书写的已合并）：应含年份、机关名称，
    并写作“……政府信息公开工作年度报告”。缺哪一项报告哪一项；
    常见的错误写法（缺“工作”、缺“年度”、“政府”写成“政务”）会指明。
    找不到标题时也报告。

    Why
    ---
    标题是年报在公开专栏中被检索、汇总的依据，
    评议中把标题不规范作为格式问题扣分。

    Example
    -------
    错误::

        南岗区保健路街道办事处2020年政府信息公开年度报告

    正确::

        南岗区保健路街道办事处2020年政府信息公开工作年度报告

    References
    ----------
    DOMAIN.md §2.1、§5 E12、§6.3；种子报告 004。
    """

    code = "M001"
    name = "title-incomplete"
    severity = Severity.WARNING

    def check(self, doc):
        if doc.title is None:
            yield self.report(Location(1), "未找到报告标题（应为“机关名称+年份+政府信息公开工作年度报告”）")
            return
        title = _PREFIX.sub("", compact(doc.title.text))
        wording = data()["title-wording"]
        if not _YEAR.search(title):
            yield self.report(doc.title, f"标题“{title}”中没有报告年度")
        rest = _YEAR.sub("", title)
        for variant in data()["title-variant"]:
            rest = rest.replace(variant["text"], "")
        if len(rest.replace(wording, "")) < 2:
            yield self.report(doc.title, f"标题“{title}”中没有机关名称")
        if wording not in title:
            notes = [v["note"] for v in data()["title-variant"] if v["text"] in title]
            detail = f"（{notes[0]}）" if notes else ""
            yield self.report(doc.title, f"标题“{title}”应写作“……{wording}”{detail}")
