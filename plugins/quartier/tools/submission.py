"""Turn a submitted date form (a GitHub issue) into a valid date file, or say what is missing.

Many people who announce dates in a district have never used Git. They fill in the issue form
`.github/ISSUE_TEMPLATE/termin.yml`; GitHub stores the answers as the issue's Markdown body, one
`### <label>` heading per field followed by the answer (`_No response_` when an optional field
was left empty). The workflow `.github/workflows/termin-formular.yml` hands that body to this
module, which

- reads the answers the way people write them („5.11.2026, 18 Uhr“, „kostenlos“, an actor's
  name instead of its id, „Deutsch, Arabisch“) and turns them into the data contract's fields;
- writes `data/dates/<id>.yaml` (id from the title plus the date, never overwriting a file);
- validates the whole data folder with the new file, exactly as the pull-request check will;
- answers in German, with the form's field names, what is missing or wrong, so the submitter
  can fix the issue without ever seeing YAML.

The issue body is untrusted input: it is only ever parsed here, never passed to a shell, and
every text ends up in the YAML file quoted (or as a literal block) and in comments escaped.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel import Locale

from quartier.contract import schema, weekdays
from quartier.contract.ids import ID_PATTERN, date_id, make_id
from quartier.contract.loader import load_file
from quartier.contract.problems import Problem, closest
from quartier.contract.validate import validate
from quartier.settings import Settings
from quartier.settings import today as build_today

from . import yaml_writer
from .markdown_text import escape_markdown

# --- The form ------------------------------------------------------------------------------
# The labels are the contract with .github/ISSUE_TEMPLATE/termin.yml (tests compare both).

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
#: Dropdown option -> how `repeat` is built from it (see `_repeat`).
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

#: Validator field (longest prefix wins) -> the form field it came from.
FIELD_LABELS = {
    "title": TITLE, "start": START, "end": END, "repeat": REPEAT, "repeat.until": UNTIL,
    "location": PLACE, "organizer": ORGANIZER, "categories": CATEGORIES,
    "audiences": AUDIENCES, "districts": DISTRICTS, "summary": SUMMARY,
    "description": DESCRIPTION, "cost": COST, "registration": REGISTRATION_NOTE,
    "registration.required": REGISTRATION, "languages": LANGUAGES,
    "accessibility.wheelchair": WHEELCHAIR, "accessibility": ACCESS_NOTE, "contact": CONTACT,
}

NO_RESPONSE = "_No response_"
COMMENT_MARKER = "<!-- quartier:termin-formular -->"
# Hints that speak about YAML files rather than the form are left out of comments.
_FILE_HINT = re.compile(r"Zeile|Anführungszeichen|[Ee]inrück|data/|\b(start|end|repeat|except|"
                        r"changes|description|location|street|place|city)\b")


@dataclass(frozen=True)
class Message:
    """Something the submitter has to fix (or, as a warning, may want to check)."""

    label: str
    text: str

    def markdown(self) -> str:
        return f"- **{self.label}:** {escape_markdown(self.text)}"


@dataclass
class Submission:
    """What became of one submitted form."""

    ok: bool
    messages: list[Message] = field(default_factory=list)  # errors (ok is False) or warnings
    record_id: str | None = None
    path: Path | None = None  # the written file (only when ok)
    display_path: str | None = None  # data/dates/<id>.yaml
    text: str | None = None  # the file's content
    title: str | None = None
    other_errors: int = 0  # errors in other files of the data folder (not the submitter's)


# --- Reading the issue body ----------------------------------------------------------------


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
        value = text[match.end():end].strip()
        # Only invisible characters count as no answer too.
        answers[label] = None if value == NO_RESPONSE or not _clean(value) else value
        end = match.start()
    return answers


def _clean(text: str, *, multiline: bool = False) -> str:
    """Drop characters the data files refuse (controls, tabs, odd line breaks); trim spaces."""
    text = text.replace("\t", "    ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Controls, invisible format characters (but the joiner inside emoji) and the two
    # non-characters YAML cannot hold.
    text = "".join(c for c in text if c == "\n" or c == "\u200d" or (
        unicodedata.category(c) not in ("Cc", "Cf", "Cs") and c not in "\ufffe\uffff"))
    if not multiline:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


# --- Dates and times as people write them --------------------------------------------------

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# „5.11.2026“, „5. 11. 2026“, „5.11.26“ or „5.11.“; a year after a space has four digits, so
# that „5.11. 18 Uhr“ is not the year 2018.
_GERMAN_DATE = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:(\d{4}|\d{2})|\s(\d{4}))?(?![\d:])")
_TIME = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(Uhr|h\b)?(?![\d.:])", re.IGNORECASE)
_TIME_SPAN = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr\s*)?(?:[-–—]|bis)\s*"
                        r"(\d{1,2})(?:[:.](\d{2}))?(?![\d.:])", re.IGNORECASE)
_WEEKDAYS = weekdays.CODES


class FormError(ValueError):
    """An answer that cannot be read; the message is German and names no YAML."""


def _date(text: str, today: date) -> tuple[date | None, str]:
    """The date in `text` and the rest of the text; a German date without year is the next."""
    match = _ISO_DATE.search(text)
    year_text = None
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _GERMAN_DATE.search(text)
        if not match:
            return None, text
        day, month = int(match.group(1)), int(match.group(2))
        year_text = match.group(3) or match.group(4)
        year = (int(year_text) + 2000 if len(year_text) == 2 else int(year_text)) if year_text \
            else today.year
    try:
        found = date(year, month, day)
    except ValueError:
        raise FormError(f"Das Datum „{match.group(0).strip()}“ gibt es nicht.") from None
    if match.re is _GERMAN_DATE and not year_text and found < today:
        try:
            found = found.replace(year=found.year + 1)
        except ValueError:  # 29 February without a year, asked after February of a leap year
            raise FormError(f"Den {match.group(0).strip()} gibt es im nächsten Jahr nicht; "
                            "bitte das Jahr dazuschreiben.") from None
    return found, text[:match.start()] + " " + text[match.end():]


def _clock(hour: str, minute: str | None, written: str) -> str:
    if int(hour) > 23 or (minute is not None and int(minute) > 59):
        raise FormError(f"Die Uhrzeit „{written.strip()}“ gibt es nicht.")
    return f"{int(hour):02d}:{minute or '00'}"


def _times(text: str) -> list[str]:
    """Times in `text` as HH:MM („18:00“, „18.30“, „18 Uhr“, „18–20 Uhr“); a bare „18“ alone."""
    span = _TIME_SPAN.search(text)
    if span:
        return [_clock(span.group(1), span.group(2), span.group(0)),
                _clock(span.group(3), span.group(4), span.group(0))]
    matches = list(_TIME.finditer(text))
    explicit = [m for m in matches if m.group(2) or m.group(3)]
    return [_clock(m.group(1), m.group(2), m.group(0)) for m in explicit or matches]


def _moment(text: str, today: date) -> tuple[date | None, list[str]]:
    day, rest = _date(text, today)
    return day, _times(rest)


# --- Looking up ids -------------------------------------------------------------------------


@dataclass
class Lookup:
    """The ids and names a form answer may name: actors, categories, audiences, districts."""

    actors: dict[str, str] = field(default_factory=dict)  # id -> name
    categories: dict[str, str] = field(default_factory=dict)
    audiences: dict[str, str] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)  # ids of the existing date files

    @classmethod
    def read(cls, data_dir: Path) -> Lookup:
        lookup = cls()
        for name in ("categories", "audiences", "districts"):
            value = _read_value(data_dir / f"{name}.yaml", name)
            table = getattr(lookup, name)
            for item in value if isinstance(value, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    table[item["id"]] = str(item.get("name") or item["id"])
        for file in sorted((data_dir / "actors").glob("*.yaml")):
            value = _read_value(file, "actor")
            name = value.get("name") if isinstance(value, dict) else None
            lookup.actors[file.stem] = str(name or file.stem)
        lookup.dates = {file.stem for file in (data_dir / "dates").glob("*.y*ml")}
        return lookup


def _read_value(file: Path, kind: str):
    if not file.is_file():
        return None
    root, _ = load_file(file, file.name)
    return None if root is None else schema.to_value(root, schema.shape(kind))


def _resolve(text: str, table: dict[str, str]) -> str | None:
    """The id that `text` names: the id itself, the name, or the name written as an id."""
    text = text.strip()
    if text in table:
        return text
    wanted = make_id(text)
    for record_id, name in table.items():
        if text.casefold() == name.casefold() or (wanted and wanted in (record_id,
                                                                          make_id(name))):
            return record_id
    return None


def _suggest(text: str, table: dict[str, str]) -> str:
    """„Meinten Sie …?“ with the closest names and ids, or nothing."""
    names = {name: record_id for record_id, name in table.items()}
    wanted = make_id(text)
    matches = closest(text, list(names)) + closest(wanted, list(table))
    if len(wanted) >= 4:  # „vereinshaus“ for „vereinshaus-leipziger-osten“
        matches += [record_id for record_id in sorted(table) if wanted in record_id]
    ids = list(dict.fromkeys(names.get(m, m) for m in matches))[:3]
    if not ids:
        return ""
    return " Meinten Sie " + " oder ".join(f"„{table[i]}“ ({i})" for i in ids) + "?"


def _choices(answer: str, table: dict[str, str], what: str) -> list[str]:
    """Ids from a dropdown answer („Beratung, Sport und Bewegung“); names may hold commas."""
    pieces = [p.strip() for p in re.split(r",|\n", answer) if p.strip()]
    ids: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            found = _resolve(", ".join(pieces[i:j]), table)
            if found:
                break
        else:
            raise FormError(f"„{pieces[i]}“ gibt es hier nicht als {what}."
                            + (_suggest(pieces[i], table) or " Möglich sind: "
                               + ", ".join(sorted(table.values())) + "."))
        if found not in ids:
            ids.append(found)
        i = j
    return ids


# --- From answers to a record ---------------------------------------------------------------

_URL = re.compile(r"https?://[^\s<>\"'\])]+", re.IGNORECASE)
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?\d[\d ()/-]{4,}\d")
_POSTCODE_CITY = re.compile(r"(?<!\d)(\d{5})\s+(\S.*)$")
_STREET = re.compile(r"\S.*\s\d+\s?[a-zA-Z]?(\s?[-–/]\s?\d+\s?[a-zA-Z]?)?$")
_FREE = {"free", "kostenlos", "kostenfrei", "gratis", "frei", "eintritt frei", "umsonst", "0",
         "0 €", "0€", "0,00 €", "keine", "nichts"}
_LANGUAGE_ALIASES = {"farsi": "fa", "dari": "fa", "persisch": "fa", "kurdisch": "ku",
                     "englisch": "en", "deutsch": "de", "ukrainisch": "uk"}


def _languages(answer: str) -> list[str]:
    names = {name.casefold(): code for code, name in Locale("de").languages.items()
             if len(code) == 2}
    codes = []
    for piece in re.split(r"[,;/\n]|\bund\b|\bsowie\b", answer):
        piece = piece.strip().rstrip(".")
        if not piece:
            continue
        key = piece.casefold()
        code = (key if re.fullmatch(r"[a-z]{2}", key) else
                _LANGUAGE_ALIASES.get(key) or names.get(key))
        if code is None:
            hint = closest(key, list(names), n=1)
            raise FormError(f"Die Sprache „{piece}“ ist unbekannt."
                            + (f" Meinten Sie „{hint[0].title()}“?" if hint else
                               " Bitte die Sprachen auf Deutsch nennen, z. B. „Deutsch, "
                               "Arabisch“."))
        if code not in codes:
            codes.append(code)
    return codes


def _location(answer: str, lookup: Lookup) -> dict:
    text = answer.strip()
    url = _URL.search(text)
    if url:
        return {"online": url.group(0).rstrip(".,;")}
    single = " ".join(text.split())
    actor = _resolve(single, lookup.actors)
    if actor:
        return {"at": actor}
    if ID_PATTERN.fullmatch(single):
        raise FormError(f"„{single}“ ist keine Kennung eines eingetragenen Akteurs."
                        + _suggest(single, lookup.actors)
                        + " Sonst bitte die Adresse angeben: Straße und Hausnummer, "
                          "Postleitzahl und Ort.")
    if re.search(r"\bonline\b|zoom|webex|jitsi|big ?blue ?button", text, re.IGNORECASE):
        raise FormError("Für einen Online-Termin bitte den vollständigen Link angeben "
                        "(https://…).")
    parts = [p.strip() for p in re.split(r"[\n,]", text) if p.strip()]
    address: dict[str, str] = {}
    rest = []
    for part in parts:
        match = _POSTCODE_CITY.search(part)
        if match and "city" not in address:
            address["postcode"], address["city"] = match.group(1), match.group(2).strip()
            before = part[:match.start()].strip()
            if before:
                rest.append(before)
        else:
            rest.append(part)
    if "city" not in address:
        if len(rest) < 2:
            raise FormError("Bitte die Adresse mit Postleitzahl und Ort angeben, z. B. "
                            "„Eisenbahnstraße 49, 04315 Leipzig“, oder die Kennung bzw. den "
                            "Namen eines eingetragenen Akteurs.")
        address["city"] = rest.pop()
    for part in list(rest):
        if "street" not in address and _STREET.fullmatch(part):
            address["street"] = part
            rest.remove(part)
    if rest:
        address["place"] = rest.pop(0)
    if rest:
        address["note"] = ", ".join(rest)
    if "street" not in address and "place" not in address:
        raise FormError("Bitte Straße und Hausnummer oder den Namen des Ortes angeben, z. B. "
                        "„Eisenbahnstraße 49, 04315 Leipzig“.")
    order = ("place", "street", "postcode", "city", "note")
    return {key: address[key] for key in order if key in address}


def _repeat(kind: str, start: date) -> dict:
    weekday = _WEEKDAYS[start.weekday()]
    if kind == "weekly":
        return {"freq": "weekly", "days": [weekday]}
    if kind == "biweekly":
        return {"freq": "weekly", "interval": 2, "days": [weekday]}
    if kind == "monthly-weekday":
        week = (start.day - 1) // 7 + 1
        return {"freq": "monthly", "days": [weekday], "week": -1 if week == 5 else week}
    if kind == "monthly-day":
        return {"freq": "monthly", "monthday": start.day}
    return {"freq": "yearly"}


class _Form:
    """Reads the answers field by field into `record`, collecting `problems` on the way."""

    def __init__(self, answers: dict[str, str | None], lookup: Lookup, today: date) -> None:
        self.answers = answers
        self.lookup = lookup
        self.today = today
        self.record: dict = {}
        self.problems: list[Message] = []
        self.start_day: date | None = None
        self.start_times: list[str] = []

    def problem(self, label: str, text: str) -> None:
        self.problems.append(Message(label, text))

    def attempt(self, label: str, read):
        """`read()`, or None with its FormError as the field's problem."""
        try:
            return read()
        except FormError as err:
            self.problem(label, str(err))
            return None

    def option(self, label: str, options: dict):
        """The value of a dropdown answer; the default if the answer is empty."""
        answer = (self.answers[label] or "").strip()
        if answer and answer not in options:
            self.problem(label, f"„{_clean(answer)}“ ist keine der Möglichkeiten im Formular.")
        return options.get(answer)

    def title(self) -> None:
        title = _clean(self.answers[TITLE] or "")
        if title:
            self.record["title"] = title
        else:
            self.problem(TITLE, "Bitte einen Titel angeben.")

    def start(self) -> None:
        answer = self.answers[START]
        if not answer:
            self.problem(START, "Bitte Datum und Uhrzeit des Beginns angeben, z. B. "
                         "05.11.2026 18:00.")
            return
        parsed = self.attempt(START, lambda: _moment(answer, self.today))
        if not parsed:
            return
        day, times = parsed
        if day is None:
            self.problem(START, f"„{_clean(answer)}“ enthält kein Datum. Bitte so schreiben: "
                         "05.11.2026 18:00 (ganztägig: nur das Datum).")
        elif len(times) > 2:
            self.problem(START, "Bitte nur eine Uhrzeit für den Beginn angeben (das Ende "
                         "gehört ins Feld „Ende“).")
        else:
            self.start_day, self.start_times = day, times
            self.record["start"] = f"{day.isoformat()} {times[0]}" if times else day.isoformat()

    def end(self) -> None:
        answer = self.answers[END]
        day = self.start_day
        if not answer:
            if len(self.start_times) == 2:  # „18–20 Uhr“ in the start field
                self.record["end"] = self.start_times[1]
            return
        parsed = self.attempt(END, lambda: _moment(answer, day or self.today))
        if not parsed or day is None:
            return
        end_day, end_times = parsed
        if end_day is None and not end_times:
            self.problem(END, f"„{_clean(answer)}“ ist weder eine Uhrzeit noch ein Datum. Bitte "
                         "so schreiben: 20:00 – oder bei mehrtägigen Terminen das Datum des "
                         "letzten Tages.")
        elif not self.start_times and end_times:
            self.problem(END, "Ein ganztägiger Termin hat keine Endzeit: beim Beginn auch die "
                         "Uhrzeit angeben oder das Ende leer lassen.")
        elif end_day is None or (end_day == day and end_times):
            self.record["end"] = end_times[0]
        else:
            self.record["end"] = end_day.isoformat() + (f" {end_times[0]}" if end_times else "")

    def repeat(self) -> None:
        """The series rule from the dropdown; a one-off date must not lie in the past."""
        kind = self.option(REPEAT, REPEAT_OPTIONS)
        day = self.start_day
        until = None
        answer = self.answers[UNTIL]
        if answer:
            parsed = self.attempt(UNTIL, lambda: _date(answer, day or self.today))
            if parsed and parsed[0] is None:
                self.problem(UNTIL, f"„{_clean(answer)}“ ist kein Datum. Bitte so schreiben: "
                             "31.12.2027.")
            elif parsed and kind is None:
                self.problem(UNTIL, "Ein Enddatum gibt es nur bei Terminen, die sich "
                             "wiederholen: bitte bei „Wiederholung“ auswählen, wie oft, oder "
                             "dieses Feld leeren.")
            elif parsed:
                until = parsed[0]
        if day is None:
            return
        if kind is None:
            if day < self.today:
                self.problem(START, f"Der {day:%d.%m.%Y} liegt in der Vergangenheit. Bitte das "
                             "Datum prüfen (mit Jahreszahl).")
            return
        rule = _repeat(kind, day)
        if until is not None:
            if until < day:
                self.problem(UNTIL, f"Das Enddatum {until:%d.%m.%Y} liegt vor dem Beginn "
                             f"({day:%d.%m.%Y}).")
            rule["until"] = until.isoformat()
        self.record["repeat"] = rule

    def organizer(self) -> None:
        if not self.answers[ORGANIZER]:
            return
        name = _clean(self.answers[ORGANIZER])
        organizer = _resolve(name, self.lookup.actors)
        if organizer:
            self.record["organizer"] = organizer
        else:
            self.problem(ORGANIZER, f"„{name}“ ist kein eingetragener Akteur."
                         + _suggest(name, self.lookup.actors)
                         + " Die Kennung steht am Ende der Adresse der Akteursseite "
                           "(…/akteure/kennung/). Ist der Veranstalter noch nicht eingetragen, "
                           "das Feld leer lassen und ihn in der Beschreibung nennen.")

    def choices(self) -> None:
        for label, key, what in ((CATEGORIES, "categories", "Kategorie"),
                                 (AUDIENCES, "audiences", "Zielgruppe"),
                                 (DISTRICTS, "districts", "Stadtteil")):
            answer = self.answers[label]
            if answer:
                table = getattr(self.lookup, key)
                ids = self.attempt(label, lambda a=answer, t=table, w=what: _choices(a, t, w))
                if ids:
                    self.record[key] = ids

    def texts(self) -> None:
        summary = _clean(self.answers[SUMMARY] or "")
        if len(summary) > 200:  # checked here too, so the Markdown check still runs
            self.problem(SUMMARY, f"Der Text ist {len(summary)} Zeichen lang, erlaubt sind "
                         "höchstens 200. Ausführliches gehört in die Beschreibung.")
        elif summary:
            self.record["summary"] = summary
        description = _clean(self.answers[DESCRIPTION] or "", multiline=True)
        if description:
            self.record["description"] = description

    def place(self) -> None:
        answer = self.answers[PLACE]
        if answer:
            location = self.attempt(PLACE, lambda: _location(answer, self.lookup))
            if location:
                self.record["location"] = location
        elif "organizer" not in self.record:
            self.problem(PLACE, "Bitte angeben, wo der Termin stattfindet: Adresse, Name eines "
                         "eingetragenen Akteurs oder Link (online).")

    def cost_and_registration(self) -> None:
        cost = _clean(self.answers[COST] or "")
        if cost:
            self.record["cost"] = "free" if cost.casefold().rstrip(".!") in _FREE else cost
        required = self.option(REGISTRATION, REGISTRATION_OPTIONS)
        note = _clean(self.answers[REGISTRATION_NOTE] or "")
        if not (note or required):
            return
        registration: dict = {"required": bool(required)}
        url = _URL.search(note)
        email = _EMAIL.search(note)
        if note and not (url and url.group(0) == note):
            registration["note"] = note
        if url:
            registration["url"] = url.group(0).rstrip(".,;")
        elif email:
            registration["url"] = f"mailto:{email.group(0)}"
        self.record["registration"] = registration

    def languages(self) -> None:
        answer = self.answers[LANGUAGES]
        if answer:
            codes = self.attempt(LANGUAGES, lambda: _languages(answer))
            if codes:
                self.record["languages"] = codes

    def accessibility(self) -> None:
        accessibility = {}
        wheelchair = self.option(WHEELCHAIR, WHEELCHAIR_OPTIONS)
        if wheelchair:
            accessibility["wheelchair"] = wheelchair
        if self.answers[ACCESS_NOTE]:
            accessibility["note"] = _clean(self.answers[ACCESS_NOTE])
        if accessibility:
            self.record["accessibility"] = accessibility

    def contact(self) -> None:
        if not self.answers[CONTACT]:
            return
        text = _clean(self.answers[CONTACT])
        email, url = _EMAIL.search(text), _URL.search(text)
        rest = text
        for match in (email, url):
            if match:
                rest = rest.replace(match.group(0), " ")
        phone = _PHONE.search(rest)
        contact = {}
        if phone:
            contact["phone"] = phone.group(0).strip()
        if email:
            contact["email"] = email.group(0)
        if url:
            contact["website"] = url.group(0).rstrip(".,;")
        if contact:
            self.record["contact"] = contact
        else:
            self.problem(CONTACT, "Bitte eine E-Mail-Adresse, eine Telefonnummer oder eine "
                         "Webadresse angeben.")

    def consent(self) -> None:
        if not re.search(r"^\s*-\s*\[[xX]\]", self.answers[CONSENT] or "", re.MULTILINE):
            self.problem(CONSENT, "Bitte bestätigen, dass der Termin veröffentlicht werden darf.")


