"""What people read: the German comment in the issue, the pull request's title and text.

The comment is all the submitter sees of what happened, so it says in the form's words what to
change, or shows the file that was made; the pull request tells the editors what to check before
the date goes online.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Submission

COMMENT_MARKER = "<!-- quartier:termin-formular -->"


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def comment(submission: Submission) -> str:
    """The German answer to the submitter, as a Markdown issue comment."""
    lines = [COMMENT_MARKER]
    if not submission.ok:
        lines += ["### Der Termin kann so noch nicht eingetragen werden", "",
                  "Danke für Ihren Termin! Bitte ändern Sie im Formular noch Folgendes:", ""]
        lines += [m.markdown() for m in submission.messages]
        lines += ["", "**So geht's:** Oben rechts an diesem Issue auf „···“ und dann auf "
                  "„Edit“ (Bearbeiten) klicken, die Angaben unter den genannten Überschriften "
                  "ändern und speichern. Danach wird der Termin automatisch noch einmal geprüft.",
                  "", "Fragen? Schreiben Sie einfach einen Kommentar, die Redaktion hilft "
                  "gern weiter."]
        return "\n".join(lines) + "\n"
    fence = _fence(submission.text or "")
    lines += ["### Danke! Der Termin ist eingereicht", "",
              f"Aus Ihren Angaben ist die Datei `{submission.display_path}` entstanden. Die "
              "Redaktion sieht sie sich an und veröffentlicht den Termin; dieses Issue wird "
              "dann automatisch geschlossen.", "",
              "Etwas ändern? Einfach dieses Issue bearbeiten („···“ → „Edit“) – die Datei wird "
              "dann neu erzeugt."]
    if submission.messages:
        lines += ["", "Bitte noch einmal prüfen:", ""]
        lines += [m.markdown() for m in submission.messages]
    lines += ["", "<details><summary>Die erzeugte Datei ansehen</summary>", "",
              f"{fence}yaml", (submission.text or "").rstrip("\n"), fence, "", "</details>"]
    return "\n".join(lines) + "\n"


def pull_request_title(submission: Submission) -> str:
    title = f"Termin: {submission.title or submission.record_id}"
    return title if len(title) <= 100 else title[:99] + "…"


def pull_request_body(submission: Submission, issue: int | None,
                      repo_url: str | None = None) -> str:
    """Text of the pull request: where it came from, what to check before merging."""
    source = f"dem Termin-Formular in #{int(issue)}" if issue is not None else "dem Termin-Formular"
    lines = [f"Neuer Termin aus {source}: `{submission.display_path}`.", ""]
    if issue is not None:
        lines += [f"Closes #{int(issue)}", ""]
    if submission.messages:
        lines += ["**Hinweise der Prüfung:**", ""] + [m.markdown() for m in submission.messages]
        lines.append("")
    if submission.other_errors:
        lines += [f"⚠️ Andere Dateien im Datenordner haben gerade {submission.other_errors} "
                  "Fehler; sie stammen nicht aus diesem Formular.", ""]
    lines += ["**Vor dem Zusammenführen prüfen:**", "",
              "- [ ] Der Termin ist echt und die Angaben stimmen mit der Quelle überein "
              "(Datum, Uhrzeit, Ort).",
              "- [ ] Kurzbeschreibung und Beschreibung sind sachlich, ohne Werbung und ohne "
              "Namen von Personen, die nicht zugestimmt haben.",
              "- [ ] Veranstalter, Kategorien und Stadtteile passen.",
              "- [ ] Die Pull-Request-Prüfung ist grün.", ""]
    guide = "docs/pruefen-und-freigeben.md"
    lines.append(f"Anleitung: [Prüfen und freigeben]({repo_url.rstrip('/')}/blob/HEAD/{guide})"
                 if repo_url else f"Anleitung: `{guide}`")
    return "\n".join(lines) + "\n"
