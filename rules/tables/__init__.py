"""Table rules (T): tables 二, 三 and 四 present, of the right template, well formed.

DOMAIN.md §2.3–2.8, §3 T0, §5 E5/E6/E8/E9/E16.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES: dict[str, str] = {
    "T001": "table_missing",
    "T002": "template_year_mismatch",
    "T003": "row_cell_count",
    "T004": "template_row_missing",
    "T005": "unknown_row",
    "T006": "blank_cell",
    "T007": "invalid_value",
    "T008": "row_label_typo",
    "T009": "old_template_label",
    "T010": "table_unreadable",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
