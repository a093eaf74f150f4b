"""The plugin hooks (pluggy).  Built-in rule groups and readers implement
them exactly as third-party plugins do, registered under the ``govlint``
entry-point group::

    # pyproject.toml of a plugin
    [project.entry-points.govlint]
    myrules = "my_package.plugin"

    # my_package/plugin.py
    from govlint import hookimpl

    @hookimpl
    def govlint_rules():
        from .no_placeholder import NoPlaceholder
        return [NoPlaceholder]
"""

from __future__ import annotations

import pluggy

PROJECT = "govlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govlint_rules() -> list:
    """Return the rule classes (subclasses of :class:`govlint.rule.Rule`)
    this plugin provides."""


@hookspec
def govlint_default_config() -> dict:
    """Return default configuration values this plugin contributes, e.g.
    ``{"deadline": {"street": "01-31"}}``.  Keys use the configuration's
    spelling (kebab-case); user configuration overrides them."""


@hookspec
def govlint_readers() -> list:
    """Return :class:`govlint.read.Reader` objects: each names the file
    extensions it reads and a function turning bytes into blocks."""
