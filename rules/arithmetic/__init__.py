"""Arithmetic rules (A): the identities (勾稽关系) of tables 二, 三 and 四.

Each rule evaluates one identity of ``govlint/data/identities.toml`` with
:mod:`govlint.recognise.identities`; A000 reports the identities that cannot be
checked; A014 names the one cell that explains a failing row and column
(:mod:`govlint.recognise.blame`).  DOMAIN.md §3.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect


@hookimpl
def govlint_rules():
    return collect(__name__)
