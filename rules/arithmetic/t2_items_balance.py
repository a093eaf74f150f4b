"""A007 t2-items-negative: table 二 (2019), 上一年项目数量 + 本年增/减 < 0 (T2'.3)."""

from govlint.model import Severity

from .base import IdentityRule, compared, head


class T2ItemsNegative(IdentityRule):
    """表二（2019 年格式）某行的上一年项目数量加本年增/减为负数。

    What it does
    ------------
    对表二第二十条第（五）（六）（八）项中有“上一年项目数量”和“本年增/减”
    的各行（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业
    性收费），核对上一年项目数量 + 本年增/减 ≥ 0；为负数时警告，在“本年增/
    减”单元格处报告。两个单元格有空白或无法读取时由 A000 提示无法核对。
    只适用于 2019 年格式。

    Why
    ---
    上一年项目数量加上本年的增减就是本年的项目数量，不可能为负。为负通常
    是增减的符号写反，或把本年的处理决定数量填进了“本年增/减”。

    Example
    -------
    错误示例（行政许可）：上一年项目数量 3，本年增/减 -5。

    正确示例：上一年项目数量 3，本年增/减 +5（或 -2）。

    References
    ----------
    DOMAIN.md §3 T2'.3（合理性，警告）；§2.3 表二（2019 年格式，本年增/减
    可为负数）。
    """

    code = "A007"
    name = "t2-items-negative"
    severity = Severity.WARNING
    identity_id = "T2'.3"

    def message(self, outcome, doc):
        return f"{head(outcome)}{compared(outcome, '小于')}；本年项目数量不可能为负数，" \
               "请核对本年增/减的符号或上一年项目数量"
