"""T005 unknown-row: a table row that matches no row of the template."""

from govlint.model import Severity
from govlint.recognise.templates.labels import quote
from govlint.recognise.templates.values import is_value
from govlint.rule import Rule

from .common import TABLE_NAMES, tables


class UnknownRow(Rule):
    """表格中有模板之外的行（地方自增行或无法识别的行），未作核对。

    What it does
    ------------
    报告表二、表三、表四中对不上模板任何一行的行，引用其内容。
    常见的是地方自行增加的统计项（如“2020年本行政区域（或本部门）
    政府信息公开发布总数量（非新闻类、消息类）：2”），
    也可能是转换损坏后无法识别的行（只有数字、没有行名）。
    这些行的数据不参与任何核对。

    这只是提示：全国统一格式之外增加内容不算错误，本工具也不会因此失败。

    Why
    ---
    审阅者应当知道哪些数据没有被核对。地方自增的行也值得确认是否
    应放在表格之外（如“其他需要报告的事项”），以免与全国统一格式的
    数据混在一起被汇总。

    Example
    -------
    提示::

        第二十条第（九）项
        政府集中采购    3    251000元
        2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）：2

    全国统一格式的表格只有模板中的行，不会报告。

    References
    ----------
    DOMAIN.md §2.3（地方自增行）、§5 E16；种子报告 000。
    """

    code = "T005"
    name = "unknown-row"
    severity = Severity.INFO

    def check(self, doc):
        for table in tables(doc):
            name = TABLE_NAMES[table.key]
            for row in table.unknown:
                cells = [c for c in row.cells if not c.is_blank]
                if not cells:
                    continue
                text = quote(" | ".join(c.text.strip() for c in cells))
                if all(is_value(c.text) for c in cells):
                    message = f"{name}中有一行只有数据、没有行名（“{text}”），无法对应到模板中的行，未作核对"
                else:
                    message = f"{name}中的行“{text}”不是全国统一格式中的行，未作核对"
                yield self.report(cells[0], message)
