"""T002 template-year-mismatch: the tables follow the other year's format."""

from govlint.model import Severity
from govlint.recognise.templates import template
from govlint.rule import Rule

from .common import TABLE_NAMES, row_name, source_of, tables, where


class TemplateYearMismatch(Rule):
    """表格使用的格式与报告年度不符（新旧格式用错）。

    What it does
    ------------
    按报告年度确定应使用的格式：2019、2020 年度报告用
    国办公开办函〔2019〕60号格式（试行），2021 年度起用
    国办公开办函〔2021〕30号格式。再看表格内容实际是哪种格式：
    表二的栏目“本年新制作数量”“对外公开总数量”“上一年项目数量”、
    行“政府集中采购”只在 2019 年格式中出现，“本年制发件数”
    “现行有效件数”“本年收费金额”只在 2021 年格式中出现。
    两者不符时，在第一个属于另一种格式的栏目处报告。表格在转换中被压成一段文字、
    无法按行列读取时，也从文字中找这些栏目名（只找不会出现在叙述中的栏目名，
    如“本年新制作数量”“本年制发件数”），找到时降一级报告。

    这些栏目没有问题（或表二缺失）时，再看各表按哪种格式识别得更好：
    例如 2021 年度报告的表三把“（六）其他处理”写成一行
    （2019 年格式），而不是分成 1–3 三行，也会报告，位置在该行。

    报告年度无法识别时不检查（不知道应当用哪种格式）；
    2018 年度及以前的报告不在检查范围内。

    Why
    ---
    2021 年起格式变了：表二的栏目和行、表三“（六）其他处理”的子项
    都不同（DOMAIN.md §2.7）。用错格式的报告缺少应报的数据
    （如行政规范性文件的“现行有效件数”），也无法与其他单位汇总比较。

    Example
    -------
    错误（2022 年度报告）::

        信息内容    本年新制作数量    本年新公开数量    对外公开总数量

    正确（2021 年度起）::

        信息内容    本年制发件数    本年废止件数    现行有效件数

    References
    ----------
    DOMAIN.md §2.3、§2.4、§2.7（格式选择规则与标志栏目）、§5 E6。
    """

    code = "T002"
    name = "template-year-mismatch"
    severity = Severity.ERROR

    def check(self, doc):
        found = doc.template
        expected = found.expected
        if expected is None or doc.year is None:
            return
        intro = f"{doc.year}年度报告应使用{source_of(expected)}格式"
        detected = found.detected
        if detected is not None and detected != expected:
            hit = next(h for h in found.markers if h.template == detected)
            yield self.report(hit.location, f"{intro}，但表格中的“{hit.marker}”是{source_of(detected)}格式的栏目",
                              uncertain="表格未能按行列读取，栏目名取自转换中压成一段的文字" if hit.in_text else None)
            return
        # The markers agree with the year, or there are none: a table may
        # still match the other format better (table 三's （六）其他处理).
        for table in tables(doc):
            if table.template == expected:
                continue
            own = {r.prefix for r in template(expected).tables[table.key].rows}
            odd = next((r for r in table.rows if r.prefix not in own), None)
            if odd is None:
                continue
            yield self.report(where(odd), f"{intro}，但{TABLE_NAMES[table.key]}{row_name(table.spec, odd.prefix)}"
                                          f"是按{source_of(table.template)}格式填写的", uncertain=odd.doubt)
