"""HSDS 3.0's tabular form: the specification's descriptor, judged by frictionless and the
upstream table schemas; the tables say what the JSON says."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest
from dateutil import rrule as dateutil_rrule
from jsonschema import Draft202012Validator, FormatChecker

from hsds_judge import (
    SCHEMAS,
    UPSTREAM,
    columns,
    csv_rows,
    differences,
    package_errors,
    references,
    upstream_row_errors,
    upstream_schemas,
)
from quartier.export import hsds_tables
from quartier.export.hsds import HsdsExport, hsds_id
from quartier.export.opendata import license_from
from quartier.model import recurrence
from quartier.model.site import build_site
from quartier.render.present import Formatter
from support import PROJECT, TODAY

SHIPPED = PROJECT / "plugins" / "quartier" / "export" / "hsds_spec" / "datapackage.json"
SITE_URL = "https://stadtteil-info.example.org"
LICENSE = license_from(None, None, "Quartiersmanagement Leipziger Osten")


def compile_descriptor() -> dict:
    """The HSDS datapackage.json compiled from the table schemas, as Open Referral compiles
    it (the specification's `datapackage.json`, "compiled from the canonical JSON schema
    files"): a resource per schema in `datapackage_metadata.order`, its value properties as
    fields (`datapackage_type` as the type, `required` and `tabular_required` as required,
    `enum` as a constraint), a foreign key `<table>_id` for every nesting but the
    ubiquitous attributes and metadata."""
    schemas = upstream_schemas()
    links = []  # (table with the key, table it points to)
    for schema in schemas:
        for prop in schema["properties"].values():
            if "$ref" in prop:
                links.append((schema["name"], prop["$ref"].removesuffix(".json")))
            ref = prop.get("items", {}).get("$ref", "")
            if ref and ref not in ("attribute.json", "metadata.json"):
                links.append((ref.removesuffix(".json"), schema["name"]))
    resources = []
    for schema in schemas:
        required = {*schema.get("required", ()), *schema.get("tabular_required", ())}
        fields = []
        for name in columns(schema):
            field = copy.deepcopy(schema["properties"][name])
            field["constraints"] = {"required": name in required,
                                    "unique": field["constraints"]["unique"]}
            if "enum" in field:
                field["constraints"]["enum"] = field.pop("enum")
            if "datapackage_type" in field:
                field["type"] = field.pop("datapackage_type")
                field.pop("format", None)
            fields.append(field)
        keys = []
        for table, target in links:
            key = {"fields": f"{target}_id", "reference": {"resource": target, "fields": "id"}}
            if table == schema["name"] and key not in keys:
                keys.append(key)
        meta = schema["datapackage_metadata"]
        table_schema = {"primaryKey": "id", "fields": fields}
        if keys:
            table_schema["foreignKeys"] = keys
        resources.append({
            "name": schema["name"], "path": schema["path"], "description": schema["description"],
            "format": meta["format"], "mediatype": meta["mediatype"], "profile": meta["profile"],
            "schema": table_schema})
    return {
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "description": "HSDS describes data about organizations, the services they provide, "
                       "the locations at which these services can be accessed, and associated "
                       "details.",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "homepage": "http://docs.openreferral.org",
        "license": {"url": "https://creativecommons.org/licenses/by-sa/4.0/",
                    "type": "CC-BY-SA-4.0",
                    "name": "Creative Commons Attribution-ShareAlike 4.0"},
        "resources": resources,
    }


def test_the_shipped_descriptor_is_the_specifications(request):
    """hsds_spec/datapackage.json is the upstream schemas in tests/data compiled; after
    copying newer schemas there, `--update-golden` writes it anew (read the diff)."""
    compiled = compile_descriptor()
    if request.config.getoption("--update-golden"):
        SHIPPED.write_text(json.dumps(compiled, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
        hsds_tables.spec_descriptor.cache_clear()
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == compiled
    assert hsds_tables.spec_descriptor() == compiled


def test_nesting_is_the_same_in_every_schema():
    """`NESTED` maps each property to the table the schemas give it, wherever it occurs."""
    for schema in upstream_schemas():
        for name, table in references(schema).items():
            assert hsds_tables.NESTED[name] == table, (schema["name"], name)
    assert set(hsds_tables.NESTED) == {n for s in upstream_schemas() for n in references(s)}


def test_the_specifications_own_example_fits_the_descriptor(tmp_path, offline):
    """Open Referral's example CSV files (examples/csv) against the shipped descriptor: the
    same columns in the same order, and valid but for the example's made-up links."""
    shutil.copytree(UPSTREAM / "csv", tmp_path / "csv")
    (tmp_path / "csv" / "datapackage.json").write_text(SHIPPED.read_text(encoding="utf-8"))
    for resource in hsds_tables.spec_descriptor()["resources"]:
        header = (tmp_path / "csv" / resource["path"]).read_text("utf-8").splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
    assert package_errors(tmp_path / "csv" / "datapackage.json", skip=["foreign-key"]) == []
    assert package_errors(tmp_path / "csv" / "datapackage.json")  # the judge sees broken links


# --- our tables --------------------------------------------------------------------------


def written(export: dict, folder: Path, **settings) -> Path:
    """The export's package in `folder`, as the build writes it; the descriptor's path."""
    rows = hsds_tables.tables(export)
    options = {"site_name": "Stadtteil-Info", "site_url": SITE_URL, "data_license": LICENSE}
    for name, content in hsds_tables.package(rows, Formatter(), **{**options, **settings}
                                             ).items():
        (folder / name).write_bytes(content)
    return folder / "datapackage.json"


@pytest.fixture(scope="module")
def demo():
    from quartier.contract.validate import validate as validate_data
    site = build_site(validate_data(PROJECT / "data", today=TODAY).dataset, TODAY)
    return site


@pytest.mark.parametrize("personal", [False, True], ids=["closed", "personal"])
def test_the_demo_package_is_valid_and_says_what_the_json_says(demo, tmp_path, offline,
                                                                personal):
    export = HsdsExport(demo, Formatter(), site_url=SITE_URL, personal=personal,
                        publisher=LICENSE.attribution).export()
    descriptor = written(export, tmp_path)
    assert package_errors(descriptor) == []
    assert upstream_row_errors(tmp_path) == []
    assert differences(export, descriptor) == []
    counts = dict(hsds_tables.files(hsds_tables.tables(export)))
    assert counts["services.csv"] == len(export["services"])
    assert counts["organizations.csv"] == len(export["organizations"])
    assert counts["programs.csv"] == 0  # every table is there, ours empty ones too
    assert csv_rows(tmp_path / "programs.csv") == []


def test_times_are_written_as_the_table_type_reads_them(demo, tmp_path):
    export = HsdsExport(demo, Formatter(), site_url=SITE_URL).export()
    written(export, tmp_path)
    course = hsds_id("offer", "deutschkurs-anfaengerinnen")
    [slot] = [r for r in csv_rows(tmp_path / "schedules.csv") if r["service_id"] == course]
    assert (slot["opens_at"], slot["closes_at"], slot["byday"]) == ("09:30:00", "11:30:00",
                                                                    "TU,TH")
    monthly = [r["byday"] for r in csv_rows(tmp_path / "schedules.csv")]
    assert "-1TH" in monthly  # not guarded like a spreadsheet formula


def test_the_descriptor_names_our_licence_and_source(tmp_path, demo, offline):
    export = HsdsExport(demo, Formatter(), site_url="").export()
    own = license_from("Eigene Lizenz", None, "QM Ost")
    descriptor = json.loads(written(export, tmp_path, site_url="", data_license=own)
                            .read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [{"title": "Eigene Lizenz", "name": "Eigene Lizenz"}]
    assert descriptor["sources"] == [{"title": "QM Ost"}]
    assert "homepage" not in descriptor  # no absolute address without an absolute SITEURL
    assert package_errors(tmp_path / "datapackage.json") == []
    descriptor = json.loads(written(export, tmp_path).read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [{"title": "CC BY 4.0", "path": LICENSE.url}]
    assert descriptor["homepage"] == f"{SITE_URL}/daten/#hsds"
    assert descriptor["resources"] == hsds_tables.spec_descriptor()["resources"]


def test_two_objects_under_one_id_are_refused():
    one = {"id": hsds_id("x"), "name": "A", "status": "active"}
    with pytest.raises(ValueError, match="two different service objects"):
        hsds_tables.tables({"services": [one, {**one, "name": "B"}]})


# --- what HSDS cannot say, said; extra dates --------------------------------------------

ACTOR = """\
name: Nachbarschaftsverein
kind: association
summary: Ein Verein.
address: {street: Hauptstraße 1, postcode: "04315", city: Leipzig}
contact: {phone: 0341 1111, email: info@verein.example.org}
"""
OFFERS = {
    "offers/nach-vereinbarung.yaml": """\
title: Beratung nach Vereinbarung
actor: verein
summary: Beratung.
categories: [beratung]
by_appointment: true
""",
    "offers/ohne-zeiten.yaml": """\
title: Werkzeugverleih
actor: verein
summary: Werkzeug leihen.
categories: [beratung]
description: Ausleihe dienstags ab 17 Uhr.
location: {place: Garage, city: Leipzig}
""",
    "offers/online.yaml": """\
title: Online-Sprechstunde
actor: verein
summary: Per Video.
categories: [beratung]
location: {online: https://meet.example.org/verein}
hours: [{days: [mo], from: "17:00", to: "18:00"}]
""",
}
DATES = {
    "dates/reihe-mit-extras.yaml": """\
title: Nachbarschaftstreffen
start: 2026-12-02 18:00
end: "20:00"
organizer: verein
repeat: {freq: weekly, days: [mi], count: 6}
extra_dates: [2026-12-19, 2027-01-09 10:00]
changes:
  - {date: 2027-01-09, start: "11:00", note: Später wegen Aufbau}
""",
    "dates/einzelne-tage.yaml": """\
title: Erzählcafé
start: 2026-12-03 15:00
end: "17:00"
extra_dates: [2027-01-14, 2027-02-11]
changes:
  - {date: 2027-02-11, cancelled: true}
""",
    "dates/alle-drei-tage.yaml": """\
title: Gießdienst
start: 2026-12-01 07:00
organizer: verein
repeat: {freq: daily, interval: 3, count: 5}
extra_dates: [2026-12-20]
""",
}


@pytest.fixture
def special(data):
    data.write("actors/verein.yaml", ACTOR)
    for name, text in {**OFFERS, **DATES}.items():
        data.write(name, text)
    result = data.validate()
    assert [p.message for p in result.problems] == []
    site = build_site(result.dataset, TODAY)
    return site, HsdsExport(site, Formatter(), site_url=SITE_URL, publisher="QM Ost").export()


def service(export, kind, record_id):
    return next(s for s in export["services"] if s["id"] == hsds_id(kind, record_id))


def test_services_without_times_or_place_say_why(special):
    _, export = special
    [appointment] = service(export, "offer", "nach-vereinbarung")["schedules"]
    assert appointment["description"] == "Termine nach Vereinbarung"
    assert appointment["notes"] == "Keine festen Zeiten: Termine nach Vereinbarung."
    [no_times] = service(export, "offer", "ohne-zeiten")["schedules"]
    assert "freq" not in no_times and no_times["notes"].startswith("Keine Zeiten angegeben")
    assert "attending_type" not in no_times  # it has a place
    [online] = service(export, "offer", "online")["schedules"]
    assert online["freq"] == "WEEKLY" and "notes" not in online
    assert online["attending_type"] == "Online: https://meet.example.org/verein"
    [rhythm, single] = service(export, "date", "alle-drei-tage")["schedules"]
    assert "freq" not in rhythm and rhythm["description"].startswith("alle 3 Tage")
    assert rhythm["notes"].startswith("HSDS kennt nur wöchentliche und monatliche Regeln")
    assert single["dtstart"] == "2026-12-20" and "notes" not in single  # a rule of its own
    for schedule in service(export, "date", "einzelne-tage")["schedules"]:
        assert schedule["attending_type"] == "Kein Ort angegeben; Näheres über den Kontakt."


def test_a_series_without_organiser_belongs_to_the_publisher(special):
    _, export = special
    cafe = service(export, "date", "einzelne-tage")
    assert cafe["organization_id"] == hsds_id("publisher") == cafe["organization"]["id"]
    publisher = next(o for o in export["organizations"] if o["id"] == hsds_id("publisher"))
    assert publisher["name"] == "QM Ost" and "nicht unbedingt" in publisher["description"]
    assert publisher["website"] == f"{SITE_URL}/"
    assert service(export, "date", "alle-drei-tage")["organization_id"] == hsds_id(
        "actor", "verein")


def expand(schedule: dict) -> list[datetime]:
    """A schedule's dates as a reader of its RRULE fields finds them (python-dateutil),
    kept within valid_from…valid_to as a reader of those fields would."""
    start = datetime.combine(date.fromisoformat(schedule["dtstart"]),
                             time.fromisoformat(schedule.get("opens_at", "00:00")))
    parts = [f"FREQ={schedule['freq']}"] + [
        f"{key.upper()}={schedule[key]}" for key in ("interval", "byday", "bymonthday",
                                                     "count", "wkst") if key in schedule]
    found = list(dateutil_rrule.rrulestr(";".join(parts), dtstart=start))
    low = date.fromisoformat(schedule.get("valid_from", "0001-01-01"))
    high = date.fromisoformat(schedule.get("valid_to", "9999-12-31"))
    return [d for d in found if low <= d.date() <= high]


@pytest.mark.parametrize("event_id", ["reihe-mit-extras", "einzelne-tage"])
def test_extra_dates_expand_to_the_dates_the_site_shows(special, event_id):
    """All schedules of a series together give each of its dates at its time: the rule's,
    and every single date's (with its change) — as the site expands them."""
    site, export = special
    event = site.events[event_id]
    dates = sorted(d for s in service(export, "date", event_id)["schedules"]
                   for d in expand(s))
    expected = sorted(recurrence.start_of(o.start) for o in recurrence.occurrences(
        event, date(2026, 1, 1), date(2028, 1, 1)))
    assert dates == expected


def test_single_dates_carry_their_change_and_cancellation(special):
    _, export = special
    schedules = {s["id"]: s for s in service(export, "date", "reihe-mit-extras")["schedules"]}
    moved = schedules[hsds_id("date", "reihe-mit-extras", "date", "2027-01-09")]
    assert {k: moved[k] for k in ("dtstart", "valid_from", "valid_to", "count", "byday",
                                  "opens_at", "closes_at", "notes")} == {
        "dtstart": "2027-01-09", "valid_from": "2027-01-09", "valid_to": "2027-01-09",
        "count": 1, "byday": "SA", "opens_at": "11:00", "closes_at": "13:00",
        "notes": "Später wegen Aufbau"}
    assert moved["description"] == "Samstag, 9. Januar 2027, 11:00–13:00 Uhr"
    rule = schedules[hsds_id("date", "reihe-mit-extras", "rule")]
    assert (rule["count"], rule["byday"], "notes" in rule) == (6, "WE", False)
    cafe = service(export, "date", "einzelne-tage")["schedules"]
    assert [(s["dtstart"], s.get("notes")) for s in cafe] == [
        ("2026-12-03", None), ("2027-01-14", None), ("2027-02-11", "Abgesagt.")]


def test_the_special_cases_make_a_valid_package(special, tmp_path, offline):
    """Valid JSON by Open Referral's compiled schema, and a valid package saying the same."""
    _, export = special
    compiled = json.loads((SCHEMAS / "compiled" / "service_with_definitions.json")
                          .read_text(encoding="utf-8"))
    for name, target in (("services", compiled), ("organizations", {
            "$ref": "#/definitions/organization", "definitions": compiled["definitions"]})):
        validator = Draft202012Validator(target, format_checker=FormatChecker())
        assert [e.message for o in export[name] for e in validator.iter_errors(o)] == []
    descriptor = written(export, tmp_path)
    assert package_errors(descriptor) == []
    assert upstream_row_errors(tmp_path) == []
    assert differences(export, descriptor) == []
