"""Upcoming dates as RSS 2.0 and Atom feeds, written with feedgen.

One entry per upcoming occurrence, a bounded number of them, with a short
German summary (when, where, what) and a link to the date's page. Links are
absolute (`site_url` is SITEURL; feed readers resolve nothing against the site). Every
timestamp is the build time (SOURCE_DATE_EPOCH when set, so two builds of the same data at
the same SOURCE_DATE_EPOCH are identical; without it, the timestamps change with every
build); ids are tag URIs built from the date's id and day, so they stay stable.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from quartier.contract.records import Occurrence, Online
from quartier.model import urls
from quartier.model.site import Site
from quartier.render.present import Formatter

_NO_MARKUP = str.maketrans({"<": "‹", ">": "›"})
#: Feeds list at most this many occurrences (the budget is 20 KB gzip per feed).
MAX_ENTRIES = 50
#: The year in every feed's id (a tag URI): fixed, since a changed id is a new feed to readers.
FEED_ID_YEAR = 2026


def _place(site: Site, occurrence: Occurrence, fmt: Formatter) -> str:
    location = occurrence.location
    if isinstance(location, Online):
        return fmt._("online")
    if location is None:
        return fmt._("Ort folgt") if occurrence.place_follows else ""
    return site.place_label(location)


def _moved(occurrence: Occurrence, fmt: Formatter) -> str | None:
    """Where a postponed date went („verschoben auf …“), or where a moved one came from."""
    if occurrence.postponed:
        if occurrence.moved_to is None:
            return fmt._("neuer Termin folgt")
        return fmt._("verschoben auf %(when)s") % {"when": fmt.when(occurrence.moved_to, None)}
    if occurrence.moved_from is not None:
        return fmt._("verschoben vom %(date)s") % {"date": fmt.date(occurrence.moved_from)}
    return None


def occurrence_feed(site: Site, occurrences: Sequence[Occurrence], *, fmt: Formatter,
                    title: str, subtitle: str, feed_url: str, page_url: str, site_url: str,
                    stamp: datetime, tag_authority: str, atom: bool) -> bytes:
    """The next occurrences as an Atom (atom=True) or RSS 2.0 document."""
    stamp = stamp.astimezone(UTC)
    fg = FeedGenerator()
    fg.id(f"tag:{tag_authority},{FEED_ID_YEAR}:{feed_url}")
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language(fmt.locale.language)
    # feedgen gives RSS's channel <link> the last link: the page, not the feed itself.
    fg.link(href=f"{site_url}/{feed_url}", rel="self")
    fg.link(href=f"{site_url}/{page_url}", rel="alternate")
    fg.updated(stamp)
    fg.lastBuildDate(stamp)
    for occurrence in occurrences[:MAX_ENTRIES]:
        event = site.events[occurrence.event_id]
        entry = fg.add_entry(order="append")
        entry.id(f"tag:{tag_authority},{occurrence.rule_date:%Y}:"
                 f"{urls.event(event.id)}{occurrence.rule_date.isoformat()}")
        when = fmt.when(occurrence.start, occurrence.end)
        label = fmt.status_title(event.title, "cancelled" if occurrence.cancelled else
                                 "postponed" if occurrence.postponed else "scheduled")
        title_text = f"{fmt.date(occurrence.start, 'short')}: {label}"
        # RSS readers read titles as HTML too, and many show them unescaped: angle brackets
        # become look-alikes there (as in our calendars), so no markup can reach them.
        entry.title(title_text if atom else title_text.translate(_NO_MARKUP))
        entry.link(href=f"{site_url}/{urls.event(event.id)}")
        place = _place(site, occurrence, fmt)
        summary = " – ".join(filter(None, (when, place, _moved(occurrence, fmt),
                                           occurrence.note, event.summary)))
        # Atom says the summary is text; RSS readers take <description> as HTML, so there the
        # plain text is escaped once more and stays text (`<img …>` is shown, not loaded).
        if atom:
            entry.summary(summary)
        else:
            entry.description(html.escape(summary))
        entry.updated(stamp)
        entry.published(stamp)
    return fg.atom_str(pretty=False) if atom else fg.rss_str(pretty=False)
