"""Import a partner's calendar (.ics) as date files in the data contract's format.

Partners publish their dates as iCalendar; re-typing them invites mistakes. Every VEVENT
either becomes a date file that passes the validator and means what the calendar means,
or is named (title or UID, and line) with the reason, in German. Nothing is dropped
without a word, and no input ends in a traceback.

What the calendar means is decided by recurring-ical-events, the reference library: it
expands the original series (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, time zones,
X-WR-TIMEZONE). The import maps the RRULE to the contract's `repeat` where it can, expands
that with the site's own recurrence code, and writes the differences as the contract
says them: occurrences the rule has and the calendar not as `except`, occurrences the
calendar has and the rule not as `extra_dates`, moved, shortened or all-day occurrences,
cancellations and other places as `changes`. Then the written file is read back through
the validator and expanded again; only a file whose occurrences equal the original's
(over the whole series, or two years and the year ahead for one without end) is written.
A finite series whose rule the contract cannot say (BYMONTH with several months,
BYSETPOS, …) is written as its single dates; an endless one is refused with the reason.

It only produces text; writing files is the caller's (`invoke import-ics`) decision.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import nh3
import recurring_ical_events
import x_wr_timezone
from icalendar.prop import vBroken

from quartier.contract import weekdays
from quartier.contract.ids import date_id
from quartier.contract.problems import quote
from quartier.contract.validate import validate_date
from quartier.model import recurrence

from .ics_places import ActorAddress, Places
from .yaml_writer import to_yaml

_DAYS = {ical: code for code, ical in weekdays.ICAL.items()}
#: A series with more occurrences than this is checked over a window, not as a whole.
MAX_CHECKED = 1500
#: A finite series the rule form cannot say is listed date by date up to this many dates.
MAX_LISTED = 100
#: More derived `except`/`changes`/`extra_dates` entries than this are not an editor's file.
MAX_ENTRIES = 150
#: A finite series that lasts longer than this is compared in windows, like an endless one.
FINITE_YEARS = 10
#: How far an endless series is compared with the original (and the year after `today`).
CHECK_YEARS = 2
# Properties that a VEVENT has at most once (RFC 5545, 3.6.1).
_SINGLE = ("DTSTART", "DTEND", "DURATION", "SUMMARY", "STATUS", "LOCATION", "DESCRIPTION",
           "URL", "UID", "RECURRENCE-ID")
# Properties that decide when a date takes place: one of them unreadable, nothing is sure.
_TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
# Bidi controls and zero-width characters the contract refuses; C0/C1 controls but tab and
# line feed. ZWJ and ZWNJ stay: Arabic and Persian text needs them.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
                        "\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Refused(Exception):
    """Why one VEVENT is not written: a German sentence for the editor."""


@dataclass
class Imported:
    """One date file to write, and what the editor should know about it."""

    id: str
    uid: str  # the calendar's UID, to trace a file back to its source
    fields: dict
    notes: list[str] = field(default_factory=list)
    line: int | None = None  # where the VEVENT begins in the file

    def yaml(self, source: str) -> str:
        """The file's text as an editor writes it, with where it came from and the notes."""
        return to_yaml(self.fields, [f"Importiert aus {source}",
                                     *(f"Hinweis: {note}" for note in self.notes)])


@dataclass(frozen=True)
class _Seen:
    """One occurrence in the site's local time: the key the calendar identifies it by
    (RECURRENCE-ID), when it is, and what else an override may change."""

    key: datetime | date
    start: datetime | date
    end: datetime | date | None  # None: no length (or one day); all-day ends inclusive
    cancelled: bool
    location: str
    summary: str

    @property
    def when(self) -> tuple:
        return (self.start, self.end, self.cancelled)


def _clean(text: str, single_line: bool) -> str:
    text = _INVISIBLE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split()) if single_line else text.strip()


def _plain(text: str) -> str:
    """Calendar descriptions often carry HTML (Google Calendar); the contract wants Markdown."""
    if "<" in text:
        text = html.unescape(nh3.clean(re.sub(r"<br\s*/?>", "\n", text), tags=set()))
    return text.strip().replace("<", "&lt;")


