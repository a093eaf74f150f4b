"""govlint: a linter for Chinese government information-disclosure annual
reports (政府信息公开工作年度报告).

The public API for rule and plugin authors is re-exported here:
:class:`Rule`, :data:`hookimpl`, :class:`Severity`, :class:`Finding` and
:class:`Document`.  Running the linter from Python: :mod:`govlint.engine`;
plugins: :mod:`govlint.plugins`; configuration: :mod:`govlint.config`.
Importing ``govlint`` stays light (no click, no format libraries).
"""

from importlib.metadata import PackageNotFoundError, version

from .findings import Finding
from .hookspecs import hookimpl
from .model import Document, Severity
from .rule import Rule

try:
    __version__ = version("govlint")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["Document", "Finding", "Rule", "Severity", "__version__", "hookimpl"]
