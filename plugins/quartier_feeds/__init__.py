"""Pelican glue: iCalendar files and RSS/Atom feeds of the dates.

Writes `/termine/<id>.ics` for every date, and `/feeds/termine.{ics,rss,atom}`
plus the same filtered by category, district and organising actor
(`/feeds/kategorie/<id>.ics`, …). Also tells the templates which feeds exist
(`DATE_FEEDS`, for autodiscovery links). The build time comes from
SOURCE_DATE_EPOCH when set, so calendars and feeds are reproducible.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from quartier.buildkit.output import write_file
from quartier.buildkit.parallel import build_processes, run_all
from quartier.buildkit.progress import count, phase
from quartier.export.calendars import CalendarWriter
from quartier.export.feeds import occurrence_feed
from quartier.model import urls
from quartier.settings import build_time
from quartier_theme import formatter

logger = logging.getLogger(__name__)


class DateFeedsGenerator(Generator):
    def generate_context(self) -> None:
        self.context["DATE_FEEDS"] = [
            {"type": "application/atom+xml", "label": "Atom", "url": urls.feed("atom")},
            {"type": "application/rss+xml", "label": "RSS", "url": urls.feed("rss")},
        ]

    def generate_output(self, writer) -> None:
        site = self.context["SITE"]
        settings = self.settings["QUARTIER"]
        stamp = build_time(settings.timezone)
        site_url = self.settings["SITEURL"]
        if not site_url.startswith(("https://", "http://")):
            logger.warning(
                "SITEURL ist nicht gesetzt: RSS- und Atom-Feeds verweisen deshalb nur mit Pfaden "
                "(/termine/…) auf die Seiten, Feed-Leser brauchen aber vollständige Adressen. "
                "Zum Veröffentlichen mit `invoke build --publish` bauen (SITEURL in "
                "publishconf.py).")
        domain = settings.uid_domain or urlsplit(site_url).hostname or "localhost"
        fmt = formatter(self.settings)
        output = self.output_path
        calendars = CalendarWriter(site, timezone=settings.timezone, stamp=stamp,
                                   uid_domain=domain, site_url=site_url, fmt=fmt)
        sitename = self.settings["SITENAME"]
        feed_sets = list(_feed_sets(site))

        def event_calendars() -> None:
            phase(f"Schreibe {count(len(site.events))} Kalender einzelner Termine …")
            for event in site.events.values():
                write_file(output, urls.event_calendar(event.id),
                            calendars.calendar([event], event.title))

        def feeds() -> None:
            phase(f"Schreibe {count(len(feed_sets))} Kalender mit RSS- und Atom-Feeds …")
            for kind, key, name, event_ids, page_url in feed_sets:
                upcoming = site.upcoming_among(event_ids)
                events = [site.events[i] for i in dict.fromkeys(o.event_id for o in upcoming)]
                title = f"{sitename}: {name}" if name else sitename
                write_file(output, urls.feed("ics", kind, key), calendars.calendar(events, title))
                for extension in ("rss", "atom"):
                    write_file(output, urls.feed(extension, kind, key), occurrence_feed(
                        site, upcoming, fmt=fmt, title=title,
                        subtitle=fmt._("Die nächsten Termine"),
                        feed_url=urls.feed(extension, kind, key), page_url=page_url,
                        site_url=site_url, stamp=stamp, tag_authority=domain,
                        atom=extension == "atom"))

        # Independent halves: each may run on its own processor.
        run_all([event_calendars, feeds], build_processes(settings))


def _feed_sets(site):
    """(kind, key, name, event ids, page) of every feed: all dates and each filter."""
    yield None, None, None, tuple(site.events), urls.events()
    for c in site.data.categories.values():
        yield ("kategorie", c.id, c.name, site.events_by_category.get(c.id, ()),
               urls.events_in_category(c.id))
    for d in site.data.districts.values():
        yield ("stadtteil", d.id, d.name, site.events_by_district.get(d.id, ()),
               urls.events_in_district(d.id))
    # Every shown actor gets its feeds (the URL is public and may be subscribed before the
    # actor's first date); pages link them only when the actor has dates.
    for a in site.actors.values():
        yield "akteur", a.id, a.name, site.events_by_actor.get(a.id, ()), urls.actor(a.id)


def get_generators(pelican) -> type[Generator]:
    return DateFeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
