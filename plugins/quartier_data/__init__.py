"""Pelican glue: check the settings and the data folder when Pelican starts, and hand both on.

A build with a wrong setting or data errors stops before anything is written, naming every
problem as the validator does, so a broken pull request never produces a site. Pelican copies
its settings into the context every generator and template sees, so what is stored here
reaches them all:
- `QUARTIER`: the checked settings (`quartier.settings.Settings`) with the build date fixed
  (`QUARTIER.today`), the one object the other plugins and the templates read;
- `DATASET`: the validated records (`quartier.contract.records.DataSet`).

It also keeps Pelican's own English log lines („WARNING Feeds generated without SITEURL…“,
„Done: Processed …“) out of the editor's terminal and the pull request's log: only errors
are shown, with a German lead-in (`quiet_pelican`).
"""

from __future__ import annotations

import logging
import sys

from pelican import log as pelican_log
from pelican import signals

from quartier.buildkit.progress import count, phase
from quartier.contract.characters import visible
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
    phase("Daten geprüft: " + ", ".join(f"{count(n)} {label}"
                                        for label, n in result.counts.items()))


class _Errors(logging.Handler):
    """Pelican's errors, one line each, in German words around Pelican's English; and the
    German warnings of our own plugins (loggers `quartier_*`), which editors should read."""

    # What Pelican's `--fatal errors` says after it has logged the error itself.
    _REPEAT = "Warning or error encountered"

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        message = visible(record.getMessage())
        if record.name.startswith("quartier") and record.levelno < logging.ERROR:
            print(f"Warnung: {message}", file=sys.stderr)
        elif record.levelno >= logging.ERROR and self._REPEAT not in message:
            print(f"Fehler beim Bauen der Website (Pelican): {message}", file=sys.stderr)


def quiet_pelican() -> None:
    """Only errors from Pelican's logging, and none of its console lines.

    Pelican logs through a handler on the root logger and prints its summary on its own
    console; both are set up before the plugins are registered, so this replaces them here.
    """
    pelican_log.console.quiet = True  # "Done: Processed …" and the progress spinner
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_Errors())


def register() -> None:
    quiet_pelican()
    signals.initialized.connect(load_data)
