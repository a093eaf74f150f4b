"""A009 t2-regulations-organ-level: table 二, 规章 > 0 for an organ that cannot make 规章 (T2.3)."""

from govlint.model import Severity
from govlint.recognise.organs import document_organ

from .base import IdentityRule, head


class T2RegulationsOrganLevel(IdentityRule):
    """无权制定规章的机关（县级、乡镇、街道）在表二“规章”行填了制发数量。

    What it does
    ------------
    按《立法法》，只有国务院部门和省、自治区、直辖市、设区的市、自治州的人
    民政府可以制定规章。报告机关按名称判断为街道、乡镇或县级机关时，表二第
    二十条第（一）项“规章”行的“本年新制作数量”（2019 年格式）或“本年制发
    件数”（2021 年格式）大于 0 则警告。

    机关层级按名称判断（``govlint.recognise.organs``），只在名称说得明白时才判断：含
    “街道”；以乡、镇（人民政府）结尾；含“县”（“县级”除外）或“旗人民政
    府”；以“区人民政府”结尾（“自治区”除外）；或写作“[某市]某区……局/委员
    会/办公室”。“某市”无法区分设区的市和县级市，不判断。现行有效件数、对
    外公开总数量等可能包含上级规章，口径不明，不核对。

    Why
    ---
    这类机关填写的“规章”通常是把本机关的规范性文件、或转发的上级规章计入
    了规章行，会使全市、全省的规章统计失真。

    Example
    -------
    错误示例：“沭阳县人民政府”的表二“规章”行本年制发件数填 2。

    正确示例：规章行填 0，本机关制发的文件计入“行政规范性文件”行。

    References
    ----------
    DOMAIN.md §3 T2.3（合理性，警告；机关层级的判断方法为本规则自定）；
    §2.3、§2.4 表二。
    """

    code = "A009"
    name = "t2-regulations-organ-level"
    severity = Severity.WARNING
    identity_id = "T2.3"

    def applies(self, doc):
        return document_organ(doc).makes_regulations is False

    def message(self, outcome, doc):
        cell = outcome.left[0]
        organ = document_organ(doc)
        return f"{head(outcome)}“{cell.column}”为 {cell.number}，但报告机关“{organ.name}”按名称判断是" \
               f"{organ.tier_name}，无权制定规章（规章由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府" \
               "制定）；请核对是否把规范性文件或上级规章计入了此行"
