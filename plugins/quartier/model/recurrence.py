"""Recurring dates: the contract's `repeat` block as a python-dateutil rrule.

The rule is expanded in naive local time on purpose: a weekly 18:00 meeting
is at 18:00 local time on both sides of a daylight-saving change, which is
what RFC 5545 means by a rule with a TZID. Attaching the time zone to each
occurrence is a later step.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule

from quartier.contract import weekdays
from quartier.contract.records import Event, Occurrence, Repeat

WEEKDAYS = dict(zip(weekdays.CODES, rrule.weekdays, strict=True))
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_FREQ = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY,
         "yearly": rrule.YEARLY}


def start_datetime(event: Event) -> datetime:
    """The first occurrence's start; all-day dates start at midnight."""
    start = event.start
    return start if isinstance(start, datetime) else datetime.combine(start, time())


def rule_problem(repeat: Repeat) -> tuple[str, str, str] | None:
    """A contradiction inside the rule itself as (field, message, hint), or None."""
    if repeat.count is not None and repeat.until is not None:
        return ("repeat.count", "count und until dürfen nicht beide angegeben sein.",
                "Entweder die Anzahl der Termine (count) oder das Enddatum (until) angeben.")
    if repeat.week is not None and repeat.freq != "monthly":
        return ("repeat.week", "week gibt es nur bei freq: monthly.",
                "week löschen oder freq: monthly verwenden.")
    if repeat.week is not None and not repeat.days:
        return ("repeat.week", "week braucht days (z. B. week: 1 und days: [mi] für den "
                "ersten Mittwoch im Monat).", "days ergänzen oder week löschen.")
    if repeat.monthday is not None and repeat.freq != "monthly":
        return ("repeat.monthday", "monthday gibt es nur bei freq: monthly.",
                "monthday löschen oder freq: monthly verwenden.")
    if repeat.monthday is not None and (repeat.days or repeat.week is not None):
        return ("repeat.monthday", "monthday und days/week schließen einander aus.",
                "Entweder einen Tag im Monat (monthday) oder Wochentag und Woche angeben.")
    if repeat.freq == "monthly" and repeat.days and repeat.week is None:
        return ("repeat.days", "Bei freq: monthly braucht days auch week.",
                "z. B. week: 2 für den zweiten dieser Wochentage im Monat, -1 für den letzten.")
    if repeat.freq == "yearly" and repeat.days:
        return ("repeat.days", "Bei freq: yearly wiederholt sich der Termin am Datum des "
                "Beginns; days gibt es hier nicht.", "days löschen.")
    return None


def rule(event: Event) -> rrule.rrule:
    """The series as an rrule starting at the first occurrence (no exceptions applied)."""
    repeat = event.repeat
    assert repeat is not None
    start = start_datetime(event)
    options: dict = {"dtstart": start, "interval": repeat.interval}
    days = [WEEKDAYS[d] for d in repeat.days]
    if repeat.freq == "monthly":
        if repeat.week is not None:
            options["byweekday"] = [d(repeat.week) for d in days]
        else:
            options["bymonthday"] = repeat.monthday or start.day
    elif days:
        options["byweekday"] = days
    if repeat.count is not None:
        options["count"] = repeat.count
    if repeat.until is not None:
        options["until"] = datetime.combine(repeat.until, time.max)
    return rrule.rrule(_FREQ[repeat.freq], **options)


def occurs_on(series: rrule.rrule, day: date) -> bool:
    """Whether the rule has an occurrence on that calendar day."""
    midnight = datetime.combine(day, time())
    found = series.after(midnight - timedelta(microseconds=1), inc=False)
    return found is not None and found.date() == day


def day_of(moment: datetime | date) -> date:
    """The calendar day of a start, timed or all day."""
    return moment.date() if isinstance(moment, datetime) else moment


def takes_place_on(event: Event, series: rrule.rrule | None, day: date) -> bool:
    """Whether the date has an occurrence on `day` before `except`: by its rule (`series`,
    from `rule(event)`), as one of its `extra_dates`, or, without a rule, at its start."""
    if series is not None and occurs_on(series, day):
        return True
    if event.repeat is None and day == event.start_day:
        return True
    return any(day_of(extra) == day for extra in event.extra_dates)


