"""C003 handled-mismatch: the number of applications handled in the prose
differs from table 三's （七）总计."""

from .base import ClaimRule


class HandledMismatch(ClaimRule):
    """正文所述办结（答复）申请数与表三“（七）总计”不一致。

    What it does
    ------------
    取正文中“办结 / 答复 / 办理……申请 N 件”一类的说法，
    与表三“三、本年度办理结果”的“（七）总计”行总计比较。
    “按时办结 N 件”“办结率”不是办结总数，不比较；
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    总计单元格为空或缺失时不报告。

    Why
    ---
    办结数就是办理结果的总计，两处数字必须一致。

    Example
    -------
    错误（表三（七）总计为 2）::

        共答复政府信息公开申请3件。

    正确::

        共答复政府信息公开申请2件。

    References
    ----------
    DOMAIN.md §4 C3；种子报告 001（答复 2 件，与表一致）。
    """

    code = "C003"
    name = "handled-mismatch"
    kinds = ("handled",)
