"""A000 identity-uncheckable: an identity cannot be checked (blank or unreadable cells)."""

from govlint.model import Severity
from govlint.recognise.identities import identities, names, problem_summary
from govlint.rule import Rule


class IdentityUncheckable(Rule):
    """表格的勾稽关系因单元格空白或无法读取而无法核对。

    What it does
    ------------
    A 规则核对的各项勾稽关系（T3.1 表三各列、T3.2 （七）总计、T3.3 表三各
    行、T4.1 表四各组，以及表二的 T2.2、T2'.1、T2'.3）需要的单元格若为空白、
    不是有效数字（``/``、``—``、``无``、文字、负数等）、所在行单元格个数与模
    板不符（见 T003），或该行未能识别，就无法核对。本规则对每条勾稽关系只提
    示一次，说明有几列（行、组）无法核对，并简要指出是哪些单元格；能核对的
    列照常由 A001–A007 核对。提示位于第一个有问题的单元格或行（只缺行时位于表格开头）。

    空白不当作 0：模板要求填数字，空白是“未填”，不是“零”。

    Why
    ---
    勾稽关系没有报错不等于数据正确：若有单元格空白，A 规则就没有核对那一
    列。本提示说明哪些关系没有核对、为什么，补全数字后即可核对。空白单元格
    本身由 T006 报告。

    Example
    -------
    错误示例：表三只填了“总计”列，自然人等 6 列全部空白，T3.1 有 6 列无法
    核对。

    正确示例：没有申请的列填 0。

    References
    ----------
    DOMAIN.md §3 T0.2（空白单元格；“If a total is blank … report identity
    not checkable”）、T0.3（单元格个数不对）；§2.8（空白不是 0）；§7 种子
    000、001、002、004。
    """

    code = "A000"
    name = "identity-uncheckable"
    severity = Severity.INFO

    def check(self, doc):
        for ident in identities().values():
            if not ident.uncheckable or not ident.rule:
                continue
            outcomes = ident.evaluate(doc.template)
            stuck = [o for o in outcomes if o.status == "uncheckable"]
            if not stuck:
                continue
            per = ident.per
            scopes = [o.scope_name for o in stuck if o.scope_name]
            if len(stuck) == 1 and scopes:
                count = names(scopes, per)
            elif len(stuck) == len(outcomes):
                count = f"全部 {len(stuck)} {per}"
            else:
                count = f"有 {len(stuck)} {per}"
            where = _first([p for o in stuck for p in o.problems if p.problem != "missing"]) \
                or _first([p for o in stuck for p in o.problems]) or stuck[0].location
            blank = any(p.problem == "blank" for o in stuck for p in o.problems)
            yield self.report(where, f"{ident.id}（{ident.title}）{count}无法核对：{problem_summary(stuck)}"
                                     + ("（空白不当作 0）" if blank else ""))


def _first(problems):
    """The earliest location among ``problems`` (None if none has one)."""
    locations = [p.location for p in problems if p.location is not None]
    return min(locations, key=lambda loc: (loc.line, loc.column), default=None)