def public_holidays(subdivision: str, years: Iterable[int]) -> frozenset[date]:
    """Public holidays in Germany's state `subdivision` (e.g. "SN" has Buß- und Bettag)."""
    return frozenset(holidays.country_holidays("DE", subdiv=subdivision, years=list(years)))


# A change may move an occurrence by this much into or out of the window asked for.
_MOVE_MARGIN = timedelta(days=62)


def occurrences(event: Event, first_day: date, last_day: date,
                skipped_holidays: Container[date] = frozenset(),
                school_holidays: Container[date] = frozenset()) -> list[Occurrence]:
    """The event's occurrences starting between `first_day` and `last_day` (inclusive).

    Multi-day one-off dates count from their first day on while they last.
    Series drop `except` dates and, with `skip_holidays` / `skip_school_holidays`,
    public holidays / school-holiday days that no change names (after counting:
    RFC 5545's COUNT counts before exceptions),
    add their `extra_dates` (which neither count nor skip: an editor named each),
    then apply `changes`. Cancelled occurrences are kept and flagged; in a series
    with changing venues, occurrences after the last named venue have no place
    (`place_follows`). A postponed one-off date with a known new start yields the
    old date (flagged `postponed`, `moved_to`) and the new one (`moved_from`).
    """
    cancelled_all = event.status == "cancelled"
    if not event.is_series:
        return _one_off(event, first_day, last_day)
    duration = event.end - event.start if event.end is not None else None
    changes = {c.date: c for c in event.changes}
    exceptions = set(event.exceptions)
    last_known_venue = last_venue_change(event)
    postponed = event.status == "postponed"
    skip_holidays = event.repeat is not None and event.repeat.skip_holidays
    skip_school = event.repeat is not None and event.repeat.skip_school_holidays
    low = datetime.combine(first_day - _MOVE_MARGIN, time())
    high = datetime.combine(last_day + _MOVE_MARGIN, time.max)
    by_rule = (rule(event).between(low, high, inc=True) if event.repeat is not None
               else [start_datetime(event)])
    extras = [datetime.combine(x, time()) if not isinstance(x, datetime) else x
              for x in event.extra_dates]
    found = []
    for moment, extra in sorted([(m, False) for m in by_rule if low <= m <= high]
                                + [(m, True) for m in extras if low <= m <= high]):
        day = moment.date()
        # A change on a public holiday says the date takes place after all (validation
        # refuses a change on an `except` date, which would contradict itself).
        if not extra and (day in exceptions or (day not in changes and (
                (skip_holidays and day in skipped_holidays)
                or (skip_school and day in school_holidays)))):
            continue
        start = moment if not event.all_day else day
        end = start + duration if duration is not None else None
        location, cancelled, note = event.location, cancelled_all, None
        new_time = new_place = False
        change = changes.get(day)
        if change is not None:
            if change.start is not None:
                start = change.start
                # The series' length fits only an occurrence of its kind (timed or all day).
                same_kind = isinstance(start, datetime) == isinstance(event.start, datetime)
                end = start + duration if duration is not None and same_kind else None
            if change.end is not None:
                end = change.end
            location = change.location or location
            cancelled = cancelled or change.cancelled
            note = change.note
            new_time = change.start is not None or change.end is not None
            new_place = change.location is not None
        place_follows = (last_known_venue is not None and day > last_known_venue
                         and not new_place)
        occurrence = Occurrence(event.id, start, end, day,
                                None if place_follows else location, cancelled, new_time,
                                new_place, note, place_follows=place_follows,
                                postponed=postponed and not cancelled)
        if first_day <= occurrence.day <= last_day:
            found.append(occurrence)
    return sorted(found, key=lambda o: start_of(o.start))


def _during(start, end, first_day: date, last_day: date) -> bool:
    """Whether a date from `start` to `end` (or its start alone) touches the days asked for."""
    last = day_of(end if end is not None else start)
    return day_of(start) <= last_day and last >= first_day


