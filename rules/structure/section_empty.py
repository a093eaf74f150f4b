"""S007 section-empty: a section heading with nothing under it."""

from govlint.model import Severity, Table
from govlint.normalize import is_blank
from govlint.outline import canonical_heading
from govlint.rule import Rule


class SectionEmpty(Rule):
    """A section has a heading but no content.

    What it does
    ------------
    Reports a section whose heading is followed directly by the next
    heading (or the end of the report): no paragraph, no table.  A section
    that says only ``无`` is not empty (六 may legitimately say so).

    Why
    ---
    Sections 二, 三 and 四 must carry the statistical tables and 一, 五 their
    text.  An empty section is usually a table published as an image, or
    lost when the report was pasted into the web page (seed 002: 二 and 四).

    Example
    -------
    Wrong::

        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况

    Right: the table 主动公开政府信息情况 under 二.

    References
    ----------
    DOMAIN.md §5 E5, §6.5; seed 002.
    """

    code = "S007"
    name = "section-empty"
    severity = Severity.ERROR

    def check(self, doc):
        for s in doc.sections:
            if not any(isinstance(b, Table) or not is_blank(b.text) for b in s.blocks):
                yield self.report(s, f"“{canonical_heading(s.number)}”下没有任何内容"
                                     "（表格是否以图片形式发布或在转换中丢失？）")