def build_record(answers: dict[str, str | None], lookup: Lookup,
                 today: date) -> tuple[dict, list[Message]]:
    """The date record the answers describe, and what keeps them from being one.

    Problems come in the order of the form, so the comment reads top to bottom like it.
    """
    form = _Form(answers, lookup, today)
    for read in (form.title, form.start, form.end, form.repeat, form.organizer, form.choices,
                 form.texts, form.place, form.cost_and_registration, form.languages,
                 form.accessibility, form.contact, form.consent):
        read()
    form.problems.sort(key=lambda m: LABELS.index(m.label))
    return _ordered(form.record), form.problems


_ORDER = ("title", "start", "end", "organizer", "categories", "audiences", "districts",
          "summary", "description", "location", "cost", "registration", "languages",
          "accessibility", "contact", "repeat")


def _ordered(record: dict) -> dict:
    return {key: record[key] for key in _ORDER if key in record}


# --- Writing the file ---------------------------------------------------------------------

_SCHEMA_LINE = ("yaml-language-server: "
                "$schema=../../plugins/quartier/contract/schema/date.schema.json")


def to_yaml(record: dict, issue: int | None = None) -> str:
    """The date file's text: a schema line for editors, where it came from, then the fields.

    The description ends with a line break, as a literal block (`|`) written by hand does.
    """
    comments = [_SCHEMA_LINE]
    if issue is not None:
        comments.append(f"Eingereicht über das Termin-Formular (Issue #{int(issue)}).")
    if "description" in record:
        record = {**record, "description": record["description"] + "\n"}
    return yaml_writer.to_yaml(record, comments)


