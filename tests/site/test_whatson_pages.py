"""Today, this week and the weekly plan, built on a fixed day from a small data set.

The build date is Saturday, 21 November 2026 (support.EPOCH); the week runs to Friday
the 27th. The expectations are written out by hand from the data below, day by day, so
they do not come from the functions that made the pages; the demo site's week is
checked against recurring-ical-events expanding the site's own calendar feed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import unescape
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from quartier.model import urls
from support import TODAY, build, invoke, project_with_data, without_isolates

FILES = {
    "districts.yaml": "- {id: nord, name: Nord, city: Leipzig}\n"
                      "- {id: sued, name: Süd, city: Leipzig}\n",
    "categories.yaml": "- {id: treff, name: Treffpunkt}\n",
    "audiences.yaml": "- {id: kinder, name: Kinder}\n- {id: senioren, name: Senioren}\n",
    "actors/verein.yaml": "name: Nachbarschaftsverein Nord\nkind: association\n"
                          "summary: Ein Verein.\ndistricts: [nord]\n"
                          "address: {street: Hauptstraße 1, postcode: '04315', city: Leipzig}\n",
    "offers/krabbelgruppe.yaml": "title: Krabbelgruppe\nactor: verein\nsummary: Für Babys.\n"
                                 "categories: [treff]\naudiences: [kinder]\n"
                                 "hours: [{days: [di], from: '09:30', to: '11:00'}]\n",
    "offers/vorlesestunde.yaml": "title: Vorlesestunde\nactor: verein\nsummary: Bücher.\n"
                                 "categories: [treff]\naudiences: [kinder]\ndistricts: [sued]\n"
                                 "hours: [{days: [do], from: '16:00', to: '17:00'}]\n",
    "offers/seniorenberatung.yaml": "title: Seniorenberatung\nactor: verein\n"
                                    "summary: Nach Absprache.\ncategories: [treff]\n"
                                    "audiences: [senioren]\nby_appointment: true\n",
    "dates/heute-fest.yaml": "title: Herbstfest\nstart: 2026-11-21 15:00\nend: 17:00\n"
                             "categories: [treff]\naudiences: [kinder]\ndistricts: [nord]\n",
    "dates/ausstellung.yaml": "title: Ausstellung im Foyer\nstart: 2026-11-19\n"
                              "end: 2026-11-22\ncategories: [treff]\n",
    "dates/bis-mitternacht.yaml": "title: Tanzabend\nstart: 2026-11-20 20:00\nend: '00:00'\n"
                                  "categories: [treff]\n",
    "dates/gestern.yaml": "title: Gestriger Vortrag\nstart: 2026-11-20 18:00\n"
                          "categories: [treff]\n",
    "dates/letzter-tag.yaml": "title: Bastelabend\nstart: 2026-11-27 19:00\n"
                              "categories: [treff]\norganizer: verein\n",
    "dates/naechste-woche.yaml": "title: Flohmarkt\nstart: 2026-11-28 10:00\n"
                                 "categories: [treff]\norganizer: verein\n",
    "dates/abgesagt.yaml": "title: Versammlung\nstart: 2026-11-24 18:00\nstatus: cancelled\n"
                           "categories: [treff]\norganizer: verein\n",
    "dates/spieltreff.yaml": "title: Spieltreff\nstart: 2026-11-02 16:00\nend: 17:00\n"
                             "categories: [treff]\naudiences: [kinder]\ndistricts: [sued]\n"
                             "repeat: {freq: weekly, days: [mo, mi]}\n"
                             "changes: [{date: 2026-11-25, cancelled: true}]\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(project_with_data(tmp_path_factory.mktemp("whatson"), FILES))


def main(site: Path, url: str) -> str:
    """The page's main part as read: without the isolates that keep times whole."""
    text = without_isolates((site / urls.save_as(url)).read_text(encoding="utf-8"))
    return text[text.index("<main"):text.index("</main>")]


def listed(html: str) -> list[tuple[str, str, bool]]:
    """(date id, time as shown, cancelled) of every date in a list, in page order."""
    found = []
    for attrs, body in re.findall(r"<li([^>]*)>(.*?)</li>", html, re.S):
        link = re.search(r'href="/(?:[a-z]{2}/)?termine/([a-z0-9-]+)/"', body)
        shown = re.search(r"<time[^>]*>(.*?)</time>", body, re.S)
        if link and shown:
            found.append((link[1], unescape(shown[1]).strip(), "cancelled" in attrs))
    return found


def by_heading(html: str) -> dict[str, str]:
    """The page's sections: h2 text -> the HTML up to the next h2."""
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)
    return {unescape(re.sub(r"<[^>]+>", "", parts[i])).strip(): parts[i + 1]
            for i in range(1, len(parts), 2)}


