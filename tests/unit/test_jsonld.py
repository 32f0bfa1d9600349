"""schema.org JSON-LD of the detail pages: exact dicts built from records."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from quartier.contract.records import (
    Actor,
    Address,
    AtActor,
    Contact,
    District,
    Event,
    Geo,
    HoursSlot,
    Link,
    Occurrence,
    Offer,
    Online,
    Repeat,
)
from quartier.model.recurrence import occurrences
from quartier.render import jsonld

SITE = "https://quartier.example"
TZ = "Europe/Berlin"
QM_URL = f"{SITE}/akteure/qm-ost/"
EVENT_URL = f"{SITE}/termine/t/"
QM_ADDRESS = Address(city="Leipzig", street="Eisenbahnstraße 49", postcode="04315",
                     geo=Geo(51.3457, 12.4093))
QM_POSTAL = {"@type": "PostalAddress", "streetAddress": "Eisenbahnstraße 49",
             "postalCode": "04315", "addressLocality": "Leipzig", "addressCountry": "DE"}
QM_GEO = {"@type": "GeoCoordinates", "latitude": 51.3457, "longitude": 12.4093}
SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
HALL = {"@type": "Place", "name": "Stadtteilsaal",
        "address": {"@type": "PostalAddress", "addressLocality": "Leipzig",
                    "addressCountry": "DE"}}


def as_json(value):
    """The value after a JSON round trip: equal to it only if it is plain JSON data."""
    return json.loads(json.dumps(value))


def test_postal_address_leaves_out_missing_parts():
    assert jsonld.postal_address(Address(city="Chemnitz", place="Stadthallenpark")) == {
        "@type": "PostalAddress", "addressLocality": "Chemnitz", "addressCountry": "DE"}


def test_place_of_each_kind_of_location():
    park = Address(city="Chemnitz", place="Stadthallenpark", geo=Geo(50.83, 12.92))
    assert jsonld.place(park) == {
        "@type": "Place", "name": "Stadthallenpark",
        "address": {"@type": "PostalAddress", "addressLocality": "Chemnitz",
                    "addressCountry": "DE"},
        "geo": {"@type": "GeoCoordinates", "latitude": 50.83, "longitude": 12.92}}
    assert jsonld.place(Online("https://meet.example/x")) == {
        "@type": "VirtualLocation", "url": "https://meet.example/x"}
    assert jsonld.place(None) is None
    assert jsonld.place(AtActor("ak-ost")) is None
    assert jsonld.place(AtActor("ak-ost"), actor_name_for_at="AK Ost") == {
        "@type": "Place", "name": "AK Ost"}


def test_organization_with_address_geo_hours_and_networks():
    actor = Actor(
        id="qm-ost", name="Quartiersmanagement Leipziger Osten", kind="office",
        summary="Das QM vermittelt zwischen Bewohnern, Vereinen und Verwaltung.",
        address=QM_ADDRESS,
        contact=Contact(phone="0341 1234567", email="info@qm.example",
                        website="https://qm.example",
                        links=(Link("Instagram", "https://instagram.example/qm"),
                               Link("Website", "https://qm.example"))),
        hours=(HoursSlot(("di", "do"), time(10), time(12)),
               HoursSlot(("mi",), time(14), time(18, 30), note="nur in der Schulzeit")),
        languages=("de", "ar"),
    )
    result = jsonld.organization(
        actor, QM_URL, member_of=[("AK Ost", f"{SITE}/akteure/ak-ost/")])
    assert result == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": QM_URL + "#org",
        "name": "Quartiersmanagement Leipziger Osten",
        "description": "Das QM vermittelt zwischen Bewohnern, Vereinen und Verwaltung.",
        "url": QM_URL,
        "address": QM_POSTAL,
        "location": {
            "@type": "Place", "address": QM_POSTAL, "geo": QM_GEO,
            "openingHoursSpecification": [
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
                 "opens": "10:00", "closes": "12:00"},
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": ["https://schema.org/Wednesday"],
                 "opens": "14:00", "closes": "18:30", "description": "nur in der Schulzeit"},
            ]},
        "telephone": "0341 1234567",
        "email": "info@qm.example",
        "sameAs": ["https://qm.example", "https://instagram.example/qm"],
        "memberOf": [{"@type": "Organization", "@id": f"{SITE}/akteure/ak-ost/#org",
                      "name": "AK Ost", "url": f"{SITE}/akteure/ak-ost/"}],
        "knowsLanguage": ["de", "ar"],
    }
    assert as_json(result) == result


def test_organization_with_only_the_required_fields():
    actor = Actor(id="ak-ost", name="AK Ost", kind="network", summary="Netzwerk.")
    assert jsonld.organization(actor, f"{SITE}/akteure/ak-ost/") == {
        "@context": "https://schema.org", "@type": "Organization",
        "@id": f"{SITE}/akteure/ak-ost/#org", "name": "AK Ost", "description": "Netzwerk.",
        "url": f"{SITE}/akteure/ak-ost/"}


def test_free_service_at_an_actor_resolved_by_the_caller():
    naomi = Actor(id="naomi-ev", name="Naomi e. V.", kind="association", summary="Verein.",
                  address=Address(city="Leipzig", street="Konradstraße 60", postcode="04315"))
    offer = Offer(id="deutschkurs", title="Deutschkurs", actor="qm-ost",
                  summary="Deutsch lernen in kleinen Gruppen.", categories=("beratung",),
                  location=AtActor("naomi-ev"), languages=("de", "uk"),
                  hours=(HoursSlot(("mo",), time(9), time(11, 30)),), cost="free")
    provider = Actor(id="qm-ost", name="QM Leipziger Osten", kind="office", summary="QM.")
    location = jsonld.place(offer.location, actor_name_for_at=naomi.name,
                            address_of_at=naomi.address)
    url = f"{SITE}/angebote/deutschkurs/"
    result = jsonld.service(offer, url, provider=provider, provider_url=QM_URL,
                            location=location, area_names=["Volkmarsdorf", "Neustadt"])
    assert result == {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": url + "#service",
        "name": "Deutschkurs",
        "description": "Deutsch lernen in kleinen Gruppen.",
        "url": url,
        "provider": {"@type": "Organization", "@id": QM_URL + "#org",
                     "name": "QM Leipziger Osten", "url": QM_URL},
        "areaServed": [{"@type": "Place", "name": "Volkmarsdorf"},
                       {"@type": "Place", "name": "Neustadt"}],
        "hoursAvailable": [{"@type": "OpeningHoursSpecification",
                            "dayOfWeek": ["https://schema.org/Monday"],
                            "opens": "09:00", "closes": "11:30"}],
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceLocation": {
                "@type": "Place", "name": "Naomi e. V.",
                "address": {"@type": "PostalAddress", "streetAddress": "Konradstraße 60",
                            "postalCode": "04315", "addressLocality": "Leipzig",
                            "addressCountry": "DE"}},
            "availableLanguage": ["de", "uk"]},
        "offers": {"@type": "Offer", "price": "0", "priceCurrency": "EUR"},
    }
    assert as_json(result) == result


def test_online_service_with_a_fee_text():
    offer = Offer(id="o", title="Sprechstunde", actor="qm-ost", summary="Online.",
                  categories=("beratung",), cost="2 € pro Termin")
    provider = Actor(id="qm-ost", name="QM", kind="office", summary="QM.")
    result = jsonld.service(offer, f"{SITE}/angebote/o/", provider=provider,
                            provider_url=QM_URL,
                            location=jsonld.place(Online("https://meet.example/qm")))
    assert result["availableChannel"] == {"@type": "ServiceChannel",
                                          "serviceUrl": "https://meet.example/qm"}
    assert result["offers"] == {"@type": "Offer", "description": "2 € pro Termin"}
    assert "areaServed" not in result and "hoursAvailable" not in result


def test_one_off_event_in_winter_has_the_offset_plus_one():
    ev = Event(id="t", title="Stadtteilrat", start=datetime(2026, 11, 11, 18),
               end=datetime(2026, 11, 11, 20), summary="Öffentliche Sitzung.",
               cost="free", languages=("de", "en"))
    result = jsonld.event(ev, EVENT_URL, occurrence=None, timezone=TZ,
                          organizer=("QM Leipziger Osten", QM_URL), location=HALL)
    assert result == {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": EVENT_URL + "#event",
        "name": "Stadtteilrat",
        "description": "Öffentliche Sitzung.",
        "url": EVENT_URL,
        "startDate": "2026-11-11T18:00:00+01:00",
        "endDate": "2026-11-11T20:00:00+01:00",
        "eventStatus": SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "location": HALL,
        "organizer": {"@type": "Organization", "@id": QM_URL + "#org",
                      "name": "QM Leipziger Osten", "url": QM_URL},
        "isAccessibleForFree": True,
        "inLanguage": "de",
    }
    assert as_json(result) == result


def test_one_off_event_in_summer_has_the_offset_plus_two():
    ev = Event(id="t", title="Hoffest", start=datetime(2026, 7, 15, 16, 30),
               end=datetime(2026, 7, 15, 22), status="postponed")
    result = jsonld.event(ev, EVENT_URL, occurrence=None, timezone=TZ, organizer=None,
                          location=None)
    assert result == {
        "@context": "https://schema.org", "@type": "Event", "@id": EVENT_URL + "#event",
        "name": "Hoffest", "url": EVENT_URL,
        "startDate": "2026-07-15T16:30:00+02:00", "endDate": "2026-07-15T22:00:00+02:00",
        "eventStatus": "https://schema.org/EventPostponed",
    }


def test_all_day_date_has_plain_dates():
    ev = Event(id="t", title="Straßenfest", start=date(2027, 6, 12), end=date(2027, 6, 13))
    result = jsonld.event(ev, EVENT_URL, occurrence=None, timezone=TZ, organizer=None,
                          location=HALL)
    assert (result["startDate"], result["endDate"]) == ("2027-06-12", "2027-06-13")
    single = Event(id="t", title="Flohmarkt", start=date(2027, 6, 12))
    result = jsonld.event(single, EVENT_URL, occurrence=None, timezone=TZ, organizer=None,
                          location=None)
    assert result["startDate"] == "2027-06-12" and "endDate" not in result


def test_cancelled_occurrence_is_an_event_cancelled_at_its_date():
    ev = Event(id="t", title="Nachbarschaftscafé", start=datetime(2026, 11, 4, 15),
               end=datetime(2026, 11, 4, 17), repeat=Repeat("weekly", days=("mi",)))
    occurrence = Occurrence("t", datetime(2026, 11, 25, 15), datetime(2026, 11, 25, 17),
                            date(2026, 11, 25), cancelled=True)
    result = jsonld.event(ev, EVENT_URL, occurrence=occurrence, timezone=TZ, organizer=None,
                          location=HALL)
    assert result["startDate"] == "2026-11-25T15:00:00+01:00"
    assert result["endDate"] == "2026-11-25T17:00:00+01:00"
    assert result["eventStatus"] == "https://schema.org/EventCancelled"
    assert result["superEvent"]["eventSchedule"]["byDay"] == ["https://schema.org/Wednesday"]


MONTHLY = Event(
    id="t", title="Stadtteilrunde", start=datetime(2026, 9, 9, 18),
    end=datetime(2026, 9, 9, 20),
    repeat=Repeat("monthly", interval=2, days=("mi",), week=2),
    exceptions=(date(2027, 1, 13), date(2026, 11, 11)),
)
MONTHLY_SCHEDULE = {
    "@type": "Schedule",
    "repeatFrequency": "P2M",
    "byDay": ["https://schema.org/Wednesday"],
    "byMonthWeek": 2,
    "startDate": "2026-09-09",
    "startTime": "18:00:00",
    "endTime": "20:00:00",
    "exceptDate": ["2026-11-11", "2027-01-13"],
    "scheduleTimezone": TZ,
}


def test_monthly_series_as_schedule():
    assert jsonld.schedule(MONTHLY, TZ) == MONTHLY_SCHEDULE


def test_series_event_is_the_next_date_with_the_series_as_super_event():
    upcoming = occurrences(MONTHLY, date(2026, 10, 1), date(2027, 12, 31))
    assert upcoming[0].start == datetime(2027, 3, 10, 18)  # both exceptions skipped
    result = jsonld.event(MONTHLY, EVENT_URL, occurrence=upcoming[0], timezone=TZ,
                          organizer=None, location=HALL)
    assert result == {
        "@context": "https://schema.org", "@type": "Event", "@id": EVENT_URL + "#event",
        "name": "Stadtteilrunde", "url": EVENT_URL,
        "startDate": "2027-03-10T18:00:00+01:00", "endDate": "2027-03-10T20:00:00+01:00",
        "eventStatus": SCHEDULED, "eventAttendanceMode": OFFLINE, "location": HALL,
        "superEvent": {"@type": "EventSeries", "@id": EVENT_URL + "#series",
                       "name": "Stadtteilrunde", "url": EVENT_URL,
                       "eventSchedule": MONTHLY_SCHEDULE},
    }
    assert as_json(result) == result


def test_schedule_for_last_weekday_count_and_until():
    last_friday = Event(id="t", title="T", start=date(2026, 11, 27),
                        repeat=Repeat("monthly", days=("fr",), week=-1, count=6))
    assert jsonld.schedule(last_friday, TZ) == {
        "@type": "Schedule", "repeatFrequency": "P1M", "byDay": ["-1FR"],
        "startDate": "2026-11-27", "repeatCount": 6, "scheduleTimezone": TZ}
    fifteenth = Event(id="t", title="T", start=datetime(2026, 11, 15, 10),
                      repeat=Repeat("monthly", monthday=15, until=date(2027, 6, 30)))
    assert jsonld.schedule(fifteenth, TZ) == {
        "@type": "Schedule", "repeatFrequency": "P1M", "byMonthDay": 15,
        "startDate": "2026-11-15", "endDate": "2027-06-30", "startTime": "10:00:00",
        "scheduleTimezone": TZ}
    assert jsonld.schedule(
        Event(id="t", title="T", start=date(2026, 1, 1), repeat=Repeat("daily", interval=3)),
        TZ)["repeatFrequency"] == "P3D"
    assert jsonld.schedule(
        Event(id="t", title="T", start=date(2026, 1, 1), repeat=Repeat("yearly")),
        TZ)["repeatFrequency"] == "P1Y"


def test_online_event_has_a_virtual_location():
    ev = Event(id="t", title="Online-Sprechstunde", start=datetime(2027, 2, 3, 17),
               location=Online("https://meet.example/qm"))
    result = jsonld.event(ev, EVENT_URL, occurrence=None, timezone=TZ, organizer=None,
                          location=jsonld.place(ev.location))
    assert result["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/qm"}
    assert result["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_markup_in_text_stays_data():
    evil = "Fest </script><script>alert(1)</script>"
    ev = Event(id="t", title=evil, start=datetime(2027, 5, 1, 14), summary=evil)
    result = jsonld.event(ev, EVENT_URL, occurrence=None, timezone=TZ,
                          organizer=(evil, QM_URL), location=None)
    assert result["name"] == result["description"] == result["organizer"]["name"] == evil
    assert json.loads(json.dumps(result)) == result


def test_district_place():
    url = f"{SITE}/stadtteile/volkmarsdorf/"
    district = District(id="volkmarsdorf", name="Volkmarsdorf", city="Leipzig",
                        summary="Gründerzeitviertel im Leipziger Osten.")
    assert jsonld.district_place(district, url) == {
        "@context": "https://schema.org", "@type": "Place", "@id": url + "#place",
        "name": "Volkmarsdorf", "description": "Gründerzeitviertel im Leipziger Osten.",
        "url": url, "containedInPlace": {"@type": "City", "name": "Leipzig"}}
    assert jsonld.district_place(District(id="x", name="X"), url) == {
        "@context": "https://schema.org", "@type": "Place", "@id": url + "#place",
        "name": "X", "url": url}
