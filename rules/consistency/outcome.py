"""C006 outcome-mismatch: the number of applications with one outcome
(予以公开, 不予公开 …) differs from table 三."""

from .base import ClaimRule


class OutcomeMismatch(ClaimRule):
    """正文所述某类办理结果的件数与表三不一致。

    What it does
    ------------
    取正文中“予以公开 N 件”“部分公开 N 件”“予以公开及部分公开 N 件”
    “不予公开 N 件”“无法提供 N 件”“本机关不掌握 N 件”“不予处理 N 件”
    “其他处理 N 件”的说法，与表三对应行的总计比较；
    “不予公开”“无法提供”“不予处理”（及 2021 年格式的“其他处理”）
    与其下各项总计之和比较。
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    所需单元格有空缺时不报告。

    Why
    ---
    正文对办理结果的分类统计应当就是表三的数字，
    不一致说明其中一处统计或抄写有误。

    Example
    -------
    错误（表三（一）予以公开总计为 9）::

        其中予以公开10件，不予公开2件。

    正确::

        其中予以公开9件，不予公开2件。

    References
    ----------
    DOMAIN.md §4 C6。
    """

    code = "C006"
    name = "outcome-mismatch"
    kinds = ("outcome.public", "outcome.partial", "outcome.public_partial", "outcome.deny",
             "outcome.unable", "outcome.not_held", "outcome.reject", "outcome.other")
