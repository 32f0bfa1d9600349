"""Values that are valid but probably wrong: warnings, each of which the editor can confirm.

A new date typed with last year's year goes straight to the archive; `start: … 14:00` with
`end: "10:00"` is a 20-hour event (an end before the start is the next day); a copied file
lists a date twice; a scaffolded file still says „ein Satz, worum es geht“. None of these is
certainly wrong – an archive entry, a night-long event, two dates of the same name and a text
that really says so exist – so each is a warning that names the fix *and* how to say that it
is meant: a line

    # bestätigt: long-event

anywhere in the file silences that warning for that file (several ids separated by commas).
The ids are the rules' stable ids (see `rules.py`); an id that names no such warning is a
warning of its own, so a typo does not go unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

from quartier.model import recurrence

from .problems import Problem, Severity, did_you_mean, field_name, quote
from .records import Actor, Event, Offer

#: Warnings an editor may confirm; the others ask for an action (`stale-record`: check again).
CONFIRMABLE = frozenset(("past-date", "long-event", "duplicate-record", "placeholder-text",
                         "start-not-an-occurrence", "ambiguous-time"))
#: Longer than this, an event with times is probably a typo in one of them.
LONG_EVENT = timedelta(hours=12)
#: Texts of the templates (`tools/skeletons`, the forge's "new file" page) left as they were.
PLACEHOLDERS = ("Neuer Eintrag", "ein Satz, worum es geht", "Erster Absatz.",
                "kennung-des-anbieters")

_CONFIRMATION = re.compile(r"(?im)^[ \t]*+#[ \t]*+best(?:ä|ae)tigt[ \t]*+:([^\n]*+)")

#: (source path, JSON path) -> (line, column)
Locate = Callable[[str, tuple], tuple[int, int]]


def confirm_hint(rule: str) -> str:
    return f"Ist es so gemeint, eine Zeile „# bestätigt: {rule}“ in die Datei schreiben."


def confirmations(text: str, path: str) -> tuple[frozenset[str], list[Problem]]:
    """The warnings a file confirms, and a warning for each id that names none."""
    confirmed, problems = set(), []
    for match in _CONFIRMATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        for rule in filter(None, (r.strip() for r in match.group(1).split(","))):
            if rule in CONFIRMABLE:
                confirmed.add(rule)
                continue
            problems.append(Problem(
                path, line, 1, "", f"„# bestätigt:“ nennt {quote(rule)}, keine Warnung, die "
                "sich bestätigen lässt.",
                " ".join(filter(None, (did_you_mean(rule, CONFIRMABLE), "Möglich sind: "
                                       + ", ".join(sorted(CONFIRMABLE)) + "."))),
                Severity.WARNING, rule="unknown-confirmation"))
    return frozenset(confirmed), problems


def apply_confirmations(problems: Iterable[Problem],
                        confirmed: dict[str, frozenset[str]]) -> list[Problem]:
    """Drop the warnings their file confirms; the others say how they could be confirmed."""
    out = []
    for p in problems:
        if p.is_error or p.rule not in CONFIRMABLE:
            out.append(p)
        elif p.rule not in confirmed.get(p.path, ()):
            hint = confirm_hint(p.rule)
            out.append(p if hint in p.hint else replace(p, hint=f"{p.hint} {hint}".strip()))
    return out


# --- placeholders ----------------------------------------------------------------------------


def _strings(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield from _strings(sub, (*path, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, (*path, i))


_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS), re.IGNORECASE)


def may_hold_placeholders(text: str) -> bool:
    """Whether a file's text holds a placeholder at all (most do not: no need to look where)."""
    return _PLACEHOLDER.search(text) is not None


def placeholders(value, path: str, locate: Locate) -> list[Problem]:
    """Template texts left in a file: „Neuer Eintrag“, „ein Satz, worum es geht“, …"""
    problems = []
    for where, text in _strings(value):
        folded = text.casefold()
        found = next((p for p in PLACEHOLDERS if p.casefold() in folded), None)
        if found:
            line, column = locate(path, where)
            problems.append(Problem(
                path, line, column, field_name(where),
                f"Hier steht noch der Platzhalter „{found}“ aus der Vorlage.",
                "Den eigenen Text (bzw. die Kennung) eintragen.", Severity.WARNING,
                rule="placeholder-text"))
    return problems


