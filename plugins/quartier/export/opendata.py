"""Open data: every current record as JSON in the data contract's own shape, and as CSV.

Partners (the city, other portals, civic-tech groups) ask for the district's data. The JSON
download (`daten.json`) writes each record in the shape editors write it in `data/`, so the
contract's JSON Schemas (`schema/*.schema.json`, published beside it) document it, and a
record can travel back into a data folder unchanged. Records are keyed by their id, the
file name they are edited under, which stays the same while the record lives. The CSV
files are for spreadsheets: one row per record, nested blocks flattened into columns such
as `address_street`, lists joined with "; ".

"Current" is what the site shows on the build date (`Site`): actors not past
`valid_until`, offers inside `valid_from`…`valid_until` whose actor is shown, and dates
with an occurrence from today to the end of the window (QUARTIER_WINDOW_DAYS); past
dates are left to the archive pages. Districts, categories and audiences are exported
whole. `occurrences` lists the upcoming occurrences, so nobody has to expand a series.

Personal data stays out unless `personal` is true (QUARTIER_EXPORT_PERSONAL_DATA):
`people`, names in `moderation`, and a date's own `contact`. Anyone may propose a date
through the form, and its contact is often the proposer's own mobile number or e-mail; a
page shows it to readers, but a bulk download would hand it to every scraper at once. An
actor's or an offer's `contact` is the organisation's own published contact point (the
office's phone, info@…), shown on every page already, and is kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from quartier.contract import schema
from quartier.contract.records import (
    Accessibility,
    Actor,
    Address,
    AtActor,
    Contact,
    District,
    Event,
    HoursSlot,
    Location,
    Occurrence,
    Offer,
    Online,
    Registration,
    Term,
)
from quartier.model import urls
from quartier.model.json_values import clock, compact
from quartier.model.site import Site

# --- licence -------------------------------------------------------------------------------


@dataclass(frozen=True)
class License:
    name: str
    url: str | None
    attribution: str  # whom re-users name as the source


#: Licences offices commonly choose, so that setting the name is enough.
KNOWN_LICENSES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
    "dl-de/by-2-0": "https://www.govdata.de/dl-de/by-2-0",
    "dl-de/zero-2-0": "https://www.govdata.de/dl-de/zero-2-0",
}
DEFAULT_LICENSE = "CC BY 4.0"


def license_from(name: str | None, url: str | None, attribution: str) -> License:
    """The data licence from the settings; a known name brings its URL along."""
    name = name or DEFAULT_LICENSE
    return License(name, url or KNOWN_LICENSES.get(name), attribution)


# --- records in the contract's shape ------------------------------------------------------


def moment(value: datetime | date | None) -> str | None:
    """The contract's spelling: `2026-11-05 18:00`, or `2026-11-05` for a day."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def address(a: Address) -> dict:
    return compact({
        "place": a.place, "street": a.street, "postcode": a.postcode, "city": a.city,
        "geo": {"lat": a.geo.lat, "lon": a.geo.lon} if a.geo else None, "note": a.note,
    })


def location(loc: Location | None) -> dict | None:
    if isinstance(loc, AtActor):
        return compact({"at": loc.actor, "place": loc.place})
    if isinstance(loc, Online):
        return {"online": loc.url}
    return address(loc) if loc is not None else None


def contact(c: Contact | None) -> dict | None:
    if c is None:
        return None
    return compact({"phone": c.phone, "email": c.email, "website": c.website,
                     "links": [{"label": x.label, "url": x.url} for x in c.links]})


def hours(slots: tuple[HoursSlot, ...]) -> list[dict]:
    return [compact({"days": list(s.days), "from": clock(s.start), "to": clock(s.end),
                      "note": s.note, "week": s.week,
                      "interval": s.interval if s.interval != 1 else None,
                      "first": _day(s.first), "except": [d.isoformat() for d in s.exceptions],
                      "skip_school_holidays": _flag(s.skip_school_holidays)})
            for s in slots]


def _accessibility(a: Accessibility | None) -> dict | None:
    return None if a is None else compact({"wheelchair": a.wheelchair, "note": a.note})


def _registration(r: Registration | None) -> dict | None:
    return None if r is None else {"required": r.required,
                                   **compact({"note": r.note, "url": r.url})}


def _translations(t) -> dict:
    return {lang: {key: dict(text) if isinstance(text, Mapping) else text
                   for key, text in texts.items()} for lang, texts in t.items()}


def _flag(value: bool) -> bool | None:
    """A flag that defaults to false: written only when true, as editors write it."""
    return True if value else None


def term(t: Term) -> dict:
    return compact({"id": t.id, "name": t.name, "summary": t.summary,
                     "translations": _translations(t.translations)})


