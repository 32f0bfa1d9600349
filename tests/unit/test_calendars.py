"""Our calendars, read back by icalendar and expanded by recurring-ical-events (the judges)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from quartier.contract.validate import validate
from quartier.export.calendars import CalendarWriter
from quartier.model import recurrence
from quartier.model.site import build_site
from support import PROJECT, TODAY

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 11, 21, 12, tzinfo=UTC)
HOLIDAYS = recurrence.public_holidays("SN", range(2025, 2029))
WINDOW = (date(2025, 11, 21), date(2027, 11, 21))


def writer(dataset) -> CalendarWriter:
    site = build_site(dataset, TODAY, window_days=(WINDOW[1] - TODAY).days)
    assert site.window_end == WINDOW[1]
    return CalendarWriter(site, timezone="Europe/Berlin", stamp=STAMP,
                          uid_domain="example.org", site_url="https://example.org")


def expand(ics: bytes, first: date = WINDOW[0], last: date = WINDOW[1]):
    """What a calendar app shows: (start, end, cancelled) in local time."""
    cal = icalendar.Calendar.from_ical(ics)
    found = []
    for component in recurring_ical_events.of(cal).between(first, last + timedelta(days=1)):
        start = component["DTSTART"].dt
        end = component["DTEND"].dt if "DTEND" in component else None
        if isinstance(start, datetime):
            start = start.astimezone(BERLIN)
            end = end.astimezone(BERLIN) if end is not None else None
        found.append((start, end, str(component.get("STATUS", "")) == "CANCELLED"))
    return sorted(found, key=lambda x: str(x[0]))


def ours(event, first: date = WINDOW[0], last: date = WINDOW[1], school=frozenset()):
    """What our pages show, in the same form (iCalendar ends all-day dates exclusively).

    A postponed date is CANCELLED at its old time; once its new start is known the calendar
    holds only the new one (the pages keep the old as a pointer „verschoben auf …“).
    """
    found = []
    for o in recurrence.occurrences(event, first, last, HOLIDAYS, school):
        if o.postponed and o.moved_to is not None:
            continue
        if o.all_day:
            found.append((o.start, (o.end or o.start) + timedelta(days=1), not o.takes_place))
        else:
            end = o.end.replace(tzinfo=BERLIN) if o.end is not None else None
            found.append((o.start.replace(tzinfo=BERLIN), end, not o.takes_place))
    return sorted(found, key=lambda x: str(x[0]))


def test_every_demo_calendar_shows_what_the_pages_show():
    dataset = validate(PROJECT / "data", today=TODAY).dataset
    w = writer(dataset)
    compared = 0
    school = dataset.school_holiday_days()
    for event in w.site.events.values():
        assert expand(w.calendar([event], event.title)) == ours(event, school=school), event.id
        compared += len(ours(event, school=school))
    assert compared > 250


def series(data, text):
    data.write("dates/reihe.yaml", text)
    result = data.validate()
    assert result.errors == []
    return result.dataset, result.dataset.events["reihe"]


def local(*args):
    return datetime(*args, tzinfo=BERLIN)


def test_every_two_months_first_wednesday_with_exception_and_moved_venue(data):
    dataset, event = series(data, """\
title: AK Ost
start: 2026-09-02 18:00
end: 20:00
location: {at: qm-ost}
repeat: {freq: monthly, interval: 2, days: [mi], week: 1}
except: [2027-01-06]
changes:
  - {date: 2027-03-03, location: {at: naomi-ev}}
""")
    ics = writer(dataset).calendar([event], "AK Ost")
    starts = [s for s, _, _ in expand(ics, date(2026, 9, 1), date(2027, 7, 31))]
    assert starts == [local(2026, 9, 2, 18), local(2026, 11, 4, 18), local(2027, 3, 3, 18),
                      local(2027, 5, 5, 18), local(2027, 7, 7, 18)]
    cal = icalendar.Calendar.from_ical(ics)
    moved = [c for c in cal.walk("VEVENT") if "RECURRENCE-ID" in c]
    assert len(moved) == 1 and str(moved[0]["LOCATION"]).startswith("Naomi e. V.")
    assert moved[0]["RECURRENCE-ID"].dt == local(2027, 3, 3, 18)
    assert str(cal.walk("VEVENT")[0]["UID"]) == "reihe@example.org"
    assert cal.walk("VEVENT")[0]["DTSTAMP"].dt == STAMP
    assert len(cal.walk("VTIMEZONE")) == 1


def test_weekly_with_a_public_holiday_skipped(data):
    dataset, event = series(data, """\
title: Kuchentafel
start: 2026-11-04 15:00
end: 17:00
repeat: {freq: weekly, days: [mi], skip_holidays: true, until: 2026-12-02}
""")
    starts = [s for s, _, _ in expand(writer(dataset).calendar([event], "K"))]
    # 18 November 2026 is Buß- und Bettag, a public holiday in Saxony only
    assert starts == [local(2026, 11, 4, 15), local(2026, 11, 11, 15), local(2026, 11, 25, 15),
                      local(2026, 12, 2, 15)]


def test_a_weekly_meeting_keeps_its_local_time_across_the_spring_change(data):
    dataset, event = series(data, """\
title: Nähwerkstatt
start: 2027-03-18 18:00
end: 20:00
repeat: {freq: weekly, count: 3}
""")
    found = expand(writer(dataset).calendar([event], "N"))
    assert [(s.isoformat(), e.isoformat()) for s, e, _ in found] == [
        ("2027-03-18T18:00:00+01:00", "2027-03-18T20:00:00+01:00"),
        ("2027-03-25T18:00:00+01:00", "2027-03-25T20:00:00+01:00"),
        ("2027-04-01T18:00:00+02:00", "2027-04-01T20:00:00+02:00"),
    ]


def test_an_evening_until_after_midnight(data):
    dataset, event = series(data, """\
