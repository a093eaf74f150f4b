"""The ``govlint`` command (the console script and ``python -m govlint``):
the garbage collector stays off while the command line and the modules
it needs are imported — what they create lives as long as the process,
and collecting it over and over took ~4 ms of a one-report run — then
:func:`govlint.cli.run`, which puts those objects out of the collector's
way and turns it back on (at batch thresholds).  Only the command imports
this module."""

import gc

gc.disable()

from .cli import run  # noqa: E402  (after the collector is off)

if __name__ == "__main__":
    run()
