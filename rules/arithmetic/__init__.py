"""Arithmetic rules (A): the identities (勾稽关系) of tables 二, 三 and 四.

Each rule evaluates one identity of ``govlint/data/identities.toml`` with
:mod:`govlint.recognise.identities`; A000 reports the identities that cannot be
checked; A014 names the one cell that explains a failing row and column
(:mod:`govlint.recognise.blame`).  DOMAIN.md §3.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES: dict[str, str] = {
    "A000": "identity_uncheckable",
    "A001": "t3_balance",
    "A002": "t3_results_total",
    "A003": "t3_row_total",
    "A004": "t4_totals",
    "A005": "t2_in_force",
    "A006": "t2_published_total",
    "A007": "t2_items_balance",
    "A008": "t2_fee_unit",
    "A009": "t2_regulations_organ",
    "A014": "t3_cell_blame",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
