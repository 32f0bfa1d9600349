"""RSS and Atom feeds read by feedparser: plain text stays text, links are absolute."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import pytest

from quartier.export.feeds import occurrence_feed
from quartier.model.site import build_site
from quartier.render.present import Formatter
from support import TODAY, tags

HOSTILE = '<img src="https://evil.example/x.png"> <a href="https://evil.example/">klick</a>'


@pytest.fixture
def site(data):
    data.write("dates/fest.yaml", f"title: 'Fest {HOSTILE}'\nstart: 2026-11-28 15:00\n"
                                  f"summary: 'Mit {HOSTILE} & Kuchen'\n")
    return build_site(data.validate().dataset, TODAY)


def feed(site, atom: bool, site_url="https://stadtteil.example.org"):
    return feedparser.parse(occurrence_feed(
        site, site.upcoming, fmt=Formatter(), title="Termine", subtitle="Die nächsten",
        feed_url="feeds/termine." + ("atom" if atom else "rss"), page_url="termine/",
        site_url=site_url, stamp=datetime(2026, 11, 21, tzinfo=UTC), tag_authority="x.org",
        atom=atom))


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_a_hostile_summary_stays_plain_text_in_every_reader(site, atom):
    parsed = feed(site, atom)
    assert not parsed.bozo
    [entry] = parsed.entries
    for detail in (entry.summary_detail, entry.title_detail):
        # Text the reader takes as text, or HTML without a single element: the text shows.
        if detail.type == "text/html":
            assert tags(detail.value) == [], detail.value
            assert "img src" in detail.value
        else:
            assert detail.type == "text/plain" and "img src" in detail.value


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_links_are_absolute_and_the_channel_points_to_the_page(site, atom):
    parsed = feed(site, atom)
    assert parsed.feed.link == "https://stadtteil.example.org/termine/"
    assert parsed.entries[0].link == "https://stadtteil.example.org/termine/fest/"
