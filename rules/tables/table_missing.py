"""T001 table-missing: table 二, 三 or 四 not found."""

from functools import lru_cache

from govlint.model import Severity
from govlint.normalize import compact
from govlint.recognise.outline import canonical_heading
from govlint.recognise.templates import templates
from govlint.rule import Rule

from .common import TABLE_NAMES, TABLE_SECTIONS

#: Labels of the table found in the section's text from which the table is
#: taken to be there, flattened to text.
AS_TEXT = 3


class TableMissing(Rule):
    """未找到表二、表三或表四（统计表缺失或以图片形式发布）。

    What it does
    ------------
    检查全国统一格式的三张统计表是否都能在报告中找到：
    第二部分的表二“主动公开政府信息情况”、第三部分的表三
    “收到和处理政府信息公开申请情况”、第四部分的表四
    “政府信息公开行政复议、行政诉讼情况”。按表中的栏目名、行名和
    标题识别表格，不论表格在 Word、PDF 还是 Markdown 转换后是什么样子。
    找不到时，在应当放这张表的那一部分的标题处报告。

    该部分标题本身就缺失时，由 S001 section-missing 报告，本规则不再重复。

    这一部分的文字里出现了三个以上该表的行名或栏目（如“一、本年新收
    政府信息公开申请数量”“信息内容”“本年处理决定数量”）时，表格其实
    在，只是在转换中被压成了文字（网页正文、没有边框的 PDF 表格），
    无法按行列读取：降低一级报告（错误降为警告），并引用找到的文字。

    Why
    ---
    三张表是年度报告的核心数据，格式（国办公开办函〔2019〕60号、
    〔2021〕30号）规定必须填报。常见的原因是表格以图片形式发布，
    或者在粘贴到网页、转换格式时丢失：图片里的数字无法检索、无法汇总，
    也无法由本工具核对（种子报告 002 的第二、第四部分）。

    Example
    -------
    错误（标题下面只有图片，文本中没有表格）::

        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        ……

    正确：标题下是文字表格，含“第二十条第（一）项”“信息内容”
    “本年制发件数”等栏目及各行数据。

    References
    ----------
    DOMAIN.md §2.3–2.6（三张表）、§2.8（表格以图片发布）、§5 E5；种子报告 002。
    """

    code = "T001"
    name = "table-missing"
    severity = Severity.ERROR

    def check(self, doc):
        if not doc.sections:
            return
        found = doc.template
        for key, number in TABLE_SECTIONS.items():
            if found.tables.get(key) is not None:
                continue
            section = doc.section(number)
            if section is None:
                continue  # S001 reports the missing section
            written = _labels_in(key, section.heading.text + "\n" + section.text)
            if len(written) >= AS_TEXT:
                yield self.report(section, f"“{canonical_heading(number)}”下未找到可以按行列读取的统计表"
                                           f"（{TABLE_NAMES[key]}），无法检查", uncertain="这一部分的文字中有该表的"
                                  f"{''.join(f'“{t}”' for t in written[:AS_TEXT])}等行名或栏目，表格可能在转换中被压成了文字")
                continue
            yield self.report(section, f"“{canonical_heading(number)}”下未找到统计表（{TABLE_NAMES[key]}）；"
                                       "以图片形式发布的表格无法检查，请以文字表格发布")


@lru_cache(maxsize=4)
def _labels(key: str) -> tuple[tuple[str, str], ...]:
    """(compacted, as printed) of the row, column, column-group and block
    labels of table ``key`` in every template, four characters or more."""
    found: dict[str, str] = {}
    for template in templates().values():
        spec = template.tables.get(key)
        if spec is None:
            continue
        labels = [r.label for r in spec.rows] + [g.label for g in spec.groups] + [c.label for c in spec.columns]
        labels += [b.caption for b in spec.blocks if b.caption] + list(spec.column_groups)
        for label in labels:
            if label and len(compact(label.text)) >= 4:
                found.setdefault(compact(label.text), label.text)
    return tuple(found.items())


def _labels_in(key: str, text: str) -> list[str]:
    """The labels of table ``key`` that ``text`` holds, as printed."""
    flat = compact(text)
    return [printed for label, printed in _labels(key) if label in flat]
