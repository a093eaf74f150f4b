"""Input rules (E): problems with the file itself rather than the report in
it — unreadable, undecodable, empty, binary, too large, unsupported, a scan
without text, encrypted, or more work than a report can need (a budget of
:mod:`govlint.limits` or the watchdog's time and memory).  They report the document's
:class:`~govlint.model.InputProblem` s and are the only rules that run when
a file could not be read as a report.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES = {
    "E001": "unreadable",
    "E002": "encoding",
    "E003": "empty",
    "E004": "binary",
    "E005": "too_large",
    "E006": "unsupported",
    "E007": "needs_ocr",
    "E008": "encrypted",
    "E009": "budget",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
