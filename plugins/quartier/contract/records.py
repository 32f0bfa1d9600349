"""Immutable typed records: what the rest of the pipeline reads.

Records are built only from data that passed the schema (see `build.py`), so
their constructors trust types and shapes; the cross-record checks run on the
records. Everything is frozen and lists are tuples, so a template or plugin
cannot change the data set another part of the build relies on.

Dates and times are naive local times of the site's time zone (the contract
says so); turning them into aware datetimes is the recurrence module's job.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from .weekdays import CODES as WEEKDAY_CODES

#: Per language code, the translated text fields: {"en": {"name": "…"}}.
Translations = Mapping[str, Mapping[str, str]]


def _no_translations() -> Translations:
    return MappingProxyType({})


def is_stale(last_checked: date | None, today: date, after_days: int) -> bool:
    """Whether a record's `last_checked` is older than the site accepts (a warning, a note)."""
    return last_checked is not None and (today - last_checked).days > after_days


@dataclass(frozen=True)
class Source:
    """Where a record comes from, for messages and "edit this entry" links."""

    path: str  # relative to the project, e.g. data/offers/deutschkurs.yaml
    line: int = 1


@dataclass(frozen=True)
class Geo:
    lat: float
    lon: float


@dataclass(frozen=True)
class Address:
    city: str
    street: str | None = None  # a park or square may have only a `place`
    postcode: str | None = None
    place: str | None = None
    geo: Geo | None = None
    note: str | None = None


@dataclass(frozen=True)
class AtActor:
    """A location given as "at this actor's address", optionally a room in that building."""

    actor: str
    place: str | None = None  # a room or part of the building ("Gruppenraum 2")


@dataclass(frozen=True)
class Online:
    url: str


Location = Address | AtActor | Online


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class HoursSlot:
    """A time of the week an offer or actor is open; not every such week with `week`
    (that weekday's n-th in the month, -1 the last) or `interval` (every n-th week,
    counted from the week of `first`)."""

    days: tuple[str, ...]  # German weekday codes: mo di mi do fr sa so
    start: time
    end: time
    note: str | None = None
    week: int | None = None
    interval: int = 1
    first: date | None = None
    exceptions: tuple[date, ...] = ()  # the contract's `except`
    skip_school_holidays: bool = False

    @property
    def regular(self) -> bool:
        """Every week on its days: what a plain weekly opening-hours format can say."""
        return self.week is None and self.interval == 1

    def occurs_on(self, day: date, *, skipped: Container[date] = ()) -> bool:
        """Whether the slot's time applies on `day` by weekday and rhythm, before `except`
        and the `skipped` days (school holidays) are taken out."""
        if WEEKDAY_CODES[day.weekday()] not in self.days:
            return False
        if self.week is not None:
            if self.week > 0 and (day.day - 1) // 7 + 1 != self.week:
                return False
            if self.week == -1 and (day + timedelta(days=7)).month == day.month:
                return False
        if self.interval != 1 and self.first is not None:
            # Counted in whole weeks from the Monday of `first`'s week.
            monday = self.first - timedelta(days=self.first.weekday())
            weeks = (day - monday).days // 7
            if day < self.first or weeks % self.interval:
                return False
        return day not in skipped

    def takes_place_on(self, day: date, *, school_holidays: Container[date] = ()) -> bool:
        """`occurs_on`, not one of its `except` dates and, with `skip_school_holidays`,
        not in the school holidays."""
        skipped = school_holidays if self.skip_school_holidays else ()
        return self.occurs_on(day, skipped=skipped) and day not in self.exceptions


@dataclass(frozen=True)
class Accessibility:
    wheelchair: str | None = None  # yes | partial | no | unknown
    note: str | None = None


@dataclass(frozen=True)
class Registration:
    required: bool
    note: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Person:
    role: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Moderation:
    role: str
    actor: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Minutes:
    date: date
    title: str
    url: str


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    year: int
    source: str


@dataclass(frozen=True)
class Term:
    """An entry of a taxonomy: a category or an audience."""

    id: str
    name: str
    summary: str | None = None
    translations: Translations = field(default_factory=_no_translations)
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True)
class District:
    id: str
    name: str
    city: str | None = None
    summary: str | None = None
    description: str | None = None
    facts: tuple[Fact, ...] = ()
    translations: Translations = field(default_factory=_no_translations)
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    summary: str
    description: str | None = None
    easy_summary: str | None = None  # in Leichte Sprache, for the easy-language entrance
    districts: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    address: Address | None = None
    contact: Contact | None = None
    hours: tuple[HoursSlot, ...] = ()
    by_appointment: bool = False
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    translations: Translations = field(default_factory=_no_translations)
    last_checked: date | None = None
    people: tuple[Person, ...] = ()
    member_of: tuple[str, ...] = ()
    funding: str | None = None
    moderation: tuple[Moderation, ...] = ()
    minutes: tuple[Minutes, ...] = ()
    valid_until: date | None = None
    source: Source = field(default=Source(""), compare=False)

    @property
    def is_network(self) -> bool:
        return self.kind == "network"


