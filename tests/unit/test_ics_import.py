"""Importing partner calendars: real German community feeds and iCalendar edge cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from quartier.model import recurrence
from quartier.tools.ics_import import Importer
from support import TEST_DATA

# The test calendars of icalendar and recurring-ical-events (tests/data/, with licences).
ICAL = TEST_DATA / "ical"
FEEDS = ["fablab_cottbus.ics", "machbar_16_feb_2019.ics"]
BERLIN = ZoneInfo("Europe/Berlin")


def import_into(data, name: str, city: str | None = None):
    imported, failed = Importer(city=city).calendar(next(ICAL.rglob(name)).read_bytes())
    for item in imported:
        data.write(f"dates/{item.id}.yaml", item.yaml(name))
    return imported, failed


@pytest.mark.parametrize("name", sorted(p.name for p in ICAL.rglob("*.ics")))
def test_every_test_calendar_imports_to_files_that_validate(data, name):
    _, failed = import_into(data, name, city="Cottbus")
    result = data.validate()
    assert result.errors == [], [str(p) for p in result.errors[:5]]
    assert all(isinstance(f, str) and f for f in failed)


def test_the_community_feeds_keep_their_dates(data):
    for name in FEEDS:
        imported, failed = import_into(data, name)
        assert imported and not failed
    dataset = data.validate().dataset
    assert len(dataset.events) == 28 + 58
    cafe = dataset.events["weihnachts-repair-cafe-2016-12-03"]
    assert (cafe.start, cafe.end) == (datetime(2016, 12, 3, 14), datetime(2016, 12, 3, 19))
    assert (cafe.location.street, cafe.location.postcode, cafe.location.city) == (
        "Walther-Pauer-Straße 5", "03044", "Cottbus")


def test_imported_series_expand_like_the_original(data):
    """recurring-ical-events on the original file and our expansion of the import agree."""
    compared = 0
    for name in [*FEEDS, "each_week_but_two_deleted.ics", "issue_62_moved_event.ics",
                 "recurring_events_moved.ics", "issue_48_dst.ics"]:
        source = next(ICAL.rglob(name)).read_bytes()
        imported, _ = import_into(data, name)
        dataset = data.validate().dataset
        cal = icalendar.Calendar.from_ical(source)
        for item in imported:
            event = dataset.events[item.id]
            if event.repeat is None or item.notes:
                continue
            first = event.start_day
            last = first + timedelta(days=400)
            theirs = sorted(
                _local(c["DTSTART"].dt) for c in recurring_ical_events.of(cal).between(
                    first, last) if str(c["UID"]) == item.uid)
            ours = sorted(_local(o.start) for o in recurrence.occurrences(event, first, last))
            assert ours == theirs, (name, item.id)
            compared += len(ours)
    assert compared > 20


def _local(value):
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(BERLIN).replace(tzinfo=None)
    return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())


def test_what_cannot_be_expressed_is_reported(data):
    imported, failed = import_into(data, "rdate.ics")
    assert any("RDATE" in note for item in imported for note in item.notes)
    _, failed = import_into(data, "issue_1081_invalid_rrule_freq.ics")
    assert failed and "nicht übernommen" in failed[0]
    imported, _ = import_into(data, "fablab_cottbus.ics")
    fest = next(i for i in imported if i.id.startswith("lab-geschlossen"))
    assert fest.notes == ["Ort „Karlstraßenfest“ nur in die Beschreibung übernommen: keine "
                          "Postleitzahl und kein Ort erkennbar; bitte als Adresse eintragen."]
    assert fest.fields["description"].startswith("Ort: Karlstraßenfest")
    assert date.fromisoformat(fest.fields["start"]) == date(2018, 6, 9)


def test_an_event_of_exactly_one_day_keeps_its_length(data):
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
           b"DTSTAMP:20260101T000000Z\r\nSUMMARY:Marathon\r\n"
           b"DTSTART;TZID=Europe/Berlin:20270101T180000\r\n"
           b"DTEND;TZID=Europe/Berlin:20270102T180000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [item], _ = Importer().calendar(ics)
    assert item.fields["end"] == "2027-01-02 18:00"
