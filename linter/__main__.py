"""``python -m govlint``: the command line (see :mod:`govlint.cli`)."""

from .cli import run

if __name__ == "__main__":
    run()
