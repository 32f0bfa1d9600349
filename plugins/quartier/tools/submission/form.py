"""The issue form: its labels, the answers GitHub writes into the issue body, typed text cleaned.

The labels are the contract with `.github/ISSUE_TEMPLATE/termin.yml` (the tests compare both):
GitHub writes each answer under a `### <label>` heading, so a label renamed on one side only
would lose that answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quartier.contract.characters import remove_invisible

from ..markdown_text import escape_markdown

TITLE = "Titel"
START = "Beginn"
END = "Ende"
REPEAT = "Wiederholung"
UNTIL = "Wiederholung bis"
PLACE = "Ort"
ORGANIZER = "Veranstalter"
CATEGORIES = "Kategorien"
AUDIENCES = "Zielgruppen"
DISTRICTS = "Stadtteile"
SUMMARY = "Kurzbeschreibung"
DESCRIPTION = "Beschreibung"
COST = "Kosten"
REGISTRATION = "Anmeldung"
REGISTRATION_NOTE = "Hinweis zur Anmeldung"
LANGUAGES = "Sprachen"
WHEELCHAIR = "Rollstuhlgerecht"
ACCESS_NOTE = "Hinweis zur Barrierefreiheit"
CONTACT = "Kontakt"
CONSENT = "Einverständnis"

#: The form's fields in the order GitHub writes them into the issue body.
LABELS = (TITLE, START, END, REPEAT, UNTIL, PLACE, ORGANIZER, CATEGORIES, AUDIENCES, DISTRICTS,
          SUMMARY, DESCRIPTION, COST, REGISTRATION, REGISTRATION_NOTE, LANGUAGES, WHEELCHAIR,
          ACCESS_NOTE, CONTACT, CONSENT)

ONE_OFF = "Einmaliger Termin"
#: Dropdown option -> how `repeat` is built from it (see `record._repeat`).
REPEAT_OPTIONS = {
    ONE_OFF: None,
    "Jede Woche": "weekly",
    "Alle zwei Wochen": "biweekly",
    "Jeden Monat am selben Wochentag (z. B. jeden 2. Mittwoch)": "monthly-weekday",
    "Jeden Monat am selben Datum (z. B. jeden 15.)": "monthly-day",
    "Jedes Jahr": "yearly",
}
REGISTRATION_OPTIONS = {"Keine Anmeldung nötig": False, "Anmeldung erforderlich": True}
WHEELCHAIR_OPTIONS = {"Ja": "yes", "Teilweise": "partial", "Nein": "no",
                      "Weiß ich nicht": "unknown"}

NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Message:
    """Something the submitter has to fix (or, as a warning, may want to check)."""

    label: str
    text: str

    def markdown(self) -> str:
        return f"- **{self.label}:** {escape_markdown(self.text)}"


class FormError(ValueError):
    """An answer that cannot be read; the message is German and names no YAML."""


def read_form(body: str) -> dict[str, str | None]:
    """The answer for every label of the form (None when empty or missing).

    Searching from the end finds each heading at its last possible place, so a `### Ende`
    that someone typed inside their description cannot cut the description short: the real
    heading of a later field always follows every text typed into an earlier one.
    """
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    answers: dict[str, str | None] = dict.fromkeys(LABELS)
    end = len(text)
    for label in reversed(LABELS):
        heading = re.compile(rf"^###[ \t]+{re.escape(label)}[ \t]*$", re.MULTILINE)
        matches = [m for m in heading.finditer(text, 0, end)]
        if not matches:
            continue
        match = matches[-1]
        # Every answer is cleaned alike, before anything reads it; each field then makes
        # its answer one line where the file needs one.
        value = clean(text[match.end():end], multiline=True)
        # Only invisible characters count as no answer too.
        answers[label] = None if value == NO_RESPONSE or not value else value
        end = match.start()
    return answers


def clean(text: str, *, multiline: bool = False) -> str:
    """Drop what the data files refuse (controls, tabs, odd line breaks, the invisible
    characters of `contract.characters`); trim spaces.

    The joiners Persian and emoji need stay, as they do in a file.
    """
    text = text.replace("\t", "    ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = remove_invisible(text)
    # Controls and the two non-characters YAML cannot hold.
    text = "".join(c for c in text if c == "\n" or (
        unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff"))
    if not multiline:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()
