"""`python -m quartier <command> …`: the commands CI and editors call, without invoke.

- `validate` (the default): the same as the `quartier-validate` command;
- `changes`: the German summary of the records a pull request changes;
- `submission`: a date form (a GitHub issue) turned into a date file.

One entry point, so the CI configurations do not name modules, which may move.
"""

import sys
from importlib import import_module

COMMANDS = {"validate": "quartier.tools.cli", "changes": "quartier.tools.changes",
            "submission": "quartier.tools.submission.__main__"}

if __name__ == "__main__":
    args = sys.argv[1:]
    command = args.pop(0) if args[:1] and args[0] in COMMANDS else "validate"
    sys.exit(import_module(COMMANDS[command]).main(args))
