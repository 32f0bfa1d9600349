"""The HSDS 3.0 export: valid by Open Referral's schemas, stable ids, rules that expand right."""

from __future__ import annotations

import copy
import json
import re
import uuid
from datetime import date, datetime, timedelta

import pytest
from dateutil import rrule as dateutil_rrule
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.validators import validator_for

from quartier.contract.records import Event, Repeat
from quartier.contract.validate import validate
from quartier.export.hsds import NAMESPACE, HsdsExport, hsds_id, rule
from quartier.model import recurrence
from quartier.model.site import build_site
from quartier.render.present import Formatter
from support import PROJECT, TEST_DATA, TODAY

# Open Referral's own schema (copied into tests/data/ with its licence).
SERVICE_SCHEMA = TEST_DATA / "hsds" / "schema" / "compiled" / "service_with_definitions.json"
SITE_URL = "https://stadtteil-info.example.org"


def strict(schema):
    """The schema with `additionalProperties: false` on every object: only HSDS's own fields."""
    schema = copy.deepcopy(schema)
    for node in [schema, *schema.get("definitions", {}).values()]:
        if node.get("type") == "object":
            node["additionalProperties"] = False
    return schema


def validators(strict_fields: bool = False) -> dict[str, Draft202012Validator]:
    """Validators for services, organizations and locations from the compiled schema.

    The file names no `$schema`, so jsonschema takes the newest draft (2020-12); its
    `#/definitions/…` references are plain JSON pointers there. Formats (uuid, email,
    date-time) are checked too.
    """
    schema = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    assert "$schema" not in schema and validator_for(schema) is Draft202012Validator
    if strict_fields:
        schema = strict(schema)
    checker = FormatChecker()
    definitions = schema["definitions"]
    return {
        "services": Draft202012Validator(schema, format_checker=checker),
        "organizations": Draft202012Validator(
            {"$ref": "#/definitions/organization", "definitions": definitions},
            format_checker=checker),
        "locations": Draft202012Validator(
            {"$ref": "#/definitions/location", "definitions": definitions},
            format_checker=checker),
    }


@pytest.fixture(scope="module")
def shown():
    return build_site(validate(PROJECT / "data", today=TODAY).dataset, TODAY)


@pytest.fixture(scope="module")
def export(shown):
    return HsdsExport(shown, Formatter(), site_url=SITE_URL).export()


def errors(objects, validator) -> list[str]:
    return [f"{o.get('name')}: {list(e.absolute_path)}: {e.message}"
            for o in objects for e in validator.iter_errors(o)]


@pytest.mark.parametrize("strict_fields", [False, True], ids=["schema", "only-hsds-fields"])
def test_every_object_is_valid_hsds(export, strict_fields):
    for name, validator in validators(strict_fields).items():
        assert export[name], name
        assert errors(export[name], validator) == [], name