def _moment(value: datetime | date) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _german_date(value: datetime | date) -> str:
    return value.strftime("%d.%m.%Y %H:%M" if isinstance(value, datetime) else "%d.%m.%Y")


def _end_text(start: datetime | date, end: datetime | date) -> str:
    """The contract's `end` for an end after `start` (all-day ends are inclusive)."""
    # HH:MM means the same day, or the next when before the start (22:00–01:00);
    # an end at the start's own time the next day needs the full date.
    if isinstance(start, datetime) and (
            end.date() == start.date() or (end.date() == start.date() + timedelta(days=1)
                                           and end.time() < start.time())):
        return end.strftime("%H:%M")
    return _moment(end)


def _vevent_lines(data: bytes) -> list[int]:
    """The line numbers of the BEGIN:VEVENT lines, in the order icalendar walks them."""
    text = data.decode("utf-8", errors="replace")
    return [n for n, line in enumerate(text.splitlines(), 1)
            if line.strip().upper() == "BEGIN:VEVENT"]


class Importer:
    """`city` is used for places that name no postcode and city; `actors` are matched
    against imported addresses; `today` decides which year ahead an endless series is
    also compared in."""

    def __init__(self, timezone: str = "Europe/Berlin", city: str | None = None,
                 actors: Iterable[ActorAddress] = (), today: date | None = None) -> None:
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.places = Places(list(actors), city)
        self.actor_ids = {a.id for a in self.places.actors}
        self.today = today or date.today()
        self._start_zone = None  # the zone of the series being imported (for messages)

    # --- reading the calendar ----------------------------------------------------------------

    def calendar(self, data: bytes,
                 taken: Iterable[str] = ()) -> tuple[list[Imported], list[str]]:
        """Every VEVENT as a date file (overrides folded into their series), and what was not
        written, each with its reason. `taken` are ids new files must not have."""
        try:
            parsed = icalendar.Calendar.from_ical(data, multiple=True)
            vevents = [c for top in parsed for c in top.walk("VEVENT")]
        except Exception:  # a file of any content ends in a German message
            return [], ["Die Datei ist kein lesbarer Kalender im iCalendar-Format (.ics); "
                        "bitte im Kalenderprogramm neu exportieren."]
        if not vevents:
            return [], ["Die Datei enthält keinen Termin (kein VEVENT)."]
        lines = _vevent_lines(data)
        line_of = {id(v): (lines[i] if len(lines) == len(vevents) else None)
                   for i, v in enumerate(vevents)}
        standard = []
        for top in parsed:
            with contextlib.suppress(Exception):  # else its times are read as they stand
                top = x_wr_timezone.to_standard(top)
            standard += top.walk("VEVENT")
        if len(standard) == len(vevents):  # same components in the same order, maybe converted
            line_of = {id(s): line_of[id(v)] for s, v in zip(standard, vevents, strict=True)}
            vevents = standard
        series: dict[str, list] = {}
        for n, vevent in enumerate(vevents):
            uid = str(vevent.get("UID", "")) if not isinstance(vevent.get("UID"), list) else ""
            series.setdefault(uid or f"#{n}", []).append(vevent)
        used = set(taken)
        imported, failed = [], []
        for uid, components in series.items():
            masters = [c for c in components if "RECURRENCE-ID" not in c]
            overrides = [c for c in components if "RECURRENCE-ID" in c]
            if not masters:  # changed occurrences of a series the file does not hold:
                masters, overrides = overrides, []  # each is a date of its own
            for i, master in enumerate(masters):
                line = line_of.get(id(master))
                try:
                    if any(master.to_ical() == m.to_ical() for m in masters[:i]):
                        continue  # the same VEVENT twice
                    result = self.event(master, overrides if i == 0 else [], used,
                                        uid if not uid.startswith("#") else "")
                except Refused as reason:
                    failed.append(f"{self._name(master, line)} nicht übernommen: {reason}")
                    continue
                except Exception:  # a property no reader expected
                    failed.append(f"{self._name(master, line)} nicht übernommen: eine Angabe "
                                  "im Kalender ist fehlerhaft und lässt sich nicht lesen.")
                    continue
                result.line = line
                if len(masters) > 1:
                    result.notes.append("Der Kalender enthält mehrere verschiedene Termine mit "
                                        "derselben UID; dieser ist einer davon.")
                imported.append(result)
                used.add(result.id)
        return imported, failed

    @staticmethod
    def _name(vevent, line: int | None) -> str:
        """How a VEVENT is named in a message: its title, else its UID; and its line."""
        summary = vevent.get("SUMMARY")
        title = _clean(summary, True) if isinstance(summary, str) else ""
        uid = vevent.get("UID")
        name = (f"Termin „{title[:80]}“" if title else
                f"Termin mit UID {str(uid)[:80]}" if isinstance(uid, str) and uid else
                "Termin ohne Titel und UID")
        return f"{name} (Zeile {line})" if line else name

    # --- one series --------------------------------------------------------------------------

    def _single(self, component, name: str):
        """A property that may appear once; a repeated one is fine if the copies agree."""
        value = component.get(name)
        if isinstance(value, list):
            if len({v.to_ical() for v in value}) > 1:
                raise Refused(f"{name} steht mehrmals mit verschiedenen Werten im Termin; welcher "
                              "gilt, ist unklar.")
            value = value[0]
        return value

    def _tidy(self, component):
        """A copy with each single property once, so that every reader sees the same;
        refused if a property that decides when the date is could not be read."""
        for name in _TIMING:
            values = component.get(name)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, vBroken):
                    raise Refused(f"die Angabe {name} ist fehlerhaft und lässt sich nicht lesen "
                                  f"({quote(str(value))}).")
        copy = component.copy()
        copy.subcomponents = list(component.subcomponents)
        for name, value in list(component.items()):
            if name in _SINGLE and isinstance(value, list):
                del copy[name]
                copy.add(name, self._single(component, name), encode=False)
            elif name == "RRULE" and isinstance(value, list):
                del copy[name]
                for rule in {r.to_ical(): r for r in value}.values():
                    copy.add(name, rule, encode=False)
        return copy

    def _time(self, component, name: str, label: str):
        value = self._single(component, name)
        moment = getattr(value, "dt", None)
        if not isinstance(moment, date):
            raise Refused(f"{label} ({name}) ist kein lesbares Datum.")
        return self._local(moment)

    def _local(self, value):
        """A calendar time in the site's local time (naive), to the minute as the contract
        writes times; floating times stay as written."""
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(self.zone).replace(tzinfo=None)
        if isinstance(value, datetime):
            return value.replace(second=0, microsecond=0)
        return value

    def _text(self, component, name: str, single_line: bool = True) -> str:
        value = self._single(component, name)
        return _clean(value, single_line) if value is not None else ""

    def event(self, master, overrides, used_ids: set[str], uid: str = "") -> Imported:
        """One series (or single date) as a date file; raises Refused with the reason."""
        master = self._tidy(master)
        overrides = [self._tidy(o) for o in overrides]
        if "RECURRENCE-ID" in master:
            # A changed occurrence whose series is missing: readers show it once, as it
            # stands, whatever rule it carries.
            for name in ("RECURRENCE-ID", "RRULE", "RDATE", "EXDATE"):
                master.pop(name, None)
            note = ["Geänderter Einzeltermin einer Reihe, die im Kalender fehlt: als einzelner "
                    "Termin übernommen."]
        else:
            note = []
        notes: list[str] = note
        title = self._text(master, "SUMMARY")
        if not title:
            raise Refused("der Termin hat keinen Titel (SUMMARY).")
        if "DTSTART" not in master:
            raise Refused("der Termin hat keinen Beginn (DTSTART).")
        start = self._time(master, "DTSTART", "Der Beginn")
        end = self._master_end(master, start)
        fields: dict = {"title": title, "start": _moment(start)}
        if end is not None:
            fields["end"] = _end_text(start, end)
        status = self._text(master, "STATUS").upper()
        if status == "CANCELLED":
            fields["status"] = "cancelled"
        elif status == "TENTATIVE":
            notes.append("Im Kalender als vorläufig (TENTATIVE) markiert.")
        description = self._text(master, "DESCRIPTION", single_line=False)
        location_text = self._text(master, "LOCATION")
        if location_text:
            location, note = self.places.location(location_text)
            if location:
                fields["location"] = location
            else:
                description = f"Ort: {location_text}\n\n{description}"
            if note:
                notes.append(note)
        url = self._text(master, "URL")
        if url.startswith(("https://", "http://")):
            description += f"\n\n[Weitere Informationen]({url})"
        if description.strip():
            fields["description"] = _plain(description)
        categories = master.get("CATEGORIES")
        names = [str(c) for cat in (categories if isinstance(categories, list) else
                                    [categories] if categories is not None else [])
                 for c in getattr(cat, "cats", []) if str(c).strip()]
        if names:
            notes.append(f"Kategorien im Kalender: {', '.join(names)}; bitte categories mit "
                         "Kennungen aus data/categories.yaml ergänzen.")
        record_id = date_id(title, _day(start), used_ids)
        item = Imported(record_id, uid, fields, notes)
        self._series(item, master, overrides, start, end)
        return item

    def _master_end(self, master, start):
        """The end in local time (all-day: the last day, inclusive), or None."""
        if "DTEND" in master:
            end = self._time(master, "DTEND", "Das Ende")
        elif "DURATION" in master:
            duration = getattr(self._single(master, "DURATION"), "dt", None)
            if not isinstance(duration, timedelta):
                raise Refused("die Dauer (DURATION) ist nicht lesbar.")
            raw = self._single(master, "DTSTART").dt
            end = self._local(raw + duration)
        else:
            return None
        if isinstance(end, datetime) != isinstance(start, datetime):
            raise Refused("Beginn und Ende passen nicht zusammen: eines hat eine Uhrzeit, das "
                          "andere nicht.")
        if end < start:
            raise Refused(f"das Ende ({_german_date(end)}) liegt vor dem Beginn "
                          f"({_german_date(start)}).")
        if not isinstance(start, datetime):
            end -= timedelta(days=1)  # iCalendar's DTEND of a date is exclusive
            return end if end > start else None
        return end if end > start else None

    # --- the series: rule, differences, check ------------------------------------------------

    def _series(self, item: Imported, master, overrides, start, end) -> None:
        """Fill in `repeat`, `except`, `extra_dates` and `changes` so that the file's
        occurrences are the original's; raises Refused where that cannot be said."""
        self._start_zone = getattr(self._single(master, "DTSTART").dt, "tzinfo", None)
        rules = master.get("RRULE")
        rules = [r for r in (rules if isinstance(rules, list) else [rules] if rules else [])
                 if r.get("FREQ")]
        if master.get("RRULE") is not None and not rules:
            item.notes.append("Leere Wiederholungsregel (RRULE ohne FREQ) im Kalender: als "
                              "einzelner Termin übernommen.")
        if not rules and not master.get("RDATE") and not overrides:
            one = self._seen_from(master, start, end)
            self._check(item, [one], [(_day(start), _day(start) + timedelta(days=1))])
            return
        endless = any("COUNT" not in r and "UNTIL" not in r for r in rules)
        seen, windows = self._original(master, overrides, endless)
        if windows is None:  # longer than is sensibly compared as a whole
            endless = True
            seen, windows = self._original(master, overrides, True)
        if not seen:
            raise Refused("die Reihe hat laut Kalender keinen einzigen Termin (z. B. endet "
                          "UNTIL vor dem Beginn).")
        repeat, why = self._repeat(rules[0], start) if rules else (None, None)
        if len(rules) > 1:
            why = why or "mehrere Wiederholungsregeln (RRULE)"
        fields = item.fields
        if repeat is not None and why is None:
            fields["repeat"] = repeat
            first = self._first_of_rule(item, start)
            if first is None:
                raise Refused("die Wiederholungsregel ergibt keinen Termin.")
            if first != start:  # DTSTART off the rule: the rule's first date is the start
                fields["start"] = _moment(first)
                if end is not None:
                    fields["end"] = _end_text(first, end + (first - start))
        elif why is not None or rules:
            if endless:
                raise Refused(f"die Wiederholungsregel lässt sich nicht als repeat schreiben "
                              f"({why}), und die Reihe hat kein Ende.")
            if len(seen) > MAX_LISTED:
                raise Refused(f"die Wiederholungsregel lässt sich nicht als repeat schreiben "
                              f"({why}), und die Reihe hat mit {len(seen)} Terminen zu viele, "
                              "um sie einzeln aufzuzählen.")
            item.notes.append(f"Die Regel des Kalenders lässt sich nicht als repeat schreiben "
                              f"({why}): die {len(seen)} Termine stehen einzeln unter "
                              "extra_dates.")
        if "repeat" not in fields:  # the first date is the start, the others extra dates
            first = seen[0]
            fields["start"] = _moment(first.start)
            fields.pop("end", None)
            if first.end is not None:
                fields["end"] = _end_text(first.start, first.end)
        if not endless:  # the file's own dates must lie inside the compared window too
            windows = [(windows[0][0], max(windows[0][1], self._last_of_rule(item)))]
        self._differences(item, [s for s in seen if _inside(s.start, windows[0])], windows[0],
                          master)
        self._check(item, seen, windows)

    def _repeat(self, rule, start) -> tuple[dict | None, str | None]:
        """The contract's `repeat` for an RRULE, or (None, what it cannot say)."""
        parts = {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in rule.items()}
        freq = str(parts.pop("FREQ")[0]).upper()
        interval = int(parts.pop("INTERVAL", [1])[0] or 1)
        parts.pop("WKST", None)
        clock = start.time() if isinstance(start, datetime) else None
        for name, now in (("BYHOUR", clock and clock.hour), ("BYMINUTE", clock and clock.minute),
                          ("BYSECOND", 0)):
            if name in parts and [int(v) for v in parts[name]] == [now]:
                del parts[name]  # says only what DTSTART says
        if "BYMONTH" in parts:
            if freq == "YEARLY" and [int(m) for m in parts["BYMONTH"]] == [start.month]:
                del parts["BYMONTH"]
            else:
                months = ",".join(str(m) for m in parts["BYMONTH"])
                return None, f"nur in bestimmten Monaten, BYMONTH={months}"
        repeat: dict = {}
        days = [str(d).upper() for d in parts.pop("BYDAY", [])]
        ordinals = {re.match(r"[+-]?\d*", d).group() for d in days}
        monthdays = [int(d) for d in parts.pop("BYMONTHDAY", [])]
        until, count = parts.pop("UNTIL", [None])[0], parts.pop("COUNT", [None])[0]
        if parts:
            return None, f"Regelteile {', '.join(sorted(parts))}"
        if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
            return None, f"Rhythmus FREQ={freq}"
        if any(d[-2:] not in _DAYS for d in days):
            return None, "unbekannter Wochentag in BYDAY"
        codes = [_DAYS[d[-2:]] for d in days]
        if freq == "YEARLY" and (days or monthdays):
            if monthdays == [start.day] and not days:
                repeat = {"freq": "yearly"}
            elif days and ordinals != {""} and len(ordinals) == 1 and not monthdays:
                # „the 4th Thursday of November“: every 12th month from November on
                repeat = {"freq": "monthly", "days": codes, "week": int(ordinals.pop())}
                interval *= 12
            else:
                return None, "jährliche Regel mit Wochentagen oder Monatstagen"
        elif freq == "MONTHLY" and days and ordinals != {""}:
            if len(ordinals) != 1 or "" in ordinals or monthdays:
                return None, "Monatsregel mit verschiedenen Wochen oder mit Monatstagen"
            week = int(ordinals.pop())
            if week not in (1, 2, 3, 4, 5, -1):
                return None, f"Woche {week} im Monat"
            repeat = {"freq": "monthly", "days": codes, "week": week}
        elif freq == "MONTHLY" and days:  # every such weekday of the month: weekly
            if interval != 1 or monthdays:
                return None, "Monatsregel mit Wochentagen ohne Woche"
            repeat = {"freq": "weekly", "days": codes}
        elif freq == "MONTHLY":
            if len(monthdays) > 1 or (monthdays and not 1 <= monthdays[0] <= 31):
                return None, "mehrere oder vom Monatsende gezählte Monatstage"
            repeat = {"freq": "monthly", **({"monthday": monthdays[0]} if monthdays else {})}
        elif freq == "DAILY" and days:
            if interval != 1 or monthdays:
                return None, "tägliche Regel mit Abstand und Wochentagen"
            repeat = {"freq": "weekly", "days": codes}
        elif monthdays or ordinals - {""}:
            return None, "Monatstage oder Wochen bei einer wöchentlichen oder täglichen Regel"
        else:
            repeat = {"freq": freq.lower(), **({"days": codes} if codes else {})}
        if interval != 1:
            repeat["interval"] = interval
        if until is not None:
            repeat["until"] = self._until(until, start).isoformat()
        elif count is not None:
            repeat["count"] = int(count)
        return repeat, None

    def _until(self, until, start) -> date:
        """UNTIL as the last local day with an occurrence: UTC (Google's usual form) and a
        floating time (read in DTSTART's zone) become local time first."""
        if isinstance(until, datetime):
            if until.tzinfo is None and self._start_zone is not None:
                until = until.replace(tzinfo=self._start_zone)
            local = self._local(until)
            last = local.date()
            if isinstance(start, datetime) and datetime.combine(last, start.time()) > local:
                last -= timedelta(days=1)  # that day's occurrence begins after UNTIL
            return last
        return until

    def _first_of_rule(self, item: Imported, start):
        """The first occurrence of the rule as written (before except and extra dates)."""
        event = self._record(item, {"title": item.fields["title"], "start": item.fields["start"],
                                    "repeat": item.fields["repeat"]}, strict=False)
        first = next(iter(recurrence.rule(event)), None)
        if first is None:
            return None
        return first if isinstance(start, datetime) else first.date()

    def _last_of_rule(self, item: Imported) -> date:
        """The day after the last occurrence of a finite rule as written (or of the start)."""
        last = _day(datetime.fromisoformat(item.fields["start"]))
        if "repeat" in item.fields:
            event = self._record(item, {"title": item.fields["title"],
                                        "start": item.fields["start"],
                                        "repeat": item.fields["repeat"]}, strict=False)
            for moment in recurrence.rule(event):
                last = max(last, moment.date())
        return last + timedelta(days=1)

    # --- the original, as the reference library expands it -----------------------------------

    def _seen_from(self, component, start, end, key=None) -> _Seen:
        return _Seen(key if key is not None else start, start, end,
                     self._text(component, "STATUS").upper() == "CANCELLED",
                     self._text(component, "LOCATION"), self._text(component, "SUMMARY"))

    def _named_days(self, master, overrides) -> list[date]:
        """DTSTART and every day the calendar names explicitly (RDATE, EXDATE, overrides)."""
        named = [_day(self._time(master, "DTSTART", "Der Beginn"))]
        for name in ("RDATE", "EXDATE"):
            values = master.get(name)
            for prop in values if isinstance(values, list) else [values] if values else []:
                for value in getattr(prop, "dts", []):
                    moment = value.dt[0] if isinstance(value.dt, tuple) else value.dt
                    if isinstance(moment, date):
                        named.append(_day(self._local(moment)))
        for override in overrides:
            for name in ("RECURRENCE-ID", "DTSTART"):
                moment = getattr(override.get(name), "dt", None)
                if isinstance(moment, date):
                    named.append(_day(self._local(moment)))
        return named

    def _original(self, master, overrides, endless: bool):
        """The original series' occurrences, and the windows ([first, last) days) they were
        expanded in: all of a finite series (None as windows if it has more than
        MAX_CHECKED), else CHECK_YEARS past the last named day and the year from today."""
        named = self._named_days(master, overrides)
        first = min(named) - timedelta(days=2)
        calendar = icalendar.Calendar()
        for component in [master, *overrides]:
            calendar.add_component(component)
        try:
            query = recurring_ical_events.of(calendar)
            if endless:
                last = max(named) + timedelta(days=366 * CHECK_YEARS)
                windows = [(first, last)]
                found = list(query.between(first, last))
                ahead = self.today + timedelta(days=366)
                if ahead > last:
                    windows.append((max(last, self.today), ahead))
                    found += query.between(*windows[-1])
            else:  # rie's after() would look for a next date for ever: a bounded window
                bound = max(first + timedelta(days=366 * FINITE_YEARS),
                            max(named) + timedelta(days=366 * CHECK_YEARS))
                found = query.between(first, bound)
                last = max((_day(self._local(o["DTSTART"].dt)) for o in found), default=first)
                if len(found) > MAX_CHECKED or last > bound - timedelta(days=366):
                    return [], None  # too long to compare whole: compared in windows
                windows = None
        except Refused:
            raise
        except Exception:  # the reference cannot read the series either
            raise Refused("die Reihe lässt sich nicht berechnen: ihre Regel, Ausnahmen oder "
                          "Zeitzonen sind fehlerhaft.") from None
        seen = {}
        for component in found:
            start = self._local(component["DTSTART"].dt)
            key = self._local(component["RECURRENCE-ID"].dt) if "RECURRENCE-ID" in component \
                else start
            end = None
            if "DTEND" in component:
                end = self._local(component["DTEND"].dt)
            elif "DURATION" in component:
                end = self._local(component["DTSTART"].dt + component["DURATION"].dt)
            if end is not None and isinstance(end, datetime) != isinstance(start, datetime):
                end = None  # a mixed end means nothing a reader can show
            elif end is not None and not isinstance(start, datetime):
                end = end - timedelta(days=1)
            if end is not None and end <= start:
                end = None
            seen[(key, start)] = self._seen_from(component, start, end, key)
        seen = sorted(seen.values(), key=lambda s: (recurrence.start_of(s.start), str(s.key)))
        if windows is None:
            windows = [(first, max((_day(x.start) for x in seen), default=first)
                        + timedelta(days=1))]
        else:  # the windows' edges are days: what rie cut at a day's border is left out
            seen = [x for x in seen if any(_inside(x.start, w) for w in windows)]
        return seen, windows

    # --- differences between the rule and the original ---------------------------------------

    def _differences(self, item: Imported, seen: list[_Seen], window, master) -> None:
        """`except`, `extra_dates` and `changes` for what the rule alone gets wrong."""
        fields = item.fields
        base = {k: fields[k] for k in ("title", "start", "end", "repeat", "status", "location")
                if k in fields}
        event = self._record(item, base, strict=False)
        ours = {o.rule_date: o for o in _within(event, window)}
        by_key = {recurrence.start_of(o.start): o for o in ours.values()}
        pairs, unmatched = [], []
        for s in seen:
            o = by_key.pop(recurrence.start_of(s.key), None)
            (pairs.append((o, s)) if o is not None else unmatched.append(s))
        left = {_day(o.start): o for o in by_key.values()}
        extra = []
        for s in unmatched:  # moved to another time of its own day
            o = left.pop(_day(s.key), None)
            (pairs.append((o, s)) if o is not None else extra.append(s))
        masters_place = self._text(master, "LOCATION")
        all_day = event.all_day
        exceptions = sorted(left)
        changes, extra_dates = [], []
        for s in extra:
            moment = s.start if (isinstance(s.start, datetime) != all_day) else (
                _day(s.start) if all_day else datetime.combine(_day(s.start), event.start.time()))
            extra_dates.append(moment)
        duration = event.end - event.start if event.end is not None else None
        for o, s in pairs:
            change = self._change(o.rule_date, o.start, o.end, s, duration, event, masters_place,
                                  item.notes)
            if change:
                changes.append(change)
        for moment, s in zip(extra_dates, extra, strict=True):
            change = self._change(_day(moment), moment, None, s, duration, event, masters_place,
                                  item.notes, extra=True)
            if change:
                changes.append(change)
        entries = len(exceptions) + len(changes) + len(extra_dates)
        if entries > MAX_ENTRIES:
            raise Refused(f"die Reihe weicht an {entries} Terminen von ihrer Regel ab, das "
                          f"ist als Datei nicht mehr lesbar{self._zone_reason(window)}.")
        if exceptions:
            fields["except"] = [d.isoformat() for d in exceptions]
        if extra_dates:
            fields["extra_dates"] = [_moment(m) for m in sorted(extra_dates,
                                                                key=recurrence.start_of)]
        if changes:
            fields["changes"] = sorted(changes, key=lambda c: c["date"])

    def _change(self, day: date, rule_start, rule_end, s: _Seen, duration, event, place: str,
                notes: list[str], extra: bool = False) -> dict:
        """The `changes` entry that turns the rule's occurrence into the original's."""
        change: dict = {}
        if s.start != rule_start:
            if isinstance(s.start, datetime) and s.start.date() == day:
                change["start"] = s.start.strftime("%H:%M")
            else:
                change["start"] = _moment(s.start)
        same_kind = isinstance(s.start, datetime) == isinstance(event.start, datetime)
        if "start" in change:
            expected = s.start + duration if duration is not None and same_kind else None
        elif extra:
            expected = s.start + duration if duration is not None else None
        else:
            expected = rule_end
        if s.end != expected:
            if s.end is None:
                raise Refused(f"der Termin am {_german_date(s.start)} hat keine Dauer, die "
                              "anderen schon; das lässt sich nicht schreiben.")
            change["end"] = _end_text(s.start, s.end)
        if s.cancelled and event.status != "cancelled":
            change["cancelled"] = True
        elif not s.cancelled and event.status == "cancelled":
            raise Refused(f"die Reihe ist abgesagt, der Termin am {_german_date(s.start)} aber "
                          "nicht; das lässt sich nicht schreiben.")
        if s.location and s.location != place:
            location, note = self.places.location(s.location)
            if location:
                change["location"] = location
            else:
                change["note"] = f"Ort: {s.location}"
            if note and location:
                notes.append(note)
        if s.summary and s.summary != event.title:
            change["note"] = "; ".join(filter(None, (s.summary, change.get("note"))))
        return {"date": day.isoformat(), **change} if change else {}

    # --- the written file, read back ---------------------------------------------------------

    def _record(self, item: Imported, fields: dict, strict: bool = True):
        """`fields` as the validator reads them from the file; refuses what it refuses."""
        text = to_yaml(fields)
        event, problems = validate_date(text, item.id, actor_ids=self.actor_ids,
                                        today=self.today, timezone=self.timezone)
        errors = [p for p in problems if p.is_error]
        if errors or event is None:
            first = errors[0] if errors else None
            raise Refused("die Datei würde die Prüfung nicht bestehen"
                          + (f" ({first.field}: {first.message})" if first else "") + ".")
        if strict:
            item.notes += [f"{p.field}: {p.message}" for p in problems if not p.is_error]
        return event

    def _check(self, item: Imported, seen: list[_Seen], windows) -> None:
        """The file's occurrences must be the original's in every window: else refused."""
        event = self._record(item, item.fields)
        for window in windows:
            ours = [(o.start, o.end, o.cancelled) for o in _within(event, window)]
            theirs = [s.when for s in seen if _inside(s.start, window)]
            if ours == theirs:
                continue
            for mine, original in zip([*ours, None], [*theirs, None], strict=False):
                if mine != original:
                    break
            what = (f"der Termin am {_german_date(original[0])} käme anders oder gar nicht an"
                    if original else f"am {_german_date(mine[0])} käme ein Termin hinzu")
            raise Refused(f"die Termine ließen sich nicht genau übernehmen "
                          f"({what}{self._zone_reason(window)}).")

    def _zone_reason(self, window) -> str:
        """Why a series in another time zone cannot keep its rule in local time, or ""."""
        zone = self._start_zone
        if zone is None or not _offsets_differ(zone, self.zone, window):
            return ""
        name = getattr(zone, "key", None) or str(zone)
        return (f"; die Reihe liegt in der Zeitzone {name}, in Ortszeit ({self.timezone}) "
                "verschieben sich ihre Termine bei den Zeitumstellungen")


def _offsets_differ(zone, site_zone, window) -> bool:
    """Whether the two zones' distance changes within the window (daylight saving)."""
    day, distances = window[0], set()
    while day < window[1]:
        noon = datetime.combine(day, datetime.min.time().replace(hour=12))
        distances.add(noon.replace(tzinfo=zone).utcoffset()
                      - noon.replace(tzinfo=site_zone).utcoffset())
        day += timedelta(days=7)
    return len(distances) > 1


def _inside(start, window) -> bool:
    return window[0] <= _day(start) < window[1]


def _within(event, window):
    """The event's occurrences whose start day lies in the window [first, last)."""
    return recurrence.occurrences(event, window[0], window[1] - timedelta(days=1))
