"""Arithmetic rules (A): the identities (勾稽关系) of tables 二, 三 and 四.

DOMAIN.md §3.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES: dict[str, str] = {}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
