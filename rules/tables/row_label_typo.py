"""T008 row-label-typo: a table row label one or two characters off the template."""

from govlint.model import Severity
from govlint.recognise.templates import Level
from govlint.rule import Rule

from .common import TABLE_NAMES, label_of, quote, tables


class RowLabelTypo(Rule):
    """表格行名疑似错别字（与模板差一两个字）。

    What it does
    ------------
    表格中的行名只有靠近似匹配才能对上模板（与模板写法或常见变体
    差一个字，较长的行名差两个字）时报告，引用原文和模板写法，
    如把“4.保护第三方合法权益”写成“4.保护第三方合法权利”。
    序号写法（``1.``/``1．``/``1、``）、全角半角、空格、
    省略括号中的说明（“（二）部分公开”）都不算错。

    Why
    ---
    表格的行名是全国统一格式规定的固定文字，写错一两个字的行名
    既是文字差错，也可能让汇总程序认不出该行。

    Example
    -------
    错误：``4.保护第三方合法权利``

    正确：``4.保护第三方合法权益``

    References
    ----------
    DOMAIN.md §2.5（行名及其常见写法）、§5 E11。
    """

    code = "T008"
    name = "row-label-typo"
    severity = Severity.WARNING

    def check(self, doc):
        for table in tables(doc):
            for r in table.rows:
                if r.label is None or r.level is not Level.TYPO:
                    continue
                yield self.report(r.label, f"{TABLE_NAMES[table.key]}行名“{quote(r.label.text)}”疑似错别字，"
                                           f"模板写法为“{label_of(table.spec, r.prefix)}”")
