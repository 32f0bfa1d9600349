"""The demo site built with `quartier_opendata`: downloads, print pages, posters, fragments.

(Not `test_opendata.py`: tests/unit has a module of that name, and pytest needs unique
basenames in this layout.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from hsds_judge import differences, package_errors, upstream_row_errors, upstream_schemas
from quartier.contract.validate import validate
from quartier.export import opendata
from quartier.export.hsds import hsds_id
from quartier.model import reuse_urls, urls
from quartier.model.site import build_site
from quartier.render import reuse_pages
from support import (
    PROJECT,
    TEST_DATA,
    TODAY,
    Page,
    broken_links,
    build,
    copy_project,
    invoke,
    over_budget,
)

HSDS_SCHEMA = TEST_DATA / "hsds" / "schema" / "compiled" / "service_with_definitions.json"
PUBLIC = "https://example.org"  # publishconf.py's SITEURL


def with_settings(root: Path, extra: str = "") -> Path:
    """The project copy with `extra` appended to its pelicanconf.py."""
    conf = root / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(with_settings(copy_project(tmp_path_factory.mktemp("opendata"))))


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    """Built with publishconf.py (absolute SITEURL), another licence and personal data on."""
    root = with_settings(copy_project(tmp_path_factory.mktemp("opendata-public")),
                         '\nQUARTIER_DATA_LICENSE = "dl-de/by-2-0"\n'
                         'QUARTIER_EXPORT_PERSONAL_DATA = True\n')
    done = invoke(root, "build", "--publish")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "output"


@pytest.fixture(scope="module")
def shown():
    return build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)


def our_pages(site: Path, shown) -> list[Path]:
    """Every page and fragment this plugin writes."""
    found = [site / urls.save_as(reuse_urls.data())]
    found += sorted(site.glob("angebote/*/*/druck/**/index.html"))
    found += sorted(site.glob("termine/stadtteil/*/aushang/*/index.html"))
    found += sorted(site.glob("daten/einbetten/*/*.htm"))
    expected = len(shown.data.districts) * 4 + len(shown.data.categories) * 2 + 1
    assert len(found) >= expected
    return found


def test_downloads_list_exactly_the_current_records(site, shown):
    data = json.loads((site / "daten" / "daten.json").read_text(encoding="utf-8"))
    assert set(data["offers"]) == set(shown.offers)
    assert "anmeldung-ferienfreizeit-2026" not in data["offers"]
    assert set(data["actors"]) == set(shown.actors)
    assert set(data["dates"]) == set(shown.upcoming_by_event)
    assert data["meta"]["personal_data"] is False and data["meta"]["license"] == "CC BY 4.0"
    offers = list(csv.DictReader(io.StringIO(
        (site / "daten" / "angebote.csv").read_text(encoding="utf-8"), newline="")))
    assert sorted(r["id"] for r in offers) == sorted(shown.offers)
    assert offers[0]["url"].startswith("/angebote/")


def test_download_validates_against_the_schemas_published_beside_it(site):
    """The schema links on /daten/ work: the files there validate the download."""
    folder = site / "daten" / "schema"
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
        for p in folder.glob("*.json"))
    schema = json.loads((folder / "daten.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "daten" / "daten.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema, registry=registry).iter_errors(data)) == []
    for name, text in opendata.contract_schemas().items():
        assert (folder / name).read_text(encoding="utf-8") == text  # copied as written


def hsds_errors(site: Path) -> list[str]:
    schema = json.loads(HSDS_SCHEMA.read_text(encoding="utf-8"))
    checker = FormatChecker()
    found = []
    for name, definition in (("services", None), ("organizations", "organization"),
                             ("locations", "location")):
        target = schema if definition is None else {
            "$ref": f"#/definitions/{definition}", "definitions": schema["definitions"]}
        validator = Draft202012Validator(target, format_checker=checker)
        objects = json.loads((site / reuse_urls.hsds(name)).read_text(encoding="utf-8"))
        assert isinstance(objects, list) and objects, name
        found += [f"{name}: {o['name']}: {e.message}" for o in objects
                  for e in validator.iter_errors(o)]
    return found


def test_hsds_files_validate(site, public_site):
    assert hsds_errors(site) == []
    assert hsds_errors(public_site) == []
    services = json.loads((public_site / reuse_urls.hsds("services")).read_text("utf-8"))
    course = next(s for s in services if s["id"] == hsds_id("offer", "jmd-beratung"))
    assert course["url"] == f"{PUBLIC}/angebote/jmd-beratung/"


def built_export(site: Path) -> dict:
    return {name: json.loads((site / reuse_urls.hsds(name)).read_text(encoding="utf-8"))
            for name in ("services", "organizations", "locations")}


def test_hsds_tables_validate_and_say_what_the_json_says(site, public_site, offline):
    """The built Tabular Data Package, judged by frictionless (offline) and by Open
    Referral's table schemas, against the JSON files beside it; /daten/ links every file."""
    for built in (site, public_site):
        descriptor = built / reuse_urls.hsds_table("datapackage.json")
        assert package_errors(descriptor) == [], built
        assert upstream_row_errors(descriptor.parent) == []
        assert differences(built_export(built), descriptor) == []
    page = (public_site / "daten" / "index.html").read_text(encoding="utf-8")
    for name in ["datapackage.json", *(s["path"] for s in upstream_schemas())]:
        assert f'href="{PUBLIC}/{reuse_urls.hsds_table(name)}"' in page
    services = built_export(public_site)["services"]
    assert f'href="{PUBLIC}/daten/hsds/tabellen/services.csv">services.csv</a> ' \
           f'({len(services)})' in page
    described = json.loads((public_site / reuse_urls.hsds_table("datapackage.json"))
                           .read_text(encoding="utf-8"))
    assert described["licenses"] == [{"title": "dl-de/by-2-0",
                                      "path": "https://www.govdata.de/dl-de/by-2-0"}]
    assert described["homepage"] == f"{PUBLIC}/daten/#hsds"