def test_today_lists_exactly_today_s_dates(site):
    assert date(2026, 11, 21) == TODAY
    assert listed(main(site, urls.events_today())) == [
        ("ausstellung", "Donnerstag, 19. November 2026 bis Sonntag, 22. November 2026", False),
        ("heute-fest", "15:00–17:00 Uhr", False),
    ]  # not the dance that ended at midnight, nor yesterday's talk


WEEK = {
    "Samstag, 21. November 2026": [
        ("ausstellung", "Donnerstag, 19. November 2026 bis Sonntag, 22. November 2026", False),
        ("heute-fest", "15:00–17:00 Uhr", False)],
    "Sonntag, 22. November 2026": [],
    "Montag, 23. November 2026": [("spieltreff", "16:00–17:00 Uhr", False)],
    "Dienstag, 24. November 2026": [("abgesagt", "18:00 Uhr", True)],
    "Mittwoch, 25. November 2026": [("spieltreff", "16:00–17:00 Uhr", True)],
    "Donnerstag, 26. November 2026": [],
    "Freitag, 27. November 2026": [("letzter-tag", "19:00 Uhr", False)],
}


def test_the_week_lists_each_day_from_today_with_cancelled_dates_marked(site):
    html = main(site, urls.events_week())
    sections = by_heading(html)
    assert {day: listed(part) for day, part in sections.items()} == WEEK
    assert html.count("Abgesagt:") == 2
    assert sections["Sonntag, 22. November 2026"].count("Keine Termine an diesem Tag.") == 1
    assert f'href="/{urls.weekly_plan()}"' in html  # empty days point to the weekly plan


def test_audience_and_district_views_keep_their_own_dates(site):
    kinder = listed(main(site, urls.events_week_for_audience("kinder")))
    assert kinder == [("heute-fest", "15:00–17:00 Uhr", False),
                      ("spieltreff", "16:00–17:00 Uhr", False),
                      ("spieltreff", "16:00–17:00 Uhr", True)]
    assert listed(main(site, urls.events_today_for_audience("kinder"))) == [
        ("heute-fest", "15:00–17:00 Uhr", False)]
    # A date without districts is in its organiser's: the cancelled meeting and Friday's.
    assert [d for d, _, _ in listed(main(site, urls.events_week_in_district("nord")))] == [
        "heute-fest", "abgesagt", "letzter-tag"]
    assert [d for d, _, _ in listed(main(site, urls.events_week_in_district("sued")))] == [
        "spieltreff", "spieltreff"]


def test_an_empty_today_says_so_and_points_to_the_weekly_plan(site):
    html = main(site, urls.events_today_for_audience("senioren"))
    assert listed(html) == []
    assert "Heute stehen keine Termine im Kalender." in html
    assert f'href="/{urls.weekly_plan_for_audience("senioren")}"' in html
    week = main(site, urls.events_week_in_district("nord"))
    assert "In den nächsten sieben Tagen" not in week


def test_the_weekly_plan_puts_offers_beside_the_week_s_dates(site):
    plan = by_heading(main(site, urls.weekly_plan_for_audience("kinder")))
    assert list(plan)[:7] == ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
                              "Samstag", "Sonntag"]

    def titles(day: str) -> list[str]:
        return [unescape(t) for t in re.findall(r'<a href="/[^"]+">([^<]+)</a>', plan[day])]
    assert titles("Montag") == ["Spieltreff"]
    assert titles("Dienstag") == ["Krabbelgruppe"]
    assert "09:30–11:00 Uhr" in plan["Dienstag"]
    assert titles("Mittwoch") == ["Spieltreff"] and "Abgesagt:" in plan["Mittwoch"]
    assert titles("Donnerstag") == ["Vorlesestunde"]
    assert "Süd" in plan["Donnerstag"]  # where: the offer's district
    assert titles("Samstag") == ["Herbstfest"]
    assert titles("Freitag") == titles("Sonntag") == []
    everything = by_heading(main(site, urls.weekly_plan()))
    assert "Seniorenberatung" in everything["Ohne feste Wochentage"]
    assert "Seniorenberatung" not in main(site, urls.weekly_plan_for_audience("kinder"))


def test_offer_lists_say_when_and_where(site):
    html = main(site, urls.offers_for_audience("kinder"))
    assert re.search(r"Krabbelgruppe</a>.*?Di 09:30–11:00 Uhr · Nord", html, re.S)
    assert re.search(r"Vorlesestunde</a>.*?Do 16:00–17:00 Uhr · Süd", html, re.S)


