"""Rules across reports (A010–A013, M009–M010, M013): a report against the
same organ's report of the year before and against other organs' reports of
the same year, in a repository of reports; a report against the
repository's organ list.

These are rules over report sets (:class:`govlint.repository.reportset.ReportSetRule`):
they see every file of the run and the reports of the folders the
configuration's ``history`` names.  Codes follow the categories: the
identities between two years' tables (DOMAIN.md §3 T3.5, T2.1, T2'.4, data in
``crossyear.toml``) and identical tables (§5 E3) continue the arithmetic
series A; copied prose (§5 E3) is about the report's content as a whole and
continues the metadata series M.

This plugin contributes the configuration keys ``history`` (folders of the
repository's reports, relative to the configuration file), ``organ-aliases``
(organ name → name to use, :mod:`govlint.recognise.organs`) and ``copy-threshold``
(the similarity from which prose counts as copied, 0–1), ``organs`` and
``organs-file`` (the organs that must report,
:mod:`govlint.repository.completeness`).
"""

from govlint.hookspecs import hookimpl
from govlint.repository import ALIASES, HISTORY, ORGANS, ORGANS_FILE, THRESHOLD
from govlint.rules import collect

#: the copy-detection threshold (M010) unless configured
DEFAULT_THRESHOLD = 0.8


@hookimpl
def govlint_rules():
    return collect(__name__)


@hookimpl
def govlint_default_config():
    return {HISTORY: [], ALIASES: {}, THRESHOLD: DEFAULT_THRESHOLD, ORGANS: [], ORGANS_FILE: ""}