def walk(value):
    """Every dict inside a JSON value."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_dates_times_and_ids_are_well_formed(export):
    """Fields the schema types only as strings: dates ISO, times HH:MM, one id one object."""
    seen: dict[str, dict] = {}
    for obj in walk(list(export.values())):
        for key in ("dtstart", "until", "valid_from", "valid_to", "assured_date"):
            if key in obj:
                date.fromisoformat(obj[key])
        for key in ("opens_at", "closes_at"):
            if key in obj:
                assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", obj[key]), obj
        assert uuid.UUID(obj["id"]).version == 5
        assert seen.setdefault(obj["id"], obj) == obj, "one id, two different objects"


def test_services_are_the_current_offers_and_recurring_dates(shown, export):
    ids = {s["id"] for s in export["services"]}
    offers = {hsds_id("offer", i) for i in shown.offers}
    series = {hsds_id("date", i) for i in shown.upcoming_by_event
              if shown.events[i].is_series}
    assert ids == offers | series
    assert hsds_id("offer", "anmeldung-ferienfreizeit-2026") not in ids  # expired
    one_off = [i for i, e in shown.events.items() if not e.is_series]
    assert not {hsds_id("date", i) for i in one_off} & ids
    assert {o["id"] for o in export["organizations"]} == {
        hsds_id("actor", i) for i in shown.actors}


def test_ids_are_uuid5_of_our_ids():
    assert hsds_id("offer", "deutschkurs-anfaengerinnen") == str(
        uuid.uuid5(NAMESPACE, "offer/deutschkurs-anfaengerinnen"))
    assert str(NAMESPACE) == "aad7c310-d047-4faf-b30c-e07cbdf3ce03"  # never change it


def by_id(export, kind, record_id):
    return next(s for s in export["services"] if s["id"] == hsds_id(kind, record_id))


def test_an_offer_with_everything_nested(export):
    course = by_id(export, "offer", "deutschkurs-anfaengerinnen")
    assert course["url"] == f"{SITE_URL}/angebote/deutschkurs-anfaengerinnen/"
    assert course["organization"]["name"] == "Interkultureller Frauenverein Ost e. V."
    assert course["organization_id"] == course["organization"]["id"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"])
            for s in course["schedules"]] == [("WEEKLY", "TU,TH", "09:30", "11:30")]
    assert course["schedules"][0]["description"] == "Di und Do 09:30–11:30 Uhr"
    assert [lang["code"] for lang in course["languages"]] == ["de", "ar", "fa", "uk"]
    assert course["languages"][1]["name"] == "Arabisch"
    location = course["service_at_locations"][0]["location"]
    assert location["name"] == "Bürgertreff Volkmarsdorf"
    assert location["addresses"][0]["postal_code"] == "04315"
    assert location["addresses"][0]["state_province"] == "Sachsen"
    assert course["application_process"].startswith("Anmeldung erforderlich – ")
    assert course["phones"][0]["number"] == course["contacts"][0]["phones"][0]["number"]
    codes = {a["taxonomy_term"]["code"] for a in course["attributes"]}
    assert codes == {"bildung", "integration", "zugewanderte", "erwachsene"}


def test_a_series_becomes_a_service_with_its_rule(export):
    ak_ost = by_id(export, "date", "ak-ost")
    [schedule] = ak_ost["schedules"]
    assert {k: schedule[k] for k in ("freq", "interval", "byday", "dtstart", "opens_at",
                                     "closes_at")} == {
        "freq": "MONTHLY", "interval": 2, "byday": "2WE", "dtstart": "2026-09-09",
        "opens_at": "18:00", "closes_at": "20:00"}
    assert schedule["schedule_link"] == f"{SITE_URL}/termine/ak-ost.ics"
    assert schedule["description"].startswith("jeden 2. Monat am 2. Mittwoch")


def rrule_of(schedule: dict, start: datetime) -> dateutil_rrule.rrule:
    """The HSDS schedule's RRULE fields read back by python-dateutil."""
    parts = [f"FREQ={schedule['freq']}"]
    parts += [f"{key.upper()}={schedule[key]}" for key in ("interval", "byday", "bymonthday",
                                                           "count", "wkst") if key in schedule]
    if "until" in schedule:
        parts.append(f"UNTIL={schedule['until'].replace('-', '')}T235959")
    return dateutil_rrule.rrulestr(";".join(parts), dtstart=start)


def series(repeat: Repeat, start=datetime(2026, 1, 14, 18, 0)) -> Event:
    return Event(id="reihe", title="Reihe", start=start, end=start + timedelta(hours=2),
                 repeat=repeat)


RULES = [
    Repeat("weekly", days=("di", "do")),
    Repeat("weekly", interval=2),
    Repeat("monthly", days=("mi",), week=-1, until=date(2027, 6, 30)),
    Repeat("monthly", interval=3, monthday=31),
    Repeat("monthly", days=("mo", "fr"), week=2, count=10),
    Repeat("yearly"),
    Repeat("yearly", interval=2),
    Repeat("daily", count=40),
    Repeat("daily", interval=14),
]


@pytest.mark.parametrize("repeat", RULES, ids=lambda r: f"{r.freq}-{r.interval}")
def test_schedules_expand_to_the_dates_of_the_series(repeat):
    event = series(repeat)
    schedule = rule(event)
    assert schedule["freq"] in ("WEEKLY", "MONTHLY")  # all HSDS knows
    if repeat.count:
        schedule["count"] = repeat.count
    if repeat.until:
        schedule["until"] = repeat.until.isoformat()
    window = (datetime(2026, 1, 1), datetime(2029, 12, 31))
    expected = recurrence.rule(event).between(*window, inc=True)
    assert rrule_of(schedule, event.start).between(*window, inc=True) == expected


