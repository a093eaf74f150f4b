"""Consistency rules (C): what the prose says against what the tables say.

Claims come from :mod:`govlint.recognise.claims` (``doc.claims``); the table cells each
claim kind is held against are data (``targets.toml``).  DOMAIN.md §4.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect


@hookimpl
def govlint_rules():
    return collect(__name__)
