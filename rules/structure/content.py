"""What the rules on a section's content share: their data file
(``structure.toml``, read for the plugin's default configuration too) and a
section's body as compact text."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from govlint.data import read_toml
from govlint.model import Section, Table
from govlint.normalize import compact

#: the configuration key of S008: the fewest characters a 五 should have
MIN_CHARS = "thin-section-min-chars"


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return read_toml(__package__, "structure.toml")


def body(section: Section) -> str:
    """The section's prose under its heading, compact (no spaces), paragraphs
    joined; tables are not its prose and are left out."""
    return "".join(compact(b.text) for b in section.blocks if not isinstance(b, Table))
