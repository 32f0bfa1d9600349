"""schema.org JSON-LD for the detail pages, as plain dicts and lists.

Search engines and other portals read this data, so it follows schema.org's
definitions: each property appears only on a type that has it. The template
serialises the result with `tojson`, so escaping for the page is its job, not
this module's. Every function returns data only (str, int, float, bool, dict,
list) and leaves out keys without a value.

A series is published as one concrete date (the next one) whose `superEvent`
is an `EventSeries` carrying the `Schedule`: schema.org says an Event with an
`eventSchedule` should not also have `startDate`/`endDate`, while search
engines need a `startDate` on the Event itself. Additional dates outside the
rule (`extra_dates`) have no place in a Schedule; they are the series'
`subEvent`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from quartier.contract import weekdays
from quartier.contract.records import (
    Actor,
    Address,
    AtActor,
    District,
    Event,
    Geo,
    HoursSlot,
    Location,
    Occurrence,
    Offer,
    Online,
)
from quartier.model.json_values import compact

from .present import Formatter

CONTEXT = "https://schema.org"
DAYS = weekdays.SCHEMA_ORG
ICAL_DAYS = weekdays.ICAL
FREQUENCY_UNITS = {"daily": "D", "weekly": "W", "monthly": "M", "yearly": "Y"}


def _day(code: str) -> str:
    return f"https://schema.org/{DAYS[code]}"


def _geo(geo: Geo | None) -> dict | None:
    if geo is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": geo.lat, "longitude": geo.lon}


def _organization_ref(name: str, url: str) -> dict:
    """A reference to an actor's page; `@id` matches the one `organization` gives it."""
    return {"@type": "Organization", "@id": url + "#org", "name": name, "url": url}


def _moment(value: datetime | date, zone: ZoneInfo) -> str:
    """ISO 8601: a naive local datetime with the zone's offset then, or a plain date."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone).isoformat(timespec="seconds")
    return value.isoformat()


def postal_address(address: Address) -> dict:
    """A PostalAddress in Germany."""
    return compact({
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postcode,
        "addressLocality": address.city,
        "addressCountry": "DE",
    })


def _place(name: str | None, address: Address | None) -> dict:
    return compact({
        "@type": "Place",
        "name": name,
        "address": postal_address(address) if address else None,
        "geo": _geo(address.geo) if address else None,
    })


def place(location: Location | None, *, actor_name_for_at: str | None = None,
          address_of_at: Address | None = None) -> dict | None:
    """A Place or VirtualLocation; for `AtActor` the caller passes that actor's name and address."""
    if location is None:
        return None
    if isinstance(location, Online):
        return {"@type": "VirtualLocation", "url": location.url}
    if isinstance(location, AtActor):
        if address_of_at is None and not actor_name_for_at:
            return None
        host = _place(actor_name_for_at, address_of_at)
        if location.place is None:
            return host
        # A room: the Place is the room, at the building's address, inside the actor's Place.
        return compact({**host, "name": location.place,
                        "containedInPlace": compact({"@type": "Place",
                                                     "name": actor_name_for_at})})
    return _place(location.place, location)


def opening_hours(slots: Sequence[HoursSlot]) -> list[dict]:
    """One OpeningHoursSpecification per slot; a slot's note becomes its description.

    schema.org's opening hours are weekly: `dayOfWeek` would claim every Monday for „the
    first Monday of the month“. Such a slot keeps its times, and its rhythm goes into the
    description in words instead of a `dayOfWeek` it does not have.
    """
    words = Formatter()
    return [compact({
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [_day(d) for d in slot.days] if slot.regular else None,
        "opens": slot.start.strftime("%H:%M"),
        "closes": slot.end.strftime("%H:%M"),
        "description": slot.note if slot.regular else words.hours([slot])[0],
    }) for slot in slots]


