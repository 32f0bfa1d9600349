"""The demo site as residents and machines see it: URLs, content, escaping, weight."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quartier.contract.validate import validate
from quartier.model import urls
from quartier.model.site import build_site
from support import (
    PROJECT,
    TODAY,
    Page,
    broken_links,
    html_pages,
    over_budget,
    tags,
    without_isolates,
)


@pytest.fixture(scope="module")
def shown():
    """The site model for the demo data on the test build date."""
    return build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)


def page(site: Path, url: str) -> str:
    return (site / urls.save_as(url)).read_text(encoding="utf-8")


def test_every_public_url_exists(demo_site, shown):
    expected = [urls.offers(), urls.actors(), urls.networks(), urls.districts(), urls.events(),
                urls.search(), ""]
    expected += [urls.offer(i) for i in shown.offers]
    expected += [urls.actor(i) for i in shown.actors]
    expected += [urls.event(i) for i in shown.data.events]
    expected += [urls.district(i) for i in shown.data.districts]
    expected += [urls.offers_in_category(i) for i in shown.data.categories]
    expected += [urls.offers_for_audience(i) for i in shown.data.audiences]
    missing = [u for u in expected if not (demo_site / urls.save_as(u)).is_file()]
    assert missing == []
    assert len(expected) > 150
    assert "User-agent: *" in (demo_site / "robots.txt").read_text(encoding="utf-8")
    for legal in ("impressum", "datenschutz", "barrierefreiheit"):
        assert (demo_site / legal / "index.html").is_file()


#: Pages that are deliberately not in the sitemap: the search page, continuation pages of long
#: lists, the archive, print overviews and posters (their screen pages are listed), and the
#: open-data page, which quartier_opendata writes (a site may leave that plugin out).
NOT_IN_SITEMAP = re.compile(r"^/(?:[a-z]{2}/)?(?:suche/|termine/archiv/|daten/|.*/seite/\d+/"
                            r"|.*/druck/|.*/aushang/\d{4}-\d{2}/)$")


def test_the_sitemap_lists_exactly_the_site_s_pages(demo_site):
    """Every page in every language, once, and nothing else: with six languages a missing
    page is one entry among 1,300, so the set is compared, not a count."""
    pages = {"/" + p.parent.relative_to(demo_site).as_posix() + "/"
             for p in demo_site.rglob("index.html")}
    pages = {"/" if url == "/./" else url for url in pages}
    sitemap = re.findall(r"<loc>(.*?)</loc>", (demo_site / "sitemap.xml").read_text("utf-8"))
    assert len(sitemap) == len(set(sitemap))
    assert set(sitemap) == {url for url in pages if not NOT_IN_SITEMAP.match(url)}
    assert len(sitemap) > 1000  # six languages


def test_expired_and_future_offers_are_not_shown(demo_site, shown):
    data = shown.data
    expired = data.offers["anmeldung-ferienfreizeit-2026"]
    future = data.offers["waermeraum-volkmarsdorf"]
    assert expired.valid_until < TODAY < future.valid_from
    for offer in (expired, future):
        assert not (demo_site / urls.save_as(urls.offer(offer.id))).exists()
        for path, text in html_pages(demo_site).items():
            assert offer.title not in text, path
            assert urls.offer(offer.id) not in text, path


def test_unquoted_postcodes_and_times_come_out_as_written(demo_site):
    qm = page(demo_site, urls.actor("quartiersmanagement-leipziger-osten"))
    assert '<bdi dir="ltr">04315 Leipzig</bdi>' in qm  # isolated for right-to-left pages
    ak_ost = page(demo_site, urls.event("ak-ost"))
    assert '<bdi dir="ltr">18:00</bdi>–<bdi dir="ltr">20:00</bdi> Uhr' in ak_ost


def test_a_changed_occurrence_shows_its_own_venue(demo_site):
    ak_ost = page(demo_site, urls.event("ak-ost"))
    items = re.findall(r"<li[^>]*>(.*?)</li>", ak_ost, re.S)
    january = [i for i in items if "13. Januar 2027" in i]
    assert len(january) == 1
    assert "Stadtteilbibliothek Volkmarsdorf" in january[0]
    assert "Diesmal an einem anderen Ort" in january[0]
    march = next(i for i in items if "10. März 2027" in i)
    assert "Stadtteilbibliothek" not in march


def test_detail_pages_answer_what_residents_ask(demo_site):
    offer = page(demo_site, urls.offer("deutschkurs-anfaengerinnen"))
    for expected in ("Di und Do 09:30–11:30 Uhr", "Konradstraße 60", "openstreetmap.org/?mlat=",
                     'href="geo:51.3452,12.4108"', '<li lang="ar" dir="auto">العربية</li>',
                     "Rollstuhlgerecht", "Anmeldung erforderlich", 'href="tel:03410000181"'):
        assert expected in without_isolates(offer)
    gwk = page(demo_site, urls.actor("gemeinwesenkoordination-chemnitzer-sueden"))
    assert "Termine nach Vereinbarung" in gwk


def test_stale_record_shows_when_it_was_last_checked(demo_site):
    text = page(demo_site, urls.offer("mieterberatung-buergerverein"))
    assert "zuletzt am 1. Mai 2024 geprüft" in text


def test_network_page_shows_moderation_members_and_next_meeting(demo_site):
    text = page(demo_site, urls.actor("ak-ost"))
    assert "Moderation" in text and "Mitglieder" in text
    overview = page(demo_site, urls.networks())
    assert "Nächstes Treffen" in overview
    assert "Mittwoch, 13. Januar 2027, 18:00–20:00 Uhr" in without_isolates(overview)


def test_district_page_shows_facts_with_year_and_source(demo_site):
    text = page(demo_site, urls.district("moeckern"))
    assert re.search(r"Einwohner</th><td>13\.435</td><td>2016</td><td>Stadt Leipzig", text)
    assert "23,2 % (Stadt: 16 %)" in text


def test_every_page_is_in_its_language_with_one_h1_and_a_skip_target(demo_site):
    for path, text in html_pages(demo_site).items():
        parsed = Page(text)
        folder = path.relative_to(demo_site).parts[0]
        assert parsed.lang == (folder if folder in ("en", "ar", "uk", "ru", "tr") else "de"), path
        assert parsed.h1 == 1, path
        assert "inhalt" in parsed.ids, path


def test_json_ld_parses(demo_site):
    count = 0
    for path, text in html_pages(demo_site).items():
        for block in Page(text).jsonld:
            data = json.loads(block)
            assert data["@context"] == "https://schema.org", path
            count += 1
    assert count > 100


def test_no_page_loads_anything_from_another_host(demo_site):
    for path, text in html_pages(demo_site).items():
        for resource in Page(text).resources:
            assert resource.startswith("/") and not resource.startswith("//"), (path, resource)
        scripts = [a for t, a in tags(text) if t == "script"
                   and a.get("type") != "application/ld+json"]
        # Only the search page runs scripts, and only the theme's own files.
        if path.parent.name == "suche":  # /suche/ and each language's
            assert scripts and all(a.get("src", "").startswith("/theme/js/") for a in scripts)
        else:
            assert scripts == [], path
    css = (demo_site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_internal_links_and_anchors_resolve(demo_site):
    assert broken_links(demo_site) == []


def test_page_weight_budgets(demo_site):
    """Every page fits 14 KB gzip (one TCP round trip); record pages 6 KB."""
    assert over_budget(demo_site) == []


def test_record_pages_link_to_their_yaml_source_and_the_contributors_page_to_new_entries(
        demo_site):
    offer = page(demo_site, urls.offer("deutschkurs-anfaengerinnen"))
    assert ('href="https://github.com/example/stadtteil-info/edit/main/data/offers/'
            'deutschkurs-anfaengerinnen.yaml">Diesen Eintrag bearbeiten</a>') in offer
    for url, path in ((urls.actor("ak-ost"), "data/actors/ak-ost.yaml"),
                      (urls.event("ak-ost"), "data/dates/ak-ost.yaml")):
        assert f"/edit/main/{path}" in page(demo_site, url)
    contribute = page(demo_site, urls.contribute())
    assert "/new/main/data/dates?filename=neuer-termin.yaml&amp;value=" in contribute
    assert ">Termin eintragen</a>" in contribute
    assert "/issues/new?template=termin.yml" in contribute


@pytest.mark.parametrize("path", [urls.events(), urls.offers(), urls.offer("qm-sprechzeiten")])
def test_residents_pages_carry_no_links_for_contributors_but_a_small_one_at_the_end(
        demo_site, path):
    """Adding and suggesting entries lead to GitHub: they belong on the contributors' page."""
    html = page(demo_site, path)
    for text in ("Termin eintragen", "Angebot eintragen", "ohne Git", "/new/main/",
                 "/issues/new"):
        assert text not in html, (path, text)
    main = html[html.index("<main"):html.index("</main>")]
    if "/edit/main/" in main:  # a record: the small link is its last paragraph
        last = main[main.rindex("<p"):]
        assert last.startswith('<p class="edit"><small>') and "/edit/main/" in last
        assert f'href="/{urls.contribute()}"' in last


@pytest.mark.parametrize("prefix", ["", "en/", "ar/", "ru/", "tr/", "uk/"])
def test_every_language_links_the_contributors_page_in_the_footer(demo_site, prefix):
    home = page(demo_site, prefix)
    footer = home[home.index('<footer class="site">'):]
    assert f'href="/{prefix}{urls.contribute()}"' in footer
    assert (demo_site / prefix / urls.contribute() / "index.html").is_file()
