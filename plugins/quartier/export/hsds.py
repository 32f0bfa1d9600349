"""The current offers as Open Referral HSDS 3.0: services with their organisation, places, times.

HSDS (Human Services Data Specification, https://openreferral.org/) is what referral
portals and social-service directories exchange. `export` gives the three files of
`/daten/hsds/`: `services` (each in the compiled shape of
`schema/compiled/service_with_definitions.json`: organization, service_at_locations with
their location, schedules, phones, contacts, languages nested), `organizations` and
`locations`.

What maps to what:
- an offer is a service; so is a recurring date (a weekly Sprachcafé, a network's meeting),
  because a resident can go there regularly. One-off dates are not services: the calendars
  and feeds carry them.
- office hours are weekly schedules (freq WEEKLY, byday MO,TU,…); a series' rule becomes
  the schedule's RRULE fields. HSDS knows only WEEKLY and MONTHLY, so "daily" is weekly on
  every day, "every 14 days" weekly with interval 2, and "yearly" monthly with interval 12;
  "every 3 days" keeps only its description. Times are local times of the site's zone
  without an offset: one fixed offset would be wrong for half of the year.
- a series' additional dates (`extra_dates`, RFC 5545's RDATE; without a rule also its
  start) are one schedule each: HSDS has no RDATE, and a one-day schedule (`dtstart`,
  `valid_from` and `valid_to` on that day, weekly on its weekday with `count` 1) is what
  the specification's "exceptional schedules" describe, and expands to exactly that day
  both for readers of the RRULE fields and for readers of the validity dates. A change of
  such a date's time is in it; a cancelled one says so in `notes`.
- what HSDS has no field for is said in the free-text fields it has for it (`_notes`):
  a service without any schedule with a rule says why in its schedules' `notes` ("Termine
  nach Vereinbarung", no times given, a rhythm HSDS cannot express), one without a place
  how to attend in their `attending_type`. `metadata` is not the place: HSDS means it for a
  record of changes, one object per changed field.
- HSDS's tabular form needs an organisation for every service: a series without organiser
  belongs to the publisher of the data (`publisher`), whose description says so.
- categories and audiences are attributes with taxonomy terms (`code` is our id).
- ids are UUIDs derived from ours (uuid5 of `NAMESPACE` and e.g. "offer/deutschkurs"), so
  they stay the same from build to build and anyone can compute them.

People's names, phones and e-mails (an actor's `people`, a date's own `contact`, which is
often its proposer's) are exported only with `personal`; the organisation's own contact
point (its phone, info@…) is always there, and a series without `personal` gets its
organiser's.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from quartier.contract import weekdays
from quartier.contract.records import (
    Accessibility,
    Actor,
    Address,
    AtActor,
    Contact,
    Event,
    HoursSlot,
    Location,
    Offer,
)
from quartier.contract.records import Online as OnlineLocation
from quartier.model import recurrence, urls
from quartier.model.json_values import clock, compact
from quartier.model.site import Site
from quartier.render.present import Formatter

#: Fixed for good: every HSDS id is uuid5(NAMESPACE, "<kind>/<our id>[/<part>…]").
NAMESPACE = uuid.UUID("aad7c310-d047-4faf-b30c-e07cbdf3ce03")

#: German states by the codes of QUARTIER_HOLIDAY_STATE, for HSDS's `state_province`.
STATES = {
    "BB": "Brandenburg", "BE": "Berlin", "BW": "Baden-Württemberg", "BY": "Bayern",
    "HB": "Bremen", "HE": "Hessen", "HH": "Hamburg", "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen", "NW": "Nordrhein-Westfalen", "RP": "Rheinland-Pfalz",
    "SH": "Schleswig-Holstein", "SL": "Saarland", "SN": "Sachsen", "ST": "Sachsen-Anhalt",
    "TH": "Thüringen",
}
STATUS = {"scheduled": "active", "cancelled": "inactive", "postponed": "temporarily closed"}
ALL_DAYS = ",".join(weekdays.ICAL[d] for d in weekdays.CODES)


def hsds_id(*parts: str | int) -> str:
    """A stable UUID for one of our records or a part of it: hsds_id("offer", "x", "phone")."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _by_day(days) -> str:
    return ",".join(weekdays.ICAL[d] for d in days)


