"""Office hours that are not every week: a week of the month, every n-th week, skipped days.

Read where they end up: the German line on the page, HSDS schedules (validated against the
specification's schema, expanded with dateutil as a reader of the RRULE fields would),
schema.org opening hours and the open data.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from dateutil import rrule
from test_hsds import errors, validators

from quartier.contract.records import HoursSlot
from quartier.export import opendata
from quartier.export.hsds import HsdsExport
from quartier.model.site import build_site
from quartier.render import jsonld
from quartier.render.present import Formatter
from support import TODAY

OFFER = """\
title: Beratung
actor: qm-ost
summary: S.
categories: [beratung]
hours:
"""


def slot(**rhythm):
    return HoursSlot(("mo",), time(10), time(12), **rhythm)


@pytest.mark.parametrize(("slots", "text"), [
    ([slot(week=1)], "jeden 1. Montag im Monat, 10:00–12:00 Uhr"),
    ([slot(week=-1)], "jeden letzten Montag im Monat, 10:00–12:00 Uhr"),
    ([HoursSlot(("di", "do"), time(10), time(12), week=2)],
     "jeden 2. Dienstag und Donnerstag im Monat, 10:00–12:00 Uhr"),
    ([HoursSlot(("di",), time(10), time(12), interval=2, first=date(2026, 11, 3))],
     "jeden 2. Dienstag ab 3. November 2026, 10:00–12:00 Uhr"),
    ([slot(exceptions=(date(2027, 1, 4),))],
     "Mo 10:00–12:00 Uhr, nicht am 4. Januar 2027"),
    # A weekly slot and a monthly one at the same time stay two lines.
    ([slot(), HoursSlot(("mi",), time(10), time(12), week=1)],
     "Mo 10:00–12:00 Uhr | jeden 1. Mittwoch im Monat, 10:00–12:00 Uhr"),
])
def test_hours_in_german(slots, text):
    assert " | ".join(Formatter().hours(slots)) == text


def days_of(s: HoursSlot, first=date(2026, 11, 1), last=date(2027, 2, 28)):
    day, found = first, []
    while day <= last:
        if s.takes_place_on(day):
            found.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    return found


def test_the_days_a_slot_takes_place():
    assert days_of(slot(week=1))[:4] == [date(2026, 11, 2), date(2026, 12, 7), date(2027, 1, 4),
                                         date(2027, 2, 1)]
    assert days_of(slot(week=-1))[:2] == [date(2026, 11, 30), date(2026, 12, 28)]
    every_other = HoursSlot(("di",), time(10), time(12), interval=2, first=date(2026, 11, 10),
                            exceptions=(date(2026, 12, 22),))
    assert days_of(every_other)[:4] == [date(2026, 11, 10), date(2026, 11, 24), date(2026, 12, 8),
                                        date(2027, 1, 5)]


@pytest.mark.parametrize(("slot_text", "rule", "field"), [
    ('{days: [di], from: "10:00", to: "12:00", interval: 2}', "hours-rhythm-conflict",
     "hours[1].interval"),
    ('{days: [di], from: "10:00", to: "12:00", week: 1, interval: 2, first: 2026-11-03}',
     "hours-rhythm-conflict", "hours[1].interval"),
    ('{days: [di], from: "10:00", to: "12:00", first: 2026-11-03}', "hours-rhythm-conflict",
     "hours[1].first"),
    ('{days: [di], from: "10:00", to: "12:00", interval: 2, first: 2026-11-04}',
     "hours-not-on-day", "hours[1].first"),
    ('{days: [di], from: "10:00", to: "12:00", week: 1, except: [2026-12-08]}',
     "hours-not-on-day", "hours[1].except[1]"),
    ('{days: [di], from: "10:00", to: "12:00", interval: 2, first: 2026-11-03, '
     'except: [2026-11-10]}', "hours-not-on-day", "hours[1].except[1]"),
    ('{days: [di], from: "10:00", to: "12:00", week: 6}', "enum", "hours[1].week"),
    ('{days: [di], from: "10:00", to: "12:00", interval: 1}', "out-of-range",
     "hours[1].interval"),
    ('{days: [di], from: "10:00", to: "12:00", except: [8.12.2026]}', "date-format",
     "hours[1].except[1]"),
])
def test_each_wrong_rhythm_is_named_at_its_field(data, slot_text, rule, field):
    problems = data.problems("offers/o.yaml", OFFER + f"  - {slot_text}\n")
    assert [(p.rule, p.field, p.line) for p in problems] == [(rule, field, 6)], problems
    assert problems[0].message and problems[0].hint


def site_with(data, slot_text):
    data.write("offers/o.yaml", OFFER + f"  - {slot_text}\n")
    result = data.validate()
    assert result.errors == [], result.errors
    return build_site(result.dataset, TODAY)


def schedule_days(schedule, first=date(2026, 11, 1), last=date(2027, 3, 1)):
    """The days an HSDS schedule names, read as RFC 5545 rules (what a reader would do)."""
    text = f"FREQ={schedule['freq']};BYDAY={schedule['byday']};WKST={schedule['wkst']}"
    if "interval" in schedule:
        text += f";INTERVAL={schedule['interval']}"
    start = date.fromisoformat(schedule.get("dtstart", first.isoformat()))
    found = rrule.rrulestr(text, dtstart=datetime.combine(start, time()))
    return [d.date() for d in found.between(datetime.combine(first, time()),
                                            datetime.combine(last, time()), inc=True)]


def test_monthly_and_every_other_week_in_hsds(data):
    site = site_with(data, '{days: [mo], from: "10:00", to: "12:00", week: 1}')
    (service,) = HsdsExport(site, Formatter(), site_url="https://x.example").export()["services"]
    (schedule,) = service["schedules"]
    assert (schedule["freq"], schedule["byday"]) == ("MONTHLY", "1MO")
    assert schedule["description"] == "jeden 1. Montag im Monat, 10:00–12:00 Uhr"
    assert schedule_days(schedule) == [date(2026, 11, 2), date(2026, 12, 7), date(2027, 1, 4),
                                       date(2027, 2, 1), date(2027, 3, 1)]
    site = site_with(data, '{days: [di], from: "10:00", to: "12:00", interval: 2, '
                           'first: 2026-11-10}')
    export = HsdsExport(site, Formatter(), site_url="https://x.example").export()
    (schedule,) = export["services"][0]["schedules"]
    assert (schedule["freq"], schedule["interval"], schedule["dtstart"]) == \
        ("WEEKLY", 2, "2026-11-10")
    assert schedule_days(schedule)[:3] == [date(2026, 11, 10), date(2026, 11, 24),
                                           date(2026, 12, 8)]
    for name, validator in validators(True).items():
        assert errors(export[name], validator) == [], name


def test_schema_org_says_no_weekday_it_does_not_mean():
    (weekly, monthly) = jsonld.opening_hours([slot(), slot(week=1)])
    assert weekly["dayOfWeek"] == ["https://schema.org/Monday"]
    assert "dayOfWeek" not in monthly
    assert monthly["description"] == "jeden 1. Montag im Monat, 10:00–12:00 Uhr"
    assert (monthly["opens"], monthly["closes"]) == ("10:00", "12:00")


def test_open_data_keeps_the_rhythm(data):
    site = site_with(data, '{days: [di], from: "10:00", to: "12:00", interval: 2, '
                           'first: 2026-11-10, except: [2026-12-22]}')
    bundle = opendata.bundle(site, data_license=opendata.license_from("CC BY 4.0", None, "T"),
                             site_url="https://x.example")
    assert bundle["offers"]["o"]["hours"] == [{
        "days": ["di"], "from": "10:00", "to": "12:00", "interval": 2, "first": "2026-11-10",
        "except": ["2026-12-22"]}]
    csv = opendata.csv_files(bundle, "https://x.example")["angebote.csv"].decode()
    assert "di 10:00-12:00 interval 2 first 2026-11-10 except 2026-12-22" in csv
