"""C007 requester-mismatch: applications by natural persons or by legal
persons, prose vs table 三."""

from .base import ClaimRule


class RequesterMismatch(ClaimRule):
    """正文所述自然人或法人、其他组织的申请数与表三不一致。

    What it does
    ------------
    取正文中“自然人（申请）N 件”“法人或其他组织（申请）N 件”的说法
    （所在句子须讲申请），与表三“一、本年新收政府信息公开申请数量”行的
    “自然人”列、“法人或其他组织”五列之和比较。
    正文数字恰好等于本年新收与上年结转同列之和、句子又没说包含结转时，降一级报告。
    约数与表格相容时不报告，不相容时降一级报告；
    句中有“全区”等范围词、口径可能与表格不同时降一级报告并说明；
    讲上年、计划或明显是其他范围的句子不比较；
    所需单元格有空缺时不报告。

    Why
    ---
    申请人构成是表三的列，正文的分类数字应与之一致。

    Example
    -------
    错误（表三本年新收自然人为 32）::

        全年收到申请34件，其中自然人申请33件。

    正确::

        全年收到申请34件，其中自然人申请32件。

    References
    ----------
    DOMAIN.md §4 C7。
    """

    code = "C007"
    name = "requester-mismatch"
    kinds = ("requester.natural_person", "requester.legal_person")
