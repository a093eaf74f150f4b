"""S005 heading-typo: a section heading one or two characters off the template."""

from govlint.model import Severity, Wording
from govlint.rule import Rule

_CONTEXT = 2


def differing_window(written: str, expected: str) -> tuple[str, str]:
    """The stretch of two equal-length strings that differs, with a little context."""
    diffs = [i for i, (a, b) in enumerate(zip(written, expected)) if a != b]
    start = max(diffs[0] - _CONTEXT, 0)
    end = min(diffs[-1] + _CONTEXT + 1, len(written))
    return written[start:end], expected[start:end]


class HeadingTypo(Rule):
    """A section heading has a typo (one or two wrong characters).

    What it does
    ------------
    Reports a section heading that differs from the template wording, or an
    accepted variant, in one or two characters of the same length — the
    signature of a typing or input-method slip — quoting the wrong and the
    right characters.

    Why
    ---
    A typo in a fixed heading of an official report is an error a reader
    notices at once; it is also easy to fix.

    Example
    -------
    Wrong: ``四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况``

    Right: ``四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况``

    References
    ----------
    DOMAIN.md §2.2, §5 E11 (seed 004: 提起现在诉讼).
    """

    code = "S005"
    name = "heading-typo"
    severity = Severity.ERROR

    def check(self, doc):
        for s in doc.sections:
            if s.wording is Wording.TYPO:
                wrong, right = differing_window(s.title, s.expected)
                yield self.report(s, f"标题疑似错别字：“{wrong}”应为“{right}”（完整写法：“{s.expected}”）")