# --- dates -----------------------------------------------------------------------------------


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}".replace(".", ",")


def long_event(event: Event, value: dict, locate: Locate) -> list[Problem]:
    """An event with times that lasts more than 12 hours, also in `changes`."""
    path = event.source.path
    spans = [(("end",), event.start, event.end, value.get("end"))]
    written = {c.get("date"): (i, c) for i, c in enumerate(value.get("changes", ()))}
    for change in event.changes:
        if change.end is not None and change.date.isoformat() in written:
            i, raw = written[change.date.isoformat()]
            start = change.start or (datetime.combine(change.date, event.start.time())
                                     if isinstance(event.start, datetime) else None)
            spans.append((("changes", i, "end"), start, change.end, raw.get("end")))
    problems = []
    for where, start, end, written in spans:
        if not (isinstance(start, datetime) and isinstance(end, datetime)):
            continue
        if end - start <= LONG_EVENT:
            continue
        line, column = locate(path, where)
        next_day = isinstance(written, str) and " " not in written and end.date() > start.date()
        if next_day:
            message = (f"Die Endzeit {written} liegt vor dem Beginn {start:%H:%M} und gilt "
                       f"deshalb für den nächsten Tag: der Termin dauert "
                       f"{_hours(end - start)} Stunden.")
        else:
            message = (f"Der Termin dauert {_hours(end - start)} Stunden ({start:%d.%m.%Y %H:%M} "
                       f"bis {end:%d.%m.%Y %H:%M}).")
        problems.append(Problem(path, line, column, field_name(where), message,
                                "Beginn und Ende prüfen (vertauscht? Tippfehler?).",
                                Severity.WARNING, rule="long-event"))
    return problems


def _last_day(event: Event) -> date | None:
    """The day the event (or its last occurrence) ends; None for an open-ended series."""
    if event.repeat is None:
        end = event.end or event.start
        return end.date() if isinstance(end, datetime) else end
    if event.repeat.until is None and event.repeat.count is None:
        return None
    if recurrence.rule_problem(event.repeat):
        return None
    last = None
    for last in recurrence.rule(event):  # noqa: B007 - count ≤ 1000, or until a date
        pass
    return last.date() if last else None


def past_date(event: Event, today: date, locate: Locate) -> list[Problem]:
    """A date in a newly added file that has already taken place (the archive is its page)."""
    day = _last_day(event)
    if day is None or day >= today:
        return []
    start = event.start.date() if isinstance(event.start, datetime) else event.start
    line, column = locate(event.source.path, ("start",))
    what = "Der Termin" if event.repeat is None else "Die ganze Reihe"
    return [Problem(event.source.path, line, column, "start",
                    f"{what} liegt in der Vergangenheit (Beginn {start:%d.%m.%Y}): neu "
                    "eingetragen erscheint er nur im Archiv.",
                    "Die Jahreszahl prüfen.", Severity.WARNING, rule="past-date")]


# --- the same record twice -------------------------------------------------------------------


def _key(record) -> tuple | None:
    if isinstance(record, Event):
        return ("Termin", record.title.casefold().strip(), str(record.start))
    if isinstance(record, Offer):
        return ("Angebot", record.title.casefold().strip(), record.actor)
    if isinstance(record, Actor):
        return ("Akteur", record.name.casefold().strip())
    return None


_WHAT = {"Termin": ("title", "gleicher Titel und Beginn"),
         "Angebot": ("title", "gleicher Titel und Anbieter"),
         "Akteur": ("name", "gleicher Name")}


def duplicates(records: Iterable, locate: Locate) -> list[Problem]:
    """Records of a kind with the same title and start (dates), title and actor (offers) or
    name (actors): a copied file shows the same thing twice."""
    first: dict[tuple, str] = {}
    problems = []
    for record in sorted(records, key=lambda r: r.source.path):
        key = _key(record)
        if key is None:
            continue
        if key not in first:
            first[key] = record.source.path
            continue
        field, same = _WHAT[key[0]]
        line, column = locate(record.source.path, (field,))
        problems.append(Problem(
            record.source.path, line, column, field,
            f"Derselbe {key[0]} steht schon in {first[key]} ({same}); die Website zeigt ihn "
            "zweimal.", "Ist eine der Dateien eine Kopie, sie löschen.", Severity.WARNING,
            rule="duplicate-record"))
    return problems
