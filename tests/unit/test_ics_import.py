"""Importing partner calendars: real German community feeds and iCalendar edge cases."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from quartier.model import recurrence
from quartier.tools.ics_import import Importer
from quartier.tools.ics_places import ActorAddress, parse_address
from support import TEST_DATA, TODAY

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
    _, failed = import_into(data, "issue_1081_invalid_rrule_freq.ics")
    assert failed == ["Termin „Test Event“ (Zeile 4) nicht übernommen: die Angabe RRULE ist "
                      "fehlerhaft und lässt sich nicht lesen („FREQ=INVALID_TYPE_CAUSES_ERROR“)."]
    imported, _ = import_into(data, "fablab_cottbus.ics")
    fest = next(i for i in imported if i.id.startswith("lab-geschlossen"))
    assert fest.notes == ["Ort „Karlstraßenfest“ nur in die Beschreibung übernommen: keine "
                          "Postleitzahl und kein Ort erkennbar; bitte als Adresse eintragen."]
    assert fest.fields["description"].startswith("Ort: Karlstraßenfest")
    assert date.fromisoformat(fest.fields["start"]) == date(2018, 6, 9)


@pytest.mark.parametrize("name", sorted(p.name for p in ICAL.rglob("*.ics")))
def test_every_vevent_is_written_or_named_in_german(name):
    source = next(ICAL.rglob(name)).read_bytes()
    imported, failed = Importer(today=TODAY).calendar(source)
    lines = [n for n, line in enumerate(source.decode("utf-8", "replace").splitlines(), 1)
             if line.strip() == "BEGIN:VEVENT"]
    cal = icalendar.Calendar.from_ical(source, multiple=True)
    masters = {(str(v.get("UID", "")) or n) for n, v in enumerate(
        v for c in cal for v in c.walk("VEVENT")) if "RECURRENCE-ID" not in v}
    named = [m for m in failed if " nicht übernommen: " in m]
    assert len(imported) + len(named) >= len(masters)
    for message in named:
        assert re.match(r"Termin („.+“|mit UID .+|ohne Titel und UID) \(Zeile \d+\) nicht", message)
        assert int(re.search(r"Zeile (\d+)", message)[1]) in lines
        reason = message.split(" nicht übernommen: ")[1]
        assert not re.search(r"\b(must|Expected|object|attribute|Error|None)\b", reason), message
    assert all(item.line in lines for item in imported)


def ics(*events: str) -> bytes:
    """A calendar in Berlin time with the given VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@x\r\nDTSTAMP:20260101T000000Z\r\n"
                   + e.strip().replace("\n", "\r\n") + "\r\nEND:VEVENT\r\n"
                   for n, e in enumerate(events))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + body
            + "END:VCALENDAR\r\n").encode()


def one(text: bytes, **options):
    imported, failed = Importer(today=TODAY, **options).calendar(text)
    assert failed == [] and len(imported) == 1, failed
    return imported[0]


def test_a_utc_until_ends_on_the_right_local_day():
    item = one(ics("""SUMMARY:Kurs
DTSTART;TZID=Europe/Berlin:20200201T170000
DTEND;TZID=Europe/Berlin:20200201T180000
RRULE:FREQ=DAILY;UNTIL=20200204T151459Z"""))
    assert item.fields["repeat"] == {"freq": "daily", "until": "2020-02-03"}
    floating = one(ics("""SUMMARY:Kurs
DTSTART;TZID=Europe/Berlin:20200201T170000
RRULE:FREQ=WEEKLY;UNTIL=20200215T170000"""))
    assert floating.fields["repeat"] == {"freq": "weekly", "until": "2020-02-15"}


def test_overrides_become_changes_also_all_day_and_end_only():
    item = one(ics("""SUMMARY:Flohmarkt
DTSTART;VALUE=DATE:20270102
RRULE:FREQ=WEEKLY;COUNT=3""", """SUMMARY:Flohmarkt
RECURRENCE-ID;VALUE=DATE:20270109
DTSTART;VALUE=DATE:20270110""").replace(b"UID:1@x", b"UID:0@x"))
    assert item.fields["changes"] == [{"date": "2027-01-09", "start": "2027-01-10"}]
    item = one(ics("""SUMMARY:Treff
DTSTART;TZID=Europe/Berlin:20270104T180000
DTEND;TZID=Europe/Berlin:20270104T200000
RRULE:FREQ=WEEKLY;COUNT=3""", """SUMMARY:Treff
RECURRENCE-ID;TZID=Europe/Berlin:20270111T180000
DTSTART;TZID=Europe/Berlin:20270111T180000
DTEND;TZID=Europe/Berlin:20270111T213000""", """SUMMARY:Treff
RECURRENCE-ID;TZID=Europe/Berlin:20270118T180000
DTSTART;VALUE=DATE:20270118
STATUS:CANCELLED""").replace(b"UID:1@x", b"UID:0@x").replace(b"UID:2@x", b"UID:0@x"))
    assert item.fields["changes"] == [
        {"date": "2027-01-11", "end": "21:30"},
        {"date": "2027-01-18", "start": "2027-01-18", "cancelled": True}]


