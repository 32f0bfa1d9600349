"""From the form's answers to the fields of a date record, with a message for each problem.

Each field of the form is read on its own (`_Form`), so that one answer that cannot be read
does not hide the others: the submitter learns everything there is to fix from one comment.
The fields come out in the order of the files in `data/`.
"""

from __future__ import annotations

import re
from datetime import date

from quartier.contract import weekdays
from quartier.contract.markup import MAX_LENGTH

from . import form
from .form import FormError, Message, clean
from .freetext import EMAIL, URL, find_date, find_moment, find_phone, read_languages
from .location import read_location
from .lookup import Lookup, ids_of, resolve, suggest

_FREE = {"free", "kostenlos", "kostenfrei", "gratis", "frei", "eintritt frei", "umsonst", "0",
         "0 €", "0€", "0,00 €", "keine", "nichts"}
_WEEKDAYS = weekdays.CODES


def _repeat(kind: str, start: date) -> dict:
    """The series rule for a dropdown choice, on the weekday or day of the month of the start."""
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
            self.problem(label, f"„{clean(answer)}“ ist keine der Möglichkeiten im Formular.")
        return options.get(answer)

    def title(self) -> None:
        title = clean(self.answers[form.TITLE] or "")
        if title:
            self.record["title"] = title
        else:
            self.problem(form.TITLE, "Bitte einen Titel angeben.")

    def start(self) -> None:
        answer = self.answers[form.START]
        if not answer:
            self.problem(form.START, "Bitte Datum und Uhrzeit des Beginns angeben, z. B. "
                         "05.11.2026 18:00.")
            return
        parsed = self.attempt(form.START, lambda: find_moment(answer, self.today))
        if not parsed:
            return
        day, times = parsed
        if day is None:
            self.problem(form.START, f"„{clean(answer)}“ enthält kein Datum. Bitte so schreiben: "
                         "05.11.2026 18:00 (ganztägig: nur das Datum).")
        elif len(times) > 2:
            self.problem(form.START, "Bitte nur eine Uhrzeit für den Beginn angeben (das Ende "
                         "gehört ins Feld „Ende“).")
        else:
            self.start_day, self.start_times = day, times
            self.record["start"] = f"{day.isoformat()} {times[0]}" if times else day.isoformat()

    def end(self) -> None:
        answer = self.answers[form.END]
        day = self.start_day
        if not answer:
            if len(self.start_times) == 2:  # „18–20 Uhr“ in the start field
                self.record["end"] = self.start_times[1]
            return
        parsed = self.attempt(form.END, lambda: find_moment(answer, day or self.today))
        if not parsed or day is None:
            return
        end_day, end_times = parsed
        if end_day is None and not end_times:
            self.problem(form.END, f"„{clean(answer)}“ ist weder eine Uhrzeit noch ein Datum. "
                         "Bitte so schreiben: 20:00 – oder bei mehrtägigen Terminen das Datum "
                         "des letzten Tages.")
        elif not self.start_times and end_times:
            self.problem(form.END, "Ein ganztägiger Termin hat keine Endzeit: beim Beginn auch die "
                         "Uhrzeit angeben oder das Ende leer lassen.")
        elif end_day is None or (end_day == day and end_times):
            self.record["end"] = end_times[0]
        else:
            self.record["end"] = end_day.isoformat() + (f" {end_times[0]}" if end_times else "")

    def repeat(self) -> None:
        """The series rule from the dropdown; a one-off date must not lie in the past."""
        kind = self.option(form.REPEAT, form.REPEAT_OPTIONS)
        day = self.start_day
        until = None
        answer = self.answers[form.UNTIL]
        if answer:
            parsed = self.attempt(form.UNTIL, lambda: find_date(answer, day or self.today))
            if parsed and parsed[0] is None:
                self.problem(form.UNTIL, f"„{clean(answer)}“ ist kein Datum. Bitte so schreiben: "
                             "31.12.2027.")
            elif parsed and kind is None:
                self.problem(form.UNTIL, "Ein Enddatum gibt es nur bei Terminen, die sich "
                             "wiederholen: bitte bei „Wiederholung“ auswählen, wie oft, oder "
                             "dieses Feld leeren.")
            elif parsed:
                until = parsed[0]
        if day is None:
            return
        if kind is None:
            if day < self.today:
                self.problem(form.START, f"Der {day:%d.%m.%Y} liegt in der Vergangenheit. Bitte "
                             "das Datum prüfen (mit Jahreszahl).")
            return
        rule = _repeat(kind, day)
        if until is not None:
            if until < day:
                self.problem(form.UNTIL, f"Das Enddatum {until:%d.%m.%Y} liegt vor dem Beginn "
                             f"({day:%d.%m.%Y}).")
            rule["until"] = until.isoformat()
        self.record["repeat"] = rule

    def organizer(self) -> None:
        if not self.answers[form.ORGANIZER]:
            return
        name = clean(self.answers[form.ORGANIZER])
        organizer = resolve(name, self.lookup.actors)
        if organizer:
            self.record["organizer"] = organizer
        else:
            self.problem(form.ORGANIZER, f"„{name}“ ist kein eingetragener Akteur."
                         + suggest(name, self.lookup.actors)
                         + " Die Kennung steht am Ende der Adresse der Akteursseite "
                           "(…/akteure/kennung/). Ist der Veranstalter noch nicht eingetragen, "
                           "das Feld leer lassen und ihn in der Beschreibung nennen.")

    def choices(self) -> None:
        for label, key, what in ((form.CATEGORIES, "categories", "Kategorie"),
                                 (form.AUDIENCES, "audiences", "Zielgruppe"),
                                 (form.DISTRICTS, "districts", "Stadtteil")):
            answer = self.answers[label]
            if answer:
                table = getattr(self.lookup, key)
                ids = self.attempt(label, lambda a=answer, t=table, w=what: ids_of(a, t, w))
                if ids:
                    self.record[key] = ids

    def texts(self) -> None:
        summary = clean(self.answers[form.SUMMARY] or "")
        if len(summary) > 200:  # checked here too, so the Markdown check still runs
            self.problem(form.SUMMARY, f"Der Text ist {len(summary)} Zeichen lang, erlaubt sind "
                         "höchstens 200. Ausführliches gehört in die Beschreibung.")
        elif summary:
            self.record["summary"] = summary
        description = clean(self.answers[form.DESCRIPTION] or "", multiline=True)
        if description:
            self.record["description"] = description

    def place(self) -> None:
        answer = self.answers[form.PLACE]
        if answer:
            location = self.attempt(form.PLACE, lambda: read_location(answer, self.lookup))
            if location:
                self.record["location"] = location
        elif "organizer" not in self.record:
            self.problem(form.PLACE, "Bitte angeben, wo der Termin stattfindet: Adresse, Name "
                         "eines eingetragenen Akteurs oder Link (online).")

    def cost_and_registration(self) -> None:
        cost = clean(self.answers[form.COST] or "")
        if cost:
            self.record["cost"] = "free" if cost.casefold().rstrip(".!") in _FREE else cost
        required = self.option(form.REGISTRATION, form.REGISTRATION_OPTIONS)
        note = clean(self.answers[form.REGISTRATION_NOTE] or "")
        if not (note or required):
            return
        registration: dict = {"required": bool(required)}
        url = URL.search(note)
        email = EMAIL.search(note)
        if note and not (url and url.group(0) == note):
            registration["note"] = note
        if url:
            registration["url"] = url.group(0).rstrip(".,;")
        elif email:
            registration["url"] = f"mailto:{email.group(0)}"
        self.record["registration"] = registration

    def languages(self) -> None:
        answer = self.answers[form.LANGUAGES]
        if answer:
            codes = self.attempt(form.LANGUAGES, lambda: read_languages(answer))
            if codes:
                self.record["languages"] = codes

    def accessibility(self) -> None:
        accessibility = {}
        wheelchair = self.option(form.WHEELCHAIR, form.WHEELCHAIR_OPTIONS)
        if wheelchair:
            accessibility["wheelchair"] = wheelchair
        if self.answers[form.ACCESS_NOTE]:
            accessibility["note"] = clean(self.answers[form.ACCESS_NOTE])
        if accessibility:
            self.record["accessibility"] = accessibility

    def contact(self) -> None:
        if not self.answers[form.CONTACT]:
            return
        text = clean(self.answers[form.CONTACT])
        email, url = EMAIL.search(text), URL.search(text)
        rest = text
        for match in (email, url):
            if match:
                rest = rest.replace(match.group(0), " ")
        phone = find_phone(rest)
        contact = {}
        if phone:
            contact["phone"] = phone
        if email:
            contact["email"] = email.group(0)
        if url:
            contact["website"] = url.group(0).rstrip(".,;")
        if contact:
            self.record["contact"] = contact
        else:
            self.problem(form.CONTACT, "Bitte eine E-Mail-Adresse, eine Telefonnummer oder eine "
                         "Webadresse angeben.")

    def consent(self) -> None:
        if not re.search(r"^[ \t]*+-[ \t]*+\[[xX]\]", self.answers[form.CONSENT] or "",
                         re.MULTILINE):
            self.problem(form.CONSENT, "Bitte bestätigen, dass der Termin veröffentlicht werden "
                         "darf.")


