"""Dates as iCalendar (RFC 5545), written with the `icalendar` package.

A series stays a series: one VEVENT with its RRULE and EXDATEs, and one
override VEVENT per changed occurrence (same UID, RECURRENCE-ID = the start
the rule gave it), so calendar apps show the same dates as the site. Times
carry the site's TZID and the calendar its VTIMEZONE; DTSTAMP is the build
time (SOURCE_DATE_EPOCH when set: then two builds of the same data are identical). UIDs are
`<id>@<domain>`
and never change while the date's file keeps its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import icalendar

from quartier.contract import weekdays
from quartier.contract.records import Address, AtActor, Event, Location, Online
from quartier.model import recurrence, urls
from quartier.model.site import Site
from quartier.render.present import Formatter

# Some calendar clients render descriptions as HTML; angle brackets from data become the
# look-alike single guillemets there, so no client can meet markup in our calendars.
_NO_MARKUP = str.maketrans({"<": "‹", ">": "›"})


def _text(value: str) -> str:
    return value.translate(_NO_MARKUP)


@cache
def _vtimezone(timezone: str, first_year: int, last_year: int) -> icalendar.Timezone:
    return icalendar.Timezone.from_tzid(timezone, first_date=date(first_year, 1, 1),
                                        last_date=date(last_year + 1, 1, 1))


def rrule(event: Event, timezone: str) -> dict:
    """The contract's `repeat` as RRULE parts."""
    repeat = event.repeat
    assert repeat is not None
    parts: dict = {"FREQ": repeat.freq.upper()}
    if repeat.interval != 1:
        parts["INTERVAL"] = repeat.interval
    if repeat.week is not None:
        parts["BYDAY"] = [f"{repeat.week}{weekdays.ICAL[d]}" for d in repeat.days]
    elif repeat.days:
        parts["BYDAY"] = [weekdays.ICAL[d] for d in repeat.days]
    if repeat.monthday is not None:
        parts["BYMONTHDAY"] = repeat.monthday
    if repeat.count is not None:
        parts["COUNT"] = repeat.count
    if repeat.until is not None:
        if event.all_day:
            parts["UNTIL"] = repeat.until
        else:  # with a TZID on DTSTART, UNTIL must be in UTC (RFC 5545, 3.3.10)
            end_of_day = datetime.combine(repeat.until, time(23, 59, 59), ZoneInfo(timezone))
            parts["UNTIL"] = end_of_day.astimezone(UTC)
    return parts


