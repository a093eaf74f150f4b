"""The metadata rules' data file (``metadata.toml``) and the configuration
the plugin contributes from it: all that loading the plugin imports (the
rules' shared code, :mod:`govlint.rules.metadata.data`, is imported when a
rule runs)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from govlint.data import read_toml

DEADLINE_KEY = "publication-deadline"


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return read_toml(__package__, "metadata.toml")


def default_config() -> dict[str, Any]:
    """The configuration the metadata plugin contributes (its defaults)."""
    return {DEADLINE_KEY: dict(data()[DEADLINE_KEY])}
