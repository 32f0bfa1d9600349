"""Schema-valid values to typed records, with the checks that need real dates.

The schema has already checked shapes and spellings; what is left here is
what a pattern cannot know: that 2026-02-30 does not exist, that an end
lies after its start, that an all-day date has no end time. Each of those is
reported at its own line, and a file with such a problem yields no record.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from types import MappingProxyType

from . import weekdays
from .loader import Node, node_at
from .problems import Problem, field_name, quote
from .records import (
    Accessibility,
    Actor,
    Address,
    AtActor,
    Change,
    Contact,
    District,
    Event,
    Fact,
    Geo,
    HoursSlot,
    Link,
    Minutes,
    Moderation,
    Offer,
    Online,
    Person,
    Registration,
    Repeat,
    SchoolHoliday,
    Source,
    Term,
)
from .suggestions import MIDNIGHT

#: Years a date may have: far enough for any real entry, near enough for time zones.
YEARS = (1900, 2200)


class RecordBuilder:
    """Builds the records of one file and collects the problems found on the way."""

    def __init__(self, root: Node, path: str) -> None:
        self.root = root
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, rule: str, where: tuple, message: str, hint: str) -> None:
        node = node_at(self.root, where)
        self.problems.append(Problem(self.path, node.line, node.column, field_name(where),
                                     message, hint, rule=rule))

    # --- scalars -----------------------------------------------------------------------

    def date(self, text: str | None, where: tuple) -> date | None:
        if text is None:
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.problem("invalid-date", where, f"Das Datum {quote(text)} gibt es nicht.",
                         "Tag und Monat prüfen (Form JJJJ-MM-TT, z. B. 2026-02-28).")
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:  # calendars and time zones need a real year
            self.problem("year-out-of-range", where,
                         f"Das Jahr {day.year} ist kein sinnvolles Jahr für einen Eintrag.",
                         f"Ein Jahr zwischen {YEARS[0]} und {YEARS[1]} angeben.")
            return None
        return day

    def time(self, text: str | None, where: tuple) -> time | None:
        if text is None:
            return None
        try:
            return time.fromisoformat(text)
        except ValueError:
            self.problem("invalid-time", where, f"Die Uhrzeit {quote(text)} gibt es nicht.",
                         MIDNIGHT if text.startswith("24:") else
                         "Stunden 00 bis 23, Minuten 00 bis 59, z. B. 18:30.")
            return None

    def moment(self, text: str, where: tuple) -> datetime | date | None:
        """`YYYY-MM-DD HH:MM` as a datetime, `YYYY-MM-DD` as a date."""
        day_text, _, time_text = text.partition(" ")
        day = self.date(day_text, where)
        if not time_text:
            return day
        clock = self.time(time_text, where)
        return datetime.combine(day, clock) if day and clock else None

    # --- common blocks -----------------------------------------------------------------

    @staticmethod
    def _tuple(values) -> tuple:
        return tuple(values or ())

    @staticmethod
    def translations(value):
        # `source_digest` (the tool's digests of the German texts) is a block of its own.
        return MappingProxyType(
            {lang: MappingProxyType({key: MappingProxyType(dict(text)) if isinstance(text, dict)
                                     else text for key, text in texts.items()})
             for lang, texts in (value or {}).items()}
        )

    def address(self, v: dict | None, where: tuple) -> Address | None:
        if v is None:
            return None
        if "street" not in v and "place" not in v:
            self.problem("address-incomplete", where,
                         "Die Adresse braucht eine Straße (street) oder einen Ortsnamen (place).",
                         "z. B. street: Eisenbahnstraße 49 oder place: Rabet-Park")
        geo = v.get("geo")
        return Address(
            city=v["city"], street=v.get("street"), postcode=v.get("postcode"),
            place=v.get("place"),
            geo=Geo(float(geo["lat"]), float(geo["lon"])) if geo else None, note=v.get("note"),
        )

    def location(self, v: dict | None, where: tuple):
        if v is None:
            return None
        if "at" in v:
            return AtActor(v["at"], v.get("place"))
        if "online" in v:
            return Online(v["online"])
        return self.address(v, where)

    @staticmethod
    def contact(v: dict | None) -> Contact | None:
        if v is None:
            return None
        links = tuple(Link(link["label"], link["url"]) for link in v.get("links", ()))
        return Contact(phone=v.get("phone"), email=v.get("email"), website=v.get("website"),
                       links=links)

    def hours(self, slots, where: tuple) -> tuple[HoursSlot, ...]:
        out = []
        for i, slot in enumerate(slots or ()):
            here = (*where, i)
            start = self.time(slot["from"], (*here, "from"))
            end = self.time(slot["to"], (*here, "to"))
            if start and end and end <= start:
                self.problem("end-before-start", (*here, "to"),
                             f"Das Ende {slot['to']} liegt nicht nach dem Beginn {slot['from']}.",
                             "von und bis prüfen; Zeiten über Mitternacht als zwei Einträge "
                             "schreiben.")
            rhythm = self._slot_rhythm(slot, here)
            if start and end and rhythm is not None:
                out.append(HoursSlot(tuple(slot["days"]), start, end, slot.get("note"),
                                     **rhythm))
        return tuple(out)

    def _slot_rhythm(self, slot: dict, here: tuple) -> dict | None:
        """`week`, `interval`/`first` and `except` of an hours slot, checked against its days
        (a slot on Mondays cannot start or be skipped on a Tuesday)."""
        week, interval = slot.get("week"), slot.get("interval", 1)
        first = self.date(slot.get("first"), (*here, "first"))
        exceptions = tuple(d for i, text in enumerate(slot.get("except", ()))
                           if (d := self.date(text, (*here, "except", i))))
        unreadable = "first" in slot and first is None
        if unreadable or len(exceptions) < len(slot.get("except", ())):
            return None  # the wrong date is reported already
        if week is not None and interval != 1:
            self.problem("hours-rhythm-conflict", (*here, "interval"),
                         "week (Woche im Monat) und interval (jede n-te Woche) schließen "
                         "einander aus.",
                         "Entweder week: 1 für „jeden 1. … im Monat“ oder interval: 2 mit "
                         "first für „jede zweite Woche“ angeben.")
            return None
        if interval != 1 and first is None:
            self.problem("hours-rhythm-conflict", (*here, "interval"),
                         f"interval: {interval} braucht first: den ersten Tag, von dem aus jede "
                         f"{interval}. Woche gezählt wird.",
                         "z. B. first: 2026-11-03 (ein Tag an einem der Wochentage unter days) "
                         "ergänzen.")
            return None
        if first is not None and interval == 1:
            self.problem("hours-rhythm-conflict", (*here, "first"),
                         "first gibt es nur zusammen mit interval (jede n-te Woche).",
                         "interval: 2 ergänzen oder first löschen.")
            return None
        days = tuple(slot["days"])
        if first is not None and weekdays.CODES[first.weekday()] not in days:
            self.problem("hours-not-on-day", (*here, "first"),
                         f"first ({first}) ist ein {weekdays.NAMES[first.weekday()]}, die Zeit "
                         "gilt aber nur an den Tagen unter days.",
                         "Einen Tag an einem dieser Wochentage angeben.")
            return None
        rhythm = {"week": week, "interval": interval, "first": first}
        probe = HoursSlot(days, time(), time(), None, **rhythm)
        for i, day in enumerate(exceptions):
            if not probe.occurs_on(day):
                self.problem("hours-not-on-day", (*here, "except", i),
                             f"An {day} ({weekdays.NAMES[day.weekday()]}) gilt diese Zeit "
                             "ohnehin nicht.",
                             "Nur Tage angeben, an denen die Zeit sonst gälte (Wochentag, "
                             "Woche im Monat, Rhythmus prüfen).")
                return None
        return {**rhythm, "exceptions": exceptions,
                "skip_school_holidays": slot.get("skip_school_holidays", False)}

    @staticmethod
    def accessibility(v: dict | None) -> Accessibility | None:
        return Accessibility(v.get("wheelchair"), v.get("note")) if v is not None else None

    @staticmethod
    def registration(v: dict | None) -> Registration | None:
        if v is None:
            return None
        return Registration(v["required"], v.get("note"), v.get("url"))

    def validity(self, v: dict):
        valid_from = self.date(v.get("valid_from"), ("valid_from",))
        valid_until = self.date(v.get("valid_until"), ("valid_until",))
        if valid_from and valid_until and valid_until < valid_from:
            self.problem("end-before-start", ("valid_until",),
                         f"valid_until ({valid_until}) liegt vor valid_from ({valid_from}).",
                         "Die beiden Daten prüfen oder vertauschen.")
        return valid_from, valid_until

    # --- records -----------------------------------------------------------------------

    def actor(self, record_id: str, v: dict) -> Actor:
        return Actor(
            id=record_id, name=v["name"], kind=v["kind"], summary=v["summary"],
            easy_summary=v.get("easy_summary"),
            description=v.get("description"),
            districts=self._tuple(v.get("districts")), topics=self._tuple(v.get("topics")),
            address=self.address(v.get("address"), ("address",)),
            contact=self.contact(v.get("contact")),
            hours=self.hours(v.get("hours"), ("hours",)),
            by_appointment=v.get("by_appointment", False),
            languages=self._tuple(v.get("languages")),
            accessibility=self.accessibility(v.get("accessibility")),
            translations=self.translations(v.get("translations")),
            last_checked=self.date(v.get("last_checked"), ("last_checked",)),
            people=tuple(Person(p["role"], p.get("name"), p.get("phone"), p.get("email"))
                         for p in v.get("people", ())),
            member_of=self._tuple(v.get("member_of")), funding=v.get("funding"),
            moderation=tuple(Moderation(m["role"], m.get("actor"), m.get("name"))
                             for m in v.get("moderation", ())),
            minutes=tuple(
                Minutes(self.date(m["date"], ("minutes", i, "date")),
                        m["title"], m["url"])
                for i, m in enumerate(v.get("minutes", ()))
            ),
            valid_until=self.date(v.get("valid_until"), ("valid_until",)),
            source=Source(self.path),
        )

    def offer(self, record_id: str, v: dict) -> Offer:
        valid_from, valid_until = self.validity(v)
        return Offer(
            id=record_id, title=v["title"], actor=v["actor"], summary=v["summary"],
            easy_summary=v.get("easy_summary"),
            categories=tuple(v["categories"]), audiences=self._tuple(v.get("audiences")),
            districts=self._tuple(v.get("districts")), description=v.get("description"),
            location=self.location(v.get("location"), ("location",)),
            hours=self.hours(v.get("hours"), ("hours",)),
            by_appointment=v.get("by_appointment", False),
            languages=self._tuple(v.get("languages")),
            accessibility=self.accessibility(v.get("accessibility")),
            contact=self.contact(v.get("contact")),
            translations=self.translations(v.get("translations")),
            last_checked=self.date(v.get("last_checked"), ("last_checked",)),
            cost=v.get("cost"), registration=self.registration(v.get("registration")),
            valid_from=valid_from, valid_until=valid_until, source=Source(self.path),
        )

    def _end(self, start, text: str | None, where: tuple):
        """The contract's `end`: a time (next day if before the start), a date-time or a date."""
        if text is None or start is None:
            return None
        all_day = not isinstance(start, datetime)
        if ":" in text and " " not in text:  # HH:MM
            if all_day:
                self.problem("all-day-time", where, "Ein ganztägiger Termin hat keine Endzeit.",
                             "Entweder beim Beginn eine Uhrzeit angeben (2026-11-05 18:00) "
                             "oder die Endzeit weglassen.")
                return None
            clock = self.time(text, where)
            if clock is None:
                return None
            end = datetime.combine(start.date(), clock)
            return end + timedelta(days=1) if end < start else end
        end = self.moment(text, where)
        if end is None:
            return None
        if isinstance(end, datetime) == all_day:
            self.problem("all-day-mismatch", where,
                         "Beginn und Ende passen nicht zusammen: eines hat eine Uhrzeit, "
                         "das andere nicht.",
                         "Ganztägig: beide nur als Datum; sonst beide mit Uhrzeit "
                         "(oder als Ende nur die Uhrzeit, z. B. 20:00).")
            return None
        if end < start:
            self.problem("end-before-start", where, f"Das Ende {quote(text)} liegt vor dem Beginn.",
                         "Datum und Uhrzeit von start und end prüfen.")
            return None
        return end

    def _change(self, event_start, extra_dates, i: int, c: dict) -> Change | None:
        """One `changes` entry. `start` is a time on the rule's day, a date with a time, or
        only a date (that occurrence is then all day); `end` is read against that start, or
        against the occurrence's own (an extra date's time, else the series')."""
        here = ("changes", i)
        day = self.date(c["date"], (*here, "date"))
        if day is None or event_start is None:
            return None
        start = end = None
        if "start" in c:
            text = c["start"]
            if ":" in text and " " not in text:  # HH:MM on the rule's day
                clock = self.time(text, (*here, "start"))
                start = datetime.combine(day, clock) if clock else None
            else:
                start = self.moment(text, (*here, "start"))
            if start is None:
                return None
        if "end" in c:
            own = {(x.date() if isinstance(x, datetime) else x): x for x in extra_dates}
            base = start or own.get(day)
            if base is None:
                base = (datetime.combine(day, event_start.time())
                        if isinstance(event_start, datetime) else day)
            end = self._end(base, c["end"], (*here, "end"))
            if end is None:
                return None
        return Change(date=day, start=start, end=end,
                      location=self.location(c.get("location"), (*here, "location")),
                      cancelled=c.get("cancelled", False), note=c.get("note"))

    def _extra_dates(self, start, texts) -> tuple:
        """`extra_dates`: a date takes the start's time; an all-day date takes no time."""
        found = []
        for i, text in enumerate(texts or ()):
            moment = self.moment(text, ("extra_dates", i))
            if moment is None or start is None:
                continue
            if isinstance(start, datetime) and not isinstance(moment, datetime):
                moment = datetime.combine(moment, start.time())
            elif not isinstance(start, datetime) and isinstance(moment, datetime):
                self.problem("all-day-time", ("extra_dates", i),
                             f"Der Termin ist ganztägig, der zusätzliche Termin {quote(text)} "
                             "hat aber eine Uhrzeit.",
                             "Nur das Datum angeben (z. B. 2027-03-05) oder beim Beginn eine "
                             "Uhrzeit setzen.")
                continue
            found.append(moment)
        return tuple(found)

    def _postponed_to(self, start, v: dict, series: bool):
        """`postponed_to`: the new start of a postponed one-off date, timed like `start`."""
        text = v.get("postponed_to")
        if text is None or start is None:
            return None
        where = ("postponed_to",)
        if v.get("status") != "postponed":
            self.problem("postponed-to-without-status", where,
                         "postponed_to (neuer Termin) gibt es nur bei status: postponed.",
                         "status: postponed ergänzen oder postponed_to löschen.")
            return None
        if series:
            self.problem("postponed-series", where,
                         "Eine Terminreihe kann nicht als Ganzes auf einen neuen Tag "
                         "verschoben werden.",
                         "Einzelne Termine der Reihe unter changes verlegen (date und start), "
                         "postponed_to löschen.")
            return None
        moved = self.moment(text, where)
        if moved is None:
            return None
        if isinstance(moved, datetime) != isinstance(start, datetime):
            self.problem("all-day-mismatch", where,
                         "Der neue Termin und der Beginn passen nicht zusammen: einer hat eine "
                         "Uhrzeit, der andere nicht.",
                         "Ganztägig: beide nur als Datum; sonst beide mit Uhrzeit, "
                         "z. B. postponed_to: 2027-04-17 10:00.")
            return None
        if moved == start:
            self.problem("postponed-to-same", where,
                         f"Der neue Termin {quote(text)} ist derselbe wie der Beginn.",
                         "Den neuen Beginn eintragen, oder postponed_to löschen, wenn der neue "
                         "Termin noch nicht feststeht („neuer Termin folgt“).")
            return None
        return moved

    def event(self, record_id: str, v: dict) -> Event:
        start = self.moment(v["start"], ("start",))
        end = self._end(start, v.get("end"), ("end",))
        rep = v.get("repeat")
        repeat = None
        if rep is not None:
            repeat = Repeat(
                freq=rep["freq"], interval=rep.get("interval", 1),
                days=self._tuple(rep.get("days")), week=rep.get("week"),
                monthday=rep.get("monthday"),
                until=self.date(rep.get("until"), ("repeat", "until")),
                count=rep.get("count"), skip_holidays=rep.get("skip_holidays", False),
                skip_school_holidays=rep.get("skip_school_holidays", False),
            )
        exceptions = tuple(
            d for i, text in enumerate(v.get("except", ()))
            if (d := self.date(text, ("except", i)))
        )
        extra_dates = self._extra_dates(start, v.get("extra_dates"))
        changes = tuple(
            c for i, raw in enumerate(v.get("changes", ()))
            if (c := self._change(start, extra_dates, i, raw))
        )
        return Event(
            id=record_id, title=v["title"], start=start, end=end,
            organizer=v.get("organizer"),
            categories=self._tuple(v.get("categories")),
            audiences=self._tuple(v.get("audiences")),
            districts=self._tuple(v.get("districts")),
            summary=v.get("summary"), description=v.get("description"),
            easy_summary=v.get("easy_summary"),
            location=self.location(v.get("location"), ("location",)),
            status=v.get("status", "scheduled"),
            postponed_to=self._postponed_to(start, v, repeat is not None or bool(extra_dates)),
            cost=v.get("cost"), registration=self.registration(v.get("registration")),
            languages=self._tuple(v.get("languages")),
            accessibility=self.accessibility(v.get("accessibility")),
            contact=self.contact(v.get("contact")),
            last_checked=self.date(v.get("last_checked"), ("last_checked",)),
            translations=self.translations(v.get("translations")),
            repeat=repeat, exceptions=exceptions, changes=changes,
            extra_dates=extra_dates, source=Source(self.path),
        )

    def district(self, i: int, v: dict) -> District:
        return District(
            id=v["id"], name=v["name"], city=v.get("city"), summary=v.get("summary"),
            description=v.get("description"),
            facts=tuple(Fact(f["label"], f["value"], f["year"], f["source"])
                        for f in v.get("facts", ())),
            translations=self.translations(v.get("translations")),
            source=Source(self.path, node_at(self.root, (i,)).line),
        )

    def school_holidays(self, value: list) -> tuple[SchoolHoliday, ...]:
        """data/ferien.yaml by start; an end before its start, or two periods sharing a day
        (a typo in a copied date, or a period entered twice), named at their lines."""
        found = []  # (period, its index in the file)
        for i, v in enumerate(value):
            start = self.date(v["from"], (i, "from"))
            end = self.date(v["to"], (i, "to"))
            if start is None or end is None:
                continue
            if end < start:
                self.problem("end-before-start", (i, "to"),
                             f"Die Ferien {quote(v['name'])} enden ({end}) vor ihrem ersten Tag "
                             f"({start}).",
                             "from ist der erste, to der letzte Ferientag; beide Daten mit der "
                             "Liste des Ministeriums vergleichen.")
                continue
            line = node_at(self.root, (i,)).line
            found.append((SchoolHoliday(v["name"], start, end, Source(self.path, line)), i))
        found.sort(key=lambda item: (item[0].start, item[0].end))
        for (before, _), (after, index) in pairwise(found):
            if after.start <= before.end:
                self.problem("holidays-overlap", (index, "from"),
                             f"Die Ferien {quote(after.name)} ({after.start} bis {after.end}) "
                             f"überschneiden sich mit {quote(before.name)} in Zeile "
                             f"{before.source.line} ({before.start} bis {before.end}).",
                             "Die Daten mit der Liste des Ministeriums vergleichen; dieselben "
                             "Ferien nur einmal eintragen.")
        periods = [period for period, _ in found]
        return tuple(periods)

    def term(self, i: int, v: dict) -> Term:
        return Term(id=v["id"], name=v["name"], summary=v.get("summary"),
                    translations=self.translations(v.get("translations")),
                    source=Source(self.path, node_at(self.root, (i,)).line))
