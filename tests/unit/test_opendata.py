"""Open data (JSON, CSV) of exactly the current records, and the print and embedding pages."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from quartier.contract.validate import validate
from quartier.export import opendata
from quartier.model import reuse_urls
from quartier.model.site import build_site
from quartier.render import reuse_pages
from support import PROJECT, TODAY

LICENSE = opendata.license_from(None, None, "Stadtteil-Info")


@pytest.fixture(scope="module")
def shown():
    return build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)


@pytest.fixture(scope="module")
def bundle(shown):
    return opendata.bundle(shown, data_license=LICENSE, site_url="https://example.org",
                           personal=True)


def schema_validator(schema: dict) -> Draft202012Validator:
    """A validator that finds the contract's schema files by the names they refer to."""
    registry = Registry().with_resources(
        (name, Resource.from_contents(json.loads(text)))
        for name, text in opendata.contract_schemas().items())
    return Draft202012Validator(schema, registry=registry)


def test_lists_exactly_the_current_records(shown, bundle):
    assert set(bundle["offers"]) == set(shown.offers)
    assert "anmeldung-ferienfreizeit-2026" not in bundle["offers"]  # expired
    assert "waermeraum-volkmarsdorf" not in bundle["offers"]  # not yet valid
    assert set(bundle["actors"]) == set(shown.actors)
    assert set(bundle["dates"]) == set(shown.upcoming_by_event)
    past = {i for i in shown.data.events if i not in shown.upcoming_by_event}
    assert past and not past & set(bundle["dates"])
    assert len(bundle["occurrences"]) == len(shown.upcoming)
    assert [d["id"] for d in bundle["districts"]] == list(shown.data.districts)
    assert bundle["meta"]["license"] == "CC BY 4.0"
    assert bundle["meta"]["license_url"].startswith("https://creativecommons.org/licenses/by/4.0")


def test_validates_against_the_published_schemas(bundle):
    errors = list(schema_validator(opendata.bundle_schema()).iter_errors(bundle))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_records_travel_back_into_a_data_folder_unchanged(tmp_path, shown, bundle):
    """JSON is YAML: written as data files, the download validates and gives the same records."""
    data = tmp_path / "data"
    for kind, folder in (("actors", "actors"), ("offers", "offers"), ("dates", "dates")):
        (data / folder).mkdir(parents=True)
        for record_id, record in bundle[kind].items():
            (data / folder / f"{record_id}.yaml").write_text(
                json.dumps(record, ensure_ascii=False), encoding="utf-8")
    for kind in ("districts", "categories", "audiences"):
        (data / f"{kind}.yaml").write_text(json.dumps(bundle[kind], ensure_ascii=False),
                                           encoding="utf-8")
    result = validate(data, today=TODAY)
    assert result.errors == []
    again = result.dataset
    assert {i: again.actors[i] for i in bundle["actors"]} == dict(shown.actors)
    assert {i: again.offers[i] for i in bundle["offers"]} == dict(shown.offers)
    assert {i: again.events[i] for i in bundle["dates"]} == {
        i: shown.events[i] for i in bundle["dates"]}
    assert again.districts == shown.data.districts
    assert again.categories == shown.data.categories
    assert again.audiences == shown.data.audiences


def test_series_keep_their_rule_and_changes(bundle):
    ak_ost = bundle["dates"]["ak-ost"]
    assert ak_ost["start"] == "2026-09-09 18:00" and ak_ost["end"] == "2026-09-09 20:00"
    assert ak_ost["repeat"] == {"freq": "monthly", "interval": 2, "days": ["mi"], "week": 2}
    assert {"date": "2027-01-13", "location": {"at": "stadtteilbibliothek-volkmarsdorf"},
            "note": "Gastgeberin ist die Stadtteilbibliothek, Treffpunkt im "
                    "Veranstaltungsraum"} in ak_ost["changes"]
    moved = [o for o in bundle["occurrences"]
             if o["date_id"] == "ak-ost" and o["start"].startswith("2027-01-13")]
    assert moved == [{"date_id": "ak-ost", "start": "2027-01-13 18:00",
                      "end": "2027-01-13 20:00",
                      "location": {"at": "stadtteilbibliothek-volkmarsdorf"},
                      "note": "Gastgeberin ist die Stadtteilbibliothek, Treffpunkt im "
                              "Veranstaltungsraum"}]


PERSONAL = """\
name: Nachbarschaftsnetzwerk
kind: network
summary: Ein Netzwerk.
contact: {phone: 0341 1111, email: info@verein.example.org}
people:
  - {role: Vorsitzende, name: Erika Beispiel, phone: 0341 2222, email: erika@example.org}
moderation:
  - {role: Moderation, name: Max Muster}
  - {role: Co-Moderation, actor: naomi-ev}
"""


