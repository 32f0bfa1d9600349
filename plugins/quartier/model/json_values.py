"""Small helpers for the machine-readable outputs (JSON-LD, the JSON/CSV and HSDS exports)."""

from __future__ import annotations

from datetime import time


def compact(values: dict) -> dict:
    """The dict without keys whose value is None or empty (False and 0 stay)."""
    return {k: v for k, v in values.items() if v is not None and v not in ("", [], {})}


def clock(value: time) -> str:
    """A time of day as `18:00`, the contract's spelling."""
    return value.strftime("%H:%M")
