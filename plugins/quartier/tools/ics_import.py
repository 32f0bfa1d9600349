"""Import a partner's calendar (.ics) as date files in the data contract's format.

Partners publish their dates as iCalendar; re-typing them invites mistakes.
This maps what the contract can express — RRULE to `repeat`, EXDATE to
`except`, RECURRENCE-ID overrides to `changes`, LOCATION texts such as
„FabLab @ Walther-Pauer-Straße 5, 03044 Cottbus“ to an address — and says in
German, per date, what it could not take over, so an editor can finish the
job. It only produces text; writing files is the caller's (`invoke
import-ics`) decision.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import nh3
from dateutil.rrule import rrulestr

from quartier.contract import weekdays
from quartier.contract.ids import date_id

from .yaml_writer import to_yaml

_DAYS = {ical: code for code, ical in weekdays.ICAL.items()}
_FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_ADDRESS = re.compile(r"^(?:(?P<place>.+?)\s*@\s*)?(?:(?P<street>[^,@]+?),?\s+)?"
                      r"(?P<postcode>\d{5})\s+(?P<city>[^,]+?)(?:,.*)?$")


@dataclass
class Imported:
    """One date file to write, and what could not be taken over."""

    id: str
    uid: str  # the calendar's UID, to trace a file back to its source
    fields: dict
    notes: list[str] = field(default_factory=list)

    def yaml(self, source: str) -> str:
        """The file's text as an editor writes it, with where it came from and the notes."""
        return to_yaml(self.fields, [f"Importiert aus {source}",
                                     *(f"Hinweis: {note}" for note in self.notes)])


def _plain(text: str) -> str:
    """Calendar descriptions often carry HTML (Google Calendar); the contract wants Markdown."""
    if "<" in text:
        text = html.unescape(nh3.clean(re.sub(r"<br\s*/?>", "\n", text), tags=set()))
    return text.strip().replace("<", "&lt;")


