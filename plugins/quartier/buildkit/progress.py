"""Progress of a long build, for a person watching a terminal, and its one summary line.

A site of thousands of records takes seconds to build; saying which phase runs
and how much it writes shows that it is working. Logs in CI and tests stay
quiet: the phases only speak when standard error is a terminal. The summary line
(`summary`) is printed always, so every log ends with what the build did.
"""

from __future__ import annotations

import sys
import time

from babel.numbers import format_decimal

_STARTED = time.monotonic()


def phase(message: str) -> None:
    if sys.stderr.isatty():
        print(f"[{time.monotonic() - _STARTED:5.1f} s] {message}", file=sys.stderr, flush=True)


def count(n: int) -> str:
    """A number as German readers write it: „13.031“."""
    return format_decimal(n, locale="de_DE")


def summary(written: int, kept: int, seconds: float) -> str:
    """„Fertig: 13.031 Dateien geschrieben, 0 übernommen, 38,2 s“.

    Written: files the build produced anew; kept: files taken over unchanged from the
    last output (all of them when nothing changed).
    """
    return (f"Fertig: {count(written)} Dateien geschrieben, {count(kept)} übernommen, "
            f"{format_decimal(round(seconds, 1), format='#,##0.0', locale='de_DE')} s")
