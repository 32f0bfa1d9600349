"""Judges of the HSDS export shared by the unit and site tests: Open Referral's own table
schemas (tests/data/hsds/schema/, copied with their licence), frictionless for the Tabular
Data Package, and the check that the JSON and the tables say the same."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time
from decimal import Decimal
from functools import cache
from pathlib import Path

from frictionless import Package, validate
from jsonschema import Draft202012Validator, FormatChecker

from support import TEST_DATA

UPSTREAM = TEST_DATA / "hsds"
SCHEMAS = UPSTREAM / "schema"
FILES = {"services": "service", "organizations": "organization", "locations": "location"}


@cache
def upstream_schemas() -> tuple[dict, ...]:
    """Open Referral's table schemas (schema/*.json), in the specification's table order.

    Shared and cached: callers must not change them."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")]
    return tuple(sorted(found, key=lambda s: s["datapackage_metadata"]["order"]))


def upstream_schema(table: str) -> dict:
    return next(s for s in upstream_schemas() if s["name"] == table)


def columns(schema: dict) -> list[str]:
    """A table's columns: its properties that are values, not nested objects or lists."""
    return [name for name, prop in schema["properties"].items() if "constraints" in prop]


def references(schema: dict) -> dict[str, str]:
    """Property → table of the objects nested under it (`phones` → phone)."""
    found = {}
    for name, prop in schema["properties"].items():
        ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
        if ref:
            found[name] = ref.removesuffix(".json")
    return found


def package_errors(descriptor: Path, skip=()) -> list[str]:
    """frictionless's verdict on a data package: descriptor, types, constraints, keys."""
    report = validate(str(descriptor), skip_errors=list(skip))
    return [f"{task.name}: {e.type}: {e.note}" for task in report.tasks for e in task.errors] \
        + [f"{e.type}: {e.note}" for e in report.errors]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def upstream_row_errors(folder: Path) -> list[str]:
    """Every CSV against Open Referral's table schema itself (not our descriptor): the
    columns in its order, each row (its cells typed as the schema's `type` says) valid by
    the schema's JSON Schema, with `tabular_required` required too."""
    found = []
    for schema in upstream_schemas():
        path = folder / schema["path"]
        assert path.read_text(encoding="utf-8").splitlines()[0].split(",") == columns(schema)
        row_schema = {"type": "object",
                      "required": [*schema.get("required", ()),
                                   *schema.get("tabular_required", ())],
                      "properties": {n: {k: v for k, v in schema["properties"][n].items()
                                         if k in ("type", "format", "enum")}
                                     for n in columns(schema)}}
        validator = Draft202012Validator(row_schema, format_checker=FormatChecker())
        for i, row in enumerate(csv_rows(path), start=2):
            typed = {k: (float(v) if row_schema["properties"][k]["type"] == "number" else v)
                     for k, v in row.items() if v != ""}
            found += [f"{path.name}:{i}: {e.message}" for e in validator.iter_errors(typed)]
    return found


def walk(table: str, obj: dict):
    """(table, object) for an object and everything nested in it, by the upstream schemas."""
    yield table, obj
    nested = references(upstream_schema(table))
    for key, value in obj.items():
        if key in nested:
            for child in value if isinstance(value, list) else [value]:
                yield from walk(nested[key], child)


def typed_json(kind: str, value):
    """A JSON value as frictionless reads the same cell of a field of that type."""
    return {"number": lambda v: Decimal(str(v)), "date": date.fromisoformat,
            "time": time.fromisoformat}.get(kind, lambda v: v)(value)


def differences(export: dict, descriptor: Path) -> list[str]:
    """What the JSON says and the tables do not, or the other way round.

    The JSON is walked by the upstream schemas' nesting; the tables are read by frictionless
    with their types. Every object must be one row with exactly its values, every row an
    object's."""
    package = Package(str(descriptor))
    rows = {r.name: {row["id"]: row.to_dict() for row in r.read_rows()}
            for r in package.resources}
    kinds = {r.name: {f.name: f.type for f in r.schema.fields} for r in package.resources}
    found, seen = [], {name: set() for name in rows}
    for file, table in FILES.items():
        for top in export[file]:
            for name, obj in walk(table, top):
                row = rows[name].get(obj["id"])
                if row is None:
                    found.append(f"{name} {obj['id']}: no row")
                    continue
                seen[name].add(obj["id"])
                values = {k: typed_json(kinds[name][k], v) for k, v in obj.items()
                          if k in kinds[name]}
                cells = {k: v for k, v in row.items() if v is not None}
                if values != cells:
                    found.append(f"{name} {obj['id']}: {values} != {cells}")
                if set(obj) - set(kinds[name]) - set(references(upstream_schema(name))):
                    found.append(f"{name} {obj['id']}: fields without a column")
    found += [f"{name} {i}: a row without object" for name in rows
              for i in set(rows[name]) - seen[name]]
    return found


