"""Structure rules (S): the six sections, their headings and numbering.

DOMAIN.md §2.2 (section headings), §5 E5/E7/E11, §6.5.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

RULES = {
    "S001": "section_missing",
    "S002": "section_order",
    "S003": "heading_numbering",
    "S004": "heading_wording",
    "S005": "heading_typo",
    "S006": "subitem_numbering",
    "S007": "section_empty",
}


@hookimpl
def govlint_rules():
    return collect(__name__, RULES)
