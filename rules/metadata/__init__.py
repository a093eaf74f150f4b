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

from .defaults import default_config


@hookimpl
def govlint_rules():
    return collect(__name__)


@hookimpl
def govlint_default_config():
    return default_config()
