"""Input rules (E): problems with the file itself rather than the report in
it — unreadable, undecodable, empty, binary, too large, unsupported, a scan
without text, encrypted, or more work than a report can need (a budget of
:mod:`govlint.limits` or the watchdog's time and memory).  They report the document's
:class:`~govlint.model.InputProblem` s and are the only rules that run when
a file could not be read as a report.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect


@hookimpl
def govlint_rules():
    return collect(__name__)
