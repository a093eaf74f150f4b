"""Documentation shipped with the package, for users who have only the
installed govlint (no source checkout):

* ``DOMAIN.md`` — the domain notes the rules' References cite (``DOMAIN.md
  §3 T3.1``): the legal basis, both national templates, the identities,
  the claims and the common errors;
* the canonical keys of the template tables (``govlint keys``; the file
  is ``keys.md`` of :mod:`govlint.recognise.templates`, next to the code
  that defines them);
* JSON Schemas of the configuration (``govlint.schema.json``: the
  ``govlint.toml`` top level and ``[tool.govlint]``) and of declarative
  rules files (``govlint-rules.schema.json``), for editors that validate
  TOML (``govlint schema config|rules`` prints them).

:func:`path` gives a document's installed path, :func:`text` its text.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: name → (package, file) of each shipped document
DOCUMENTS = {
    "domain": ("govlint.docs", "DOMAIN.md"),
    "keys": ("govlint.recognise.templates", "keys.md"),
    "config-schema": ("govlint.docs", "govlint.schema.json"),
    "rules-schema": ("govlint.docs", "govlint-rules.schema.json"),
}


def path(name: str) -> Path:
    """The installed file of document ``name`` (a key of :data:`DOCUMENTS`)."""
    package, file = DOCUMENTS[name]
    return Path(str(resources.files(package).joinpath(file)))


def text(name: str) -> str:
    """The text of document ``name``."""
    package, file = DOCUMENTS[name]
    return resources.files(package).joinpath(file).read_text("utf-8")
