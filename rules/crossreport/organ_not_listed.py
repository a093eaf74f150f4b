"""M013 organ-not-listed: a report of the repository by an organ its organ list lacks."""

from govlint.model import Location, Severity
from govlint.repository.completeness import OrganIndex
from govlint.repository.reportset import ReportSetRule

HINT = "名称不同的同一机关请写入 organ-aliases"


class OrganNotListed(ReportSetRule):
    """报告库配置了机关名单，而本报告的机关不在名单中。

    What it does
    ------------
    报告库（配置项 ``history``）用 ``organs`` 或 ``organs-file`` 列出应当
    发布年报的机关时，检查每份报告标题中的机关是否在名单中::

        history = ["reports/"]
        organs = ["安丘市教育局", "安丘市兴安街道办事处"]
        # 或：organs-file = "机关名单.txt"（每行一个机关名称，# 后为注释）

    机关名称按 ``organ-aliases`` 统一后比较，名称与去掉开头地名的简称视为
    同一机关（名单写“安丘市兴安街道办事处”，报告写“兴安街道办事处”算在名单
    中），见 ``govlint.recognise.organs``。没有配置名单、或读不出报告的机关
    名称时不报告。``govlint report`` 还按年度列出名单中缺少报告的机关。

    Why
    ---
    名单之外的机关，要么是放错目录的文件，要么是机关名称写法与名单不同
    （更名、合并、标题写错）。后一种会让按机关配对的跨年核对（A010–A013、
    M009）找不到上一年的报告，也会让“缺少报告”的统计出错：应改正标题，
    或在 ``organ-aliases`` 中说明。

    Example
    -------
    错误示例：名单为“安丘市教育局”，报告标题为“安丘市教育和体育局2023年政府
    信息公开工作年度报告”。

    正确示例：在 ``organ-aliases`` 中写 ``"安丘市教育和体育局" = "安丘市教育局"``，
    或把新名称加入名单。

    References
    ----------
    条例第五十条（各级人民政府及其部门均应发布年报）；DOMAIN.md §6.1。
    fixtures 中没有配置机关名单的真实报告库，用例见
    tests/repository/test_completeness.py。
    """

    code = "M013"
    name = "organ-not-listed"
    severity = Severity.WARNING

    def check_set(self, reports):
        if reports.listed is None:
            return
        listed = OrganIndex((c for name in reports.listed if (c := reports.names.canonical(name))), reports.names)
        for report in reports.targets:
            if report.organ and not listed.has(report.organ):
                yield self.report_on(report, Location(1), f"机关“{report.profile.organ}”不在报告库的机关名单中"
                                                          f"（配置项 organs、organs-file；{HINT}）")
