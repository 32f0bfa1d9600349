"""The HSDS export in HSDS 3.0's tabular form: a Tabular Data Package of CSV files.

HSDS's canonical form is JSON (`hsds.py`); the specification also defines a serialization as
a Frictionless Tabular Data Package, one CSV file per table with `datapackage.json` beside
them, which database loaders and validators of HSDS read. Open Referral asks publishers to
use its package descriptor, compiled from the canonical schemas, rather than write their own:
`hsds_spec/datapackage.json` is that descriptor (source and licence in hsds_spec/README.md).
Ours is it with our title, licence and source, every table listed, so a table we have
nothing for is a header without rows instead of a missing file.

The tables are the JSON objects laid flat, so both say the same by construction: an object
belongs to the table its property names (`phones` → phone, `location` → location; the same
everywhere in HSDS), its links are already fields of it (service_id, location_id, …), and an
object met in several places (a location several offers share) is one row. Times are
written as the table schema's type `time` reads them (`09:30:00`; the JSON has `09:30`, as
HSDS's JSON examples do). The cells are the values as they are: unlike the other CSV
downloads, no apostrophe guards against spreadsheet formulas, since a `-1FR` in `byday`
must stay what it is for the programs these files are for.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import time
from functools import cache
from importlib import resources

from quartier.export.opendata import License, to_json
from quartier.model import reuse_urls
from quartier.render.present import Formatter

#: The table of an object by the property it is nested under, in every HSDS schema.
NESTED = {
    "organization": "organization", "program": "program", "location": "location",
    "taxonomy_term": "taxonomy_term", "taxonomy_detail": "taxonomy",
    "accessibility": "accessibility", "addresses": "address", "attributes": "attribute",
    "contacts": "contact", "cost_options": "cost_option", "funding": "funding",
    "languages": "language", "locations": "location", "metadata": "metadata",
    "organization_identifiers": "organization_identifier", "phones": "phone",
    "programs": "program", "required_documents": "required_document",
    "schedules": "schedule", "service_areas": "service_area",
    "service_at_locations": "service_at_location",
}
#: The table of the objects in each file of `/daten/hsds/`.
FILES = {"services": "service", "organizations": "organization", "locations": "location"}


@cache
def spec_descriptor() -> dict:
    """Open Referral's package descriptor of HSDS 3.0 (read once; do not change it)."""
    text = resources.files("quartier.export").joinpath("hsds_spec/datapackage.json")
    return json.loads(text.read_text(encoding="utf-8"))


def tables(export: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The objects of an HSDS export by table, each once, without their nested objects.

    Two different objects under one id would make the tables say something the JSON does
    not; that is a mistake in the export and raises ValueError.
    """
    found: dict[str, dict[str, dict]] = {r["name"]: {} for r in spec_descriptor()["resources"]}

    def add(table: str, obj: dict) -> None:
        row = {k: v for k, v in obj.items() if k not in NESTED}
        if found[table].setdefault(row["id"], row) != row:
            raise ValueError(f"HSDS: two different {table} objects with the id {row['id']}")
        for key, value in obj.items():
            if key in NESTED:
                for child in value if isinstance(value, list) else [value]:
                    add(NESTED[key], child)

    for name, objects in export.items():
        for obj in objects:
            add(FILES[name], obj)
    return {table: list(rows.values()) for table, rows in found.items()}


def _cell(kind: str, value) -> str:
    if kind == "time":
        return time.fromisoformat(value).isoformat()
    return str(value)


def csv_table(resource: dict, rows: list[dict]) -> bytes:
    """One table as CSV: RFC 4180, UTF-8, the schema's columns in its order."""
    fields = resource["schema"]["fields"]
    kinds = {f["name"]: f["type"] for f in fields}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(kinds), extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(kinds[k], v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def descriptor(fmt: Formatter, *, site_name: str, site_url: str,
               data_license: License) -> dict:
    """Our datapackage.json: the specification's resources with our title, licence, source."""
    spec = spec_descriptor()
    absolute = site_url.startswith(("https://", "http://"))
    licence = {"title": data_license.name}
    if data_license.url:
        licence["path"] = data_license.url
    else:  # a licence needs a name or a path; without its address, its name stands for it
        licence["name"] = data_license.name
    source = {"title": data_license.attribution}
    if absolute:
        source["path"] = site_url + "/"
    found = {
        "profile": spec["profile"],
        "name": spec["name"],
        "title": fmt._("%(site)s: Angebote und regelmäßige Termine (HSDS 3.0)")
        % {"site": site_name},
        "description": fmt._(
            "Die Angebote und regelmäßigen Termine dieser Seite im Austauschformat Human "
            "Services Data Specification (HSDS) 3.0 von Open Referral, als Tabellen: eine "
            "CSV-Datei je Tabelle der Spezifikation, Tabellen ohne Einträge nur mit der "
            "Kopfzeile. Dieselben Angaben wie in services.json, organizations.json und "
            "locations.json. Die Beschreibung der Tabellen ist die der Spezifikation "
            "(Open Referral, CC BY-SA 4.0)."),
        "licenses": [licence],
        "sources": [source],
        "resources": spec["resources"],
    }
    if absolute:
        found["homepage"] = f"{site_url}/{reuse_urls.data()}#hsds"
    return found


def files(rows: dict[str, list[dict]]) -> list[tuple[str, int]]:
    """Each table's file name and number of rows, in the specification's order."""
    return [(r["path"], len(rows[r["name"]])) for r in spec_descriptor()["resources"]]


def package(rows: dict[str, list[dict]], fmt: Formatter, *, site_name: str, site_url: str,
            data_license: License) -> dict[str, bytes]:
    """`datapackage.json` and the CSV file of every table of `tables()`, by file name."""
    written = {"datapackage.json": to_json(descriptor(
        fmt, site_name=site_name, site_url=site_url, data_license=data_license))}
    for resource in spec_descriptor()["resources"]:
        written[resource["path"]] = csv_table(resource, rows[resource["name"]])
    return written
