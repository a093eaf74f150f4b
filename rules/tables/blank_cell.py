"""T006 blank-cell: data cells left blank instead of 0."""

from govlint.model import Severity
from govlint.rule import Rule

from .common import TABLE_NAMES, column_list, column_name, doubt, run_name, runs, tables

_ADVICE = "；空白不等于 0，没有发生的请填 0"


class BlankCell(Rule):
    """表格数据单元格空白（空白不等于 0）。

    What it does
    ------------
    报告表二、表三、表四中空着的数据单元格（只有空格或全角空格也算空白）。
    每行报告一次（空白栏目相同的连续几行合并为一条），位置在第一个空白单元格，
    并按模板列出空着的栏目，
    如“商业企业、科研机构、社会公益组织、法律服务机构、其他”；
    空着的比填了的多时，改为列出填了数的栏目（如“只有‘总计’填了数”）。
    数据单元格个数与模板不符的行由 T003 row-cell-count 报告，
    这里不逐格检查。行名与模板不完全一致、靠近似或位置才对上的行，
    以及表格之外按行读取的文字，降低一级报告（警告降为提示）。

    Why
    ---
    模板的每个数据单元格都应填数；没有发生的应填 0。空白让人无法区分
    “没有发生”和“漏填”，评议时按填报不完整对待，各项之和等勾稽关系也
    无法核对（种子报告 000 的表三只填了“总计”一列）。目前没有查到
    明文规定“必须填 0”，所以本规则为警告。

    Example
    -------
    错误::

        （一）予以公开    2              2

    正确::

        （一）予以公开    2    0    0    0    0    0    2

    References
    ----------
    DOMAIN.md §2.8（空白单元格）、§3 T0.2、§5 E8；种子报告 000、001、002。
    """

    code = "T006"
    name = "blank-cell"
    severity = Severity.WARNING

    def check(self, doc):
        for table in tables(doc):
            name = TABLE_NAMES[table.key]
            for run in runs(table.rows, _blank_columns):
                yield self._run(name, table.spec, run)

    def _run(self, name, spec, run):
        first = run[0]
        blank = [(c, v) for c, v in zip(first.columns, first.data) if v.status == "blank"]
        filled = [c for c, v in zip(first.columns, first.data) if v.status != "blank"]
        if len(blank) == 1 == len(first.data):
            each = "的数据单元格为空"
        elif not filled:
            each = f"的 {len(blank)} 个数据单元格全部为空"
        elif len(filled) < len(blank):
            each = f"有 {len(blank)} 个单元格为空，只有{'、'.join(f'“{column_name(c)}”' for c in filled)}填了数"
        else:
            each = f"有 {len(blank)} 个单元格为空：{column_list([c for c, _ in blank])}"
        end = run[-1].data[0].location if len(run) > 1 else None
        return self.report(blank[0][1].cell, run_name(name, spec, run, each) + _ADVICE, end=end, uncertain=doubt(run))


def _blank_columns(row):
    """The positions of a complete row's blank data cells (None: no blank,
    or a row whose cells could not be assigned to columns)."""
    if row.kind != "row" or not row.complete:
        return None
    blank = tuple(i for i, v in enumerate(row.data) if v.status == "blank")
    return blank or None
