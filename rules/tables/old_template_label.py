"""T009 old-template-label: a label of the older format in a table of the newer one."""

from govlint.model import Severity
from govlint.recognise.templates import Label, Level, templates
from govlint.recognise.templates.labels import inner, quote
from govlint.rule import Rule

from .common import TABLE_NAMES, label_of, row_ref, source_of, tables, where

_SAME = (Level.EXACT, Level.VARIANT)


class OldTemplateLabel(Rule):
    """表格按新格式填写，但个别行名或栏目沿用了旧格式的写法。

    What it does
    ------------
    表格整体是 2021 年格式（国办公开办函〔2021〕30号），个别行名或栏目
    却是 2019 年格式（〔2019〕60号）的写法时，逐处报告，引用原文并给出
    新格式的写法：

    * 行名：表二第二十条第（一）项的“规范性文件”，2021 年格式为
      “行政规范性文件”；
    * 栏目：混入的“本年新制作数量”“对外公开总数量”“上一年项目数量”
      等 2021 年格式已经没有的栏目。

    整张表都是旧格式时由 T002 template-year-mismatch 报告（错误），
    本规则不再重复。

    Why
    ---
    2021 年格式修改了表二：“规范性文件”改称“行政规范性文件”（统计
    口径限于行政规范性文件），第（一）项的栏目改为“本年制发件数”
    “本年废止件数”“现行有效件数”。沿用旧写法，多半是在上一年的表格上
    改数字而没有换成新表，读者无法确定数据按哪种口径统计。数据本身仍按
    新格式核对，所以本规则只是警告。

    Example
    -------
    错误（2024 年度报告）::

        信息内容    本年制发件数    本年废止件数    现行有效件数
        规章        0    0    0
        规范性文件  13   0    55

    正确::

        行政规范性文件  13   0    55

    References
    ----------
    DOMAIN.md §2.3、§2.4、§2.7（2019 → 2021 的变化）、§5 E6；
    国办公开办函〔2021〕30号。
    """

    code = "T009"
    name = "old-template-label"
    severity = Severity.WARNING

    def check(self, doc):
        found = doc.template
        if found.detected is not None and found.expected is not None and found.detected != found.expected:
            return  # the whole format is the other one: T002
        catalog = templates()
        for table in tables(doc):
            newer = catalog[table.template]
            older = [t for t in catalog.values() if t.first_year < newer.first_year and table.key in t.tables]
            if not older:
                continue
            name = TABLE_NAMES[table.key]
            for r in table.rows:
                old = self._old_row_label(table, r, older)
                if old is not None:
                    yield self.report(where(r), f"{name}{row_ref(table.spec, r.prefix)}写作“{inner(quote(r.label.text))}”，"
                                                f"是{source_of(old)}格式的行名；{source_of(newer.id)}格式写作"
                                                f"“{label_of(table.spec, r.prefix)}”")
            for cell, old in self._old_columns(table, older):
                yield self.report(cell, f"{name}的栏目“{inner(quote(cell.text))}”是{source_of(old)}格式的栏目，"
                                        f"{source_of(newer.id)}格式中没有这一栏，请改用新格式的表格")

    @staticmethod
    def _old_row_label(table, r, older) -> str | None:
        """The older template whose label for the row ``r`` carries (None: none)."""
        if r.kind != "row" or r.label is None or r.level is Level.EXACT:
            return None
        own = next(s for s in table.spec.rows if s.prefix == r.prefix)
        if Label(own.label.text).level(r.label.text) in _SAME:
            return None
        for t in older:
            row = next((s for s in t.tables[table.key].rows if s.prefix == r.prefix), None)
            if row is not None and Label(row.label.text).level(r.label.text) in _SAME:
                return t.id
        return None

    @staticmethod
    def _old_columns(table, older):
        """Header cells naming a column of an older template only: (cell, template id)."""
        own = [c.label for c in table.spec.columns]
        for row in table.headers:
            for cell in row.cells:
                if cell.is_blank or any(label.level(cell.text) in _SAME for label in own):
                    continue
                for t in older:
                    if any(c.label.level(cell.text) in _SAME for c in t.tables[table.key].columns):
                        yield cell, t.id
                        break

