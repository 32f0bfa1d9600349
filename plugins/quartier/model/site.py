"""The site model: what is shown, and how records relate, for a given build date.

The data set says what exists; this module decides what the site shows on a
given day (current offers and actors, upcoming dates) and precomputes the
relations every page needs (an actor's offers, a network's members, a
district's dates), so templates only look things up. Pure Python: the
Pelican glue builds it once per build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from quartier.contract.records import (
    Actor,
    Address,
    AtActor,
    Contact,
    DataSet,
    District,
    Event,
    Location,
    Occurrence,
    Offer,
    is_stale,
)

from . import recurrence
from .sorting import sort_key

Index = Mapping[str, tuple[str, ...]]


def _index(pairs) -> Index:
    grouped: dict[str, list[str]] = defaultdict(list)
    for key, value in pairs:
        if value not in grouped[key]:
            grouped[key].append(value)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


def _current(valid_from: date | None, valid_until: date | None, today: date) -> bool:
    return (valid_from is None or valid_from <= today) and (
        valid_until is None or today <= valid_until)


@dataclass(frozen=True)
class Site:
    """Everything the pages show, for one build date."""

    data: DataSet
    today: date
    window_end: date  # open-ended series are expanded up to this day
    holidays: frozenset[date]  # public holidays a `skip_holidays` series passes over
    school_holidays: frozenset[date]  # days of data/ferien.yaml (`skip_school_holidays`)
    stale_after_days: int
    actors: Mapping[str, Actor]  # shown: not past their valid_until
    offers: Mapping[str, Offer]  # shown: inside valid_from..valid_until, actor shown
    events: Mapping[str, Event]
    upcoming: tuple[Occurrence, ...]  # from today to the end of the window, by start
    past: tuple[Occurrence, ...]  # the year before today, latest first
    upcoming_by_event: Mapping[str, tuple[Occurrence, ...]]
    offers_by_actor: Index
    offers_by_category: Index
    offers_by_audience: Index
    offers_by_language: Index  # spoken at the offer (ISO 639-1), for "Angebote auf Arabisch"
    offers_by_district: Index
    actors_by_district: Index
    members_by_network: Index
    events_by_actor: Index  # organised by the actor
    events_by_district: Index
    events_by_category: Index
    events_by_audience: Index

    # --- lookups used by the templates ---------------------------------------------

    def offer_districts(self, offer: Offer) -> tuple[str, ...]:
        return _offer_districts(self.data, offer)

    def event_districts(self, event: Event) -> tuple[str, ...]:
        return _event_districts(self.data, event)

    def offer_location(self, offer: Offer) -> Location | None:
        """Where an offer takes place: its own location, else at its actor's address."""
        if offer.location is not None:
            return offer.location
        return AtActor(offer.actor) if self.data.actors[offer.actor].address else None

    def offer_contact(self, offer: Offer) -> Contact | None:
        return offer.contact or self.data.actors[offer.actor].contact

    def address_of(self, location: Location | None) -> Address | None:
        """The postal address of a location; an actor's location is the actor's address."""
        if isinstance(location, AtActor):
            return self.data.actors[location.actor].address
        return location if isinstance(location, Address) else None

    @property
    def several_cities(self) -> bool:
        """The districts lie in more than one city: lists then name the city of a place."""
        return len({d.city for d in self.data.districts.values() if d.city}) > 1

    def place_label(self, location: Location | None) -> str:
        """A location's short name for lists and feeds: the actor with its room
        („Bürgertreff, Gruppenraum 2“), a place or street, and its city where the site covers
        several („…, Chemnitz“); "" online or unknown."""
        if isinstance(location, AtActor):
            name = self.data.actors[location.actor].name
            parts = [name, location.place]
        elif isinstance(location, Address):
            parts = [location.place or location.street]
        else:
            return ""
        address = self.address_of(location)
        if address is not None and (self.several_cities or not any(parts)):
            parts.append(address.city)
        return ", ".join(dict.fromkeys(p for p in parts if p))

    def skipped_days(self, event: Event) -> set[date]:
        """`except` dates, and the public holidays and school-holiday days a series with
        `skip_holidays` / `skip_school_holidays` passes over (unless a change names the day:
        then it takes place), up to the window's end: the calendars' EXDATEs and the
        schedule's `exceptDate`, so both say what the pages show."""
        days = set(event.exceptions)
        repeat = event.repeat
        if repeat is None or not (repeat.skip_holidays or repeat.skip_school_holidays):
            return days
        skipped = (self.holidays if repeat.skip_holidays else frozenset()) | (
            self.school_holidays if repeat.skip_school_holidays else frozenset())
        series = recurrence.rule(event)
        changed = {c.date for c in event.changes}
        return days | {d for d in skipped
                       if event.start_day <= d <= self.window_end and d not in changed
                       and recurrence.occurs_on(series, d)}

    def is_stale(self, last_checked: date | None) -> bool:
        return is_stale(last_checked, self.today, self.stale_after_days)

    def series_of(self, actor_id: str) -> list[Event]:
        """The recurring dates an actor organises (a network's meetings)."""
        return [self.events[i] for i in self.events_by_actor.get(actor_id, ())
                if self.events[i].repeat is not None]

    def upcoming_of(self, event_id: str) -> tuple[Occurrence, ...]:
        return self.upcoming_by_event.get(event_id, ())

    def next_of(self, event_ids) -> Occurrence | None:
        """The next date that takes place (not cancelled or postponed) among the events."""
        return next((o for o in self.upcoming_among(event_ids) if o.takes_place), None)

    def taking_place(self, first: date, last: date, event_ids=None) -> tuple[Occurrence, ...]:
        """The occurrences on any day from `first` to `last` (both included), by start.

        A date over several days counts on each of its days, so an exhibition that opened
        yesterday is on today's list; cancelled ones stay (the pages mark them). Only for
        days from the build date on, since it draws on `upcoming`.
        """
        chosen = self.upcoming if event_ids is None else self.upcoming_among(event_ids)
        return tuple(o for o in chosen if o.day <= last and last_day(o) >= first)

    def upcoming_among(self, event_ids, limit: int | None = None) -> tuple[Occurrence, ...]:
        found = sorted((o for i in set(event_ids) for o in self.upcoming_by_event.get(i, ())),
                       key=_start_key)
        return tuple(found[:limit] if limit is not None else found)

    def sorted_actors(self, ids=None) -> list[Actor]:
        chosen = self.actors.values() if ids is None else [self.actors[i] for i in ids
                                                            if i in self.actors]
        return sorted(chosen, key=lambda a: sort_key(a.name))

    def sorted_offers(self, ids=None) -> list[Offer]:
        chosen = self.offers.values() if ids is None else [self.offers[i] for i in ids
                                                            if i in self.offers]
        return sorted(chosen, key=lambda o: sort_key(o.title))

    def districts(self) -> list[District]:
        return list(self.data.districts.values())

    def districts_by_city(self) -> list[tuple[str, list[District]]]:
        """Districts grouped by city in the order of districts.yaml ("" for no city)."""
        groups: dict[str, list[District]] = {}
        for district in self.data.districts.values():
            groups.setdefault(district.city or "", []).append(district)
        return list(groups.items())