@dataclass(frozen=True)
class Offer:
    id: str
    title: str
    actor: str
    summary: str
    categories: tuple[str, ...]
    audiences: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()  # as written; empty means "the actor's"
    description: str | None = None
    easy_summary: str | None = None
    location: Location | None = None
    hours: tuple[HoursSlot, ...] = ()
    by_appointment: bool = False
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    contact: Contact | None = None
    translations: Translations = field(default_factory=_no_translations)
    last_checked: date | None = None
    cost: str | None = None  # "free" or a text such as "2 € pro Termin"
    registration: Registration | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True)
class Repeat:
    """A recurrence rule in the contract's friendly form of RFC 5545's RRULE."""

    freq: str  # daily | weekly | monthly | yearly
    interval: int = 1
    days: tuple[str, ...] = ()
    week: int | None = None  # 1..5 or -1 (last)
    monthday: int | None = None
    until: date | None = None
    count: int | None = None
    skip_holidays: bool = False
    skip_school_holidays: bool = False  # data/ferien.yaml


@dataclass(frozen=True)
class Change:
    """A change to one occurrence of a series, named by the date it would have had.

    `start`/`end` are datetimes, or dates when the changed occurrence is all day (also in a
    series with times, and the other way round).
    """

    date: date
    start: datetime | date | None = None
    end: datetime | date | None = None
    location: Location | None = None
    cancelled: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Event:
    """A date (Termin) from data/dates/: one-off, multi-day or a recurring series.

    `start`/`end` are datetimes, or dates when `all_day`; a written end time
    before the start time has already been moved to the next day. For a
    series they describe the first occurrence. `extra_dates` are further
    occurrences outside the rule (RFC 5545's RDATE), with or without `repeat`,
    each already at its time (an entry without a time has the start's time).
    """

    id: str
    title: str
    start: datetime | date
    end: datetime | date | None = None
    organizer: str | None = None
    categories: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    summary: str | None = None
    description: str | None = None
    easy_summary: str | None = None
    location: Location | None = None
    status: str = "scheduled"  # scheduled | cancelled | postponed
    postponed_to: datetime | date | None = None  # the new start of a postponed one-off date
    cost: str | None = None
    registration: Registration | None = None
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    contact: Contact | None = None
    last_checked: date | None = None
    translations: Translations = field(default_factory=_no_translations)
    repeat: Repeat | None = None
    exceptions: tuple[date, ...] = ()  # the contract's `except`
    changes: tuple[Change, ...] = ()
    extra_dates: tuple[datetime | date, ...] = ()
    source: Source = field(default=Source(""), compare=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def is_series(self) -> bool:
        """More than one occurrence is possible: a rule, or additional dates."""
        return self.repeat is not None or bool(self.extra_dates)

    @property
    def start_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


@dataclass(frozen=True)
class Occurrence:
    """One concrete date of an event: a one-off date, or one occurrence of a series.

    `start`/`end` and `location` already include the series' `changes`;
    `rule_date` is the day the rule gave it (RFC 5545's RECURRENCE-ID), and
    `changed` says whether time or place differ from the rule.
    """

    event_id: str
    start: datetime | date
    end: datetime | date | None
    rule_date: date
    location: Location | None = None
    cancelled: bool = False
    new_time: bool = False
    new_place: bool = False
    note: str | None = None
    #: A series with changing venues names no place for this occurrence yet („Ort folgt“).
    place_follows: bool = False
    #: Postponed: this date does not take place; `moved_to` is the new start if known.
    postponed: bool = False
    moved_to: datetime | date | None = None
    #: The original start of a postponed date that now takes place at `start`.
    moved_from: datetime | date | None = None

    @property
    def changed(self) -> bool:
        return self.new_time or self.new_place

    @property
    def takes_place(self) -> bool:
        """Neither cancelled nor postponed: residents can plan on it."""
        return not (self.cancelled or self.postponed)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


@dataclass(frozen=True)
class SchoolHoliday:
    """A school-holiday period from data/ferien.yaml, both days included."""

    name: str
    start: date
    end: date
    source: Source = field(default=Source(""), compare=False)

    def days(self) -> list[date]:
        return [date.fromordinal(n) for n in range(self.start.toordinal(),
                                                    self.end.toordinal() + 1)]


@dataclass(frozen=True)
class DataSet:
    """Every validated record, keyed by id; taxonomies keep the order of their file."""

    districts: Mapping[str, District]
    categories: Mapping[str, Term]
    audiences: Mapping[str, Term]
    actors: Mapping[str, Actor]
    offers: Mapping[str, Offer]
    events: Mapping[str, Event]
    #: data/synonyms.yaml: groups of words the search treats as one, as the office wrote them.
    synonyms: tuple[tuple[str, ...], ...] = ()
    #: data/ferien.yaml: the state's school holidays as the office copied them, by start.
    school_holidays: tuple[SchoolHoliday, ...] = ()

    def school_holiday_days(self) -> frozenset[date]:
        """Every day of every school-holiday period."""
        return frozenset(d for period in self.school_holidays for d in period.days())
