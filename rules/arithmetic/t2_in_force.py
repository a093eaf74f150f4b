"""A005 t2-in-force-below-issued: table 二 (2021), 现行有效件数 < 本年制发件数 (T2.2)."""

from govlint.model import Severity

from .base import IdentityRule, compared, head


class T2InForceBelowIssued(IdentityRule):
    """表二（2021 年格式）某行的现行有效件数少于本年制发件数。

    What it does
    ------------
    对表二第二十条第（一）项的“规章”“行政规范性文件”两行，比较“现行有效件
    数”与“本年制发件数”。现行有效件数少于本年制发件数时提示（提示级）：
    这只有在当年制发的文件当年又被废止时才可能，更常见的是统计口径不一或
    填错列。两个单元格有空白或无法读取时由 A000 提示无法核对。只适用于
    2021 年格式（2019 年格式没有这两列）。

    Why
    ---
    本年制发的文件一般都计入年底的现行有效件数。不一致往往说明“现行有效件
    数”只填了本机关的一部分，或“本年制发件数”与“本年废止件数”填反。这是
    合理性检查，不是模板规定的等式，所以只作提示。

    Example
    -------
    错误示例（行政规范性文件）：本年制发件数 5，本年废止件数 0，现行有效
    件数 2。

    正确示例：本年制发件数 5，本年废止件数 0，现行有效件数 32（含往年制发
    仍然有效的文件）。

    References
    ----------
    DOMAIN.md §3 T2.2（合理性，提示）；§2.4 表二（2021 年格式）。
    """

    code = "A005"
    name = "t2-in-force-below-issued"
    severity = Severity.INFO
    identity_id = "T2.2"

    def message(self, outcome, doc):
        return f"{head(outcome)}{compared(outcome, '少于')}；本年制发的文件一般计入现行有效件数，" \
               "除非当年又被废止，请核对"
