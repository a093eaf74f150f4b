"""S004 heading-wording: a section heading worded otherwise than the template."""

from govlint.model import Severity, Wording
from govlint.rule import Rule


class HeadingWording(Rule):
    """A section heading is worded differently from the template.

    What it does
    ------------
    Compares each section heading (without its numbering) with the national
    format's wording.  An accepted variant seen in real reports (such as the
    条例 article's own wording ``因政府信息公开工作被申请行政复议、提起行政诉讼的情况``
    or ``…改进措施``) and any other recognisable but different wording are
    reported, naming the template wording.  One- or two-character slips are
    reported by S005 ``heading-typo`` instead.

    Why
    ---
    The six headings are fixed by the national format (国办公开办函〔2021〕30号);
    reviewers and automatic collection compare reports by them.

    Example
    -------
    Wrong: ``二、主动公开政府信息的情况``

    Right: ``二、主动公开政府信息情况``

    References
    ----------
    DOMAIN.md §2.2 (canonical headings and accepted variants), §5 E11;
    seed 004.
    """

    code = "S004"
    name = "heading-wording"
    severity = Severity.WARNING

    def check(self, doc):
        for s in doc.sections:
            if s.wording is Wording.VARIANT:
                yield self.report(s, f"标题“{s.title}”是常见变体，模板写法为“{s.expected}”")
            elif s.wording is Wording.DEVIANT:
                yield self.report(s, f"标题“{s.title}”与模板不一致，模板写法为“{s.expected}”")