def test_personal_data_only_when_the_setting_says_so(data):
    data.write("actors/verein.yaml", PERSONAL)
    site = build_site(data.validate().dataset, TODAY)
    closed = opendata.bundle(site, data_license=LICENSE, site_url="")
    text = json.dumps(closed, ensure_ascii=False)
    for personal in ("Erika Beispiel", "0341 2222", "erika@example.org", "Max Muster"):
        assert personal not in text
    verein = closed["actors"]["verein"]
    assert "people" not in verein
    assert verein["contact"] == {"phone": "0341 1111", "email": "info@verein.example.org"}
    assert verein["moderation"] == [{"role": "Moderation"},
                                    {"role": "Co-Moderation", "actor": "naomi-ev"}]
    csv_text = b"".join(opendata.csv_files(closed, "").values()).decode("utf-8")
    assert "Erika" not in csv_text and "Max Muster" not in csv_text

    opened = opendata.bundle(site, data_license=LICENSE, site_url="", personal=True)
    assert opened["actors"]["verein"]["people"] == [
        {"role": "Vorsitzende", "name": "Erika Beispiel", "phone": "0341 2222",
         "email": "erika@example.org"}]
    assert opened["meta"]["personal_data"] is True


#: A date as the form writes it: the contact is often the submitter's own phone and e-mail.
DATE_WITH_CONTACT = """\
title: Gartentreffen
start: 2026-12-05 14:00
organizer: verein
contact: {phone: 0171 5555555, email: erika.privat@example.org}
"""


def test_a_dates_contact_only_when_the_setting_says_so(data):
    """The form asks anyone for a phone number; the downloads hand out none without the setting.

    The organisation's own contact point (its actor's `contact`) stays: it is not a person's.
    """
    data.write("actors/verein.yaml", PERSONAL)
    data.write("dates/gartentreffen.yaml", DATE_WITH_CONTACT)
    site = build_site(data.validate().dataset, TODAY)
    closed = opendata.bundle(site, data_license=LICENSE, site_url="")
    assert "contact" not in closed["dates"]["gartentreffen"]
    files = opendata.csv_files(closed, "")
    everything = json.dumps(closed, ensure_ascii=False) + b"".join(files.values()).decode()
    assert "0171 5555555" not in everything and "erika.privat" not in everything
    [row] = read_csv(files["termine.csv"])
    assert (row["contact_phone"], row["contact_email"]) == ("", "")
    assert closed["actors"]["verein"]["contact"]["phone"] == "0341 1111"

    opened = opendata.bundle(site, data_license=LICENSE, site_url="", personal=True)
    assert opened["dates"]["gartentreffen"]["contact"] == {
        "phone": "0171 5555555", "email": "erika.privat@example.org"}
    [row] = read_csv(opendata.csv_files(opened, "")["termine.csv"])
    assert row["contact_phone"] == "0171 5555555"


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def test_csv_one_row_per_record_with_flattened_blocks(shown, bundle):
    files = opendata.csv_files(bundle, "https://example.org")
    assert set(files) == {name for name, _ in opendata.CSV_FILES.values()}
    for kind, (name, columns) in opendata.CSV_FILES.items():
        rows = read_csv(files[name])
        assert list(rows[0]) == columns, name
        ids = [r["id"] for r in rows]
        expected = bundle[kind] if isinstance(bundle[kind], dict) else [
            r["id"] for r in bundle[kind]]
        assert ids == list(expected), name
    offers = {r["id"]: r for r in read_csv(files["angebote.csv"])}
    course = offers["deutschkurs-anfaengerinnen"]
    assert course["url"] == "https://example.org/angebote/deutschkurs-anfaengerinnen/"
    assert course["location_at"] == "buergertreff-volkmarsdorf"
    assert course["hours"] == "di,do 09:30-11:30"
    assert course["languages"] == "de; ar; fa; uk"
    assert course["categories"] == "bildung; integration"
    assert course["registration_required"] == "true"
    assert course["accessibility_wheelchair"] == "yes"
    assert course["description"] == shown.offers["deutschkurs-anfaengerinnen"].description
    actors = {r["id"]: r for r in read_csv(files["akteure.csv"])}
    qm = actors["quartiersmanagement-leipziger-osten"]
    assert qm["address_postcode"] == "04315" and qm["address_street"] == "Eisenbahnstraße 49"
    dates = {r["id"]: r for r in read_csv(files["termine.csv"])}
    assert dates["ak-ost"]["repeat_week"] == "2" and dates["ak-ost"]["repeat_days"] == "mi"
    assert dates["ak-ost"]["changes"].startswith(
        "2026-11-11: at vereinshaus-leipziger-osten; 2027-01-13: at stadtteilbibliothek")


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("+49 341 0000 181", "+49 341 0000 181"),  # a phone number stays as written
    ("Beratung = Hilfe", "Beratung = Hilfe"),
])
def test_csv_cells_never_start_a_formula(text, cell):
    content = opendata.csv_text(["id", "title"], [{"id": "x", "title": text}])
    assert read_csv(content)[0]["title"] == cell