def test_every_n_days_keeps_only_its_description():
    assert rule(series(Repeat("daily", interval=3))) == {}


def test_demo_series_expand_as_the_site_expands_them(shown, export):
    for event in shown.events.values():
        if event.repeat is None or event.id not in shown.upcoming_by_event:
            continue
        [schedule] = by_id(export, "date", event.id)["schedules"]
        if "freq" not in schedule:
            continue
        window = (datetime(2026, 1, 1), datetime(2028, 1, 1))
        expected = recurrence.rule(event).between(*window, inc=True)
        start = recurrence.start_datetime(event)
        assert rrule_of(schedule, start).between(*window, inc=True) == expected, event.id


PERSONAL = """\
name: Nachbarschaftsverein
kind: association
summary: Ein Verein.
address: {street: Hauptstraße 1, postcode: "04315", city: Leipzig}
contact: {phone: 0341 1111, email: info@verein.example.org}
people:
  - {role: Vorsitzende, name: Erika Beispiel, phone: 0341 2222, email: erika@example.org}
"""
OFFER = """\
title: Sprechstunde
actor: verein
summary: Eine Sprechstunde.
categories: [beratung]
hours: [{days: [mo], from: "10:00", to: "12:00"}]
by_appointment: true
cost: free
"""


def test_people_only_with_the_setting(data):
    data.write("actors/verein.yaml", PERSONAL)
    data.write("offers/sprechstunde.yaml", OFFER)
    site = build_site(data.validate().dataset, TODAY)
    closed = HsdsExport(site, Formatter(), site_url="").export()
    text = json.dumps(closed, ensure_ascii=False)
    assert "Erika" not in text and "0341 2222" not in text and "erika@" not in text
    [service] = closed["services"]
    assert service["contacts"] == [{
        "id": hsds_id("offer", "sprechstunde", "contact"), "service_id": service["id"],
        "name": "Nachbarschaftsverein", "email": "info@verein.example.org",
        "phones": [{"id": hsds_id("offer", "sprechstunde", "contact", "phone"),
                    "contact_id": hsds_id("offer", "sprechstunde", "contact"),
                    "number": "0341 1111", "type": "voice"}]}]
    assert "url" not in service  # a relative SITEURL gives no absolute address
    assert [s.get("description") for s in service["schedules"]] == [
        "Mo 10:00–12:00 Uhr", "Termine nach Vereinbarung"]
    assert service["cost_options"][0]["amount"] == 0
    opened = HsdsExport(site, Formatter(), site_url="", personal=True).export()
    [service] = opened["services"]
    assert service["contacts"][1]["name"] == "Erika Beispiel"
    assert service["contacts"][1]["title"] == "Vorsitzende"
    verein = next(o for o in opened["organizations"] if o["name"] == "Nachbarschaftsverein")
    assert verein["contacts"][0]["email"] == "erika@example.org"
    for name, validator in validators(strict_fields=True).items():
        assert errors(opened[name], validator) == [], name


SERIES_WITH_CONTACT = """\
title: Gartentreffen
start: 2026-12-05 14:00
organizer: verein
repeat: {freq: weekly, days: [sa]}
contact: {phone: 0171 5555555, email: erika.privat@example.org}
"""


def test_a_series_contact_only_with_the_setting(data):
    """A recurring date is a service; without `personal` its contact is its organiser's."""
    data.write("actors/verein.yaml", PERSONAL)
    data.write("dates/gartentreffen.yaml", SERIES_WITH_CONTACT)
    site = build_site(data.validate().dataset, TODAY)
    closed = HsdsExport(site, Formatter(), site_url="").export()
    text = json.dumps(closed, ensure_ascii=False)
    assert "0171 5555555" not in text and "erika.privat" not in text
    [service] = closed["services"]
    assert service["email"] == "info@verein.example.org"
    assert [p["number"] for p in service["phones"]] == ["0341 1111"]
    opened = HsdsExport(site, Formatter(), site_url="", personal=True).export()
    [service] = opened["services"]
    assert service["email"] == "erika.privat@example.org"
    assert [p["number"] for p in service["phones"]] == ["0171 5555555"]
