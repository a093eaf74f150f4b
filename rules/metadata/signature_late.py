"""M004 signature-date-late: the signature date is after the publication
deadline for the organ's level."""

from govlint.model import Severity
from govlint.rule import Rule

from .data import chinese_date, due, signature


class SignatureDateLate(Rule):
    """落款日期晚于年报发布期限。

    What it does
    ------------
    取报告最后一个只写日期的段落（落款日期），与发布期限比较：
    报告年度的下一年，县级以上人民政府部门 1 月 31 日，
    县级以上地方人民政府的本级政府年报 3 月 31 日，乡镇、街道默认 1 月 31 日。
    机关层级由标题中的机关名称判断（以“街道”“乡”“镇”结尾为乡镇、街道，
    以“省/市/县/区……人民政府”结尾为本级政府，其余为部门）。
    期限可按层级配置::

        [tool.govlint.publication-deadline]
        department = "01-31"
        government = "03-31"
        township = "02-20"

    Why
    ---
    条例第四十九条规定了年报的发布期限；不按时发布是
    国办公开办函〔2021〕30号点名追责的问题。乡镇、街道的期限由各地通知规定，
    所以默认只作警告并可配置。

    Example
    -------
    错误（街道 2020 年度报告，期限 2021 年 1 月 31 日）::

        2021年2月8日

    正确::

        2021年1月22日

    References
    ----------
    DOMAIN.md §1.1（条例第四十九条）、§6.4、§5 E1。
    """

    code = "M004"
    name = "signature-date-late"
    severity = Severity.WARNING

    def check(self, doc):
        found = signature(doc)
        if doc.year is None or found is None:
            return
        limit = due(self.config, doc)
        if found.date > limit.date:
            yield self.report(found.paragraph, f"落款日期{chinese_date(found.date)}晚于发布期限"
                                               f"{chinese_date(limit.date)}{limit.why}")
