"""Progress of a long build, for a person watching a terminal.

A site of thousands of records takes seconds to build; saying which phase runs
and how much it writes shows that it is working. Logs in CI and tests stay
quiet: this only speaks when standard error is a terminal.
"""

from __future__ import annotations

import sys
import time

_STARTED = time.monotonic()


def phase(message: str) -> None:
    if sys.stderr.isatty():
        print(f"[{time.monotonic() - _STARTED:5.1f} s] {message}", file=sys.stderr, flush=True)
