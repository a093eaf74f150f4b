"""S008 section-thin: 五、存在的主要问题及改进情况 that says only 无 or next to nothing."""

import re
from functools import lru_cache

from govlint.model import Severity
from govlint.recognise.outline import canonical_heading, uncertainty
from govlint.regexes import compile_re
from govlint.rule import Rule

from .content import MIN_CHARS, body, data


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    spec = data()["thin-section"]
    return compile_re(f"(?:{spec['none']})"), compile_re(spec["punctuation"])


def min_chars(config) -> int:
    """The configured minimum (``thin-section-min-chars``), else the data file's."""
    value = config.get(MIN_CHARS)
    if value is None:
        return data()["thin-section"]["min-chars"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"配置项 {MIN_CHARS} 应为非负整数，而不是 {value!r}")
    return value


def is_placeholder(text: str) -> bool:
    """Whether the compact ``text`` is only a placeholder (``无。``, ``暂无``)."""
    placeholder, punctuation = _patterns()
    return placeholder.fullmatch(punctuation.sub("", text)) is not None


class SectionThin(Rule):
    """第五部分“存在的主要问题及改进情况”只写“无”“暂无”，或内容过短。

    What it does
    ------------
    取“五、存在的主要问题及改进情况”标题之下的文字（不含标题，去掉空白），
    在以下情况报告：

    * 去掉标点后只是“无”“暂无”“没有”“本年度无”“无相关情况”“不存在”
      “略”之类的占位说法；
    * 字数少于配置项 ``thin-section-min-chars``（默认 50 个字符，设为 0
      则只检查占位说法）::

        thin-section-min-chars = 80

    没有第五部分、或第五部分完全空白时不报告（分别由 S001、S007 报告）。
    标题只凭较弱的依据认出、或报告年度早于全国统一格式时降一级报告。

    Why
    ---
    全国统一格式要求第五部分既写存在的主要问题，也写改进情况；“无”
    或一两句话既说不清问题，也说不清改进，是年报审查中常见的“内容空泛、
    敷衍了事”的扣分项。fixtures/real 中真实报告的第五部分都在 70 字以上（空白模板的“（文字描述）”会被报告）。

    Example
    -------
    错误::

        五、存在的主要问题及改进情况
        无。

    正确::

        五、存在的主要问题及改进情况
        一是政策解读形式较单一；二是依申请公开答复规范性有待提高。下一步，
        我局将丰富图解、视频等解读形式，组织依申请公开业务培训……

    References
    ----------
    DOMAIN.md §2.2（第五部分）；《中华人民共和国政府信息公开条例》第五十条；
    国办公开办函〔2021〕30号。
    """

    code = "S008"
    name = "section-thin"
    severity = Severity.WARNING

    def check(self, doc):
        section = doc.section(data()["thin-section"]["section"])
        if section is None:
            return
        text = body(section)
        if not text:
            return
        where = next((b for b in section.blocks if b.text.strip()), section)
        heading = f"“{canonical_heading(section.number)}”"
        limit = min_chars(self.config)
        if is_placeholder(text):
            yield self.report(where, f"{heading}只写了“{text[:20]}”：应写明存在的主要问题和改进情况",
                              uncertain=uncertainty(doc, section))
        elif len(text) < limit:
            yield self.report(where, f"{heading}只有 {len(text)} 个字（少于 {limit} 个，配置项 {MIN_CHARS}）："
                                     f"“{text[:40]}”，应写明存在的主要问题和改进情况",
                              uncertain=uncertainty(doc, section))
