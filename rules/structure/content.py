"""What the rules on a section's content share: their data file
(``structure.toml``) and a section's body as compact text."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from govlint.model import Section, Table
from govlint.normalize import compact


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("structure.toml").read_text("utf-8"))


def body(section: Section) -> str:
    """The section's prose under its heading, compact (no spaces), paragraphs
    joined; tables are not its prose and are left out."""
    return "".join(compact(b.text) for b in section.blocks if not isinstance(b, Table))
