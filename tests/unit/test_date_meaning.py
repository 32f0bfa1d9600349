"""What a date says about where, whom to call and whether it takes place (issue #17).

Each test builds a small data set, then reads the result where residents and other programs
meet it: the site model, the calendar as recurring-ical-events expands it, the feed, JSON-LD
and the open data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from quartier.contract.records import AtActor
from quartier.export import opendata
from quartier.export.calendars import CalendarWriter
from quartier.export.feeds import occurrence_feed
from quartier.model.site import build_site
from quartier.render.pages import site_pages
from quartier.render.present import Formatter
from support import TODAY

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 11, 21, 12, tzinfo=UTC)
LICENSE = opendata.license_from("CC BY 4.0", None, "Test")
TREFF = """\
name: Seniorentreff
kind: institution
summary: Ein Treff für Ältere.
address: {place: Treffpunkt, street: Am Markt 1, postcode: 09123, city: Chemnitz}
contact: {phone: 0371 123456}
"""


def site_of(data, **dates):
    data.write("actors/treff.yaml", TREFF)
    for name, text in dates.items():
        data.write(f"dates/{name}.yaml", text)
    result = data.validate()
    assert result.errors == [], result.errors
    return build_site(result.dataset, TODAY)


def calendar(site, event_id):
    writer = CalendarWriter(site, timezone="Europe/Berlin", stamp=STAMP,
                            uid_domain="example.org", site_url="https://example.org")
    return icalendar.Calendar.from_ical(writer.calendar([site.events[event_id]], "x"))


def expanded(cal, first=date(2026, 11, 1), last=date(2027, 12, 31)):
    return recurring_ical_events.of(cal).between(first, last)


def feed(site, atom=True) -> str:
    return occurrence_feed(site, site.upcoming, fmt=Formatter(), title="T", subtitle="S",
                           feed_url="feeds/termine.atom", page_url="termine/",
                           site_url="https://example.org", stamp=STAMP,
                           tag_authority="example.org", atom=atom).decode()


def event_jsonld(site, event_id):
    page = next(p for p in site_pages(site, site_url="https://example.org",
                                      timezone="Europe/Berlin")
                if p.template == "event" and p.values["event"].id == event_id)
    return page.values["jsonld"]


# --- where, and whom to call -------------------------------------------------------------

FRUEHSTUECK = """\
title: Frühstück
start: 2026-12-07 09:30
end: "11:00"
organizer: treff
registration: {required: true, note: telefonisch}
"""


def test_a_date_without_location_or_contact_takes_its_organizers(data):
    site = site_of(data, fruehstueck=FRUEHSTUECK)
    event = site.events["fruehstueck"]
    assert event.location == AtActor("treff")
    assert event.contact.phone == "0371 123456"
    assert site.data.events["fruehstueck"].location is None  # the data stay as written
    assert site.upcoming[0].location == AtActor("treff")
    vevent = calendar(site, "fruehstueck").walk("VEVENT")[0]
    assert str(vevent["LOCATION"]) == "Seniorentreff, Treffpunkt, Am Markt 1, 09123 Chemnitz"
    assert event_jsonld(site, "fruehstueck")["location"]["address"]["streetAddress"] \
        == "Am Markt 1"
    assert "Seniorentreff" in feed(site)
    bundle = opendata.bundle(site, data_license=LICENSE, site_url="https://example.org")
    assert bundle["dates"]["fruehstueck"]["location"] == {"at": "treff"}


def test_own_location_and_contact_win(data):
    site = site_of(data, fruehstueck=FRUEHSTUECK + "location: {at: qm-ost}\n"
                   "contact: {phone: 0341 999}\n")
    event = site.events["fruehstueck"]
    assert event.location == AtActor("qm-ost")
    assert event.contact.phone == "0341 999"


def test_an_organizer_without_address_leaves_the_place_unknown(data):
    site = site_of(data, t="title: T\nstart: 2026-12-07 18:00\norganizer: ak-ost\n")
    assert site.events["t"].location is None


def test_a_room_in_an_actors_building(data):
    site = site_of(data, fruehstueck=FRUEHSTUECK.replace(
        "organizer: treff", "organizer: treff\nlocation: {at: treff, place: Gruppenraum 2}"))
    assert site.events["fruehstueck"].location == AtActor("treff", "Gruppenraum 2")
    assert site.place_label(site.upcoming[0].location) == "Seniorentreff, Gruppenraum 2"
    vevent = calendar(site, "fruehstueck").walk("VEVENT")[0]
    assert str(vevent["LOCATION"]) == ("Seniorentreff, Gruppenraum 2, Treffpunkt, Am Markt 1, "
                                       "09123 Chemnitz")
    place = event_jsonld(site, "fruehstueck")["location"]
    assert place["name"] == "Gruppenraum 2"
    assert place["containedInPlace"]["name"] == "Seniorentreff"
    assert place["address"]["postalCode"] == "09123"
    assert "Seniorentreff, Gruppenraum 2" in feed(site)
    bundle = opendata.bundle(site, data_license=LICENSE, site_url="https://example.org")
    assert bundle["dates"]["fruehstueck"]["location"] == {"at": "treff", "place": "Gruppenraum 2"}
    rows = opendata.csv_files(bundle, "https://example.org")["termine.csv"].decode()
    assert "Gruppenraum 2" in rows


def test_a_room_must_be_one_line(data):
    problems = data.problems("dates/t.yaml", "title: T\nstart: 2026-12-07 18:00\n"
                             'location: {at: qm-ost, place: "Raum\\n2"}\n')
    assert [p.rule for p in problems] == ["single-line"]
    assert problems[0].field == "location.place"


ROTATION = """\
title: AK
start: 2027-01-13 18:00
end: "20:00"
location: {at: qm-ost}
repeat: {freq: monthly, interval: 2, days: [mi], week: 2}
changes:
  - {date: 2027-03-10, location: {at: treff}}
  - {date: 2027-05-12, location: {at: naomi-ev}}
