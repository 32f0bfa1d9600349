"""`python -m quartier validate …` — the same as the `quartier-validate` command."""

import sys

from quartier.tools.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["validate"]:
        args = args[1:]
    sys.exit(main(args))
