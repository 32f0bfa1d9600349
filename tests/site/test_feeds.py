"""Calendars and feeds of the built demo site, read by real parsers."""

from __future__ import annotations

import gzip
import re

import feedparser
import icalendar

from support import build, copy_project


def test_every_feed_parses_without_bozo_and_fits_20_kb(demo_site):
    feeds = sorted(demo_site.glob("feeds/**/*.rss")) + sorted(demo_site.glob("feeds/**/*.atom"))
    assert len(feeds) > 50
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert len(gzip.compress(feed.read_bytes())) <= 20 * 1024, feed
    everything = feedparser.parse((demo_site / "feeds" / "termine.atom").read_bytes())
    assert 10 <= len(everything.entries) <= 50
    first = everything.entries[0]
    assert first.title.startswith("Mi., 25. Nov.: ")
    assert first.link.endswith("/termine/kuchentafel-buergertreff/")
    news = feedparser.parse((demo_site / "feeds" / "neuigkeiten.atom").read_bytes())
    assert not news.bozo and len(news.entries) == 4


def test_every_calendar_parses_with_stable_uids(demo_site):
    calendars = sorted(demo_site.glob("termine/*.ics")) + sorted(demo_site.glob("feeds/**/*.ics"))
    assert len(calendars) > 60
    for file in calendars:
        cal = icalendar.Calendar.from_ical(file.read_bytes())
        for vevent in cal.walk("VEVENT"):
            assert re.fullmatch(r"[a-z0-9-]+@stadtteil-info\.example\.org", str(vevent["UID"]))
    ak_ost = icalendar.Calendar.from_ical((demo_site / "termine" / "ak-ost.ics").read_bytes())
    assert str(ak_ost.walk("VEVENT")[0]["UID"]) == (
        "ak-ost@stadtteil-info.example.org")


def test_every_category_district_and_actor_has_its_feeds(demo_site):
    from quartier.contract.validate import validate
    from quartier.model import urls
    from quartier.model.site import build_site
    from support import PROJECT, TODAY

    shown = build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)
    keys = ([("kategorie", c) for c in shown.data.categories]
            + [("stadtteil", d) for d in shown.data.districts]
            + [("akteur", a) for a in shown.actors])
    missing = [urls.feed(ext, kind, key) for kind, key in keys for ext in ("ics", "rss", "atom")
               if not (demo_site / urls.feed(ext, kind, key)).is_file()]
    assert missing == []


def test_pages_link_calendars_and_feeds(demo_site):
    event = (demo_site / "termine" / "ak-ost" / "index.html").read_text(encoding="utf-8")
    assert 'href="/termine/ak-ost.ics" download' in event
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" type="application/atom+xml"' in home
    district = (demo_site / "stadtteile" / "volkmarsdorf" / "index.html").read_text("utf-8")
    assert 'href="/feeds/stadtteil/volkmarsdorf.ics"' in district


def test_two_builds_at_the_same_date_are_byte_identical(demo_site, tmp_path):
    again = build(copy_project(tmp_path))
    first = {p.relative_to(demo_site): p.read_bytes() for p in demo_site.rglob("*")
             if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_feed_links_are_absolute_and_a_build_without_siteurl_says_so(tmp_path):
    from support import BASE_FILES, invoke, project_with_data

    root = project_with_data(tmp_path, {**BASE_FILES, "dates/treff.yaml":
                                        "title: Treff\nstart: 2026-11-25 18:00\n"})
    done = invoke(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (done.stdout + done.stderr).count("SITEURL ist nicht gesetzt") == 1
    published = invoke(root, "build", "--publish")
    assert published.returncode == 0, published.stdout + published.stderr
    assert "SITEURL ist nicht gesetzt" not in published.stdout + published.stderr
    rss = feedparser.parse((root / "output" / "feeds" / "termine.rss").read_bytes())
    assert rss.feed.link == "https://example.org/termine/"
    assert rss.entries[0].link == "https://example.org/termine/treff/"
