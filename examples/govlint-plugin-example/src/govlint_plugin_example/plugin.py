"""The plugin module the ``govlint`` entry point names: it implements the
hooks of ``govlint.hookspecs``."""

from govlint import hookimpl


@hookimpl
def govlint_rules():
    from .rectification import LastYearRectification

    return [LastYearRectification]


@hookimpl
def govlint_default_config():
    # Reports of earlier years are not held to the local requirement.
    # A user overrides it in their configuration:  rectification-since = 2022
    return {"rectification-since": 2021}
