"""`python -m quartier submission`: the command the workflow „Termin aus Formular“ runs.

Exit status 0: the form is valid and the file written; 1: not valid, the comment says why;
2: the settings cannot be used. The
workflow reads the step outputs (`--github-output`) and the texts in `--out` to open the pull
request and answer in the issue; anything else is a real error and fails the workflow.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quartier.settings import SettingsError, settings_from_file

from . import submit
from .comment import comment, pull_request_body, pull_request_title


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quartier submission",
        description="Macht aus einem ausgefüllten Termin-Formular (Text eines GitHub-Issues) "
                    "eine Termin-Datei unter data/dates/ oder sagt, was fehlt.")
    parser.add_argument("body", type=Path, help="Datei mit dem Text des Issues")
    parser.add_argument("--data", type=Path, help="Datenordner (Standard: aus pelicanconf.py)")
    parser.add_argument("--config", type=Path, default=Path("pelicanconf.py"),
                        help="Einstellungsdatei (Standard: pelicanconf.py)")
    parser.add_argument("--issue", type=int, help="Nummer des Issues (für Kommentar und Datei)")
    parser.add_argument("--out", type=Path, help="Ordner für kommentar.md, pr-titel.txt und "
                        "pr-text.md")
    parser.add_argument("--repo-url", help="Adresse des Repositorys, für Links im Pull Request")
    parser.add_argument("--github-output", type=Path,
                        help="Datei für Schritt-Ausgaben (in GitHub Actions: $GITHUB_OUTPUT)")
    args = parser.parse_args(argv)
    try:
        settings = settings_from_file(args.config).with_today()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    body = args.body.read_text(encoding="utf-8", errors="replace")
    result = submit(body, args.data or settings.data_path, today=settings.today,
                    settings=settings, issue=args.issue)
    text = comment(result)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "kommentar.md").write_text(text, encoding="utf-8")
        if result.ok:
            (args.out / "pr-titel.txt").write_text(pull_request_title(result), encoding="utf-8")
            body_text = pull_request_body(result, args.issue, args.repo_url)
            (args.out / "pr-text.md").write_text(body_text, encoding="utf-8")
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as out:
            out.write(f"gueltig={'true' if result.ok else 'false'}\n")
            if result.ok:
                out.write(f"kennung={result.record_id}\ndatei={result.display_path}\n")
    if result.ok:
        print(f"Geschrieben: {result.display_path}")
    else:
        print("Nicht in Ordnung:", *(f"{m.label}: {m.text}" for m in result.messages),
              sep="\n", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
