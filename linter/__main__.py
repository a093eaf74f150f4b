"""``python -m govlint``: the command line (see :mod:`govlint.cli`)."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="govlint")
