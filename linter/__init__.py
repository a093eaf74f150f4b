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
Importing ``govlint`` stays light (no click, no format libraries).
"""

from .findings import Finding
from .hookspecs import hookimpl
from .model import Document, Severity
from .recognise.report import Report
from .rule import Rule


def __getattr__(name: str) -> str:
    """``__version__``, looked up in the installed metadata on first use
    (a few milliseconds that ``import govlint`` need not pay)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("govlint")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


__all__ = ["Document", "Finding", "Report", "Rule", "Severity", "__version__", "hookimpl"]
