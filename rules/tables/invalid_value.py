"""T007 invalid-value: a data cell that is not a valid number for its column."""

from govlint.model import Severity
from govlint.recognise.templates.labels import quote
from govlint.rule import Rule

from .common import TABLE_NAMES, column_name, row_ref, tables

_WHY = {
    "text": "不是数字",
    "dash": "不是数字；没有发生的请填 0",
    "slash": "不是数字；没有发生的请填 0",
    "none-word": "不是数字；没有发生的请填 0",
    "negative": "是负数，该栏应为非负整数",
    "fraction": "是小数，该栏应为整数",
}


class InvalidValue(Rule):
    """表格数据单元格不是有效的数（文字、“—”“/”“无”、负数、小数）。

    What it does
    ------------
    逐格核对表二、表三、表四的数据单元格，每个有问题的单元格报告一次，
    引用单元格原文：

    * 文字、“—”“-”“/”“无”“暂无”等代替数字的写法；
    * 计数栏目中的负数（表二 2019 年格式的“本年增/减”可以为负，如 ``-3``、``+12``）；
    * 计数栏目中的小数（“本年收费金额（单位：万元）”“采购总金额”可以是小数，
      可带单位，如 ``4068.208``、``251000元``）；
    * 金额栏目中的负数。

    “—”“/”“无”也按错误报告：模板要求每格填一个数，没有发生的填 0；
    用符号代替，读者无法判断是 0、不适用还是漏填。
    空白单元格由 T006 blank-cell 报告；个数与模板不符的行由
    T003 row-cell-count 报告，其单元格对不上栏目，这里不检查。
    行名与模板不完全一致、靠近似或位置才对上的行，以及表格之外按行
    读取的文字，降低一级报告（错误降为警告），并说明原因。

    Why
    ---
    表格的每个数据单元格都是非负整数（金额可以是小数），汇总、勾稽核对和
    跨年度比较都依赖这一点。

    Example
    -------
    错误::

        （一）予以公开    —    0    0    0    0    0    无

    正确::

        （一）予以公开    0    0    0    0    0    0    0

    References
    ----------
    DOMAIN.md §2.3（本年增/减可为负）、§2.4（收费金额为小数）、§3 T0.1。
    """

    code = "T007"
    name = "invalid-value"
    severity = Severity.ERROR

    def check(self, doc):
        for table in tables(doc):
            name = TABLE_NAMES[table.key]
            for r in table.rows:
                if r.kind != "row" or not r.complete:
                    continue
                for column, value in zip(r.columns, r.data):
                    why = _WHY.get(value.status)
                    if value.status == "negative" and value.kind == "amount":
                        why = "是负数，金额不能为负"
                    if why is None:
                        continue
                    yield self.report(value.cell, f"{name}{row_ref(table.spec, r.prefix)}“{column_name(column)}”栏"
                                                  f"填的是“{quote(value.raw)}”，{why}", uncertain=value.doubt)