class Importer:
    """`city`, when given, is used for places that name no postcode and city."""

    def __init__(self, timezone: str = "Europe/Berlin", city: str | None = None) -> None:
        self.zone = ZoneInfo(timezone)
        self.city = city

    def _local(self, value):
        """A DTSTART/DTEND value as a local naive datetime, or a date."""
        if isinstance(value, datetime):
            return value.astimezone(self.zone).replace(tzinfo=None) if value.tzinfo else value
        return value

    @staticmethod
    def _moment(value) -> str:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        return value.isoformat()

    def _end(self, start, end):
        if end is None or end <= start:
            return None
        if isinstance(start, datetime) and isinstance(end, datetime):
            # HH:MM means the same day, or the next when before the start (22:00–01:00);
            # an end at the start's own time the next day needs the full date.
            if end.date() == start.date() or (end.date() == start.date() + timedelta(days=1)
                                              and end.time() < start.time()):
                return end.strftime("%H:%M")
            return self._moment(end)
        if not isinstance(start, datetime) and not isinstance(end, datetime):
            last = end - timedelta(days=1)  # iCalendar's DTEND of a date is exclusive
            return self._moment(last) if last > start else None
        return None

    def location(self, text: str, notes: list[str]):
        """An address from a LOCATION text, when it names a postcode and a city."""
        text = " ".join(text.split())
        match = _ADDRESS.match(text)
        if not match and self.city:
            return {"place": text, "city": self.city}
        if not match:
            notes.append(f"Ort „{text}“ nur in die Beschreibung übernommen: keine Postleitzahl "
                         "und kein Ort erkennbar; bitte als Adresse eintragen.")
            return None
        found = {"place": match["place"], "street": match["street"],
                 "postcode": match["postcode"], "city": match["city"].strip()}
        if not found["street"] and not found["place"]:
            found["place"] = found["city"]
        return {k: v.strip() for k, v in found.items() if v}

    def _repeat(self, rule: dict, notes: list[str]) -> dict | None:
        freq = rule.get("FREQ", [None])[0]
        if freq not in _FREQS:
            notes.append(f"Wiederholung FREQ={freq} nicht übernommen: nur der erste Termin.")
            return None
        repeat: dict = {"freq": freq.lower()}
        if rule.get("INTERVAL", [1])[0] != 1:
            repeat["interval"] = int(rule["INTERVAL"][0])
        unsupported = sorted(set(rule) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL",
                                          "COUNT", "WKST"})
        if unsupported:
            notes.append(f"Regelteile {', '.join(unsupported)} nicht übernommen: nur der erste "
                         "Termin; bitte die Reihe von Hand eintragen.")
            return None
        days = [str(d) for d in rule.get("BYDAY", [])]
        ordinals = {re.match(r"[+-]?\d*", d).group() for d in days}
        if days and freq == "MONTHLY" and ordinals != {""}:
            if len(ordinals) != 1:
                notes.append("Monatsregel mit verschiedenen Wochen nicht übernommen.")
                return None
            repeat["days"] = [_DAYS[d[-2:]] for d in days]
            repeat["week"] = int(ordinals.pop())
        elif days:
            repeat["days"] = [_DAYS[d[-2:]] for d in days]
        if "BYMONTHDAY" in rule:
            if len(rule["BYMONTHDAY"]) != 1 or rule["BYMONTHDAY"][0] < 1:
                notes.append("Mehrere oder negative Monatstage nicht übernommen.")
                return None
            repeat["monthday"] = int(rule["BYMONTHDAY"][0])
        if "UNTIL" in rule:
            until = self._local(rule["UNTIL"][0])
            repeat["until"] = (until.date() if isinstance(until, datetime)
                               else until).isoformat()
            if "COUNT" in rule:
                notes.append("COUNT und UNTIL zugleich: nur UNTIL übernommen.")
        elif "COUNT" in rule:
            repeat["count"] = int(rule["COUNT"][0])
        return repeat

    def event(self, master, overrides, used_ids: set[str]) -> Imported | None:
        notes: list[str] = []
        title = " ".join(str(master.get("SUMMARY", "")).split())
        if not title or "DTSTART" not in master:
            return None
        start = self._local(master["DTSTART"].dt)
        end_value = master["DTEND"].dt if "DTEND" in master else (
            master["DTSTART"].dt + master["DURATION"].dt if "DURATION" in master else None)
        fields: dict = {"title": title, "start": self._moment(start)}
        end = self._end(start, self._local(end_value) if end_value is not None else None)
        if end is not None:
            fields["end"] = end
        if str(master.get("STATUS", "")).upper() == "CANCELLED":
            fields["status"] = "cancelled"
        description = str(master.get("DESCRIPTION", "")).strip()
        if master.get("LOCATION"):
            address = self.location(str(master["LOCATION"]), notes)
            if address:
                fields["location"] = address
            else:
                description = f"Ort: {master['LOCATION']}\n\n{description}"
        url = str(master.get("URL", "")).strip()
        if url.startswith(("https://", "http://")):
            description += f"\n\n[Weitere Informationen]({url})"
        if description.strip():
            fields["description"] = _plain(description)
        if master.get("RDATE"):
            notes.append("Zusätzliche Termine (RDATE) nicht übernommen.")
        if "RRULE" in master:
            rule_text = master["RRULE"].to_ical().decode()
            if next(iter(rrulestr(rule_text, dtstart=master["DTSTART"].dt)), None) is None:
                raise ValueError("die Reihe hat keinen einzigen Termin (UNTIL vor dem Beginn)")
            repeat = self._repeat(dict(master["RRULE"]), notes)
            zone = getattr(master["DTSTART"].dt, "tzinfo", None)
            if repeat and zone is not None and str(zone) != str(self.zone):
                notes.append(f"Reihe in der Zeitzone {zone}: in Ortszeit umgerechnet; an den "
                             "Tagen der Zeitumstellung kann sie um eine Stunde abweichen.")
            if repeat:
                fields["repeat"] = repeat
                self._exceptions_and_changes(master, overrides, start, fields, notes)
        elif overrides:
            notes.append("Geänderte Einzeltermine ohne Regel nicht übernommen.")
        record_id = date_id(title, start.date() if isinstance(start, datetime) else start,
                            used_ids)
        used_ids.add(record_id)
        return Imported(record_id, str(master.get("UID", "")), fields, notes)

    def _exceptions_and_changes(self, master, overrides, start, fields, notes) -> None:
        entries = master.get("EXDATE", [])
        exdates = [self._local(d.dt)
                   for entry in (entries if isinstance(entries, list) else [entries])
                   for d in entry.dts]
        if exdates:
            fields["except"] = [(d.date() if isinstance(d, datetime) else d).isoformat()
                                for d in sorted(set(exdates))]
        changes = []
        for override in overrides:
            rule_start = self._local(override["RECURRENCE-ID"].dt)
            rule_day = rule_start.date() if isinstance(rule_start, datetime) else rule_start
            change: dict = {"date": rule_day.isoformat()}
            new_start = self._local(override["DTSTART"].dt) if "DTSTART" in override else None
            if new_start is not None and new_start != rule_start and isinstance(new_start,
                                                                                datetime):
                change["start"] = self._moment(new_start)
                if "DTEND" in override:
                    new_end = self._end(new_start, self._local(override["DTEND"].dt))
                    if new_end is not None:
                        change["end"] = new_end
            if str(override.get("STATUS", "")).upper() == "CANCELLED":
                change["cancelled"] = True
            if override.get("LOCATION") and str(override["LOCATION"]) != str(
                    master.get("LOCATION", "")):
                address = self.location(str(override["LOCATION"]), notes)
                if address:
                    change["location"] = address
            if len(change) > 1:
                changes.append(change)
        if changes:
            fields["changes"] = changes

    def calendar(self, data: bytes) -> tuple[list[Imported], list[str]]:
        """Every VEVENT as a date file (overrides folded into their series), and what failed."""
        try:
            cal = icalendar.Calendar.from_ical(data)
        except ValueError as err:
            return [], [f"Die Datei ist kein lesbarer Kalender ({err})."]
        masters, overrides = [], {}
        for vevent in cal.walk("VEVENT"):
            if "RECURRENCE-ID" in vevent:
                overrides.setdefault(str(vevent.get("UID")), []).append(vevent)
            else:
                masters.append(vevent)
        used: set[str] = set()
        imported, failed = [], []
        for master in masters:
            try:
                result = self.event(master, overrides.pop(str(master.get("UID")), []), used)
            except (ValueError, KeyError, TypeError) as err:  # a broken property in the file
                failed.append(f"Termin „{master.get('SUMMARY', '?')}“ nicht übernommen: "
                              f"fehlerhafte Angabe im Kalender ({err}).")
                continue
            if result is not None:
                imported.append(result)
        failed += [f"Änderung ohne zugehörige Reihe nicht übernommen (UID {uid})."
                   for uid in overrides]
        return imported, failed