#: The longest answer read, per field (the schema's limits); the others are at most 1000
#: characters. A longer answer is a message, and nothing parses it: the work stays bounded.
_LONGEST = {form.DESCRIPTION: MAX_LENGTH, form.TITLE: 300}
_LONGEST_OTHER = 1000


def _too_long(answers: dict[str, str | None]) -> tuple[dict[str, str | None], list[Message]]:
    kept, problems = dict(answers), []
    for label, answer in answers.items():
        limit = _LONGEST.get(label, _LONGEST_OTHER)
        if label != form.SUMMARY and answer and len(answer) > limit:
            problems.append(Message(label, f"Die Angabe ist {len(answer)} Zeichen lang, erlaubt "
                                           f"sind höchstens {limit}."))
            kept[label] = None
    return kept, problems


def build_record(answers: dict[str, str | None], lookup: Lookup,
                 today: date) -> tuple[dict, list[Message]]:
    """The date record the answers describe, and what keeps them from being one.

    Problems come in the order of the form, so the comment reads top to bottom like it.
    """
    answers, too_long = _too_long(answers)
    reader = _Form(answers, lookup, today)
    reader.problems += too_long
    for read in (reader.title, reader.start, reader.end, reader.repeat, reader.organizer,
                 reader.choices, reader.texts, reader.place, reader.cost_and_registration,
                 reader.languages, reader.accessibility, reader.contact, reader.consent):
        read()
    reader.problems.sort(key=lambda m: form.LABELS.index(m.label))
    return _ordered(reader.record), reader.problems


_ORDER = ("title", "start", "end", "organizer", "categories", "audiences", "districts",
          "summary", "description", "location", "cost", "registration", "languages",
          "accessibility", "contact", "repeat")


def _ordered(record: dict) -> dict:
    return {key: record[key] for key in _ORDER if key in record}
