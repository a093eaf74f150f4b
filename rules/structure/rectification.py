"""S009 rectification-not-reported: a 2021-or-later 五 that says nothing of
last year's problems being rectified."""

import re
from functools import lru_cache

from govlint.model import Severity
from govlint.recognise.outline import canonical_heading
from govlint.regexes import compile_re
from govlint.rule import Rule

from .content import body, data
from .section_thin import is_placeholder

_SENTENCE_END = compile_re(r"[。；;！!？?]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[str, re.Pattern, re.Pattern]:
    spec = data()["rectification"]
    return spec["last-year"], compile_re(spec["rectified"]), compile_re(spec["phrases"])


def mentions_rectification(text: str, year: int) -> bool:
    """Whether ``text`` (compact) says something about last year's problems
    being rectified: a fixed phrase, or a sentence naming the year before
    and rectification."""
    last_year, rectified, phrases = _patterns()
    if phrases.search(text):
        return True
    previous = re.compile(f"{last_year}|{year - 1}年")
    return any(previous.search(s) and rectified.search(s) for s in _SENTENCE_END.split(text))


class RectificationMissing(Rule):
    """2021 年及以后的报告，第五部分没有说明上年度问题的整改情况。

    What it does
    ------------
    报告年度为 2021 年及以后时，检查“五、存在的主要问题及改进情况”的
    文字是否交代了上年度（上一年度年报或审查中）发现问题的整改情况。以下
    说法都算：

    * “问题整改”“整改情况”“整改落实情况”“已整改”“整改到位”等；
    * 同一句中既说到上一年（“上年度”“上一年度”“去年”“以往”“年报审查
      发现”，或写明上一年的年份，如 2023 年度报告中的“2022年”），又说到
      整改、改进、解决、落实、完善、提升等。

    没有第五部分、第五部分为空或只写“无”时不报告（由 S001、S007、S008
    报告）。本规则只作
    提示（info）：整改情况有时写在第一部分，各地要求也不尽相同。

    Why
    ---
    2021 年起的年报格式（国办公开办函〔2021〕30号）要求第五部分不仅写存在
    的问题和改进措施，也写上一年度问题的整改情况；缺少这部分，读者无法判
    断去年提出的问题是否得到解决。

    Example
    -------
    提示（2023 年度报告）::

        五、存在的主要问题及改进情况
        一是政策解读形式单一。下一步将丰富解读形式。

    不提示::

        五、存在的主要问题及改进情况
        （一）上年度问题整改情况。针对2022年度报告指出的解读形式单一的问题，
        我局已新增图解解读12篇。（二）存在的主要问题及改进措施……

    References
    ----------
    国办公开办函〔2021〕30号（2021 年格式）；DOMAIN.md §2.2。fixtures/real
    中写明整改情况的真实报告见 fixtures/seeds/001 一类写法（“2019年问题整改
    情况”）。
    """

    code = "S009"
    name = "rectification-not-reported"
    severity = Severity.INFO

    def check(self, doc):
        spec = data()["rectification"]
        section = doc.section(spec["section"])
        if section is None or doc.year is None or doc.year < spec["first-year"]:
            return
        text = body(section)
        if text and not is_placeholder(text) and not mentions_rectification(text, doc.year):
            yield self.report(section, f"“{canonical_heading(section.number)}”没有说明上年度问题的整改情况"
                                       "（如“上年度问题整改情况”“针对去年指出的……已整改”）")
