"""``python -m diplorel``: the command-line tool."""

import sys

from diplorel.cli import main

if __name__ == "__main__":
    sys.exit(main())