def _slot_rule(slot: HoursSlot) -> dict:
    """An hours slot's RRULE fields."""
    if slot.week is not None:
        return {"freq": "MONTHLY", "wkst": "MO",
                "byday": ",".join(f"{slot.week}{weekdays.ICAL[d]}" for d in slot.days)}
    fields = {"freq": "WEEKLY", "wkst": "MO", "byday": _by_day(slot.days)}
    if slot.interval != 1:
        fields |= {"interval": slot.interval, "dtstart": slot.first.isoformat()}
    return fields


def rule(event: Event) -> dict:
    """A series' rule as HSDS schedule fields (freq, interval, byday, bymonthday, …)."""
    repeat = event.repeat
    assert repeat is not None
    start_day = weekdays.CODES[event.start_day.weekday()]
    days = repeat.days or (start_day,)
    n = repeat.interval
    if repeat.freq == "weekly":
        fields = {"freq": "WEEKLY", "interval": n, "byday": _by_day(days)}
    elif repeat.freq == "monthly" and repeat.week is not None:
        fields = {"freq": "MONTHLY", "interval": n,
                  "byday": ",".join(f"{repeat.week}{weekdays.ICAL[d]}" for d in days)}
    elif repeat.freq == "monthly":
        fields = {"freq": "MONTHLY", "interval": n,
                  "bymonthday": str(repeat.monthday or event.start_day.day)}
    elif repeat.freq == "yearly":
        fields = {"freq": "MONTHLY", "interval": 12 * n, "bymonthday": str(event.start_day.day)}
    elif n == 1:  # daily
        fields = {"freq": "WEEKLY", "interval": 1, "byday": ALL_DAYS}
    elif n % 7 == 0:
        fields = {"freq": "WEEKLY", "interval": n // 7, "byday": _by_day([start_day])}
    else:
        return {}
    if fields["interval"] == 1:
        del fields["interval"]
    return {**fields, "wkst": "MO"}


class HsdsExport:
    """Builds the HSDS objects of one site; `export()` returns the three files' contents."""

    def __init__(self, site: Site, fmt: Formatter, *, site_url: str, state: str = "SN",
                 personal: bool = False, publisher: str | None = None) -> None:
        self.site = site
        self.publisher = publisher
        self.fmt = fmt
        self.site_url = site_url
        self.state = STATES.get(state, state)
        self.personal = personal
        self._locations: dict[str, dict] = {}

    def export(self) -> dict[str, list[dict]]:
        organizations = [self.organization(self.site.actors[i]) for i in sorted(self.site.actors)]
        services = [self.offer(self.site.offers[i]) for i in sorted(self.site.offers)]
        services += [self.series(self.site.events[i]) for i in sorted(self.site.upcoming_by_event)
                     if self.site.events[i].is_series]
        publisher = self.publisher_organization()
        if any(s["organization_id"] == publisher["id"] for s in services):
            organizations.append(publisher)
        locations = [self._locations[i] for i in sorted(self._locations)]
        return {"services": services, "organizations": organizations, "locations": locations}

    # --- small parts ---------------------------------------------------------------------

    def _page(self, url: str) -> str | None:
        """A page's address, when the site has an absolute one (HSDS wants absolute URIs)."""
        absolute = self.site_url.startswith(("https://", "http://"))
        return f"{self.site_url}/{url}" if absolute else None

    def _phones(self, owner: tuple, phone: str | None, **link: str) -> list[dict]:
        if not phone:
            return []
        return [{"id": hsds_id(*owner, "phone"), **link, "number": phone, "type": "voice"}]

    def _schedules(self, owner: tuple, slots, by_appointment: bool) -> list[dict]:
        """Office hours, one schedule per slot; "by appointment" as a description.

        A slot in one week of the month is MONTHLY with byday "1MO" (-1 the last); every
        n-th week is WEEKLY with that interval from `dtstart`, its first day. HSDS has no
        EXDATE: skipped days are in the description, which says the whole rule in words.
        """
        schedules = [compact({
            "id": hsds_id(*owner, "hours", i), **_slot_rule(slot),
            "opens_at": clock(slot.start),
            "closes_at": clock(slot.end), "description": self.fmt.hours([slot])[0],
        }) for i, slot in enumerate(slots)]
        if by_appointment:
            schedules.append({"id": hsds_id(*owner, "by-appointment"),
                              "description": self.fmt.hours([], by_appointment=True)[0]})
        return schedules

    def _accessibility(self, owner: tuple, a: Accessibility | None, location_id: str):
        if a is None:
            return []
        return [compact({"id": hsds_id(*owner, "accessibility"), "location_id": location_id,
                          "description": self.fmt.wheelchair(a.wheelchair), "details": a.note})]

    def _address(self, owner: tuple, a: Address, location_id: str) -> list[dict]:
        """HSDS requires street (or place), postcode, city, state and country."""
        if not a.postcode:
            return []
        return [{"id": hsds_id(*owner, "address"), "location_id": location_id,
                 "address_1": a.street or a.place, "city": a.city,
                 "state_province": self.state, "postal_code": a.postcode, "country": "DE",
                 "address_type": "physical"}]

    def _place(self, owner: tuple, name: str | None, a: Address | None,
               accessibility: Accessibility | None, organization_id: str | None = None,
               schedules=()) -> dict:
        location_id = hsds_id(*owner, "location")
        return compact({
            "id": location_id, "location_type": "physical", "organization_id": organization_id,
            "name": (a.place or name or a.street) if a else name,
            "description": a.note if a else None,
            "latitude": a.geo.lat if a and a.geo else None,
            "longitude": a.geo.lon if a and a.geo else None,
            "addresses": self._address(owner, a, location_id) if a else [],
            "accessibility": self._accessibility(owner, accessibility, location_id),
            "schedules": [{**s, "location_id": location_id} for s in schedules],
        })

    def actor_location(self, actor: Actor) -> dict:
        """The place at an actor's address, with its opening hours; shared by its offers."""
        owner = ("actor", actor.id)
        location_id = hsds_id(*owner, "location")
        if location_id not in self._locations:
            self._locations[location_id] = self._place(
                owner, actor.name, actor.address, actor.accessibility,
                hsds_id("actor", actor.id) if actor.id in self.site.actors else None,
                self._schedules(owner, actor.hours, actor.by_appointment))
        return self._locations[location_id]

    def location(self, owner: tuple, loc: Location | None,
                 accessibility: Accessibility | None) -> dict | None:
        if loc is None:
            return None
        if isinstance(loc, AtActor):
            return self.actor_location(self.site.data.actors[loc.actor])
        if isinstance(loc, OnlineLocation):
            found = {"id": hsds_id(*owner, "location"), "location_type": "virtual",
                     "url": loc.url}
        else:
            found = self._place(owner, None, loc, accessibility)
        self._locations[found["id"]] = found
        return found

    def _contacts(self, owner: tuple, contact: Contact | None, provider: Actor | None,
                  **link: str) -> list[dict]:
        """The contact point (not personal), and the provider's people with `personal`."""
        contacts = []
        if contact and (contact.phone or contact.email):
            contact_id = hsds_id(*owner, "contact")
            contacts.append(compact({
                "id": contact_id, **link, "name": provider.name if provider else None,
                "email": contact.email,
                "phones": self._phones((*owner, "contact"), contact.phone,
                                       contact_id=contact_id)}))
        if self.personal and provider:
            for i, person in enumerate(provider.people):
                person_owner = (*owner, "person", i)  # one contact object per service
                contacts.append(compact({
                    "id": hsds_id(*person_owner), **link, "name": person.name,
                    "title": person.role, "email": person.email,
                    "phones": self._phones(person_owner, person.phone,
                                           contact_id=hsds_id(*person_owner))}))
        return contacts

    def _attributes(self, owner: tuple, service_id: str, categories, audiences) -> list[dict]:
        """Categories and audiences as taxonomy terms, our id as the term's code."""
        found = []
        for taxonomy, ids, terms in (("kategorien", categories, self.site.data.categories),
                                     ("zielgruppen", audiences, self.site.data.audiences)):
            for term_id in ids:
                term = terms[term_id]
                term_uuid = hsds_id(taxonomy, term_id)
                found.append({
                    "id": hsds_id(*owner, taxonomy, term_id), "link_id": service_id,
                    "link_entity": "service", "taxonomy_term_id": term_uuid,
                    "taxonomy_term": {"id": term_uuid, "code": term_id, "name": term.name,
                                      "description": term.summary or term.name,
                                      "taxonomy": taxonomy}})
        return found

    def _service(self, owner: tuple, *, name: str, summary: str | None,
                 description: str | None, page: str, provider: Actor | None, status: str,
                 contact: Contact | None, cost: str | None, registration, languages,
                 location: dict | None, access_note: str | None, schedules: list[dict],
                 districts, categories, audiences, last_checked) -> dict:
        """What offers and series share: one service object in HSDS's compiled shape."""
        service_id = hsds_id(*owner)
        link = {"service_id": service_id}
        at_location = None
        if location is not None:
            at_location = compact({"id": hsds_id(*owner, "at-location"), **link,
                                    "location_id": location["id"], "description": access_note,
                                    "location": location})
        application = None
        if registration is not None:
            application = " – ".join(filter(None, (
                self.fmt._("Anmeldung erforderlich") if registration.required
                else self.fmt._("Keine Anmeldung nötig"), registration.note, registration.url)))
        organization = (self.organization(provider) if provider
                        else self.publisher_organization())
        return compact({
            "id": service_id,
            "organization_id": organization["id"],
            "name": name,
            "description": "\n\n".join(filter(None, (summary, description))) or name,
            "url": self._page(page),
            "email": contact.email if contact else None,
            "status": status,
            "application_process": application,
            "fees_description": self.fmt.cost(cost),
            "assured_date": _day(last_checked),
            "phones": self._phones(owner, contact.phone if contact else None, **link),
            "schedules": [{**s, **link} for s in schedules],
            "service_areas": [compact({
                "id": hsds_id(*owner, "area", d), **link,
                "name": self.site.data.districts[d].name,
                "description": self.site.data.districts[d].summary,
                "uri": self._page(urls.district(d))}) for d in districts],
            "service_at_locations": [at_location] if at_location else [],
            "languages": [{"id": hsds_id(*owner, "language", code), **link,
                           "name": self.fmt.language_in_site_locale(code), "code": code}
                          for code in languages],
            "organization": organization,
            "cost_options": [{"id": hsds_id(*owner, "cost"), **link,
                              "option": self.fmt.cost("free"), "amount": 0,
                              "currency": "EUR"}] if cost == "free" else [],
            "contacts": self._contacts(owner, contact, provider, **link),
            "attributes": self._attributes(owner, service_id, categories, audiences),
        })

    def _notes(self, owner: tuple, schedules: list[dict], location: dict | None, *,
               by_appointment: bool = False, series: bool = False) -> list[dict]:
        """The schedules, saying in HSDS's free-text fields what its other fields cannot.

        A series' schedule without a rule (`freq`) says in its `notes` that HSDS cannot
        express the rhythm; an offer without any rule says why ("nach Vereinbarung", no
        times given: then in a schedule only for the note, since HSDS has no other place for
        it). Without a place (or only online) every schedule's `attending_type` says how to
        attend.
        """
        why = None
        if series:
            why = self.fmt._("HSDS kennt nur wöchentliche und monatliche Regeln; dieser "
                             "Rhythmus steht deshalb nur als Text hier, jeder Termin in der "
                             "Kalenderdatei (schedule_link).")
        elif not any("freq" in s for s in schedules):
            why = (self.fmt._("Keine festen Zeiten: Termine nach Vereinbarung.") if by_appointment
                   else self.fmt._("Keine Zeiten angegeben; feste Zeiten, wenn es sie gibt, "
                                   "nennt die Beschreibung."))
            schedules = schedules or [{"id": hsds_id(*owner, "times")}]
        if why:
            schedules = [s if "freq" in s else
                         {**s, "notes": " ".join(filter(None, (s.get("notes"), why)))}
                         for s in schedules]
        attending = None
        if location is None:
            attending = self.fmt._("Kein Ort angegeben; Näheres über den Kontakt.")
        elif location["location_type"] == "virtual":
            attending = self.fmt._("Online: %(url)s") % {"url": location["url"]}
        if attending:
            schedules = [{**s, "attending_type": attending} for s in schedules]
        return schedules

    def _single_dates(self, owner: tuple, event: Event) -> list[dict]:
        """A schedule for each of a series' dates outside its rule (see the module's doc)."""
        days = {recurrence.day_of(extra) for extra in event.extra_dates}
        if event.repeat is None:
            days.add(event.start_day)
        if not days:
            return []
        margin = timedelta(days=366)  # a change may move a date; it is found by its own day
        schedules = []
        for o in recurrence.occurrences(event, min(days) - margin, max(days) + margin):
            if o.rule_date not in days:
                continue
            timed = isinstance(o.start, datetime)
            schedules.append(compact({
                "id": hsds_id(*owner, "date", o.rule_date.isoformat()), "freq": "WEEKLY",
                "byday": weekdays.ICAL[weekdays.CODES[o.day.weekday()]], "wkst": "MO",
                "count": 1, "dtstart": o.day.isoformat(), "valid_from": o.day.isoformat(),
                "valid_to": o.day.isoformat(),
                "opens_at": clock(o.start) if timed else None,
                "closes_at": clock(o.end) if timed and isinstance(o.end, datetime) else None,
                "description": self.fmt.when(o.start, o.end),
                "notes": " ".join(filter(None, (
                    self.fmt.status("cancelled") + "." if o.cancelled else None, o.note))),
                "schedule_link": self._page(urls.event_calendar(event.id)),
            }))
        return schedules

    # --- the three kinds of objects ------------------------------------------------------

    def publisher_organization(self) -> dict:
        """Who publishes the data, as the organisation of series without organiser."""
        return compact({
            "id": hsds_id("publisher"),
            "name": self.publisher or self.fmt._("Herausgeber dieser Daten"),
            "description": self.fmt._(
                "Gibt diese Daten heraus. Regelmäßige Termine ohne angegebenen Veranstalter "
                "sind hier eingeordnet, weil HSDS jedem Angebot eine Organisation zuordnet; "
                "veranstaltet werden sie nicht unbedingt von ihr."),
            "website": self._page(""),
        })

    def organization(self, actor: Actor) -> dict:
        owner = ("actor", actor.id)
        contact = actor.contact
        return compact({
            "id": hsds_id(*owner), "name": actor.name, "description": actor.summary,
            "email": contact.email if contact else None,
            "website": contact.website if contact else None,
            "uri": self._page(urls.actor(actor.id)),
            "funding": [{"id": hsds_id(*owner, "funding"), "organization_id": hsds_id(*owner),
                         "source": actor.funding}] if actor.funding else [],
            "contacts": self._contacts(owner, None, actor, organization_id=hsds_id(*owner)),
            "phones": self._phones(owner, contact.phone if contact else None,
                                   organization_id=hsds_id(*owner)),
            "locations": [self.actor_location(actor)] if actor.address else [],
        })

    def offer(self, offer: Offer) -> dict:
        owner = ("offer", offer.id)
        provider = self.site.data.actors[offer.actor]
        at_actor = isinstance(self.site.offer_location(offer), AtActor)
        access = offer.accessibility
        location = self.location(owner, self.site.offer_location(offer), access)
        schedules = [{**s, **compact({"valid_from": _day(offer.valid_from),
                                      "valid_to": _day(offer.valid_until)})}
                     for s in self._schedules(owner, offer.hours, offer.by_appointment)]
        return self._service(
            owner, name=offer.title, summary=offer.summary, description=offer.description,
            page=urls.offer(offer.id), provider=provider, status="active",
            contact=self.site.offer_contact(offer), cost=offer.cost,
            registration=offer.registration, languages=offer.languages, location=location,
            access_note=" – ".join(filter(None, (self.fmt.wheelchair(access.wheelchair),
                                                 access.note))) if access and at_actor else None,
            schedules=self._notes(owner, schedules, location,
                                  by_appointment=offer.by_appointment),
            districts=self.site.offer_districts(offer), categories=offer.categories,
            audiences=offer.audiences, last_checked=offer.last_checked)

    def series(self, event: Event) -> dict:
        """A recurring date as a service: a schedule for its rule, one for each single date."""
        owner = ("date", event.id)
        organizer = self.site.actors.get(event.organizer or "")
        schedules = self._single_dates(owner, event)
        if event.repeat is not None:
            singles = {recurrence.day_of(extra) for extra in event.extra_dates}
            cancelled = sorted({*event.exceptions, *(c.date for c in event.changes
                                                     if c.cancelled and c.date not in singles)})
            schedules.insert(0, compact({
                "id": hsds_id(*owner, "rule"), **rule(event),
                "dtstart": event.start_day.isoformat(),
                "until": _day(event.repeat.until),
                "count": event.repeat.count,
                "opens_at": clock(event.start) if not event.all_day else None,
                "closes_at": clock(event.end) if not event.all_day and event.end else None,
                "description": self.fmt.rhythm(event),
                "notes": f"{self.fmt._('Abgesagt:')} " + "; ".join(
                    self.fmt.date(d, "day") for d in cancelled) if cancelled else None,
                "schedule_link": self._page(urls.event_calendar(event.id)),
            }))
        location = self.location(owner, event.location, event.accessibility)
        return self._service(
            owner, name=event.title, summary=event.summary, description=event.description,
            page=urls.event(event.id), provider=organizer, status=STATUS[event.status],
            contact=(event.contact if self.personal else None)
            or (organizer.contact if organizer else None),
            cost=event.cost, registration=event.registration, languages=event.languages,
            location=location, access_note=None,
            schedules=self._notes(owner, schedules, location, series=True),
            districts=self.site.event_districts(event), categories=event.categories,
            audiences=event.audiences, last_checked=event.last_checked)
