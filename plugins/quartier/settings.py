"""Settings shared by the validator command and the Pelican plugins.

One place holds them: `pelicanconf.py`, as `QUARTIER_*` names (Pelican's
convention for plugin settings) plus Pelican's own `TIMEZONE`. The validator
reads the same file, so `invoke validate` and the build judge data alike.
"""

from __future__ import annotations

import os
import runpy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from quartier.contract.loader import DEFAULT_MAX_BYTES
from quartier.contract.validate import Result, validate


@dataclass(frozen=True)
class Settings:
    data_path: str = "data"
    timezone: str = "Europe/Berlin"
    stale_after_days: int = 365
    max_file_bytes: int = DEFAULT_MAX_BYTES
    window_days: int = 365  # how far ahead open-ended series are expanded
    holiday_state: str = "SN"  # German state whose public holidays `skip_holidays` skips

    @classmethod
    def from_pelican(cls, settings: dict) -> Settings:
        """From a Pelican settings dict (or the globals of pelicanconf.py)."""
        return cls(
            data_path=settings.get("QUARTIER_DATA_PATH", cls.data_path),
            timezone=settings.get("TIMEZONE", cls.timezone),
            stale_after_days=settings.get("QUARTIER_STALE_AFTER_DAYS", cls.stale_after_days),
            max_file_bytes=settings.get("QUARTIER_MAX_FILE_BYTES", cls.max_file_bytes),
            window_days=settings.get("QUARTIER_WINDOW_DAYS", cls.window_days),
            holiday_state=settings.get("QUARTIER_HOLIDAY_STATE", cls.holiday_state),
        )

    def validate(self, data_dir: Path | None = None, on: date | None = None) -> Result:
        """Validate the data folder with these settings, as of `on` (default: the build date)."""
        return validate(Path(data_dir or self.data_path), today=on or today(self.timezone),
                        stale_after_days=self.stale_after_days,
                        max_file_bytes=self.max_file_bytes, timezone=self.timezone,
                        window_days=self.window_days)

    @classmethod
    def from_file(cls, config_file: Path | None) -> Settings:
        """From pelicanconf.py if it exists; defaults otherwise."""
        if config_file is None or not config_file.exists():
            return cls()
        return cls.from_pelican(runpy.run_path(str(config_file)))


def build_time(timezone: str) -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set: what "upcoming", "expired" and "stale" mean.

    Honouring SOURCE_DATE_EPOCH makes builds reproducible and lets tests fix the date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    zone = ZoneInfo(timezone)
    if epoch:
        return datetime.fromtimestamp(int(epoch), zone)
    return datetime.now(zone)


def today(timezone: str) -> date:
    return build_time(timezone).date()
