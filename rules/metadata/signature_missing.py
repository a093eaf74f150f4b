"""M006 signature-date-missing: the report carries no signature date."""

from govlint.model import Severity
from govlint.regexes import compile_regex
from govlint.rule import Rule

from .data import signature

# ``regex``, not ``re``, which compiles a class over a large range a character at a time (~1 ms)
_CJK = compile_regex(r"[\u4e00-\u9fff]")


class SignatureDateMissing(Rule):
    """报告没有落款日期。

    What it does
    ------------
    报告中找不到只写日期的段落（落款日期，如“2021年1月22日”）时，
    在报告最后一段文字处提示。

    Why
    ---
    有了落款日期才能核对是否按期发布（M004）。网页发布的年报常把日期放在
    页面信息中而不写落款，所以只作提示。

    Example
    -------
    提示：报告以“六、其他需要报告的事项 无”结束，没有落款。

    正确::

        六、其他需要报告的事项
        无。
        保健路街道办事处
        2021年1月28日

    References
    ----------
    DOMAIN.md §5 E15、§6.4；种子报告 000、002、003。
    """

    code = "M006"
    name = "signature-date-missing"
    severity = Severity.INFO

    def check(self, doc):
        prose = [p for p in doc.paragraphs if _CJK.search(p.text)]
        if prose and doc.sections and signature(doc) is None:
            yield self.report(prose[-1], "报告没有落款日期，无法核对是否按期发布")