class CalendarWriter:
    """Builds calendars for one site, build time and time zone."""

    def __init__(self, site: Site, *, timezone: str, stamp: datetime, uid_domain: str,
                 site_url: str, fmt: Formatter | None = None) -> None:
        self.site = site
        # The words calendars add („Abgesagt: …“, „Ort folgt“) in the site's language.
        self.fmt = fmt or Formatter()
        self.zone = ZoneInfo(timezone)
        self.timezone = timezone
        self.stamp = stamp.astimezone(UTC)
        self.uid_domain = uid_domain
        self.site_url = site_url
        # The same holidays and window as the pages, so calendars show the pages' dates.
        self.holidays = site.holidays
        self.school_holidays = site.school_holidays
        self.window_end = site.window_end

    def _moment(self, value: datetime | date):
        return value.replace(tzinfo=self.zone) if isinstance(value, datetime) else value

    def _location(self, location: Location | None, vevent: icalendar.Event) -> None:
        if isinstance(location, Online):
            vevent.add("location", _text(location.url))
            return
        name = room = None
        address = location
        if isinstance(location, AtActor):
            host = self.site.data.actors[location.actor]
            name, room, address = host.name, location.place, host.address
        if isinstance(address, Address):
            parts = [name, room, address.place if address.place != name else None,
                     address.street, " ".join(filter(None, (address.postcode, address.city)))]
            vevent.add("location", _text(", ".join(p for p in parts if p)))
            if address.geo:
                vevent.add("geo", (address.geo.lat, address.geo.lon))
        elif name:
            vevent.add("location", _text(", ".join(filter(None, (name, room)))))

    def _end(self, start, end):
        if end is None:
            return start + timedelta(days=1) if not isinstance(start, datetime) else None
        return end + timedelta(days=1) if not isinstance(end, datetime) else end

    def _status(self, vevent: icalendar.Event, status: str, notice: str | None = None) -> None:
        """STATUS and a title prefix, since many calendar apps show STATUS nowhere.

        A postponed date without its new start is CANCELLED, not TENTATIVE: it will not
        take place at this time, and TENTATIVE would keep it in residents' plans there.
        """
        if status == "scheduled":
            return
        vevent.add("status", "CANCELLED")
        vevent["summary"] = _text(self.fmt.status_title(str(vevent["summary"]), status))
        if notice:
            self._notice(vevent, notice)

    @staticmethod
    def _notice(vevent: icalendar.Event, text: str) -> None:
        vevent["description"] = _text("\n\n".join((text, str(vevent["description"]))))

    def _vevent(self, event: Event, start, end, location) -> icalendar.Event:
        vevent = icalendar.Event()
        vevent.add("uid", f"{event.id}@{self.uid_domain}")
        vevent.add("dtstamp", self.stamp)
        vevent.add("dtstart", self._moment(start))
        end = self._end(start, end)
        if end is not None:
            vevent.add("dtend", self._moment(end))
        vevent.add("summary", _text(event.title))
        url = f"{self.site_url}/{urls.event(event.id)}"
        vevent.add("url", url)
        vevent.add("description", _text("\n\n".join(filter(None, (event.summary, url)))))
        self._location(location, vevent)
        if event.categories:
            vevent.add("categories", [_text(self.site.data.categories[c].name)
                                      for c in event.categories])
        return vevent

    def components(self, event: Event) -> list[icalendar.Event]:
        """The event's VEVENT, and for a series one override per changed occurrence.

        A series' rule is its RRULE (and EXDATEs), its `extra_dates` are RDATEs; an
        override names its occurrence by the start the rule or the RDATE gave it.
        """
        start, end = event.start, event.end
        if event.repeat is not None:
            # RFC 5545 counts DTSTART as an occurrence; the site follows the rule, so a
            # `start` off the rule (a validation warning) moves to the rule's first date.
            first = next(iter(recurrence.rule(event)), None)
            if first is not None:
                first = first if not event.all_day else first.date()
                if first != start:
                    end = end + (first - start) if end is not None else None
                    start = first
        if event.postponed_to is not None:  # a one-off date at its new start, same UID
            moved = event.postponed_to
            master = self._vevent(event, moved, end + (moved - start) if end else None,
                                  event.location)
            master.add("sequence", 1)  # calendars that kept the old start replace it
            self._notice(master, self.fmt._("verschoben vom %(date)s") % {
                "date": self.fmt.date(start)})
            return [master]
        master = self._vevent(event, start, end, event.location)
        self._status(master, event.status, self.fmt._("neuer Termin folgt")
                     if event.status == "postponed" else None)
        if not event.is_series:
            return [master]
        if event.repeat is not None:
            master.add("rrule", rrule(event, self.timezone))
        if event.extra_dates:
            master.add("rdate", [self._moment(extra) for extra in event.extra_dates])
        skipped = sorted(self._skipped_days(event))
        start_time = event.start.time() if not event.all_day else None
        if skipped:
            master.add("exdate", [self._moment(datetime.combine(d, start_time) if start_time
                                               else d) for d in skipped])
        own_starts = {recurrence.day_of(extra): extra for extra in event.extra_dates}
        if event.repeat is None:
            own_starts[event.start_day] = event.start
        overrides = []
        for occurrence in recurrence.occurrences(event, event.start_day, self.window_end,
                                                 self.holidays, self.school_holidays):
            cancelled_alone = occurrence.cancelled and event.status != "cancelled"
            if not (occurrence.changed or cancelled_alone or occurrence.note
                    or occurrence.place_follows):
                continue
            override = self._vevent(event, occurrence.start, occurrence.end, occurrence.location)
            if occurrence.place_follows:  # no LOCATION: the default place is not known to hold
                self._notice(override, self.fmt._("Ort folgt"))
            rule_start = own_starts.get(occurrence.rule_date) or (
                datetime.combine(occurrence.rule_date, start_time) if start_time
                else occurrence.rule_date)
            override.add("recurrence-id", self._moment(rule_start))
            if occurrence.cancelled:
                self._status(override, "cancelled")
            elif occurrence.postponed:
                self._status(override, "postponed")
            if occurrence.note:
                override["description"] = _text("\n\n".join(
                    filter(None, (occurrence.note, str(override["description"])))))
            overrides.append(override)
        return [master, *overrides]

    def _skipped_days(self, event: Event) -> set[date]:
        """The days the series passes over (see `Site.skipped_days`)."""
        return self.site.skipped_days(event)

    def calendar(self, events: Iterable[Event], name: str) -> bytes:
        """A VCALENDAR with the events and the VTIMEZONE they need."""
        cal = icalendar.Calendar()
        cal.add("prodid", "-//quartier-site//Stadtteil-Info//DE")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", _text(name))
        cal.add("x-wr-timezone", self.timezone)
        events = list(events)
        first = min((e.start_day.year for e in events), default=self.site.today.year)
        if any(not e.all_day for e in events):
            cal.add_component(_vtimezone(self.timezone, first, self.window_end.year))
        for event in events:
            for component in self.components(event):
                cal.add_component(component)
        return cal.to_ical()
