"""Issue #17 on the built demo: where and whom to call, status, monthly hours, school holidays.

Read from the files a resident's browser or calendar app and a portal would get.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import icalendar
import recurring_ical_events
import yaml

from support import PROJECT, without_isolates


def page(site, path: str) -> str:
    """A page as read: without the isolates that keep times and numbers whole."""
    return without_isolates((site / path / "index.html").read_text(encoding="utf-8"))


def school_holiday_days() -> set[date]:
    days = set()
    for period in yaml.safe_load((PROJECT / "data" / "ferien.yaml").read_text(encoding="utf-8")):
        day = period["from"]
        while day <= period["to"]:
            days.add(day)
            day += timedelta(days=1)
    return days


def test_school_holidays_are_exdates_recurring_ical_events_honours(demo_site):
    cal = icalendar.Calendar.from_ical(
        (demo_site / "termine" / "spielenachmittag-buergertreff.ics").read_bytes())
    shown = {c["DTSTART"].dt.date() for c in
             recurring_ical_events.of(cal).between(date(2026, 11, 21), date(2027, 8, 31))}
    holidays = school_holiday_days()
    assert len(shown) > 25
    assert not shown & holidays
    thursdays_in_holidays = {d for d in holidays if d.weekday() == 3 and d >= date(2026, 11, 21)}
    assert len(thursdays_in_holidays) >= 8  # the test would pass trivially without any
    html = page(demo_site, "termine/spielenachmittag-buergertreff")
    assert "nicht in den Schulferien" in html
    # The feed of all dates lists none of them either.
    everything = icalendar.Calendar.from_ical((demo_site / "feeds" / "termine.ics").read_bytes())
    spiel = [c for c in recurring_ical_events.of(everything).between(date(2026, 11, 21),
                                                                      date(2027, 8, 31))
             if str(c["UID"]).startswith("spielenachmittag-buergertreff@")]
    assert {c["DTSTART"].dt.date() for c in spiel} == shown


def test_a_date_shows_its_organizers_address_and_phone(demo_site):
    html = page(demo_site, "termine/seniorenfruehstueck-morgenleite")
    assert "Ort wird noch bekanntgegeben" not in html
    assert 'href="tel:03710000231"' in html
    actor = yaml.safe_load((PROJECT / "data" / "actors" / "seniorentreff-morgenleite.yaml")
                           .read_text(encoding="utf-8"))
    assert actor["address"]["street"] in html
    cal = icalendar.Calendar.from_ical(
        (demo_site / "termine" / "seniorenfruehstueck-morgenleite.ics").read_bytes())
    assert actor["address"]["street"] in str(cal.walk("VEVENT")[0]["LOCATION"])


def test_a_room_and_the_place_that_follows(demo_site):
    html = page(demo_site, "termine/sprachcafe-vereinshaus")
    assert "Raum: Gruppenraum 2" in html
    ak_ost = page(demo_site, "termine/ak-ost")
    assert "Ort folgt" in ak_ost
    cal = icalendar.Calendar.from_ical((demo_site / "termine" / "ak-ost.ics").read_bytes())
    after = [c for c in recurring_ical_events.of(cal).between(date(2027, 10, 1),
                                                             date(2027, 11, 21))]
    assert after and all("LOCATION" not in c for c in after)


def test_a_postponed_date_without_new_date_offers_no_calendar_entry(demo_site):
    html = page(demo_site, "termine/kinderflohmarkt-anger-crottendorf-2027")
    assert "Verschoben – neuer Termin folgt" in html
    assert "In meinen Kalender eintragen" not in html
    listing = page(demo_site, "termine/stadtteil/anger-crottendorf")
    assert "Verschoben:" in listing and "neuer Termin folgt" in listing
    cancelled = page(demo_site, "termine/lesung-bibliothek-dezember-2026")
    assert "In meinen Kalender eintragen" not in cancelled


def test_monthly_office_hours_on_the_page_and_in_hsds(demo_site):
    html = page(demo_site, "angebote/reparaturcafe-eisenbahnstrasse")
    assert "jeden 1. Samstag im Monat, 10:00–14:00 Uhr" in html
    services = json.loads((demo_site / "daten" / "hsds" / "services.json").read_text("utf-8"))
    repair = next(s for s in services if s["name"].startswith("Reparatur"))
    assert [(s.get("freq"), s.get("byday")) for s in repair["schedules"]] == \
        [("MONTHLY", "1SA")]
