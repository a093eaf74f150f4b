"""Structure rules (S): the six sections, their headings and numbering,
and whether section 五 says what the format asks of it (S008, S009; data in
``structure.toml``, the minimum length also configuration,
``thin-section-min-chars``, contributed as this plugin's default).

DOMAIN.md §2.2 (section headings), §5 E5/E7/E11, §6.5.
"""

from govlint.hookspecs import hookimpl
from govlint.rules import collect

from .content import MIN_CHARS, data


@hookimpl
def govlint_rules():
    return collect(__name__)


@hookimpl
def govlint_default_config():
    return {MIN_CHARS: data()["thin-section"]["min-chars"]}