def with_organizer_defaults(data: DataSet, event: Event) -> Event:
    """A date as the site shows it: without `location`, at its organizer's address; without
    `contact`, its organizer's contact (the contract's defaults).

    Applied once here, so pages, calendars, feeds, JSON-LD and open data all say the same.
    """
    organizer = data.actors.get(event.organizer or "")
    if organizer is None:
        return event
    location = event.location
    if location is None and organizer.address is not None:
        location = AtActor(organizer.id)
    contact = event.contact or organizer.contact
    if location is event.location and contact is event.contact:
        return event
    return replace(event, location=location, contact=contact)


def build_site(data: DataSet, today: date, *, window_days: int = 365,
               holiday_subdivision: str = "SN", stale_after_days: int = 365) -> Site:
    """Decide what is shown on `today` and index it.

    `Site.events` are the dates with their organizer's defaults applied; `data.events`
    stay as written.
    """
    events = MappingProxyType({i: with_organizer_defaults(data, e)
                               for i, e in data.events.items()})
    actors = {i: a for i, a in data.actors.items() if _current(None, a.valid_until, today)}
    offers = {i: o for i, o in data.offers.items()
              if _current(o.valid_from, o.valid_until, today) and o.actor in actors}
    window_end = today + timedelta(days=window_days)
    holidays = recurrence.public_holidays(
        holiday_subdivision, range(today.year - 1, window_end.year + 1))
    school_holidays = data.school_holiday_days()
    upcoming: list[Occurrence] = []
    past: list[Occurrence] = []
    for event in events.values():
        for occurrence in recurrence.occurrences(event, today - timedelta(days=365), window_end,
                                                 holidays, school_holidays):
            (upcoming if last_day(occurrence) >= today else past).append(occurrence)
    upcoming.sort(key=_start_key)
    past.sort(key=_start_key, reverse=True)
    site_districts = {i: _event_districts(data, e) for i, e in data.events.items()}
    return Site(
        data=data, today=today, window_end=window_end, holidays=holidays,
        school_holidays=school_holidays,
        stale_after_days=stale_after_days,
        actors=MappingProxyType(actors), offers=MappingProxyType(offers),
        events=events, upcoming=tuple(upcoming), past=tuple(past),
        upcoming_by_event=MappingProxyType(
            {k: tuple(v) for k, v in _group(upcoming, lambda o: o.event_id).items()}),
        offers_by_actor=_index((o.actor, i) for i, o in offers.items()),
        offers_by_category=_index((c, i) for i, o in offers.items() for c in o.categories),
        offers_by_audience=_index((a, i) for i, o in offers.items() for a in o.audiences),
        offers_by_language=_index((c, i) for i, o in offers.items() for c in o.languages),
        offers_by_district=_index(
            (d, i) for i, o in offers.items() for d in _offer_districts(data, o)),
        actors_by_district=_index((d, i) for i, a in actors.items() for d in a.districts),
        members_by_network=_index((n, i) for i, a in actors.items() for n in a.member_of),
        events_by_actor=_index((e.organizer, i) for i, e in data.events.items()
                               if e.organizer),
        events_by_district=_index((d, i) for i, ds in site_districts.items() for d in ds),
        events_by_category=_index((c, i) for i, e in data.events.items() for c in e.categories),
        events_by_audience=_index((a, i) for i, e in data.events.items() for a in e.audiences),
    )


def _group(items, key) -> dict:
    grouped: dict = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


def last_day(o: Occurrence) -> date:
    """The day an occurrence ends on (its start day when it has no end).

    An evening that ends at midnight ends on its own day, not on the next.
    """
    last = o.end if o.end is not None else o.start
    if not isinstance(last, datetime):
        return last
    if last.time() == time.min and isinstance(o.start, datetime) and last > o.start:
        return (last - timedelta(days=1)).date()
    return last.date()


def _start_key(o: Occurrence):
    """Chronological; all-day dates before timed ones of the same day."""
    return (o.day, o.start.time() if isinstance(o.start, datetime) else time.min, o.event_id)


def _offer_districts(data: DataSet, offer: Offer) -> tuple[str, ...]:
    """An offer's districts: its own, else its actor's (the contract's default)."""
    return offer.districts or data.actors[offer.actor].districts


def _event_districts(data: DataSet, event: Event) -> tuple[str, ...]:
    """A date's districts: its own, else its organiser's."""
    if event.districts:
        return event.districts
    organizer = data.actors.get(event.organizer or "")
    return organizer.districts if organizer else ()