def new_id(record: dict, taken: set[str]) -> str:
    """`<title as id>-<date>`; if that file exists, -2, -3, … (never overwrite a record)."""
    return date_id(record.get("title", ""), record.get("start", ""), taken)


# --- The whole way: form -> file -> validation ------------------------------------------------


def _label_for(problem: Problem) -> str:
    name = re.sub(r"\[\d+\]", "", problem.field)
    best = ""
    for prefix in FIELD_LABELS:
        if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return FIELD_LABELS.get(best, "Eintrag")


def translate(problem: Problem) -> Message:
    """A validator problem in the form's words: its field's label, hints about YAML left out."""
    text = problem.message
    hint = problem.hint
    if hint.startswith("Meinten Sie"):
        hint = hint[: hint.index("?") + 1]
    if hint and not _FILE_HINT.search(hint):
        text += " " + hint
    return Message(_label_for(problem), text)


def submit(body: str, data_dir: Path, *, today: date, settings: Settings | None = None,
           issue: int | None = None) -> Submission:
    """Read the form, write data/dates/<id>.yaml, validate everything; remove the file if bad."""
    settings = settings or Settings()
    data_dir = Path(data_dir)
    answers = read_form(body)
    lookup = Lookup.read(data_dir)
    record, messages = build_record(answers, lookup, today)
    title = record.get("title")
    if messages:
        return Submission(False, messages, title=title)
    record_id = new_id(record, lookup.dates)
    path = data_dir / "dates" / f"{record_id}.yaml"
    text = to_yaml(record, issue)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite an existing record
        out.write(text)
    display = Path(os.path.relpath(path, data_dir.parent)).as_posix()
    result = validate(data_dir, today=today, stale_after_days=settings.stale_after_days,
                      max_file_bytes=settings.max_file_bytes, timezone=settings.timezone,
                      window_days=settings.window_days)
    own = [p for p in result.problems if p.path == display]
    errors = [translate(p) for p in own if p.is_error]
    others = sum(1 for p in result.problems if p.is_error and p.path != display)
    if errors:
        path.unlink()
        errors = sorted(dict.fromkeys(errors), key=_form_order)
        return Submission(False, errors, title=title, other_errors=others)
    warnings = sorted(dict.fromkeys(translate(p) for p in own if not p.is_error), key=_form_order)
    return Submission(True, warnings, record_id, path, display, text, title, others)


def _form_order(message: Message) -> int:
    return LABELS.index(message.label) if message.label in LABELS else len(LABELS)


# --- What people read: issue comment, pull request ---------------------------------------------


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quartier.submission",
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
    settings = Settings.from_file(args.config)
    data_dir = args.data or args.config.parent / settings.data_path
    body = args.body.read_text(encoding="utf-8", errors="replace")
    result = submit(body, data_dir, today=build_today(settings.timezone), settings=settings,
                    issue=args.issue)
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