def test_csv_refuses_a_field_without_a_column():
    with pytest.raises(ValueError):
        opendata.csv_text(["id"], [{"id": "x", "unknown": "y"}])


def test_known_licences_bring_their_url_and_others_keep_their_own():
    assert opendata.license_from("dl-de/by-2-0", None, "X").url == (
        "https://www.govdata.de/dl-de/by-2-0")
    own = opendata.license_from("Eigene Lizenz", "https://example.org/lizenz", "X")
    assert (own.name, own.url) == ("Eigene Lizenz", "https://example.org/lizenz")
    assert opendata.license_from("Eigene Lizenz", None, "X").url is None


# --- print pages, posters and fragments (quartier.reuse_pages) ---------------------------


def test_print_overviews_name_each_offer_once_under_its_first_term(shown):
    pages = reuse_pages.print_pages(shown)
    for district in shown.data.districts:
        url = reuse_urls.offers_in_district_print(district)
        [page] = [p for p in pages if p.url == url]  # the demo's districts fit one part
        listed = [o.id for _, offers in page.values["groups"] for o in offers]
        assert sorted(listed) == sorted(shown.offers_by_district.get(district, ()))
        assert not page.in_sitemap
    page = next(p for p in pages if p.url == reuse_urls.offers_in_district_print("volkmarsdorf"))
    categories = [term.id for term, _ in page.values["groups"]]
    assert categories == [c for c in shown.data.categories if c in categories]  # file order
    course = shown.offers["deutschkurs-anfaengerinnen"]  # bildung, integration
    assert course in dict((t.id, o) for t, o in page.values["groups"])["bildung"]


def test_long_lists_are_split_into_parts_that_repeat_the_heading():
    groups = [("a", list(range(30))), ("b", list(range(5)))]
    parts = reuse_pages.split_parts(groups, 24)
    assert [[(term, len(items)) for term, items in part] for part in parts] == [
        [("a", 24)], [("a", 6), ("b", 5)]]
    assert reuse_pages.split_parts([], 24) == [[]]  # an empty overview is one page


def test_posters_list_each_date_once_with_its_days_by_time(shown):
    pages = {p.url: p for p in reuse_pages.poster_pages(shown)}
    december = pages[reuse_urls.district_poster("volkmarsdorf", date(2026, 12, 1))]
    entries = {event_id: groups for event_id, groups, _ in december.values["entries"]}
    [same_time] = entries["kuchentafel-buergertreff"]
    assert [o.day.day for o in same_time] == [2, 9, 16, 23, 30]
    november = pages[reuse_urls.district_poster("volkmarsdorf", date(2026, 11, 1))]
    days = [o.day for _, groups, _ in november.values["entries"] for g in groups for o in g]
    assert days and min(days) >= TODAY  # this month's poster starts today
    assert reuse_pages.poster_months(date(2026, 12, 31)) == [date(2026, 12, 1),
                                                             date(2027, 1, 1)]


def test_a_date_that_moves_elsewhere_names_its_own_place(shown):
    occurrences = shown.upcoming_among(["netzwerk-gesundheit"])
    month = next(o.day.replace(day=1) for o in occurrences if o.new_place)
    [(_, groups, at_usual_place)] = reuse_pages.poster_entries(occurrences, month)
    moved = [o for g in groups for o in g if o.new_place]
    assert moved and at_usual_place == (len(moved) < sum(len(g) for g in groups))


def test_fragments_hold_the_next_dates(shown):
    fragments = {p.url: p for p in reuse_pages.fragment_pages(shown)}
    assert len(fragments) == len(shown.data.districts) + len(shown.data.categories)
    page = fragments[reuse_urls.embed("stadtteil", "volkmarsdorf")]
    assert page.values["occurrences"] == shown.upcoming_among(
        shown.events_by_district["volkmarsdorf"], reuse_pages.EMBED_LIMIT)


def test_qr_codes_are_svg_without_style_attributes():
    svg = reuse_pages.qr_svg("https://example.org/angebote/x/").decode("utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "viewBox" in svg
    assert "style" not in svg and "<script" not in svg
