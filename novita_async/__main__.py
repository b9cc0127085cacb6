"""`python -m novita_async ...` runs the `novita-async` command."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
