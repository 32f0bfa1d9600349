"""The language sub-sites of the demo site: /en/, /ar/, … with the German pages' paths.

What a hold-out check looks at: home pages per language, translated category names, untranslated
texts marked `lang="de"`, `dir="rtl"` for Arabic, hreflang alternates that lead to pages.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quartier.contract.validate import validate
from quartier.model import urls
from quartier.model.site import build_site
from support import PROJECT, TODAY, Page, html_pages, tags

LANGUAGES = ("en", "ar", "uk", "ru", "tr")


@pytest.fixture(scope="module")
def shown():
    return build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)


def page(site: Path, url: str) -> str:
    return (site / urls.save_as(url)).read_text(encoding="utf-8")


def main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def target(site: Path, href: str) -> Path:
    """The file a root-relative link of the site leads to."""
    path = site / href.lstrip("/")
    return path / "index.html" if href.endswith("/") else path


@pytest.mark.parametrize("code, direction", [("en", "ltr"), ("ar", "rtl"), ("uk", "ltr"),
                                             ("ru", "ltr"), ("tr", "ltr")])
def test_every_language_has_the_german_pages_under_its_folder(demo_site, code, direction):
    # Print overviews and posters (…/druck/, …/aushang/) exist in German only.
    german = {p.relative_to(demo_site) for p in demo_site.rglob("index.html")
              if p.relative_to(demo_site).parts[0] in
              ("angebote", "akteure", "netzwerke", "stadtteile", "termine", "suche")
              and not {"druck", "aushang"} & set(p.relative_to(demo_site).parts)}
    for path in german:
        assert (demo_site / code / path).is_file(), f"/{code}/{path}"
    home = (demo_site / code / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{code}" dir="{direction}">' in home


def test_ui_texts_come_from_the_language_catalog(demo_site):
    assert ">Search</button>" in page(demo_site, "en/")
    assert ">Suchen</button>" in page(demo_site, "")
    arabic = page(demo_site, "ar/")
    assert not re.search(r">(Suchen|Search)</button>", arabic)


def test_a_translated_category_shows_its_name_in_that_language(demo_site):
    assert "<h1>Angebote: Beratung</h1>" in page(demo_site, urls.offers_in_category("beratung"))
    english = page(demo_site, "en/" + urls.offers_in_category("beratung"))
    assert re.search(r"<h1>[^<]*Counselling</h1>", english)
    assert "<title>" in english and "Counselling" in english.split("<title>")[1].split("<")[0]


def test_translated_texts_are_plain_and_untranslated_ones_are_german_with_a_note(demo_site):
    offer = main(page(demo_site, "en/" + urls.offer("jmd-beratung")))
    assert "<h1>Counselling for young migrants</h1>" in offer  # data/offers/jmd-beratung.yaml
    assert '<p class="lead">Individual support for young people' in offer
    # suchtberatung-offene-sprechstunde is translated into English, Arabic and Russian:
    # Ukrainian shows German, marked.
    ukrainian = main(page(demo_site, "uk/" + urls.offer("suchtberatung-offene-sprechstunde")))
    german = validate(PROJECT / "data", today=TODAY).dataset.offers[
        "suchtberatung-offene-sprechstunde"]
    lead = re.search(r'<p class="lead">(.*?)</p>', ukrainian).group(1)
    assert lead.startswith('<span lang="de" dir="auto">') and german.summary[:30] in lead
    assert lead.endswith('<small class="lang-note">(німецькою)</small>')  # in Ukrainian
    assert '<h1><span lang="de" dir="auto">' in ukrainian


def test_no_german_text_is_left_unmarked_on_an_english_page(demo_site, shown):
    """Every record text on the English pages is English or inside an element with lang="de"."""
    for offer in shown.offers.values():
        html = main(page(demo_site, "en/" + urls.offer(offer.id)))
        translated = offer.translations.get("en", {})
        for field in ("title", "summary"):
            text = getattr(offer, field)
            if field in translated:
                assert str(translated[field]).replace("'", "&#39;")[:40] in html.replace(
                    "&amp;", "&"), (offer.id, field)
                continue
            escaped = text.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")
            assert f'<span lang="de" dir="auto">{escaped}</span>' in html, (offer.id, field)


def test_hreflang_alternates_and_the_switcher_lead_to_pages_that_exist(demo_site):
    checked = 0
    for path, html in html_pages(demo_site).items():
        if path.parent.name in ("einbetten",) or "/daten/" in str(path):
            continue
        found = tags(html)
        alternates = {a["hreflang"]: a["href"] for t, a in found
                      if t == "link" and a.get("rel") == "alternate" and "hreflang" in a}
        switcher = [a for t, a in found if t == "a" and "hreflang" in a]
        for href in [*alternates.values(), *(a["href"] for a in switcher)]:
            assert target(demo_site, href).is_file(), (path, href)
        if alternates:
            assert set(alternates) == {"de", *LANGUAGES, "x-default"}, path
            own = "/" + str(path.relative_to(demo_site).parent).replace(".", "") + "/"
            assert alternates[Page(html).lang] == own.replace("//", "/"), path
            checked += 1
    assert checked > 1000


def test_the_sitemap_lists_every_language_with_alternates_that_exist(demo_site):
    tree = ET.parse(demo_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = tree.getroot().findall("s:url", ns)
    locations = [e.findtext("s:loc", namespaces=ns) for e in entries]
    assert "/en/" + urls.offer("jmd-beratung") in locations
    assert "/ar/" + urls.offer("jmd-beratung") in locations
    with_alternates = 0
    for entry in entries:
        links = entry.findall("x:link", ns)
        for link in links:
            assert target(demo_site, link.get("href")).is_file(), link.get("href")
        if links:  # a translated page names itself and its five other languages
            assert {link.get("hreflang") for link in links} == {"de", *LANGUAGES}
            assert entry.findtext("s:loc", namespaces=ns) in [link.get("href") for link in links]
            with_alternates += 1
        else:  # news and legal pages exist in German only
            assert not entry.findtext("s:loc", namespaces=ns).startswith(
                tuple(f"/{code}/" for code in LANGUAGES))
    assert with_alternates > 1000


def test_offers_by_spoken_language(demo_site, shown):
    arabic = sorted(o.id for o in shown.offers.values() if "ar" in o.languages)
    assert len(arabic) >= 3
    html = main(page(demo_site, urls.offers_in_language("ar")))
    assert "<h1>Angebote auf Arabisch</h1>" in html
    listed = re.findall(r'href="/angebote/([^/"]+)/"', html)
    assert sorted(listed) == arabic
    assert 'href="/angebote/sprache/ar/"' in page(demo_site, urls.offers())
    # The Arabic home page leads to them first.
    assert 'href="/ar/angebote/sprache/ar/"' in main(page(demo_site, "ar/"))


def test_each_language_searches_its_own_texts(demo_site):
    for prefix in ("", "en/", "ar/"):
        meta = json.loads((demo_site / prefix / "suche/index/meta.json").read_bytes())
        assert meta["shards"]
    results = [json.loads(f.read_bytes()) for f in (demo_site / "en/suche/index/r").glob("*.json")]
    titles = {r["t"]: r["u"] for r in results}
    assert titles["Counselling for young migrants"] == "en/" + urls.offer("jmd-beratung")
    assert all(r["u"].startswith("en/") for r in results)
    search = page(demo_site, "en/" + urls.search())
    assert 'data-index="/en/suche/index/meta.json"' in search


def test_the_easy_language_page(demo_site):
    html = page(demo_site, urls.easy_language())
    assert '<html lang="de" dir="ltr">' in html
    text = main(html)
    assert 'href="/barrierefreiheit/"' in text  # BITV 2.0 § 4: where the statement is
    assert "Hier lernen Frauen Deutsch." in text  # easy_summary of deutschkurs-anfaengerinnen
    assert f'href="/{urls.offer("deutschkurs-anfaengerinnen")}"' in text
    for lang in ("", "en/", "ar/"):
        assert 'href="/leichte-sprache/"' in page(demo_site, lang + urls.offers())


def jsonld(html: str) -> list[dict]:
    return [json.loads(text) for text in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.parametrize("prefix, counselling, migrants, profile", [
    ("", "Beratung", "Zugewanderte", "Dicht bebauter Gründerzeit-Ortsteil"),
    ("en/", "Counselling", "Migrants", "Densely built district of 19th-century houses"),
    ("ar/", "استشارة", "مهاجرون", "حي كثيف البناء من أواخر القرن التاسع عشر"),
])
def test_taxonomies_are_shown_and_published_in_the_page_language(demo_site, prefix,
                                                                  counselling, migrants,
                                                                  profile):
    # data/offers/jmd-beratung.yaml: categories [beratung, …], audiences [jugendliche,
    # zugewanderte]; the names come from data/categories.yaml and data/audiences.yaml.
    html = page(demo_site, prefix + urls.offer("jmd-beratung"))
    text = main(html)
    assert f">{counselling}</a>" in text and f">{migrants}</a>" in text
    if prefix:
        assert ">Beratung</a>" not in text and ">Zugewanderte</a>" not in text
    service = next(d for d in jsonld(html) if d["@type"] == "Service")
    assert counselling in service["category"]
    assert {"@type": "Audience", "audienceType": migrants} in service["audience"]
    # Filters and directories: the category's date list and offer list, the district profile.
    events = page(demo_site, prefix + urls.events_in_category("beratung"))
    assert re.search(rf"<h1>[^<]*{counselling}[^<]*</h1>", events)
    offers = page(demo_site, prefix + urls.offers_for_audience("zugewanderte"))
    assert re.search(rf"<h1>[^<]*{migrants}[^<]*</h1>", offers)
    assert profile in main(page(demo_site, prefix + urls.district("volkmarsdorf")))
    # A date's JSON-LD names its categories as keywords in the page language.
    event = next(d for d in jsonld(page(demo_site, prefix + urls.event("ak-ost")))
                 if d["@type"] == "Event")
    names = {"": "Netzwerke und Arbeitskreise", "en/": "Networks", "ar/": "شبكات"}
    assert event["keywords"] == [names[prefix]]  # data/dates/ak-ost.yaml: [netzwerk]


def test_a_missing_taxonomy_translation_falls_back_to_marked_german(demo_site):
    # District names are proper names and stay German (docs/uebersetzen.md): marked lang="de".
    html = main(page(demo_site, "ar/" + urls.district("volkmarsdorf")))
    assert '<h1><span lang="de" dir="auto">Volkmarsdorf</span> <small>' in html


def test_the_search_index_has_the_translated_taxonomy_names(demo_site):
    """Offers are found by their category's name in the page language.

    „Environment and nature“ / „بيئة وطبيعة“ (umwelt) are the only texts of the demo with these
    words, so their stems in the index come from the category's translation.
    """
    def index_text(lang: str) -> str:
        return "".join(json.dumps(json.loads(f.read_bytes()), ensure_ascii=False)
                       for f in (demo_site / lang / "suche/index").glob("[0-9]*.json"))
    assert '"environ"' in index_text("en")
    assert "طبيع" in index_text("ar")
    assert "environ" not in index_text("ar") and "طبيع" not in index_text("en")


@pytest.mark.parametrize("prefix, counselling", [("", "Beratung"), ("en/", "Counselling"),
                                                 ("ar/", "استشارة")])
def test_a_filtered_feed_is_announced_with_the_term_in_the_page_language(demo_site, prefix,
                                                                         counselling):
    html = page(demo_site, prefix + urls.events_in_category("beratung"))
    head = html[:html.index("</head>")]
    links = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" '
                       r'href="([^"]*)">', head)
    title = next(t for t, href in links if href == "/" + urls.feed("rss", "kategorie",
                                                                 "beratung"))
    assert title.endswith(f": {counselling} (RSS)") and "<" not in title
    assert (demo_site / urls.feed("rss", "kategorie", "beratung")).is_file()


def test_names_in_another_script_have_a_valid_anchor_in_the_a_to_z(demo_site):
    # The Arabic name of quartiersmanagement-leipziger-osten starts outside A–Z: group „#“.
    html = main(page(demo_site, "ar/" + urls.actors()))
    assert 'href="#buchstabe-andere">#</a>' in html
    assert '<h2 id="buchstabe-andere">#</h2>' in html
    assert "buchstabe-#" not in html


def test_the_easy_language_page_names_whom_to_tell_about_barriers(demo_site):
    """Where it asks for reports of barriers, it names the offices' phone and e-mail."""
    text = main(page(demo_site, urls.easy_language()))
    ask = text.index("Dann sagen Sie uns bitte Bescheid.")
    after = text[ask:]
    assert after.index("Sie können uns anrufen.") < after.index("<h2")
    office = after[:after.index("<h2")]
    assert 'href="tel:03410000101"' in office  # quartiersmanagement-leipziger-osten
    assert 'href="mailto:qm-leipziger-osten@example.org"' in office
