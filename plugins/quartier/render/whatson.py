"""What's on: the build date's dates, the week's, and the weekly plan of offers and dates.

The site is static and rebuilt every night, so "today" is the build date
(`Site.today`) and "this week" the seven days from it, as the upcoming lists
count them. The weekly plan answers "what is there for children on Tuesdays":
the offers' regular hours and the coming week's dates side by side under each
weekday, Monday to Sunday, by time. Pure functions; the templates only show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from quartier.contract.records import HoursSlot, Occurrence, Offer
from quartier.contract.weekdays import CODES as DAY_CODES
from quartier.model.site import Site, last_day

#: "This week": today and the six days after it.
WEEK_DAYS = 7


def week_of(today: date) -> tuple[date, date]:
    """The first and last day of the week view that starts on `today`."""
    return today, today + timedelta(days=WEEK_DAYS - 1)


def by_day(occurrences, first: date, last: date) -> list[tuple[date, list[Occurrence]]]:
    """Every day from `first` to `last` with the occurrences taking place on it.

    A date over several days is listed once, on its first day in the range (an
    exhibition that opened last week appears under today), so the page counts
    each date once; days without dates stay in the list, for the page to say so.
    """
    days: dict[date, list[Occurrence]] = {
        first + timedelta(days=n): [] for n in range((last - first).days + 1)}
    for o in occurrences:
        if o.day <= last and last_day(o) >= first:
            days[max(o.day, first)].append(o)
    return list(days.items())


@dataclass(frozen=True)
class PlanEntry:
    """One line of the weekly plan: an offer's regular slot, or one date of the week."""

    start: time | None  # None: all day (dates only)
    title: str
    offer: Offer | None = None
    slot: HoursSlot | None = None
    occurrence: Occurrence | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.start is not None, self.start or time.min, self.occurrence is not None,
                self.title.casefold())


def weekly_plan(site: Site, offer_ids, week_dates) -> list[tuple[str, list[PlanEntry]]]:
    """[(weekday code, entries by time)] from Monday to Sunday.

    Each offer's slot stands under every day it names (a slot "Di und Do" under
    Tuesday and Thursday); each of `week_dates`, the occurrences of the coming week
    (`week_of`), under its weekday, a date over several days on its first day in the week.
    """
    plan: dict[str, list[PlanEntry]] = {code: [] for code in DAY_CODES}
    for offer in site.sorted_offers(offer_ids):
        for slot in offer.hours:
            for code in dict.fromkeys(slot.days):
                plan[code].append(PlanEntry(slot.start, offer.title, offer=offer, slot=slot))
    first, last = week_of(site.today)
    for day, items in by_day(week_dates, first, last):
        for o in items:
            start = o.start.time() if isinstance(o.start, datetime) and o.day == day else None
            plan[DAY_CODES[day.weekday()]].append(PlanEntry(
                start, site.events[o.event_id].title, occurrence=o))
    return [(code, sorted(entries, key=lambda e: e.sort_key)) for code, entries in plan.items()]


def without_hours(site: Site, offer_ids) -> list[Offer]:
    """The offers that name no regular hours (by appointment, or times on their page)."""
    return [o for o in site.sorted_offers(offer_ids) if not o.hours]
