"""Hostile text in every text field of every kind of record is shown as text everywhere.

The fixture mixes what breaks naive escaping: tags, a closing </script>, quotes,
javascript: URLs written as text, a very long word, emoji joined by ZWJ and a tab.
Control characters other than tab and newline are refused by the validator (see
tests/unit/test_loader.py), and so are bidi controls such as a right-to-left override
(tests/unit/test_hostile_input.py), so none of them can reach a build.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar
import pytest

from support import build, copy_project, invoke, project_with_data, tags

# As written inside a YAML double-quoted scalar: \" and \t are YAML escapes.
EVIL = (r'<script>alert(1)</script></script><img src=x onerror=alert(2)> \"' + "'` "
        + r"javascript:alert(3) gnp.exe \t " + "🏳️‍🌈 " + "Donaudampfschiff" * 5)


# Markdown fields refuse raw HTML (by contract), so there it comes as code and entities.
MARKDOWN = (r'`<script>alert(1)</script>` &lt;img src=x onerror=alert(2)&gt; \"' + "'` "
            + r"javascript:alert(3) gnp.exe " + "🏳️‍🌈 " + "Donaudampfschiff" * 5)


def markdown() -> str:
    return f'"{MARKDOWN}"'


def text(extra: str = "") -> str:
    """A YAML double-quoted scalar with the hostile text."""
    return f'"{EVIL}{extra}"'


FILES = {
    "districts.yaml": f"- id: boese\n  name: {text()}\n  city: {text()}\n  summary: {text()}\n"
                      f"  description: {markdown()}\n"
                      f"  facts: [{{label: {text()}, value: {text()}, year: 2024, "
                      f"source: {text()}}}]\n",
    "categories.yaml": f"- id: boese\n  name: {text()}\n  summary: {text()}\n",
    "audiences.yaml": f"- id: boese\n  name: {text()}\n  summary: {text()}\n",
    "actors/netz.yaml": f"name: {text(' Netz')}\nkind: network\nsummary: {text()}\n"
                        f"moderation: [{{role: {text()}, name: {text()}}}]\n"
                        f"minutes: [{{date: 2026-10-01, title: {text()}, "
                        f"url: \"https://example.org/?a=<b>&c='d'\"}}]\n",
    "actors/boese.yaml": f"name: {text()}\nkind: association\nsummary: {text()}\n"
                         f"description: {markdown()}\ndistricts: [boese]\ntopics: [boese]\n"
                         f"member_of: [netz]\nfunding: {text()}\n"
                         f"address: {{place: {text()}, street: {text()}, postcode: \"04315\", "
                         f"city: {text()}, note: {text()}, geo: {{lat: 51.3, lon: 12.4}}}}\n"
                         f"contact: {{phone: \"0341 0000 1\", email: a@example.org, "
                         f"website: \"https://example.org/\\\"><script>\", "
                         f"links: [{{label: {text()}, url: \"https://example.org/x\"}}]}}\n"
                         f"hours: [{{days: [mo], from: \"10:00\", to: \"12:00\", "
                         f"note: {text()}}}]\n"
                         f"accessibility: {{wheelchair: partial, note: {text()}}}\n"
                         f"people: [{{role: {text()}, name: {text()}}}]\n"
                         f"translations: {{en: {{name: {text()}, summary: {text()}}}}}\n",
    "offers/boese.yaml": f"title: {text()}\nactor: boese\nsummary: {text()}\n"
                         f"categories: [boese]\naudiences: [boese]\ndescription: {markdown()}\n"
                         f"cost: {text()}\nregistration: {{required: true, note: {text()}}}\n"
                         f"languages: [ar, de]\n",
    "dates/boese.yaml": f"title: {text()}\nstart: 2026-12-02 18:00\nend: \"20:00\"\n"
                        f"organizer: boese\ncategories: [boese]\naudiences: [boese]\n"
                        f"districts: [boese]\nsummary: {text()}\ndescription: {markdown()}\n"
                        f"cost: {text()}\nlocation: {{at: boese}}\n"
                        f"repeat: {{freq: weekly, count: 4}}\n"
                        f"changes: [{{date: 2026-12-09, note: {text()}, location: "
                        f"{{place: {text()}, city: {text()}}}}}]\n",
}
NEWS = ("Title: <script>alert(4)</script> Neuigkeit\nDate: 2026-11-01 10:00\n"
        "Slug: boese-neuigkeit\nSummary: <b onmouseover=alert(5)>x</b>\n\nText.\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = project_with_data(tmp_path_factory.mktemp("hostile"), FILES)
    (root / "content" / "news" / "boese.md").write_text(NEWS, encoding="utf-8")
    return build(root)


def test_no_markup_from_data_in_any_page(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for file in pages:
        page = file.read_text(encoding="utf-8")
        found = tags(page)
        scripts = [a for t, a in found if t == "script"
                   and a.get("type") != "application/ld+json"]
        search_page = file.parent.name == "suche"  # /suche/, /en/suche/, …
        assert all(search_page and a.get("src", "").startswith("/theme/js/")
                   for a in scripts), file
        assert not [t for t, _ in found if t in ("img", "iframe", "object", "b")], file
        assert [(t, k) for t, a in found for k in a if k.startswith("on")] == [], file
        hrefs = [a.get("href", "") for t, a in found if t == "a"]
        assert not [h for h in hrefs if h.lower().startswith("javascript")], file
    actor = (hostile_site / "akteure" / "boese" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/script&gt;" in actor
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c/script\\u003e" in actor


def test_no_markup_in_feeds_and_calendars(hostile_site):
    for feed in list(hostile_site.rglob("*.rss")) + list(hostile_site.rglob("*.atom")):
        raw = feed.read_text(encoding="utf-8")
        assert "<script" not in raw and "<img" not in raw, feed
        assert not feedparser.parse(raw).bozo, feed
    calendars = list(hostile_site.rglob("*.ics"))
    assert calendars
    for calendar in calendars:
        raw = calendar.read_text(encoding="utf-8")
        assert "<" not in raw.replace("<2>", ""), calendar
        icalendar.Calendar.from_ical(raw)
    for name in ("sitemap.xml", "robots.txt"):
        assert "<script" not in (hostile_site / name).read_text(encoding="utf-8")


def test_a_slug_that_climbs_out_of_the_output_folder_fails_the_build(tmp_path):
    root = copy_project(tmp_path / "site")
    (root / "content" / "news" / "ausbruch.md").write_text(
        "Title: Ausbruch\nDate: 2026-11-01\nSlug: ../../../ausbruch\n\nText.\n",
        encoding="utf-8")
    done = invoke(root, "build")
    assert done.returncode != 0
    assert not list(tmp_path.rglob("ausbruch/index.html"))
    assert not (root / "output").exists()


def test_an_id_that_climbs_out_is_refused_by_the_validator(data):
    data.write("categories.yaml", "- id: ../../etc\n  name: Ausbruch\n")
    [p] = [p for p in data.validate().problems if p.path == "data/categories.yaml"]
    assert (p.field, p.rule) == ("[1].id", "id-format")
