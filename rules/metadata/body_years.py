"""M008 body-year-unexpected: a year in the body that does not fit the
report year."""

from govlint.model import Severity
from govlint.recognise.claims.text import normalise, split
from govlint.regexes import compile_re, compile_regex
from govlint.rule import Rule

from .data import data

_YEAR = compile_re(r"(?<![\d\-－—~至到])((?:19|20)\d{2})年(?P<month>\d{1,2}月)?")
_QUOTED = compile_re(r"《[^》]*》")


class BodyYearUnexpected(Rule):
    """正文中出现与报告年度不符的年份。

    What it does
    ------------
    在标题以外的段落中找“YYYY年”：

    * 晚于报告年度的下一年，提示；
    * 等于报告年度的下一年、只写年份（不是“2021年1月31日”这样的日期）时，
      提示这句回顾本年度工作的话可能写错了年份。

    计划和展望不算：句中有“我们将”“将进一步”“计划”“下一步”“今后”“目标”
    等词，或同一段前面的句子已是计划（“下一步，重点做好以下工作：……
    二是2022年……”），或在“五、存在的主要问题及改进情况”中。
    书名号《》中的文件名、“2024—2027年”这样的年份区间、“结转至2026年”
    “到2025年”这样的期限也不算。

    Why
    ---
    回顾本年度工作时出现下一年的年份，多半是套用或笔误
    （种子报告 004：2020 年度报告写“结合我街 2021 年政务公开工作要点的安排”）。
    这类问题只能由人判断，所以只作提示。

    Example
    -------
    提示（2020 年度报告）::

        结合我街2021年政务公开工作要点的安排，认真组织落实。

    正确::

        结合我街2020年政务公开工作要点的安排，认真组织落实。

    References
    ----------
    DOMAIN.md §4 C17、§5 E14；种子报告 004。
    """

    code = "M008"
    name = "body-year-unexpected"
    severity = Severity.INFO

    def check(self, doc):
        if doc.year is None:
            return
        settings = data()["body-years"]
        # ``regex``, not ``re``, which compiles a class over a large range a character at a time (~0.5 ms)
        plan = compile_regex(settings["plan"])
        sections = [doc.section(n) for n in settings["plan-sections"]]
        in_plan_sections = {id(p) for section in sections if section for p in section.paragraphs}
        title_line = doc.title.location.line if doc.title else None
        for paragraph in doc.paragraphs:
            if paragraph.location.line == title_line:
                continue
            text = normalise(paragraph.text)
            quoted = {i for m in _QUOTED.finditer(text.text) for i in range(m.start(), m.end())}
            planned = id(paragraph) in in_plan_sections
            for start, end in split(text.text, "。!?"):
                planned = planned or bool(plan.search(text.text, start, end))
                for m in _YEAR.finditer(text.text, start, end):
                    if m.start() in quoted:
                        continue
                    message = self._message(int(m[1]), doc.year, bool(m["month"]), planned)
                    if message:
                        yield self.report(paragraph.location_at(text.origin[m.start()]), message)

    @staticmethod
    def _message(year: int, report_year: int, dated: bool, planned: bool) -> str | None:
        if planned or year <= report_year:
            return None
        if year > report_year + 1:
            return f"正文提到{year}年，晚于报告年度（{report_year}年）的下一年，年份是否有误？"
        if not dated:
            return f"回顾{report_year}年度工作的语句提到{year}年，年份是否有误？"
        return None
