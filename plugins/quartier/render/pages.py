"""Which pages the site has: URL, template and the values the template shows.

A pure list, so tests can check the page set and its URLs without running
Pelican; the Pelican glue only renders each entry with its template. The
schema.org JSON-LD of each detail page is built here too, as plain data that
the template serialises with `tojson`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from quartier.contract.records import AtActor, Event, Location
from quartier.model import urls
from quartier.model.site import Site
from quartier.model.sorting import initial

from . import jsonld, whatson


@dataclass(frozen=True)
class Page:
    url: str
    template: str  # theme template name without ".html"
    values: Mapping[str, object] = field(default_factory=dict)
    in_sitemap: bool = True


def _absolute(site_url: str, url: str) -> str:
    return f"{site_url}/{url}"


def _place(site: Site, location: Location | None) -> dict | None:
    if isinstance(location, AtActor):
        host = site.data.actors[location.actor]
        return jsonld.place(location, actor_name_for_at=host.name, address_of_at=host.address)
    return jsonld.place(location)


def _event_jsonld(site: Site, event: Event, url: str, site_url: str,
                  timezone: str) -> dict:
    upcoming = site.upcoming_of(event.id)
    occurrence = upcoming[0] if upcoming else None
    organizer = site.actors.get(event.organizer or "")  # only actors that have a page
    location = occurrence.location if occurrence else event.location
    return jsonld.event(
        event, _absolute(site_url, url), occurrence=occurrence, timezone=timezone,
        organizer=(organizer.name, _absolute(site_url, urls.actor(organizer.id)))
        if organizer else None,
        location=_place(site, location),
        skipped_days=sorted(site.skipped_days(event)) if event.repeat is not None else (),
        category_names=_names(site.data.categories, event.categories),
        audience_names=_names(site.data.audiences, event.audiences),
    )


def _names(terms, ids) -> list[str]:
    """The names of the taxonomy entries `ids` (in the site language's view of the data)."""
    return [str(terms[i].name) for i in ids if i in terms]


def site_pages(site: Site, *, site_url: str, timezone: str) -> list[Page]:
    """Every page written from the data, in a stable order."""
    data = site.data
    pages = [
        Page(urls.home(), "index"),
        Page(urls.districts(), "districts"),
        Page(urls.search(), "search", in_sitemap=False),
        Page(urls.contribute(), "contribute"),
    ]
    pages += _paged(urls.offers(), "offers", site.sorted_offers(), {"filter": None})
    for code in sorted(site.offers_by_language):
        pages += _paged(urls.offers_in_language(code), "offers", site.sorted_offers(
            site.offers_by_language[code]), {"filter": None, "language": code})
    pages += _actor_pages(site)
    for kind in urls.KIND_SLUGS:
        pages += _paged(urls.actors_of_kind(kind), "actors", [
            a for a in site.sorted_actors() if a.kind == kind], {"kind": kind},
            per_chunk=lambda chunk: {"groups": _by_initial(chunk)})
    pages += _paged(urls.networks(), "networks",
                    [a for a in site.sorted_actors() if a.is_network], {}, per_page=25)
    pages += _dates(site, urls.events(), site.upcoming, None, None)
    pages += _dates(site, urls.events_archive(), site.past, "archive", None)
    for category in data.categories.values():
        pages += _dates(site, urls.events_in_category(category.id), site.upcoming_among(
            site.events_by_category.get(category.id, ())), "category", category)
    for district in data.districts.values():
        pages += _dates(site, urls.events_in_district(district.id), site.upcoming_among(
            site.events_by_district.get(district.id, ())), "district", district)
    for audience in data.audiences.values():
        pages += _dates(site, urls.events_for_audience(audience.id), site.upcoming_among(
            site.events_by_audience.get(audience.id, ())), "audience", audience)
    pages += _whats_on(site)
    pages.append(Page(urls.subscribe(), "subscribe"))
    for category in data.categories.values():
        pages += _paged(urls.offers_in_category(category.id), "offers", site.sorted_offers(
            site.offers_by_category.get(category.id, ())), {"filter": category})
    for audience in data.audiences.values():
        pages += _paged(urls.offers_for_audience(audience.id), "offers", site.sorted_offers(
            site.offers_by_audience.get(audience.id, ())), {"filter": audience,
                                                             "filter_kind": "audience"})
    for offer in site.sorted_offers():
        url = urls.offer(offer.id)
        provider = data.actors[offer.actor]
        location = site.offer_location(offer)
        pages.append(Page(url, "offer", {
            "offer": offer, "provider": provider, "location": location,
            "jsonld": jsonld.service(
                offer, _absolute(site_url, url), provider=provider,
                provider_url=_absolute(site_url, urls.actor(provider.id)),
                location=_place(site, location),
                area_names=[data.districts[d].name for d in site.offer_districts(offer)],
                category_names=_names(data.categories, offer.categories),
                audience_names=_names(data.audiences, offer.audiences)),
        }))
    for actor in site.sorted_actors():
        url = urls.actor(actor.id)
        networks = [site.actors[n] for n in actor.member_of if n in site.actors]
        pages.append(Page(url, "actor", {
            "actor": actor, "networks": networks,
            "members": site.sorted_actors(site.members_by_network.get(actor.id, ())),
            "offers": site.sorted_offers(site.offers_by_actor.get(actor.id, ())),
            "jsonld": jsonld.organization(
                actor, _absolute(site_url, url),
                member_of=[(n.name, _absolute(site_url, urls.actor(n.id))) for n in networks]),
        }))
    for district in data.districts.values():
        url = urls.district(district.id)
        pages.append(Page(url, "district", {
            "district": district,
            "offers": site.sorted_offers(site.offers_by_district.get(district.id, ())),
            "actors": site.sorted_actors(site.actors_by_district.get(district.id, ())),
            "jsonld": jsonld.district_place(district, _absolute(site_url, url)),
        }))
    for event in sorted(site.events.values(), key=lambda e: e.id):
        url = urls.event(event.id)
        pages.append(Page(url, "event", {
            "event": event, "organizer": data.actors.get(event.organizer or ""),
            "occurrences": site.upcoming_of(event.id),
            "jsonld": _event_jsonld(site, event, url, site_url, timezone),
        }))
    return pages


#: Entries per list page: long lists are split so that every page stays light.
PER_PAGE = 100


def easy_language_page(site: Site) -> Page:
    """The entrance in Leichte Sprache, with the records that carry an `easy_summary`."""
    return Page(urls.easy_language(), "easy_language", {
        "easy_offers": [o for o in site.sorted_offers() if o.easy_summary],
        "easy_actors": [a for a in site.sorted_actors() if a.easy_summary],
        "easy_events": [e for e in sorted(site.events.values(), key=lambda e: e.id)
                        if e.easy_summary and site.upcoming_of(e.id)],
    })


def _paged(url: str, template: str, items, values: Mapping, per_page: int = PER_PAGE,
           in_sitemap: bool = True, per_chunk=lambda chunk: {}) -> list[Page]:
    """A list as numbered pages (`urls.numbered`); an empty list is one empty page.

    `per_chunk(chunk)` adds values computed from one page's entries.
    """
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]
    return [
        Page(urls.numbered(url, number), template, {
            **values, **per_chunk(chunk), "items": chunk, "list_url": url,
            "page_number": number, "page_count": len(chunks)},
            in_sitemap=in_sitemap and number == 1)
        for number, chunk in enumerate(chunks, start=1)
    ]


