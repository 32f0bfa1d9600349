"""Imported calendars judged by the reference: the built site's /termine/<id>.ics, expanded by
recurring-ical-events, shows the same dates as the original calendar expanded the same way.

Every calendar of tests/data/ical/ is imported into one data folder, the site is built, and each
imported series is compared over the year from its first date. Times are compared in the site's
zone, to the minute (the contract writes times as HH:MM); an all-day end is its last day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import x_wr_timezone

from quartier.tools.ics_import import Importer
from support import BASE_FILES, TEST_DATA, TODAY, build, project_with_data

BERLIN = ZoneInfo("Europe/Berlin")
CALENDARS = sorted((TEST_DATA / "ical").rglob("*.ics"))


def shown(components, first: date, last: date) -> list[tuple]:
    """(start, end, cancelled) of every occurrence starting in [first, last), as an app shows
    it in Berlin: no end for a date without length, all-day ends inclusive."""
    found = []
    for c in components:
        start = c["DTSTART"].dt
        end = c["DTEND"].dt if "DTEND" in c else (
            start + c["DURATION"].dt if "DURATION" in c else None)
        if isinstance(start, datetime):
            start = start.astimezone(BERLIN).replace(tzinfo=None, second=0) \
                if start.tzinfo else start.replace(second=0)
            if isinstance(end, datetime):
                end = end.astimezone(BERLIN).replace(tzinfo=None, second=0) \
                    if end.tzinfo else end.replace(second=0)
        elif end is not None:
            end -= timedelta(days=1)
        if end is not None and (isinstance(end, datetime) != isinstance(start, datetime)
                                or end <= start):
            end = None
        day = start.date() if isinstance(start, datetime) else start
        if first <= day < last:
            found.append((start, end, str(c.get("STATUS", "")).upper() == "CANCELLED"))
    return sorted(found, key=str)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The imported items with the source they came from, and the built site."""
    files, items, taken = dict(BASE_FILES), [], set()
    for path in CALENDARS:
        found, _ = Importer(today=TODAY).calendar(path.read_bytes(), taken)
        for item in found:
            taken.add(item.id)
            files[f"dates/{item.id}.yaml"] = item.yaml(path.name)
            items.append((path, item))
    site = build(project_with_data(tmp_path_factory.mktemp("ical"), files))
    return items, site


def original(path, item):
    """The VEVENTs of the source that make up the item's series."""
    cal = icalendar.Calendar.from_ical(path.read_bytes(), multiple=True)
    # as recurring_ical_events.of() reads the whole file: X-WR-TIMEZONE applied
    vevents = [v for c in cal for v in x_wr_timezone.to_standard(c).walk("VEVENT")]
    if item.uid:
        return [v for v in vevents if str(v.get("UID", "")) == item.uid]
    lines = [n for n, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1)
             if line.strip().upper() == "BEGIN:VEVENT"]
    return [vevents[lines.index(item.line)]]


def test_every_imported_series_shows_the_original_dates(imported):
    items, site = imported
    series = compared = 0
    for path, item in items:
        components = original(path, item)
        if sum("RECURRENCE-ID" not in c for c in components) > 1:
            continue  # several series under one UID: each item is one of them
        source = icalendar.Calendar()
        for component in components:
            source.add_component(component)
        first = date.fromisoformat(item.fields["start"][:10]) - timedelta(days=1)
        last = first + timedelta(days=367)
        theirs = shown(recurring_ical_events.of(source).between(first, last), first, last)
        built = icalendar.Calendar.from_ical((site / "termine" / f"{item.id}.ics").read_bytes())
        ours = shown(recurring_ical_events.of(built).between(first, last), first, last)
        assert ours == theirs, (path.name, item.id)
        compared += len(ours)
        series += len(ours) > 1
    assert series > 40 and compared > 1000