def test_settings_for_licence_and_personal_data(site, public_site):
    page = (public_site / "daten" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.govdata.de/dl-de/by-2-0">dl-de/by-2-0</a>' in page
    data = json.loads((public_site / "daten" / "daten.json").read_text(encoding="utf-8"))
    assert data["meta"]["personal_data"] is True
    assert data["actors"]["quartiersmanagement-leipziger-osten"]["people"]
    closed = json.loads((site / "daten" / "daten.json").read_text(encoding="utf-8"))
    assert not any("people" in a for a in closed["actors"].values())
    assert "Namen, Telefonnummern und E-Mail-Adressen von Ansprechpersonen sind nicht " \
           "enthalten" in (site / "daten" / "index.html").read_text(encoding="utf-8")


def test_print_pages_posters_and_fragments_exist(site, shown):
    months = reuse_pages.poster_months(TODAY)
    assert [m.isoformat() for m in months] == ["2026-11-01", "2026-12-01"]
    for district in shown.data.districts:
        assert (site / urls.save_as(reuse_urls.offers_in_district_print(district))).is_file()
        for month in months:
            assert (site / urls.save_as(reuse_urls.district_poster(district, month))).is_file()
        assert (site / reuse_urls.embed("stadtteil", district)).is_file()
    for category in shown.data.categories:
        assert (site / urls.save_as(reuse_urls.offers_in_category_print(category))).is_file()
        assert (site / reuse_urls.embed("kategorie", category)).is_file()
    overview = (site / "angebote/stadtteil/volkmarsdorf/druck/index.html").read_text("utf-8")
    for offer_id in shown.offers_by_district["volkmarsdorf"]:
        assert f'href="/{urls.offer(offer_id)}qr.svg#qr"' in overview
    assert "anmeldung-ferienfreizeit-2026" not in overview


def test_pages_are_complete_light_and_self_contained(site, shown):
    """One h1, German, a skip target, no inline style or script, nothing from elsewhere."""
    for path in our_pages(site, shown):
        text = path.read_text(encoding="utf-8")
        parsed = Page(text)
        assert "style=" not in text and "<script" not in text.replace(
            '<script type="application/ld+json">', ""), path
        for resource in parsed.resources:
            assert resource.startswith("/") and not resource.startswith("//"), (path, resource)
        if path.suffix == ".htm":  # a fragment: no document of its own
            assert parsed.lang is None and parsed.h1 == 0 and "<html" not in text
            assert len(re.findall("<li", text)) <= reuse_pages.EMBED_LIMIT
            continue
        assert parsed.lang == "de" and parsed.h1 == 1 and "inhalt" in parsed.ids, path


def test_qr_codes_and_links_resolve_and_pages_fit_the_budget(site):
    assert broken_links(site) == []
    assert over_budget(site) == []
    drawings = 0
    for path in site.rglob("*.html"):
        for source in re.findall(r'<use href="([^"]+)"', path.read_text(encoding="utf-8")):
            file, _, anchor = source.partition("#")
            assert (site / file.lstrip("/")).is_file() and anchor == "qr", (path, source)
            drawings += 1
    assert drawings > 100


def test_qr_codes_are_plain_svg_with_the_public_address(site, public_site):
    codes = sorted(public_site.rglob("qr.svg"))
    assert len(codes) > 60
    for code in codes:
        text = code.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "style" not in text and "<script" not in text
    offer = public_site / reuse_urls.qr_code(urls.offer("jmd-beratung"))
    assert offer.read_bytes() == reuse_pages.qr_svg(f"{PUBLIC}/angebote/jmd-beratung/")
    local = site / reuse_urls.qr_code(urls.offer("jmd-beratung"))
    assert local.read_bytes() == reuse_pages.qr_svg("/angebote/jmd-beratung/")


def test_fragments_link_absolutely_in_the_published_site(public_site):
    fragment = (public_site / reuse_urls.embed("stadtteil", "volkmarsdorf")).read_text("utf-8")
    links = re.findall(r'href="([^"]+)"', fragment)
    assert links and all(link.startswith(f"{PUBLIC}/") for link in links)
    assert f'href="{PUBLIC}/termine/stadtteil/volkmarsdorf/"' in fragment
    page = (public_site / "daten" / "index.html").read_text(encoding="utf-8")
    assert (f"&lt;?php readfile(&#34;{PUBLIC}/daten/einbetten/stadtteil/volkmarsdorf.htm"
            "&#34;); ?&gt;") in page


def test_the_same_data_gives_the_same_files(site, tmp_path):
    again = build(with_settings(copy_project(tmp_path)))
    ours = [p for p in site.rglob("*") if p.is_file() and (
        "daten" in p.parts or "druck" in p.parts or "aushang" in p.parts or p.name == "qr.svg")]
    assert len(ours) > 100
    assert [p for p in ours if p.read_bytes() != (again / p.relative_to(site)).read_bytes()] \
        == []