def _dates(site: Site, url: str, occurrences, kind: str | None, term) -> list[Page]:
    """Dates by month and day on numbered pages; the archive stays out of the sitemap."""
    return _paged(url, "events", tuple(occurrences), {"list_kind": kind, "term": term},
                  in_sitemap=kind != "archive",
                  per_chunk=lambda chunk: {"months": by_month_and_day(chunk)})


def _whats_on(site: Site) -> list[Page]:
    """Today's dates, the week's and the weekly plan: for all, each audience, each district.

    Every audience and district has all three pages, empty or not, so that their
    addresses can be bookmarked and printed; an empty page points to the weekly plan.
    """
    data = site.data
    scopes = [(None, None, None, None, (urls.events_today(), urls.events_week(),
                                        urls.weekly_plan()))]
    scopes += [("audience", a, site.offers_by_audience.get(a.id, ()),
                site.events_by_audience.get(a.id, ()),
                (urls.events_today_for_audience(a.id), urls.events_week_for_audience(a.id),
                 urls.weekly_plan_for_audience(a.id))) for a in data.audiences.values()]
    scopes += [("district", d, site.offers_by_district.get(d.id, ()),
                site.events_by_district.get(d.id, ()),
                (urls.events_today_in_district(d.id), urls.events_week_in_district(d.id),
                 urls.weekly_plan_in_district(d.id))) for d in data.districts.values()]
    first, last = whatson.week_of(site.today)
    pages = []
    for kind, term, offer_ids, event_ids, (today_url, week_url, plan_url) in scopes:
        shown = site.taking_place(first, last, event_ids)
        scope = {"term_kind": kind, "term": term}
        pages.append(Page(today_url, "whatson", {
            **scope, "span": "today", "days": whatson.by_day(shown, first, first)}))
        pages.append(Page(week_url, "whatson", {
            **scope, "span": "week", "days": whatson.by_day(shown, first, last)}))
        pages.append(Page(plan_url, "weekly_plan", {
            **scope, "plan": whatson.weekly_plan(site, offer_ids, shown),
            "without_hours": whatson.without_hours(site, offer_ids),
            "first": first, "last": last}))
    return pages


def _by_initial(actors) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for actor in actors:
        groups.setdefault(initial(actor.name), []).append(actor)
    return list(groups.items())


def _actor_pages(site: Site) -> list[Page]:
    """The A–Z directory: each page's actors under their initials, and where each letter starts."""
    actors = site.sorted_actors()
    letters: dict[str, int] = {}
    for index, actor in enumerate(actors):
        letters.setdefault(initial(actor.name), index // PER_PAGE + 1)
    return _paged(urls.actors(), "actors", actors, {"letters": letters},
                  per_chunk=lambda chunk: {"groups": _by_initial(chunk)})


def by_month_and_day(occurrences) -> list[tuple[date, list[tuple[date, list]]]]:
    """[(first day of month, [(day, [occurrences])])] in the order given."""
    months: dict[date, dict[date, list]] = {}
    for o in occurrences:
        months.setdefault(o.day.replace(day=1), {}).setdefault(o.day, []).append(o)
    return [(month, list(days.items())) for month, days in months.items()]


