"""A006 t2-total-below-published: table 二 (2019), 对外公开总数量 < 本年新公开数量 (T2'.1)."""

from govlint.model import Severity

from .base import IdentityRule, compared, head


class T2TotalBelowPublished(IdentityRule):
    """表二（2019 年格式）某行的对外公开总数量少于本年新公开数量。

    What it does
    ------------
    对表二第二十条第（一）项的“规章”“规范性文件”两行，核对“对外公开总数
    量”不少于“本年新公开数量”；少于时警告。两个单元格有空白或无法读取时
    由 A000 提示无法核对。只适用于 2019 年格式（2021 年格式没有这两列）。

    Why
    ---
    本年新公开的文件也是对外公开的文件，对外公开总数量（累计）应当包含它
    们。总数量更少，通常是两列填反，或总数量只统计了往年。这是按含义推出
    的合理性检查，不是模板印明的等式，所以是警告。

    Example
    -------
    错误示例（规范性文件）：本年新制作数量 3，本年新公开数量 3，对外公开总
    数量 1。

    正确示例：本年新制作数量 3，本年新公开数量 3，对外公开总数量 15。

    References
    ----------
    DOMAIN.md §3 T2'.1（合理性，警告）；§2.3 表二（2019 年格式）。
    """

    code = "A006"
    name = "t2-total-below-published"
    severity = Severity.WARNING
    identity_id = "T2'.1"

    def message(self, outcome, doc):
        return f"{head(outcome)}{compared(outcome, '少于')}；本年新公开的文件应计入对外公开总数量"
