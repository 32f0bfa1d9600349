"""School holidays (data/ferien.yaml): checked as the office copies them, skipped by series
and office hours that say so, and written to calendars as EXDATEs that recurring-ical-events
honours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import icalendar
import recurring_ical_events

from quartier.contract.records import HoursSlot
from quartier.export.calendars import CalendarWriter
from quartier.export.hsds import HsdsExport
from quartier.model.site import build_site
from quartier.render.pages import site_pages
from quartier.render.present import Formatter
from support import TODAY

FERIEN = """\
- {name: Weihnachtsferien, from: 2026-12-23, to: 2027-01-02}
- {name: Winterferien, from: 2027-02-08, to: 2027-02-19}
"""
SERIES = """\
title: Spielenachmittag
start: 2026-11-26 15:00
end: "17:00"
repeat: {freq: weekly, days: [do], skip_school_holidays: true}
"""
IN_HOLIDAYS = {date(2026, 12, 24), date(2026, 12, 31), date(2027, 2, 11), date(2027, 2, 18)}


def site_of(data, series=SERIES, ferien=FERIEN):
    if ferien is not None:
        data.write("ferien.yaml", ferien)
    data.write("dates/spiel.yaml", series)
    result = data.validate()
    assert result.errors == [], result.errors
    return build_site(result.dataset, TODAY)


def test_the_periods_are_read_in_order(data):
    site = site_of(data, ferien=FERIEN.splitlines()[1] + "\n" + FERIEN.splitlines()[0] + "\n")
    assert [p.name for p in site.data.school_holidays] == ["Weihnachtsferien", "Winterferien"]
    assert site.data.school_holidays[0].source.line == 2
    assert date(2027, 1, 2) in site.school_holidays and date(2027, 1, 3) not in site.school_holidays


def test_occurrences_in_the_school_holidays_are_dropped(data):
    site = site_of(data)
    days = {o.day for o in site.upcoming_of("spiel")}
    assert not days & IN_HOLIDAYS
    assert {date(2026, 12, 17), date(2027, 1, 7), date(2027, 2, 4), date(2027, 2, 25)} <= days
    assert Formatter().rhythm(site.events["spiel"]) == \
        "jeden Donnerstag, 15:00–17:00 Uhr, nicht in den Schulferien"


def test_a_change_in_the_holidays_says_it_takes_place_after_all(data):
    site = site_of(data, SERIES + "changes: [{date: 2027-02-11, note: Ferienspezial}]\n")
    assert date(2027, 2, 11) in {o.day for o in site.upcoming_of("spiel")}


def test_without_the_flag_or_the_file_nothing_is_skipped(data):
    site = site_of(data, SERIES.replace(", skip_school_holidays: true", ""))
    assert {o.day for o in site.upcoming_of("spiel")} >= IN_HOLIDAYS


def test_calendars_exclude_them_and_recurring_ical_events_agrees(data):
    site = site_of(data)
    writer = CalendarWriter(site, timezone="Europe/Berlin",
                            stamp=datetime(2026, 11, 21, tzinfo=UTC),
                            uid_domain="example.org", site_url="https://example.org")
    cal = icalendar.Calendar.from_ical(writer.calendar([site.events["spiel"]], "x"))
    (master,) = cal.walk("VEVENT")
    text = master.to_ical().decode().replace("\r\n ", "")
    assert "EXDATE;TZID=Europe/Berlin:" in text and "20261224T150000" in text
    shown = {c["DTSTART"].dt.date() for c in
             recurring_ical_events.of(cal).between(date(2026, 11, 21), date(2027, 3, 31))}
    ours = {o.day for o in site.upcoming_of("spiel") if o.day <= date(2027, 3, 31)}
    assert shown == ours
    assert not shown & IN_HOLIDAYS


def test_office_hours_not_in_the_school_holidays(data):
    slot = HoursSlot(("mo", "di"), time(14, 30), time(16, 30), skip_school_holidays=True)
    assert Formatter().hours([slot]) == ["Mo und Di 14:30–16:30 Uhr, nicht in den Schulferien"]
    holidays = frozenset({date(2026, 12, 28)})
    assert not slot.takes_place_on(date(2026, 12, 28), school_holidays=holidays)
    assert slot.takes_place_on(date(2027, 1, 4), school_holidays=holidays)
    data.write("ferien.yaml", FERIEN)
    data.write("offers/o.yaml", "title: Hausaufgabenhilfe\nactor: qm-ost\nsummary: S.\n"
               "categories: [beratung]\nhours:\n  - {days: [mo], from: \"14:30\", "
               "to: \"16:30\", skip_school_holidays: true}\n")
    result = data.validate()
    assert result.errors == []
    (service,) = HsdsExport(build_site(result.dataset, TODAY), Formatter(),
                            site_url="https://x.example").export()["services"]
    assert service["schedules"][0]["description"] == \
        "Mo 14:30–16:30 Uhr, nicht in den Schulferien"


def test_wrong_periods_are_named_with_their_lines(data):
    problems = data.problems("ferien.yaml", "- {name: Winterferien, from: 2027-02-19, "
                             "to: 2027-02-08}\n")
    assert [(p.rule, p.line, p.field) for p in problems] == [("end-before-start", 1, "[1].to")]
    problems = data.problems("ferien.yaml", FERIEN + "- {name: Winterferien, from: 2027-02-15, "
                             "to: 2027-02-26}\n")
    assert [(p.rule, p.line) for p in problems] == [("holidays-overlap", 3)]
    assert "Zeile 2" in problems[0].message
    for text, rule in [("- {name: W, from: 15.02.2027, to: 2027-02-26}\n", "date-format"),
                       ("- {name: W, from: 2027-02-30, to: 2027-03-05}\n", "invalid-date"),
                       ("- {name: W, from: 2027-02-15}\n", "missing-field"),
                       ("- {name: W, from: 2027-02-15, to: 2027-02-20, bis: x}\n",
                        "unknown-key")]:
        problems = data.problems("ferien.yaml", text)
        assert [p.rule for p in problems] == [rule], (text, problems)
        assert problems[0].line == 1 and problems[0].message


def test_skipping_school_holidays_without_any_entered_is_a_warning(data):
    problems = data.problems("dates/spiel.yaml", SERIES)
    assert [(p.rule, p.line, p.is_error) for p in problems] == \
        [("school-holidays-missing", 4, False)]
    data.write("ferien.yaml", "- {name: Sommerferien, from: 2026-07-04, to: 2026-08-14}\n")
    assert [p.rule for p in data.problems("dates/spiel.yaml")] == ["school-holidays-missing"]
    data.write("ferien.yaml", FERIEN)
    assert data.problems("dates/spiel.yaml") == []


def test_schema_org_schedule_lists_the_skipped_days(data):
    site = site_of(data)
    page = next(p for p in site_pages(site, site_url="https://example.org",
                                      timezone="Europe/Berlin")
                if p.template == "event" and p.values["event"].id == "spiel")
    schedule = page.values["jsonld"]["superEvent"]["eventSchedule"]
    assert {date.fromisoformat(d) for d in schedule["exceptDate"]} >= IN_HOLIDAYS
    assert "2027-01-07" not in schedule["exceptDate"]