def district(d: District) -> dict:
    return compact({
        "id": d.id, "name": d.name, "city": d.city, "summary": d.summary,
        "description": d.description,
        "facts": [{"label": f.label, "value": f.value, "year": f.year, "source": f.source}
                  for f in d.facts],
        "translations": _translations(d.translations),
    })


def actor(a: Actor, personal: bool = False) -> dict:
    """An actor; without `personal`, no `people` at all (a role with a person's e-mail is
    still a person's data) and moderation without names (roles and actors stay)."""
    people = [compact({"role": p.role, "name": p.name, "phone": p.phone, "email": p.email})
              for p in a.people] if personal else []
    moderation = [compact({"role": m.role, "actor": m.actor,
                            "name": m.name if personal else None}) for m in a.moderation]
    return compact({
        "name": a.name, "kind": a.kind, "summary": a.summary, "easy_summary": a.easy_summary,
        "description": a.description,
        "districts": list(a.districts), "topics": list(a.topics),
        "address": address(a.address) if a.address else None, "contact": contact(a.contact),
        "hours": hours(a.hours), "by_appointment": _flag(a.by_appointment),
        "languages": list(a.languages), "accessibility": _accessibility(a.accessibility),
        "translations": _translations(a.translations), "last_checked": _day(a.last_checked),
        "people": people, "member_of": list(a.member_of), "funding": a.funding,
        "moderation": moderation,
        "minutes": [{"date": m.date.isoformat(), "title": m.title, "url": m.url}
                    for m in a.minutes],
        "valid_until": _day(a.valid_until),
    })


def offer(o: Offer) -> dict:
    return compact({
        "title": o.title, "actor": o.actor, "summary": o.summary, "easy_summary": o.easy_summary,
        "categories": list(o.categories), "audiences": list(o.audiences),
        "districts": list(o.districts), "description": o.description,
        "location": location(o.location), "hours": hours(o.hours),
        "by_appointment": _flag(o.by_appointment), "languages": list(o.languages),
        "accessibility": _accessibility(o.accessibility), "contact": contact(o.contact),
        "translations": _translations(o.translations), "last_checked": _day(o.last_checked),
        "cost": o.cost, "registration": _registration(o.registration),
        "valid_from": _day(o.valid_from), "valid_until": _day(o.valid_until),
    })


def event(e: Event, personal: bool = False) -> dict:
    """A date; its end is always written in full (`2026-11-05 20:00`), never as a bare time.

    Its `contact` only with `personal`: it may be a private person's (see the module's text).
    """
    repeat = None
    if e.repeat is not None:
        r = e.repeat
        repeat = compact({
            "freq": r.freq, "interval": r.interval if r.interval != 1 else None,
            "days": list(r.days), "week": r.week, "monthday": r.monthday,
            "until": _day(r.until), "count": r.count, "skip_holidays": _flag(r.skip_holidays),
            "skip_school_holidays": _flag(r.skip_school_holidays),
        })
    return compact({
        "title": e.title, "start": moment(e.start), "end": moment(e.end),
        "organizer": e.organizer, "categories": list(e.categories),
        "audiences": list(e.audiences), "districts": list(e.districts), "summary": e.summary,
        "easy_summary": e.easy_summary,
        "description": e.description, "location": location(e.location),
        "status": e.status if e.status != "scheduled" else None,
        "postponed_to": moment(e.postponed_to), "cost": e.cost,
        "registration": _registration(e.registration), "languages": list(e.languages),
        "accessibility": _accessibility(e.accessibility),
        "contact": contact(e.contact) if personal else None,
        "last_checked": _day(e.last_checked), "translations": _translations(e.translations),
        "repeat": repeat, "except": [d.isoformat() for d in e.exceptions],
        "extra_dates": [moment(x) for x in e.extra_dates],
        "changes": [compact({
            "date": c.date.isoformat(), "start": moment(c.start), "end": moment(c.end),
            "location": location(c.location), "cancelled": _flag(c.cancelled), "note": c.note,
        }) for c in e.changes],
    })


def occurrence(o: Occurrence) -> dict:
    """One upcoming occurrence; its place only when it differs from the date's own."""
    return compact({
        "date_id": o.event_id, "start": moment(o.start), "end": moment(o.end),
        "cancelled": _flag(o.cancelled), "location": location(o.location) if o.new_place else None,
        "place_follows": _flag(o.place_follows), "postponed": _flag(o.postponed),
        "postponed_to": moment(o.moved_to), "postponed_from": moment(o.moved_from),
        "note": o.note,
    })


# --- the whole download ---------------------------------------------------------------------


