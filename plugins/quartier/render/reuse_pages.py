"""Pages for reuse beyond the screen: print overviews, monthly posters, embeddable fragments.

Offices hand out printed overviews of offers ("Angebotsübersicht") and hang monthly posters
of dates ("Aushang") in shop windows; partner sites show the next dates of a district or
topic. Like `pages.py` this only lists the pages (URL, template, values), so tests can
check them without Pelican; the glue renders them. QR codes lead from paper to the online
page; `qr_svg` draws them as standalone SVG files, which keep the pages light and need no
inline styles (the site's CSP forbids them). Pages show them with `<svg><use href="…#qr">`
rather than `<img>`: the site's pages contain no images, and the tests for hostile data
rely on that (an <img> in a page can only have come from data).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import segno

from quartier.contract.records import Occurrence, Offer
from quartier.model import reuse_urls, urls
from quartier.model.site import Site

from .pages import Page

#: Offers per printed overview; a longer list is split into numbered parts of about two
#: A4 pages each, which also keeps every HTML file within the page budget.
PRINT_PER_PART = 24
#: Dates (series count once) on one monthly poster; more would not fit one A4 sheet.
POSTER_LIMIT = 16
#: Upcoming dates in an embeddable fragment.
EMBED_LIMIT = 10


#: The id of the drawing inside every QR code file, for `<use href="…/qr.svg#qr">`.
QR_ID = "qr"


def qr_svg(target: str) -> bytes:
    """A QR code for `target` (a URL) as a standalone SVG, scalable, without style attributes."""
    # A fixed mask: choosing the best of eight (segno's default) took a fifth of a large
    # build; every mask is valid (ISO/IEC 18004), and the tests decode each code printed.
    code = segno.make(target, error="m", micro=False, mask=0)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=4, omitsize=True, xmldecl=False, svgclass=None,
              lineclass=None, svgid=QR_ID)
    return buffer.getvalue()


def poster_months(today: date) -> list[date]:
    """The first days of this month and the next: the months a poster is printed for."""
    first = today.replace(day=1)
    return [first, (first + timedelta(days=32)).replace(day=1)]


def group_offers(offers: list[Offer], keys_of, terms) -> list[tuple[object, list[Offer]]]:
    """Offers under the first of their terms (in the taxonomy's order), each offer once.

    A printed list names every offer once to stay short; `keys_of(offer)` gives the
    categories or districts of an offer, `terms` the taxonomy (id -> term) in its order.
    """
    order = {key: n for n, key in enumerate(terms)}
    groups: dict[str, list[Offer]] = {}
    for offer in offers:
        keys = sorted((k for k in keys_of(offer) if k in order), key=order.__getitem__)
        if keys:
            groups.setdefault(keys[0], []).append(offer)
    return [(terms[key], groups[key]) for key in terms if key in groups]


def split_parts(groups, per_part: int) -> list[list[tuple[object, list[Offer]]]]:
    """Groups cut into parts of at most `per_part` offers; a cut group repeats its heading."""
    parts: list[list] = [[]]
    room = per_part
    for term, offers in groups:
        while offers:
            if room == 0:
                parts.append([])
                room = per_part
            parts[-1].append((term, offers[:room]))
            offers, room = offers[room:], room - len(offers[:room])
    return parts


def _print_pages(url: str, values: dict, groups) -> list[Page]:
    parts = split_parts(groups, PRINT_PER_PART)
    return [Page(urls.numbered(url, number), "print_offers", {
        **values, "groups": part, "list_url": url, "page_number": number,
        "page_count": len(parts)}, in_sitemap=False)
        for number, part in enumerate(parts, start=1)]


def print_pages(site: Site) -> list[Page]:
    """The offer overviews per district (grouped by category) and per category (by district)."""
    data = site.data
    pages = []
    for district in data.districts.values():
        offers = site.sorted_offers(site.offers_by_district.get(district.id, ()))
        pages += _print_pages(
            reuse_urls.offers_in_district_print(district.id),
            {"term": district, "kind": "district", "online_url": urls.district(district.id)},
            group_offers(offers, lambda o: o.categories, data.categories))
    for category in data.categories.values():
        offers = site.sorted_offers(site.offers_by_category.get(category.id, ()))
        pages += _print_pages(
            reuse_urls.offers_in_category_print(category.id),
            {"term": category, "kind": "category",
             "online_url": urls.offers_in_category(category.id)},
            group_offers(offers, site.offer_districts, data.districts))
    return pages


def _times(o: Occurrence) -> tuple:
    """What occurrences shown under one time of day share: start and end time.

    One that ends on another day keeps a group of its own, as its end date differs.
    """
    if o.end is not None and o.end != o.start and (
            not isinstance(o.start, datetime) or o.end.date() != o.start.date()):
        return ("own", o.start)
    if not isinstance(o.start, datetime):
        return (None, None)
    return (o.start.time(), o.end.time() if o.end else None)


def poster_entries(occurrences: tuple[Occurrence, ...], month: date):
    """The month's dates per event, in the order of each event's first date that month.

    Each entry is (event id, [[occurrences at the same time of day], …], whether one of
    them is at the event's usual place), so a weekly series reads „18:00–20:00 Uhr:
    Mi., 2. Dez., Mi., 9. Dez., …“ instead of a long list, and the usual place is named
    only when a date of the month takes place there.
    """
    entries: dict[str, dict[tuple, list[Occurrence]]] = {}
    for o in occurrences:
        if (o.day.year, o.day.month) == (month.year, month.month):
            entries.setdefault(o.event_id, {}).setdefault(_times(o), []).append(o)
    return [(event_id, list(times.values()),
             any(not o.new_place for same in times.values() for o in same))
            for event_id, times in entries.items()]


def poster_pages(site: Site) -> list[Page]:
    """A poster per district for this month (from today on) and the next."""
    pages = []
    for district in site.data.districts.values():
        upcoming = site.upcoming_among(site.events_by_district.get(district.id, ()))
        for month in poster_months(site.today):
            entries = poster_entries(upcoming, month)
            pages.append(Page(reuse_urls.district_poster(district.id, month), "poster", {
                "term": district, "month": month, "entries": entries[:POSTER_LIMIT],
                "more": len(entries) - len(entries[:POSTER_LIMIT]),
                "online_url": urls.events_in_district(district.id)}, in_sitemap=False))
    return pages


def fragment_pages(site: Site) -> list[Page]:
    """The next dates per district and per category, as fragments for partner sites."""
    sets = [("stadtteil", d, site.events_by_district, urls.events_in_district)
            for d in site.data.districts.values()]
    sets += [("kategorie", c, site.events_by_category, urls.events_in_category)
             for c in site.data.categories.values()]
    return [Page(reuse_urls.embed(kind, term.id), "fragment_dates", {
        "term": term, "kind": kind,
        "occurrences": site.upcoming_among(index.get(term.id, ()), EMBED_LIMIT),
        "online_url": online(term.id)}, in_sitemap=False)
        for kind, term, index, online in sets]


def embed_examples(site_url: str, url: str) -> dict[str, str]:
    """How a partner includes a fragment: with PHP, or copied by a scheduled job."""
    address = f"{site_url}/{url}"
    return {
        "php": f'<?php readfile("{address}"); ?>',
        "cron": f"curl -fsS -o termine.htm {address}",
        "ssi": '<!--#include virtual="/termine.htm" -->',
    }
