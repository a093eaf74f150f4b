"""Consistency rules (C): what the prose says against what the tables say.

Claims come from :mod:`govlint.recognise.claims` (``doc.claims``); the table cells each
claim kind is held against are data (``targets.toml``).  DOMAIN.md §4.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES = {
    "C001": "received",
    "C002": "none_received",
    "C003": "handled",
    "C004": "carried_over",
    "C005": "carried_in",
    "C006": "outcome",
    "C007": "requester",
    "C008": "no_review_litigation",
    "C009": "review_litigation",
    "C010": "review_outcome",
    "C013": "itemised",
    "C014": "shares",
    "C016": "parts",
    "C017": "year_on_year",
    "C018": "contradictions",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
