"""`quartier-validate`: check the data folder and report every problem at once.

A plain command so that any CI (GitHub, GitLab, Forgejo, a pre-commit hook)
can call it without invoke. Exit status: 0 when there is no error (warnings
are shown but pass unless --strict), 1 when there are problems that fail,
2 for a wrong call or settings that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quartier.contract.problems import FORMATTERS, counted
from quartier.contract.validate import validate
from quartier.settings import SettingsError, settings_from_file
from quartier.tools.git_files import added_files, changed_files


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quartier-validate",
        description="Prüft die Daten unter data/ und meldet alle Probleme mit Datei, Zeile "
        "und Feld.",
    )
    parser.add_argument("--data", type=Path, help="Datenordner (Standard: aus pelicanconf.py, "
                        "sonst data)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                        help="Ausgabe: text (Standard), github (Anmerkungen in Pull Requests) "
                        "oder json")
    parser.add_argument("--strict", action="store_true",
                        help="auch Warnungen (z. B. lange nicht geprüfte Einträge) gelten "
                        "als Fehler")
    parser.add_argument("--config", type=Path, default=Path("pelicanconf.py"),
                        help="Einstellungsdatei (Standard: pelicanconf.py)")
    parser.add_argument("--base", help="Git-Stand, gegen den Dateien als neu gelten (für die "
                        "Warnung zu neuen Terminen in der Vergangenheit); Standard: im Pull "
                        "Request der Zielzweig, sonst HEAD")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = settings_from_file(args.config).with_today()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    data_dir = args.data or settings.data_path
    result = validate(data_dir, today=settings.today, **settings.validation_options(),
                      new_files=added_files(data_dir, args.base))
    problems = result.problems
    if args.format == "github":  # the changed files' problems first: they get annotations
        changed = changed_files(data_dir, args.base) or frozenset()
        problems = sorted(problems, key=lambda p: p.path not in changed)
    if problems:
        print(FORMATTERS[args.format](problems))
    elif args.format == "json":
        print("[]")
    read = ", ".join(f"{n} {label}" for label, n in result.counts.items())
    errors, warnings = len(result.errors), len(result.warnings)
    failed = errors > 0 or (args.strict and warnings > 0)
    summary = (counted(errors, "Fehler", "Fehler") + ", "
               + counted(warnings, "Warnung", "Warnungen"))
    if failed:
        print(f"Nicht in Ordnung: {summary}. Geprüft: {read}.", file=sys.stderr)
    else:
        print(f"In Ordnung ({summary}). Geprüft: {read}.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