def _one_off(event: Event, first_day: date, last_day: date) -> list[Occurrence]:
    """A one-off date; postponed to a known day, it is two: the old date marked „verschoben
    auf …“ (residents who noted it learn where it went) and the new one, which takes place."""
    found = []
    postponed = event.status == "postponed"
    if _during(event.start, event.end, first_day, last_day):
        found.append(Occurrence(event.id, event.start, event.end, event.start_day,
                                event.location, cancelled=event.status == "cancelled",
                                postponed=postponed, moved_to=event.postponed_to))
    moved = event.postponed_to
    if postponed and moved is not None:
        end = moved + (event.end - event.start) if event.end is not None else None
        if _during(moved, end, first_day, last_day):
            found.append(Occurrence(event.id, moved, end, day_of(moved), event.location,
                                    moved_from=event.start))
    return sorted(found, key=lambda o: start_of(o.start))


def changes_venues(event: Event) -> bool:
    """A series „with changing venues“: two or more of its changes name a place.

    One moved meeting is an exception to a fixed place; several are a rotation,
    whose next hosts are not known yet beyond the last one named.
    """
    return sum(change.location is not None for change in event.changes) >= 2


def last_venue_change(event: Event) -> date | None:
    """In a series with changing venues, the last day a change names a place for.

    Later occurrences without a place of their own say „Ort folgt“ instead of
    pretending the default place is known.
    """
    if event.repeat is None or not changes_venues(event):
        return None
    return max(change.date for change in event.changes if change.location is not None)


def start_of(moment: datetime | date) -> datetime:
    """A start as a datetime (midnight for a day), to order timed and all-day occurrences."""
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time())


def local_time_problem(moment: datetime, timezone: str) -> str | None:
    """"gap" if the local time does not exist (spring forward), "fold" if it is ambiguous."""
    zone = ZoneInfo(timezone)
    aware = moment.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment:
        return "gap"
    if aware.utcoffset() != moment.replace(tzinfo=zone, fold=1).utcoffset():
        return "fold"
    return None


@cache
def transition_days(timezone: str, year: int) -> tuple[date, ...]:
    """Days of `year` on which the zone's UTC offset changes (daylight saving)."""
    zone = ZoneInfo(timezone)
    day, found = date(year, 1, 1), []
    while day.year == year:
        morning = datetime.combine(day, time(0), zone).utcoffset()
        evening = datetime.combine(day, time(23, 59), zone).utcoffset()
        if morning != evening:
            found.append(day)
        day += timedelta(days=1)
    return tuple(found)


def clock_problems(event: Event, timezone: str, last_day: date) -> list[tuple[datetime, str]]:
    """Local times of the event up to `last_day` that fall into a gap or a fold.

    Only the days on which the clocks change can have such a time, so only
    those days are looked at, which keeps long series cheap to check.
    """
    if event.all_day:
        return []
    moments = [event.start, *event.extra_dates]
    moments += [c.start for c in event.changes if isinstance(c.start, datetime)]
    moments += [c.end for c in event.changes if isinstance(c.end, datetime)]
    if isinstance(event.end, datetime):
        moments.append(event.end)
        moments += [extra + (event.end - event.start) for extra in event.extra_dates]
    if event.repeat is not None:
        series = rule(event)
        duration = event.end - event.start if isinstance(event.end, datetime) else None
        moved = {c.date for c in event.changes if c.start is not None}
        for year in range(event.start.year, last_day.year + 1):
            for day in transition_days(timezone, year):
                start = datetime.combine(day, event.start.time())
                candidates = [start] + ([start + duration] if duration else [])
                # Most clock times are fine on every day; only then ask the (slower) rule.
                for moment in candidates:
                    if (event.start.date() <= day <= last_day and day not in event.exceptions
                            and day not in moved and local_time_problem(moment, timezone)
                            and occurs_on(series, day)):
                        moments.append(moment)
    found = []
    for moment in sorted(set(moments)):
        problem = local_time_problem(moment, timezone)
        if problem:
            found.append((moment, problem))
    return found
