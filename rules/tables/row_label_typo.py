"""T008 row-label-typo: a table row label one or two characters off the template."""

from govlint.model import Severity
from govlint.recognise.templates import Level
from govlint.recognise.templates.labels import quote
from govlint.rule import Rule

from .common import TABLE_NAMES, inner, label_of, tables


class RowLabelTypo(Rule):
    """表格行名疑似错别字（与模板差一两个字，或按位置对应的行名差得更多）。

    What it does
    ------------
    表格中的行名只有靠近似匹配才能对上模板（与模板写法或常见变体
    差一个字，较长的行名差两个字）时报告，引用原文和模板写法，
    如把“4.保护第三方合法权益”写成“4.保护第三方合法权利”。
    序号写法（``1.``/``1．``/``1、``）、全角半角、空格、
    省略括号中的说明（“（二）部分公开”）都不算错。

    差得更多的行名（漏了三个字：“2.其他法律行政止公开”）不再简单地当作
    “模板之外的行”加“缺少的行”：如果它正好夹在前后两行之间、而模板在
    这个位置恰好缺一行，序号相同、大部分字相同，就按位置对应到这一行，
    在这里报告。这样对上的行，其数据照常参与核对，但依据它得出的
    勾稽错误降低一级报告（见 A001 等）。

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
            for index, r in enumerate(table.rows):
                if r.label is None or r.level is not Level.TYPO:
                    continue
                written = f"{TABLE_NAMES[table.key]}行名“{inner(quote(r.label.text))}”"
                expected = label_of(table.spec, r.prefix)
                if r.guess == "position":
                    yield self.report(r.label, f"{written}与模板写法“{expected}”相差较多，"
                                               f"{_between(table, index)}，疑似错别字或漏字")
                else:
                    yield self.report(r.label, f"{written}疑似错别字，模板写法为“{expected}”")


def _between(table, index: int) -> str:
    """``按其位置（“1.属于国家秘密”之后、“3.危及…”之前）对应为该行``."""
    before = next((r for r in reversed(table.rows[:index]) if r.kind == "row"), None)
    after = next((r for r in table.rows[index + 1:] if r.kind == "row"), None)
    parts = ([f"“{label_of(table.spec, before.prefix)}”之后"] if before else []) + \
            ([f"“{label_of(table.spec, after.prefix)}”之前"] if after else [])
    return f"按其在表中的位置（{'、'.join(parts)}）对应为该行"