def organization(actor: Actor, url: str, *, member_of: Sequence[tuple[str, str]] = ()) -> dict:
    """An actor's page: an Organization (networks and offices too).

    Coordinates and opening hours belong to a Place in schema.org, so they go
    into `location`, the Place at the actor's address.
    """
    contact = actor.contact
    same_as = [contact.website, *(link.url for link in contact.links)] if contact else []
    location = place(actor.address)
    if actor.hours:
        location = {**(location or {"@type": "Place"}),
                    "openingHoursSpecification": opening_hours(actor.hours)}
    return compact({
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": url + "#org",
        "name": actor.name,
        "description": actor.summary,
        "url": url,
        "address": postal_address(actor.address) if actor.address else None,
        "location": location,
        "telephone": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "sameAs": list(dict.fromkeys(u for u in same_as if u)),
        "memberOf": [_organization_ref(name, member_url) for name, member_url in member_of],
        "knowsLanguage": list(actor.languages),
    })


def _offer(cost: str | None) -> dict | None:
    if cost == "free":
        return {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    return {"@type": "Offer", "description": cost} if cost else None


def _audiences(names: Sequence[str]) -> list[dict]:
    return [{"@type": "Audience", "audienceType": name} for name in names]


def service(offer: Offer, url: str, *, provider: Actor, provider_url: str,
            location: dict | None, area_names: Sequence[str] = (),
            category_names: Sequence[str] = (), audience_names: Sequence[str] = ()) -> dict:
    """An offer's page: a Service.

    Where and in which languages it is available is a ServiceChannel's job in
    schema.org (Service has no `availableLanguage`): `serviceLocation` for a
    Place, `serviceUrl` for an online offer. Categories and audiences are passed
    as names in the page's language, so a portal reading /ar/ gets Arabic terms.
    """
    channel = None
    if location is not None or offer.languages:
        online = location is not None and location["@type"] == "VirtualLocation"
        channel = compact({
            "@type": "ServiceChannel",
            "serviceLocation": None if online else location,
            "serviceUrl": location["url"] if online else None,
            "availableLanguage": list(offer.languages),
        })
    return compact({
        "@context": CONTEXT,
        "@type": "Service",
        "@id": url + "#service",
        "name": offer.title,
        "description": offer.summary,
        "url": url,
        "provider": _organization_ref(provider.name, provider_url),
        "areaServed": [{"@type": "Place", "name": name} for name in area_names],
        "category": list(category_names),
        "audience": _audiences(audience_names),
        "hoursAvailable": opening_hours(offer.hours),
        "availableChannel": channel,
        "offers": _offer(offer.cost),
    })


def _status(ev: Event, occurrence: Occurrence | None) -> str:
    """schema.org's status: a postponed date with its new start is rescheduled."""
    if ev.status == "cancelled" or (occurrence is not None and occurrence.cancelled):
        return "https://schema.org/EventCancelled"
    if ev.status == "postponed":
        return ("https://schema.org/EventRescheduled" if ev.postponed_to is not None
                else "https://schema.org/EventPostponed")
    return "https://schema.org/EventScheduled"


def _attendance_mode(location: dict | None) -> str | None:
    if location is None:
        return None
    online = location["@type"] == "VirtualLocation"
    return f"https://schema.org/{'Online' if online else 'Offline'}EventAttendanceMode"


def event(ev: Event, url: str, *, occurrence: Occurrence | None, timezone: str,
          organizer: tuple[str, str] | None, location: dict | None,
          skipped_days: Sequence[date] = (),
          category_names: Sequence[str] = (), audience_names: Sequence[str] = ()) -> dict:
    """A date's page: an Event at `occurrence` (the next one), else at the event's own dates.

    A series adds `superEvent`, an EventSeries with the schedule (see the
    module docstring). Without a location the attendance mode is unknown and
    left out.
    """
    zone = ZoneInfo(timezone)
    start, end = (occurrence.start, occurrence.end) if occurrence else (ev.start, ev.end)
    previous = None
    if ev.postponed_to is not None:  # the Event is at its new start; the old one is kept
        previous = _moment(ev.start, zone)
        start = ev.postponed_to
        end = start + (ev.end - ev.start) if ev.end is not None else None
    series = None
    if ev.is_series:
        series = compact({
            "@type": "EventSeries", "@id": url + "#series", "name": ev.title, "url": url,
            "eventSchedule": schedule(ev, timezone, skipped_days)
            if ev.repeat is not None else None,
            "subEvent": extra_events(ev, url, zone)})
    return compact({
        "@context": CONTEXT,
        "@type": "Event",
        "@id": url + "#event",
        "name": ev.title,
        "description": ev.summary,
        "url": url,
        "startDate": _moment(start, zone),
        "endDate": _moment(end, zone) if end is not None else None,
        "eventStatus": _status(ev, occurrence),
        "previousStartDate": previous,
        "eventAttendanceMode": _attendance_mode(location),
        "location": location,
        "organizer": _organization_ref(*organizer) if organizer else None,
        "isAccessibleForFree": True if ev.cost == "free" else None,
        "inLanguage": ev.languages[0] if ev.languages else None,
        "keywords": list(category_names),  # Event has no `category`
        "audience": _audiences(audience_names),
        "superEvent": series,
    })


def extra_events(ev: Event, url: str, zone: ZoneInfo) -> list[dict]:
    """A series' `extra_dates`, which a Schedule cannot hold, as the series' sub-events.

    They carry the extra date as written (a change to it shows on the page); without a
    rule, the series' first date is one of them too.
    """
    duration = ev.end - ev.start if ev.end is not None else None
    starts = [ev.start] if ev.repeat is None else []
    return [compact({
        "@type": "Event", "name": ev.title, "url": url,
        "startDate": _moment(start, zone),
        "endDate": _moment(start + duration, zone) if duration is not None else None,
    }) for start in [*starts, *ev.extra_dates]]


def _by_day(days: Sequence[str], week: int | None) -> list[str]:
    """schema.org days; the last weekday of a month (week -1) in iCal's BYDAY syntax."""
    if week == -1:
        return [f"-1{ICAL_DAYS[d]}" for d in days]
    return [_day(d) for d in days]


def schedule(ev: Event, timezone: str, skipped_days: Sequence[date] = ()) -> dict:
    """A series' rule as a schema.org Schedule (`ev.repeat` must be set).

    `byMonthWeek` is defined for 1–5 only, so "last Wednesday" is written as
    iCal text in `byDay` ("-1WE"), which schema.org allows there. Skipped
    public and school holidays are no rule schema.org knows: `skipped_days` (the days the
    series passes over, as the calendars' EXDATEs) go into `exceptDate` with `except`.
    """
    repeat = ev.repeat
    assert repeat is not None
    timed = isinstance(ev.start, datetime)
    return compact({
        "@type": "Schedule",
        "repeatFrequency": f"P{repeat.interval}{FREQUENCY_UNITS[repeat.freq]}",
        "byDay": _by_day(repeat.days, repeat.week),
        "byMonthWeek": repeat.week if repeat.week != -1 else None,
        "byMonthDay": repeat.monthday,
        "startDate": (ev.start.date() if timed else ev.start).isoformat(),
        "endDate": repeat.until.isoformat() if repeat.until else None,
        "repeatCount": repeat.count,
        "startTime": ev.start.time().isoformat("seconds") if timed else None,
        "endTime": ev.end.time().isoformat("seconds") if timed and ev.end else None,
        "exceptDate": [day.isoformat() for day in sorted({*ev.exceptions, *skipped_days})],
        "scheduleTimezone": timezone,
    })


def district_place(district: District, url: str) -> dict:
    """A district's page: a Place inside its city."""
    return compact({
        "@context": CONTEXT,
        "@type": "Place",
        "@id": url + "#place",
        "name": district.name,
        "description": district.summary,
        "url": url,
        "containedInPlace": {"@type": "City", "name": district.city} if district.city else None,
    })
