"""Pelican glue: validate the data folder when Pelican starts, and hand the data set on.

A build with data errors stops before anything is written, naming every
problem as the validator does, so a broken pull request never produces a site.
The validated `DataSet` is stored in the settings as `QUARTIER_DATA`, and the
build date as `QUARTIER_TODAY`; Pelican copies settings into the context every
generator and template sees.
"""

from __future__ import annotations

import sys

from pelican import signals

from quartier.buildkit.progress import phase
from quartier.contract.problems import format_text
from quartier.model.languages import LanguageError, configured_languages
from quartier.settings import Settings, today


class DataError(SystemExit):
    """Stops the build; Python prints the message and exits with status 1.

    A SystemExit, not an Exception: Pelican logs exceptions with a traceback,
    and a data error is the editors' mistake to fix, not a crash to debug.
    """


def load_data(pelican) -> None:
    settings = Settings.from_pelican(pelican.settings)
    try:
        configured_languages(pelican.settings)
    except LanguageError as error:
        raise DataError(f"pelicanconf.py: {error}") from None
    # One "today" for the whole build, even one that runs across midnight.
    pelican.settings["QUARTIER_TODAY"] = day = today(settings.timezone)
    result = settings.validate(on=day)
    if result.problems:
        # Printed as the validator prints them, not through Pelican's logger, which
        # re-wraps lines and would break the `file:line:col` form editors and tools read.
        print(format_text(result.problems), file=sys.stderr)
    if result.dataset is None:
        raise DataError(f"Die Daten enthalten {len(result.errors)} Fehler; es wurde nichts "
                        "gebaut. Die Meldungen stehen oben.")
    pelican.settings["QUARTIER_DATA"] = result.dataset
    phase("Daten geprüft: " + ", ".join(f"{n} {label}" for label, n in result.counts.items()))


def register() -> None:
    signals.initialized.connect(load_data)