def current_events(site: Site) -> dict[str, Event]:
    """The dates with an occurrence from today to the end of the window, by id."""
    return {i: site.events[i] for i in sorted(site.upcoming_by_event)}


#: Where each record kind's page is, for the `urls` block of the download.
PAGE_URLS = {"districts": urls.district("{id}"), "actors": urls.actor("{id}"),
             "offers": urls.offer("{id}"), "dates": urls.event("{id}")}


def bundle(site: Site, *, data_license: License, site_url: str,
           personal: bool = False) -> dict:
    """Everything current, in the contract's shapes (see `bundle_schema`)."""
    return {
        "meta": compact({
            "date": site.today.isoformat(),
            "license": data_license.name, "license_url": data_license.url,
            "attribution": data_license.attribution,
            "schema": "schema/daten.schema.json",
            "personal_data": personal,
            "urls": {kind: f"{site_url}/{url}" for kind, url in PAGE_URLS.items()},
        }),
        "districts": [district(d) for d in site.data.districts.values()],
        "categories": [term(t) for t in site.data.categories.values()],
        "audiences": [term(t) for t in site.data.audiences.values()],
        "actors": {i: actor(site.actors[i], personal) for i in sorted(site.actors)},
        "offers": {i: offer(site.offers[i]) for i in sorted(site.offers)},
        "dates": {i: event(e, personal) for i, e in current_events(site).items()},
        "occurrences": [occurrence(o) for o in site.upcoming],
    }


def contract_schemas() -> dict[str, str]:
    """The contract's schema files by name, as written (they refer to each other by name)."""
    return schema.source_texts()


def _by_id(schema_file: str) -> dict:
    return {"type": "object", "propertyNames": {"$ref": "common.schema.json#/$defs/id"},
            "additionalProperties": {"$ref": schema_file}}


def bundle_schema() -> dict:
    """The JSON Schema of `daten.json`: the contract's schemas, keyed by record id."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Alle aktuellen Daten",
        "description": "Akteure, Angebote und Termine wie in data/ geschrieben (Termine ohne "
                       "Ort und Kontakt mit denen des Veranstalters), je Kennung; "
                       "dazu Stadtteile, Kategorien, Zielgruppen und die kommenden Termine.",
        "type": "object",
        "properties": {
            "meta": {"type": "object"},
            "districts": {"$ref": "districts.schema.json"},
            "categories": {"$ref": "categories.schema.json"},
            "audiences": {"$ref": "audiences.schema.json"},
            "actors": _by_id("actor.schema.json"),
            "offers": _by_id("offer.schema.json"),
            "dates": _by_id("date.schema.json"),
            "occurrences": {
                "title": "Kommende Termine",
                "description": "Jeder einzelne Termin einer Reihe oder ein einmaliger Termin, "
                               "vom Stand-Tag an; location nur, wenn der Ort abweicht.",
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date_id": {"$ref": "common.schema.json#/$defs/id"},
                        "start": {"$ref": "date.schema.json#/$defs/start"},
                        "end": {"$ref": "date.schema.json#/$defs/start"},
                        "cancelled": {"type": "boolean"},
                        "location": {"$ref": "common.schema.json#/$defs/location"},
                        "place_follows": {"type": "boolean", "description":
                                          "Reihe mit wechselnden Orten: Ort folgt noch."},
                        "postponed": {"type": "boolean", "description":
                                      "Verschoben: findet zu dieser Zeit nicht statt."},
                        "postponed_to": {"$ref": "date.schema.json#/$defs/start",
                                         "description": "Neuer Beginn, falls bekannt."},
                        "postponed_from": {"$ref": "date.schema.json#/$defs/start",
                                           "description": "Ursprünglicher Beginn eines "
                                                          "verschobenen Termins."},
                        "note": {"$ref": "common.schema.json#/$defs/text"},
                    },
                    "required": ["date_id", "start"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["meta", "districts", "categories", "audiences", "actors", "offers",
                     "dates", "occurrences"],
        "additionalProperties": False,
    }


def to_json(value) -> bytes:
    """UTF-8 JSON as people can read it; the same data gives the same bytes."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- CSV ---------------------------------------------------------------------------------

_ADDRESS = ["place", "street", "postcode", "city", "geo_lat", "geo_lon", "note"]
_LOCATION = ["location_at", "location_online", *(f"location_{f}" for f in _ADDRESS)]
_CONTACT = ["contact_phone", "contact_email", "contact_website", "contact_links"]
_ACCESS = ["accessibility_wheelchair", "accessibility_note"]
_REGISTRATION = ["registration_required", "registration_note", "registration_url"]

