"""T003 row-cell-count: a table row with more or fewer data cells than the template."""

from govlint.model import Severity
from govlint.normalize import compact
from govlint.recognise.templates.labels import inner, quote
from govlint.regexes import compile_re
from govlint.rule import Rule

from .common import TABLE_NAMES, collapsed_groups, doubt, label_of, leaves, row_name, run_name, runs, tables, where


class RowCellCount(Rule):
    """表格某行的数据单元格个数与模板不符，或一组子项被合并成了一行。

    What it does
    ------------
    按模板核对每一行数据单元格的个数：表三每行 7 个（自然人、
    商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），
    表四 15 个，表二按各项栏目（如第二十条第（一）项 3 个）。
    个数不符的行，无法确定哪个数属于哪一栏，本工具不会移位猜测，
    这些行的数值也不参与其他核对（空白、勾稽关系）。
    行名与模板不完全一致、靠近似或位置才对上的行，以及表格之外按行
    读取的文字，降低一级报告（错误降为警告），并说明原因；表格旁边
    另有单独成行的数字（转换时脱离表格的单元格，如 ``22`` /
    ``（其中修订 16 件）``）而这一行又少了单元格时，也是如此。

    连续多行缺同样多的单元格（通常是同一列整列丢失）合并为一条，
    位置在第一行，范围到最后一行。

    分组行（表三“（三）不予公开”“（四）无法提供”“（五）不予处理”，
    2021 年格式的“（六）其他处理”）在模板中没有自己的数据，数据填在
    其下的 1、2、3… 子项中。如果分组行带了数据而子项全部不见了，
    说明子项被合并成了一行，在该行报告；这些子项不再由
    T004 template-row-missing 逐项报告。

    Why
    ---
    单元格丢失或多出，多半是表格在转换中损坏（合并单元格、PDF 丢列），
    或者填报时漏填、合并了子项。数字对不上栏目，读者会读错，
    汇总和勾稽核对也无从进行。

    Example
    -------
    错误（“总计”一格丢失，只有 6 个数）::

        （一）予以公开    0    0    0    0    0    0

    错误（子项被合并为一行）::

        （三）不予公开    0    0    0    0    0    0    0    0

    正确::

        （一）予以公开    0    0    0    0    0    0    0
        （三）不予公开
        1.属于国家秘密    0    0    0    0    0    0    0
        ……
        8.属于行政查询事项    0    0    0    0    0    0    0

    References
    ----------
    DOMAIN.md §2.5、§2.6、§2.8（PDF 丢列、子项被合并）、§3 T0.3、§5 E9；
    种子报告 002、004。
    """

    code = "T003"
    name = "row-cell-count"
    severity = Severity.ERROR

    def check(self, doc):
        for table in tables(doc):
            name = TABLE_NAMES[table.key]
            collapsed = collapsed_groups(table)
            for group in collapsed:
                rows = leaves(table.spec, group.prefix)
                first, last = (label_of(table.spec, p) for p in (rows[0], rows[-1]))
                yield self.report(where(group), f"{name}{row_name(table.spec, group.prefix)}的 {len(rows)} 个子项"
                                                f"被合并成了一行（{group.found} 个数据单元格）；应分“{first}”至“{last}”"
                                                f" {len(rows)} 行，每行 {group.expected} 个数", uncertain=group.doubt)
            collapsed_ids = {id(g) for g in collapsed}
            loose = [p.text.strip() for p in table.texts if _LOOSE_NUMBER.match(compact(p.text))]
            for run in runs(table.rows, lambda r: None if r.complete or id(r) in collapsed_ids
                            else (r.found, r.expected)):
                yield self._run(name, table.spec, run, loose)

    def _run(self, name, spec, run, loose):
        first = run[0]
        more = first.found > first.expected
        count = f"有 {first.found} 个数据单元格，{'多于' if more else '少于'}模板的 {first.expected} 个"
        end = where(run[-1]) if len(run) > 1 else None
        reasons = [doubt(run)] if doubt(run) else []
        if loose and not more:
            reasons.append(f"表格之外有单独的数字（{''.join(f'“{inner(quote(t))}”' for t in loose[:3])}），"
                           "可能是在转换中脱离了表格的单元格")
        return self.report(where(first), f"{run_name(name, spec, run, count)}；无法确定各数属于哪一栏，这些数未作核对",
                           end=end, uncertain="；".join(reasons) or None)


#: A paragraph among a table's rows that is a number, perhaps with a note (``22``, ``55（含自然失效29件）``).
_LOOSE_NUMBER = compile_re(r"^\d[\d,.]*(?:[(（][^()（）]*[)）])?$")