title: Nachtcafé
start: 2026-12-04 22:00
end: 01:00
repeat: {freq: weekly, count: 2}
""")
    found = expand(writer(dataset).calendar([event], "N"))
    assert [(s.isoformat(), e.isoformat()) for s, e, _ in found] == [
        ("2026-12-04T22:00:00+01:00", "2026-12-05T01:00:00+01:00"),
        ("2026-12-11T22:00:00+01:00", "2026-12-12T01:00:00+01:00"),
    ]


def test_a_cancelled_occurrence_is_an_override_with_status_cancelled(data):
    dataset, event = series(data, """\
title: Sprachcafé
start: 2026-11-25 18:00
end: 19:30
repeat: {freq: weekly, count: 3}
changes:
  - {date: 2026-12-02, cancelled: true, note: Krankheit}
""")
    found = expand(writer(dataset).calendar([event], "S"))
    assert [(s.day, cancelled) for s, _, cancelled in found] == [(25, False), (2, True),
                                                                 (9, False)]


@pytest.mark.parametrize(("repeat", "rrule"), [
    ("{freq: weekly, days: [di, do]}", "FREQ=WEEKLY;BYDAY=TU,TH"),
    ("{freq: monthly, days: [fr], week: -1, count: 4}", "FREQ=MONTHLY;COUNT=4;BYDAY=-1FR"),
    ("{freq: monthly, interval: 3, monthday: 15, until: 2027-06-30}",
     "FREQ=MONTHLY;UNTIL=20270630T215959Z;INTERVAL=3;BYMONTHDAY=15"),
])
def test_rrule_text(data, repeat, rrule):
    start = {"fr": "2026-12-25 18:00", "monthday": "2026-12-15 18:00"}
    first = start["fr"] if "fr" in repeat else start["monthday"] if "monthday" in repeat \
        else "2026-12-01 18:00"
    dataset, event = series(data, f"title: R\nstart: {first}\nrepeat: {repeat}\n")
    lines = writer(dataset).calendar([event], "R").decode().splitlines()
    assert f"RRULE:{rrule}" in lines


def test_extra_dates_are_rdates_that_apps_show_like_the_pages(data):
    dataset, event = series(data, """\
title: Repair-Café
start: 2026-12-05 14:00
end: 17:00
repeat: {freq: monthly, days: [sa], week: 1, count: 3}
extra_dates: [2026-12-19, 2027-01-23 10:00]
changes:
  - {date: 2027-01-23, end: "12:00"}
""")
    ics = writer(dataset).calendar([event], "R")
    [master, override] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert [d.dt for rdate in [master["RDATE"]] for d in rdate.dts] == [
        local(2026, 12, 19, 14), local(2027, 1, 23, 10)]
    assert override["RECURRENCE-ID"].dt == local(2027, 1, 23, 10)
    assert expand(ics) == ours(event)
    assert [(s, e) for s, e, _ in expand(ics)] == [
        (local(2026, 12, 5, 14), local(2026, 12, 5, 17)),
        (local(2026, 12, 19, 14), local(2026, 12, 19, 17)),
        (local(2027, 1, 2, 14), local(2027, 1, 2, 17)),
        (local(2027, 1, 23, 10), local(2027, 1, 23, 12)),
        (local(2027, 2, 6, 14), local(2027, 2, 6, 17))]


def test_a_date_on_single_days_without_a_rule(data):
    dataset, event = series(data, """\
title: Ferienwerkstatt
start: 2027-02-15
extra_dates: [2027-02-17, 2027-02-19]
changes:
  - {date: 2027-02-19, end: 2027-02-20}
""")
    ics = writer(dataset).calendar([event], "F")
    master = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert "RRULE" not in master and "RDATE" in master
    assert expand(ics) == ours(event) == [
        (date(2027, 2, 15), date(2027, 2, 16), False),
        (date(2027, 2, 17), date(2027, 2, 18), False),
        (date(2027, 2, 19), date(2027, 2, 21), False)]


def test_changes_move_all_day_occurrences_and_switch_between_all_day_and_timed(data):
    dataset, event = series(data, """\
title: Flohmarkt
start: 2026-12-06
repeat: {freq: weekly, count: 4}
changes:
  - {date: 2026-12-13, start: 2026-12-12}
  - {date: 2026-12-20, start: "10:00", end: "14:00"}
  - {date: 2026-12-27, end: 2026-12-28}
""")
    ics = writer(dataset).calendar([event], "F")
    assert expand(ics) == ours(event) == [
        (date(2026, 12, 6), date(2026, 12, 7), False),
        (date(2026, 12, 12), date(2026, 12, 13), False),
        (local(2026, 12, 20, 10), local(2026, 12, 20, 14), False),
        (date(2026, 12, 27), date(2026, 12, 29), False)]
    dataset, event = series(data, """\
title: Sprachcafé
start: 2026-12-02 18:00
end: 20:00
repeat: {freq: weekly, count: 2}
changes:
  - {date: 2026-12-09, start: 2026-12-09}
""")
    assert expand(writer(dataset).calendar([event], "S")) == ours(event) == [
        (local(2026, 12, 2, 18), local(2026, 12, 2, 20), False),
        (date(2026, 12, 9), date(2026, 12, 10), False)]