def test_rdate_becomes_extra_dates_and_bymonth_is_listed_or_refused():
    item = one(ics("""SUMMARY:Repair-Café
DTSTART;TZID=Europe/Berlin:20270105T140000
DTEND;TZID=Europe/Berlin:20270105T170000
RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=3
RDATE;TZID=Europe/Berlin:20270120T100000,20270301T140000"""))
    assert item.fields["extra_dates"] == ["2027-01-20 10:00", "2027-03-01 14:00"]
    assert item.fields["repeat"] == {"freq": "monthly", "days": ["di"], "week": 1, "count": 3}
    garden = one(ics("""SUMMARY:Gartentreff
DTSTART;TZID=Europe/Berlin:20270403T100000
RRULE:FREQ=MONTHLY;BYDAY=1SA;BYMONTH=4,5,6;COUNT=3"""))
    assert "repeat" not in garden.fields
    assert garden.fields["extra_dates"] == ["2027-05-01 10:00", "2027-06-05 10:00"]
    _, failed = Importer(today=TODAY).calendar(ics("""SUMMARY:Gartentreff
DTSTART;TZID=Europe/Berlin:20270403T100000
RRULE:FREQ=MONTHLY;BYDAY=1SA;BYMONTH=4,5,6"""))
    assert failed == ["Termin „Gartentreff“ (Zeile 4) nicht übernommen: die "
                      "Wiederholungsregel lässt sich nicht als repeat schreiben (nur in "
                      "bestimmten Monaten, BYMONTH=4,5,6), und die Reihe hat kein Ende."]


def test_status_empty_rules_and_broken_events():
    cancelled = one(ics("SUMMARY:Fest\nDTSTART;VALUE=DATE:20270612\nSTATUS:CANCELLED"))
    assert cancelled.fields["status"] == "cancelled"
    holiday = one(ics("SUMMARY:Neujahr\nDTSTART;VALUE=DATE:20270101\nRRULE:"))
    assert "repeat" not in holiday.fields and "Leere Wiederholungsregel" in holiday.notes[0]
    imported, failed = Importer(today=TODAY).calendar(ics(
        "SUMMARY:Falsch\nDTSTART:20270101T100000\nDTEND:20270101T090000",
        "DTSTART:20270101T100000",
        "SUMMARY:Doppelt\nDTSTART:20270101T100000\nDTSTART:20270101T110000",
        "SUMMARY:Gleich\nDTSTART:20270101T100000\nDTSTART:20270101T100000"))
    assert [i.fields["title"] for i in imported] == ["Gleich"]
    assert failed == [
        "Termin „Falsch“ (Zeile 4) nicht übernommen: das Ende (01.01.2027 09:00) liegt vor dem "
        "Beginn (01.01.2027 10:00).",
        "Termin mit UID 1@x (Zeile 11) nicht übernommen: der Termin hat keinen Titel (SUMMARY).",
        "Termin „Doppelt“ (Zeile 16) nicht übernommen: DTSTART steht mehrmals mit verschiedenen "
        "Werten im Termin; welcher gilt, ist unklar."]
    assert Importer().calendar(b"\x00\xff kein Kalender") == ([], [
        "Die Datei ist kein lesbarer Kalender im iCalendar-Format (.ics); bitte im "
        "Kalenderprogramm neu exportieren."])


def test_a_location_is_parsed_and_matched_to_the_actor_there():
    actors = [ActorAddress("buergertreff", "Bürgertreff Volkmarsdorf", "Konradstr. 27", "04315")]
    text = "SUMMARY:Kuchentafel\nDTSTART:20270101T150000\nLOCATION:{}"
    item = one(ics(text.format("Bürgertreff Volkmarsdorf\\, Konradstraße 27\\, 04315 "
                               "Leipzig\\, Deutschland")), actors=actors)
    assert item.fields["location"] == {"at": "buergertreff"}
    assert item.notes == ["Ort „Bürgertreff Volkmarsdorf, Konradstraße 27, 04315 Leipzig, "
                          "Deutschland“ ist die Adresse von Bürgertreff Volkmarsdorf: als "
                          "location: {at: buergertreff} übernommen."]
    item = one(ics(text.format("Stadtteilladen\\, Eisenbahnstraße 49\\, 04315 Leipzig\\, "
                               "Deutschland")), actors=actors)
    assert item.fields["location"] == {"place": "Stadtteilladen", "street": "Eisenbahnstraße 49",
                                       "postcode": "04315", "city": "Leipzig"}
    assert parse_address("Konradstraße 27 04315 Leipzig") == {
        "street": "Konradstraße 27", "postcode": "04315", "city": "Leipzig"}
    assert parse_address("04315 Leipzig") is None


def test_an_event_of_exactly_one_day_keeps_its_length(data):
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
           b"DTSTAMP:20260101T000000Z\r\nSUMMARY:Marathon\r\n"
           b"DTSTART;TZID=Europe/Berlin:20270101T180000\r\n"
           b"DTEND;TZID=Europe/Berlin:20270102T180000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [item], _ = Importer().calendar(ics)
    assert item.fields["end"] == "2027-01-02 18:00"
