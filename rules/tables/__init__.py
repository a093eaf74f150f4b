"""Table rules (T): tables 二, 三 and 四 present, of the right template, well formed.

DOMAIN.md §2.3–2.8, §3 T0, §5 E5/E6/E8/E9/E16.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect


@hookimpl
def govlint_rules():
    return collect(__name__)
