"""Recurring dates: the contract's `repeat` block as a python-dateutil rrule.

The rule is expanded in naive local time on purpose: a weekly 18:00 meeting
is at 18:00 local time on both sides of a daylight-saving change, which is
what RFC 5545 means by a rule with a TZID. Attaching the time zone to each
occurrence is a later step.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil import rrule

from .records import Event, Repeat

WEEKDAYS = {
    "mo": rrule.MO, "di": rrule.TU, "mi": rrule.WE, "do": rrule.TH,
    "fr": rrule.FR, "sa": rrule.SA, "so": rrule.SU,
}
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
