"""govlint: a linter for Chinese government information-disclosure annual
reports (政府信息公开工作年度报告).

The public API for rule and plugin authors is re-exported here:
:class:`Rule`, :data:`hookimpl`, :class:`Severity`, :class:`Finding`,
:class:`Document` and :class:`Report` (the document a rule's ``check``
receives).  The package's folders follow the pipeline: ``read`` (bytes to
blocks), ``recognise`` (outline, tables, claims), ``run`` (engine,
configuration, plugins — :mod:`govlint.run.engine` runs the linter from
Python), ``repository`` (reports against each other) and ``output``;
beside them, the standalone utilities the model may use: ``data`` (the
data files and their parsed forms' cache), ``regexes`` (govlint's own
patterns, their compiled forms cached) and ``atomic`` (writing files).
Importing ``govlint`` costs nothing until a name of the API is used.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .findings import Finding
    from .hookspecs import hookimpl
    from .model import Document, Severity
    from .recognise.report import Report
    from .rule import Rule

#: the public API: each name and the module it comes from, imported on
#: first use, so that ``import govlint`` (and with it every submodule's
#: import) costs nothing until a name is asked for — the command line
#: (:mod:`govlint.__main__`) decides how the garbage collector runs before
#: the model is imported
_EXPORTS = {"Finding": "findings", "hookimpl": "hookspecs", "Document": "model", "Severity": "model",
            "Report": "recognise.report", "Rule": "rule"}


def __getattr__(name: str) -> Any:
    """A name of the public API (:data:`_EXPORTS`), or ``__version__``,
    looked up in the installed metadata on first use (a few milliseconds
    that ``import govlint`` need not pay)."""
    if name in _EXPORTS:
        from importlib import import_module

        found = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("govlint")
        except PackageNotFoundError:  # running from a source tree that is not installed
            found = "0+unknown"
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = ["Document", "Finding", "Report", "Rule", "Severity", "__version__", "hookimpl"]