def test_offer_lists_name_the_city_only_where_the_site_covers_several(site, demo_site):
    """The demo covers Leipzig and Chemnitz: a district alone would not say which city; the
    one-city data set keeps the short form."""
    html = main(demo_site, urls.offers())
    assert re.search(r"· Volkmarsdorf \(Leipzig\)", html)
    assert re.search(r"\((Chemnitz)\)</small>", html)
    assert "(Leipzig)" not in main(site, urls.offers_for_audience("kinder"))


def test_every_language_has_the_views_and_the_sitemap_lists_them(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in ("", "en/", "ar/", "ru/", "tr/", "uk/"):
        for url in (urls.events_today(), urls.events_week(), urls.weekly_plan(),
                    urls.subscribe(), urls.events_week_for_audience("kinder"),
                    urls.events_week_in_district("nord"),
                    urls.weekly_plan_in_district("sued")):
            assert (site / urls.save_as(prefix + url)).is_file(), prefix + url
            assert f"<loc>/{prefix}{url}</loc>" in sitemap
    english = main(site, "en/" + urls.events_week())
    assert "Events this week" in english and 'href="/en/termine/heute/"' in english
    assert "Montag" not in main(site, "en/" + urls.weekly_plan())


def test_home_audience_and_district_pages_link_the_views(site):
    home = main(site, urls.home())
    for url in (urls.events_today(), urls.events_week(), urls.weekly_plan()):
        assert f'href="/{url}"' in home
    for page in (urls.offers_for_audience("kinder"), urls.events_for_audience("kinder")):
        html = main(site, page)
        assert f'href="/{urls.events_week_for_audience("kinder")}"' in html
        assert f'href="/{urls.weekly_plan_for_audience("kinder")}"' in html
    for page in (urls.district("nord"), urls.events_in_district("nord")):
        html = main(site, page)
        assert f'href="/{urls.events_today_in_district("nord")}"' in html
        assert f'href="/{urls.weekly_plan_in_district("nord")}"' in html


def test_the_demo_week_is_what_an_independent_calendar_expands(demo_site):
    """recurring-ical-events expands the site's calendar feed on its own; the week page must
    list the same dates (series expanded, cancelled ones included and marked)."""
    calendar = icalendar.Calendar.from_ical((demo_site / "feeds/termine.ics").read_bytes())
    first = datetime.combine(TODAY, datetime.min.time())
    expected = set()
    for component in recurring_ical_events.of(calendar).between(first, first + timedelta(7)):
        start = component["DTSTART"].dt
        expected.add((str(component["UID"]).split("@")[0],
                      (start.date() if isinstance(start, datetime) else start).isoformat()))
    shown = set()
    for part in re.split(r"<h2[^>]*>", main(demo_site, urls.events_week()))[1:]:
        for body in re.findall(r"<li[^>]*>(.*?)</li>", part, re.S):
            link = re.search(r'href="/termine/([a-z0-9-]+)/"', body)
            when = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)', body)
            if link and when:
                shown.add((link[1], when[1]))
    assert len(expected) >= 3
    assert shown == expected


def test_every_calendar_or_feed_offered_links_to_the_subscribe_help(site):
    pages = {p: main(site, p.parent.relative_to(site).as_posix() + "/")
             for p in site.rglob("index.html") if p.parent != site
             and p.parent.name != "abonnieren"}  # the help page itself
    offering = [p for p, html in pages.items() if re.search(r'href="/feeds/|\.ics"', html)]
    assert len(offering) > 50
    missing = [str(p.relative_to(site)) for p in offering
               if not re.search(r'href="/(?:[a-z]{2}/)?termine/abonnieren/"', pages[p])]
    assert missing == []
    help_page = main(site, urls.subscribe())
    assert "webcal:" not in help_page  # no SITEURL, no webcal address
    assert "Am einfachsten" not in help_page and "Kalenderabo hinzufügen" in help_page


def test_the_published_help_page_gives_the_webcal_and_the_address_to_copy(tmp_path):
    root = project_with_data(tmp_path, FILES)
    done = invoke(root, "build", "--publish")  # publishconf.py: SITEURL https://example.org
    assert done.returncode == 0, done.stdout + done.stderr
    for prefix in ("", "uk/"):
        help_page = main(root / "output", prefix + urls.subscribe())
        assert 'href="webcal://example.org/feeds/termine.ics"' in help_page
        assert "<code class=\"address\">https://example.org/feeds/termine.ics</code>" in help_page
    week = main(root / "output", urls.events_week_in_district("nord"))
    assert 'href="webcal://example.org/feeds/stadtteil/nord.ics"' in week
