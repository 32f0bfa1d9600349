"""Pelican glue: check the settings and the data folder when Pelican starts, and hand both on.

A build with a wrong setting or data errors stops before anything is written, naming every
problem as the validator does, so a broken pull request never produces a site. Pelican copies
its settings into the context every generator and template sees, so what is stored here
reaches them all:
- `QUARTIER`: the checked settings (`quartier.settings.Settings`) with the build date fixed
  (`QUARTIER.today`), the one object the other plugins and the templates read;
- `DATASET`: the validated records (`quartier.contract.records.DataSet`).
"""

from __future__ import annotations

import sys

from pelican import signals

from quartier.buildkit.progress import phase
from quartier.contract.problems import format_text
from quartier.contract.validate import validate
from quartier.settings import SettingsError, settings_from


class DataError(SystemExit):
    """Stops the build; Python prints the message and exits with status 1.

    A SystemExit, not an Exception: Pelican logs exceptions with a traceback,
    and a data error is the editors' mistake to fix, not a crash to debug.
    """


def load_data(pelican) -> None:
    try:
        settings = settings_from(pelican.settings)
    except SettingsError as error:
        raise DataError(str(error)) from None
    # One "today" for the whole build, even one that runs across midnight.
    pelican.settings["QUARTIER"] = settings = settings.with_today()
    result = validate(settings.data_path, today=settings.today,
                      **settings.validation_options())
    if result.problems:
        # Printed as the validator prints them, not through Pelican's logger, which
        # re-wraps lines and would break the `file:line:col` form editors and tools read.
        print(format_text(result.problems), file=sys.stderr)
    if result.dataset is None:
        raise DataError(f"Die Daten enthalten {len(result.errors)} Fehler; es wurde nichts "
                        "gebaut. Die Meldungen stehen oben.")
    pelican.settings["DATASET"] = result.dataset
    phase("Daten geprüft: " + ", ".join(f"{n} {label}" for label, n in result.counts.items()))


def register() -> None:
    signals.initialized.connect(load_data)