#: File name and columns of each CSV file: every field of the contract except `translations`
#: (those stay in the JSON), plus `url`, the record's page.
CSV_FILES = {
    "districts": ("stadtteile.csv",
                  ["id", "url", "name", "city", "summary", "description", "facts"]),
    "categories": ("kategorien.csv", ["id", "name", "summary"]),
    "audiences": ("zielgruppen.csv", ["id", "name", "summary"]),
    "actors": ("akteure.csv", [
        "id", "url", "name", "kind", "summary", "easy_summary", "description", "districts",
        "topics",
        *(f"address_{f}" for f in _ADDRESS), *_CONTACT, "hours", "by_appointment",
        "languages", *_ACCESS, "last_checked", "people", "member_of", "funding",
        "moderation", "minutes", "valid_until"]),
    "offers": ("angebote.csv", [
        "id", "url", "title", "actor", "summary", "easy_summary", "categories", "audiences",
        "districts",
        "description", *_LOCATION, "hours", "by_appointment", "languages", *_ACCESS,
        *_CONTACT, "last_checked", "cost", *_REGISTRATION, "valid_from", "valid_until"]),
    "dates": ("termine.csv", [
        "id", "url", "title", "start", "end", "organizer", "categories", "audiences",
        "districts", "summary", "easy_summary", "description", *_LOCATION, "status",
        "postponed_to", "cost",
        *_REGISTRATION,
        "languages", *_ACCESS, *_CONTACT, "last_checked", "repeat_freq", "repeat_interval",
        "repeat_days", "repeat_week", "repeat_monthday", "repeat_until", "repeat_count",
        "repeat_skip_holidays", "repeat_skip_school_holidays", "except", "extra_dates",
        "changes"]),
}


def _place_text(loc: dict) -> str:
    if "at" in loc:
        return f"at {loc['at']}" + (f" ({loc['place']})" if "place" in loc else "")
    if "online" in loc:
        return f"online {loc['online']}"
    return ", ".join(str(v) for k, v in loc.items() if k != "geo")


def _change_text(c: dict) -> str:
    parts = [f"{k} {c[k]}" for k in ("start", "end") if k in c]
    parts += [_place_text(c["location"])] if "location" in c else []
    parts += ["cancelled"] if c.get("cancelled") else []
    parts += [c["note"]] if "note" in c else []
    return f"{c['date']}: {', '.join(parts)}"


#: How one entry of a list of blocks reads in a cell.
_ENTRY = {
    "hours": lambda h: f"{','.join(h['days'])} {h['from']}-{h['to']}"
                       + "".join(f" {k} {h[k]}" for k in ("week", "interval", "first") if k in h)
                       + (f" except {','.join(h['except'])}" if "except" in h else "")
                       + (" skip_school_holidays" if h.get("skip_school_holidays") else "")
                       + (f" ({h['note']})" if "note" in h else ""),
    "links": lambda x: f"{x['label']} <{x['url']}>",
    "facts": lambda f: f"{f['label']}: {f['value']} ({f['year']}, {f['source']})",
    "people": lambda p: " ".join(str(v) for v in p.values()),
    "moderation": lambda m: " ".join(str(v) for v in m.values()),
    "minutes": lambda m: f"{m['date']} {m['title']} <{m['url']}>",
    "changes": _change_text,
}


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """A record as one CSV row: `address.street` -> `address_street`, lists joined by "; "."""
    row: dict[str, str] = {}
    for key, value in record.items():
        name = prefix + key
        if key == "translations":
            continue
        if isinstance(value, dict):
            row.update(flatten(value, name + "_"))
        elif isinstance(value, list):
            entry = _ENTRY.get(key, str)
            row[name] = "; ".join(entry(v) for v in value)
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = str(value)
    return row


_PHONE = re.compile(r"\+?[0-9][0-9 ()/–-]*")


def _cell(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading = + - @ would start a formula.

    Such cells get a leading apostrophe (OWASP's advice against CSV injection); phone
    numbers such as "+49 341 …" stay as they are.
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PHONE.fullmatch(text):
        return "'" + text
    return text


def csv_text(columns: list[str], rows: list[dict]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a header row; a key outside `columns` is an error."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def csv_files(data: dict, site_url: str) -> dict[str, bytes]:
    """The CSV files of a `bundle`, by file name."""
    files = {}
    for kind, (name, columns) in CSV_FILES.items():
        records = data[kind]
        if isinstance(records, dict):  # keyed by id
            records = [{"id": i, **r} for i, r in records.items()]
        rows = []
        for record in records:
            row = {"id": record["id"], **flatten({k: v for k, v in record.items() if k != "id"})}
            if "url" in columns:
                row["url"] = f"{site_url}/" + PAGE_URLS[kind].format(id=record["id"])
            rows.append(row)
        files[name] = csv_text(columns, rows)
    return files