"""


def test_changing_venues_after_the_last_known_one_say_place_follows(data):
    site = site_of(data, ak=ROTATION)
    by_day = {o.day: o for o in site.upcoming_of("ak")}
    assert by_day[date(2027, 1, 13)].location == AtActor("qm-ost")  # default, before
    assert by_day[date(2027, 5, 12)].location == AtActor("naomi-ev")
    later = by_day[date(2027, 7, 14)]
    assert later.location is None and later.place_follows
    assert not later.new_place
    assert "Ort folgt" in feed(site)
    components = {c["DTSTART"].dt.date(): c for c in expanded(calendar(site, "ak"))}
    assert "LOCATION" not in components[date(2027, 7, 14)]
    assert "Ort folgt" in str(components[date(2027, 7, 14)]["DESCRIPTION"])
    assert str(components[date(2027, 1, 13)]["LOCATION"]).startswith("Quartiersmanagement")
    assert Formatter().rhythm(site.events["ak"]).endswith("wechselnde Orte")


def test_one_moved_meeting_keeps_the_usual_place_afterwards(data):
    site = site_of(data, ak=ROTATION.replace("  - {date: 2027-05-12, location: {at: naomi-ev}}\n",
                                             ""))
    later = {o.day: o for o in site.upcoming_of("ak")}[date(2027, 7, 14)]
    assert later.location == AtActor("qm-ost") and not later.place_follows


# --- status ------------------------------------------------------------------------------

FLOHMARKT = """\
title: Flohmarkt
start: 2027-03-13 10:00
end: "13:00"
organizer: treff
status: postponed
"""


def test_postponed_without_new_date(data):
    site = site_of(data, floh=FLOHMARKT)
    (occurrence,) = site.upcoming_of("floh")
    assert occurrence.postponed and not occurrence.takes_place and occurrence.moved_to is None
    assert site.next_of(["floh"]) is None
    (vevent,) = calendar(site, "floh").walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Verschoben: Flohmarkt"
    assert "neuer Termin folgt" in str(vevent["DESCRIPTION"])
    text = feed(site)
    assert "Verschoben: Flohmarkt" in text and "neuer Termin folgt" in text
    assert event_jsonld(site, "floh")["eventStatus"] == "https://schema.org/EventPostponed"


def test_postponed_to_a_new_date(data):
    site = site_of(data, floh=FLOHMARKT + "postponed_to: 2027-04-17 11:00\n")
    old, new = site.upcoming_of("floh")
    assert old.postponed and old.moved_to == datetime(2027, 4, 17, 11)
    assert new.takes_place and new.start == datetime(2027, 4, 17, 11)
    assert new.end == datetime(2027, 4, 17, 14)  # the length is kept
    assert new.moved_from == datetime(2027, 3, 13, 10)
    assert site.next_of(["floh"]) == new
    (shown,) = expanded(calendar(site, "floh"))
    assert shown["DTSTART"].dt == datetime(2027, 4, 17, 11, tzinfo=BERLIN)
    assert str(shown.get("STATUS", "")) != "CANCELLED"
    assert "verschoben vom Samstag, 13. März 2027" in str(shown["DESCRIPTION"])
    data_ld = event_jsonld(site, "floh")
    assert data_ld["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data_ld["startDate"] == "2027-04-17T11:00:00+02:00"
    assert data_ld["previousStartDate"] == "2027-03-13T10:00:00+01:00"
    text = feed(site)
    assert "Verschoben: Flohmarkt" in text
    assert "verschoben auf Samstag, 17. April 2027, 11:00 Uhr" in text
    assert "verschoben vom Samstag, 13. März 2027" in text
    bundle = opendata.bundle(site, data_license=LICENSE, site_url="https://example.org")
    assert bundle["dates"]["floh"]["postponed_to"] == "2027-04-17 11:00"
    flags = [(o.get("postponed"), o.get("postponed_to"), o.get("postponed_from"))
             for o in bundle["occurrences"] if o["date_id"] == "floh"]
    assert flags == [(True, "2027-04-17 11:00", None), (None, None, "2027-03-13 10:00")]


def test_postponed_to_errors_name_line_and_field(data):
    data.write("actors/treff.yaml", TREFF)
    for text, rule in [
        (FLOHMARKT.replace("status: postponed\n", "") + "postponed_to: 2027-04-17 11:00\n",
         "postponed-to-without-status"),
        (FLOHMARKT + "postponed_to: 2027-03-13 10:00\n", "postponed-to-same"),
        (FLOHMARKT + "postponed_to: 2027-04-17\n", "all-day-mismatch"),
        (FLOHMARKT + "postponed_to: 2027-04-31 10:00\n", "invalid-date"),
        (FLOHMARKT + "postponed_to: 17.04.2027\n", "datetime-format"),
        (FLOHMARKT + "postponed_to: 2027-04-17 10:00\nrepeat: {freq: weekly}\n",
         "postponed-series"),
    ]:
        problems = data.problems("dates/floh.yaml", text)
        assert [p.rule for p in problems] == [rule], (text, problems)
        assert problems[0].field == "postponed_to"
        assert problems[0].line == text.splitlines().index(
            next(line for line in text.splitlines() if line.startswith("postponed_to"))) + 1


def test_cancelled_dates_are_marked_in_calendar_feed_and_jsonld(data):
    site = site_of(data, lesung="title: Lesung\nstart: 2026-12-04 19:00\nstatus: cancelled\n"
                   "organizer: treff\n")
    (vevent,) = calendar(site, "lesung").walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Abgesagt: Lesung"
    assert "Abgesagt: Lesung" in feed(site) and "Abgesagt: Lesung" in feed(site, atom=False)
    assert event_jsonld(site, "lesung")["eventStatus"] == "https://schema.org/EventCancelled"


def test_status_titles_are_translated():
    english = Formatter("en", gettext={"Verschoben": "Postponed",
                                       "%(status)s: %(title)s": "%(status)s: %(title)s"}.get)
    assert english.status_title("Fair", "postponed") == "Postponed: Fair"
    assert Formatter().status_title("Fest", "scheduled") == "Fest"


def test_lists_name_the_city_where_the_site_covers_several(data):
    site = site_of(data, fruehstueck=FRUEHSTUECK)
    assert site.place_label(AtActor("treff")) == "Seniorentreff"  # one city: Leipzig
    data.write("districts.yaml", "- {id: volkmarsdorf, name: Volkmarsdorf, city: Leipzig}\n"
               "- {id: morgenleite, name: Morgenleite, city: Chemnitz}\n")
    site = site_of(data, fruehstueck=FRUEHSTUECK)
    assert site.place_label(AtActor("treff", "Raum 2")) == "Seniorentreff, Raum 2, Chemnitz"
    assert "Seniorentreff, Chemnitz" in feed(site)
