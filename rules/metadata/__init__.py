"""Metadata rules (M): title, statistical period, signature date and
publication deadline, a web page's publication date (M011, M012), the fee
statement, years in the body.

The patterns and deadlines are data (``metadata.toml``; organ levels come from
``govlint.recognise.organs``); the
deadlines are configuration too (``publication-deadline``), contributed as
this plugin's default configuration.  DOMAIN.md §6.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

from .data import default_config

RULES = {
    "M001": "title",
    "M002": "period_mismatch",
    "M003": "period_missing",
    "M004": "signature_late",
    "M005": "signature_early",
    "M006": "signature_missing",
    "M007": "fee_statement",
    "M008": "body_years",
    "M011": "page_date_late",
    "M012": "signed_after_published",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)


@hookimpl
def govlint_default_config():
    return default_config()
