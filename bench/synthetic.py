"""Synthetic data in the contract's format, for benchmarks and tests of large sites.

A third each actors, offers and dates; a tenth of the actors are networks the
others belong to; a third of the dates recur weekly. Deterministic for a seed,
so two runs build the same site. Written by the project's YAML writer, so the
files look like the ones the date form and the calendar import write.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from quartier.contract import weekdays
from quartier.tools.yaml_writer import to_yaml

WORDS = ["Beratung", "Nachbarschaft", "Treffpunkt", "Deutschkurs", "Hausaufgabenhilfe",
         "Sprachcafé", "Familienzentrum", "Stadtteilladen", "Einkaufshilfe", "Schuldnerberatung",
         "Gemeinwesen", "Begegnung", "Ehrenamt", "Frühstück", "Fahrradwerkstatt", "Mietertreff"]
DAYS = weekdays.CODES[:5]  # weekdays only


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def generate(root: Path, records: int, seed: int = 1) -> None:
    """Write `records` record files (plus taxonomies) into root/data."""
    rng = random.Random(seed)
    data = root / "data"
    for folder in ("actors", "offers", "dates"):
        (data / folder).mkdir(parents=True)
    taxonomies = {
        "districts": [{"id": f"bezirk-{i}", "name": f"Bezirk {i}", "city": "Leipzig"}
                      for i in range(20)],
        "categories": [{"id": f"kategorie-{i}", "name": f"Kategorie {i}"} for i in range(12)],
        "audiences": [{"id": f"gruppe-{i}", "name": f"Gruppe {i}"} for i in range(8)],
    }
    for name, entries in taxonomies.items():
        _write(data / f"{name}.yaml", entries)
    third = records // 3
    for i in range(third):
        _write(data / "actors" / f"akteur-{i}.yaml", {
            "name": f"Akteur {i} e. V.",
            "kind": "network" if i % 10 == 0 else "association",
            "summary": sentence(rng, 8),
            "description": f"{sentence(rng, 30)}\n\n- [Webseite](https://example.org/{i})\n",
            "districts": [f"bezirk-{i % 20}"],
            "topics": [f"kategorie-{i % 12}"],
            "address": {"street": f"Eisenbahnstraße {i}", "postcode": "04315", "city": "Leipzig",
                        "geo": {"lat": 51.34, "lon": 12.40}},
            "contact": {"phone": f"0341 0000 {i}", "email": f"akteur{i}@example.org",
                        "website": "https://example.org"},
            "hours": [{"days": ["di", "do"], "from": "10:00", "to": "12:00"}],
            "languages": ["de", "ar"],
            "member_of": [f"akteur-{(i // 10) * 10}"],
            "last_checked": "2026-10-01",
        })
    for i in range(third):
        _write(data / "offers" / f"angebot-{i}.yaml", {
            "title": f"{rng.choice(WORDS)} {i}",
            "actor": f"akteur-{i % third}",
            "summary": sentence(rng, 10),
            "categories": [f"kategorie-{i % 12}"],
            "audiences": [f"gruppe-{i % 8}"],
            "description": sentence(rng, 25),
            "location": {"at": f"akteur-{(i * 7) % third}"},
            "hours": [{"days": [DAYS[i % 5]], "from": "14:00", "to": "18:00",
                       "note": "nur mit Termin"}],
            "cost": "free",
            "registration": {"required": True, "note": "telefonisch"},
            "accessibility": {"wheelchair": "partial"},
            "last_checked": "2026-09-15",
        })
    start = date(2026, 1, 5)  # a Monday
    for i in range(records - 2 * third):
        day = start + timedelta(days=i % 300)
        record = {
            "title": f"Termin {i}",
            "start": f"{day} 18:00",
            "end": "20:00",
            "organizer": f"akteur-{i % third}",
            "categories": [f"kategorie-{i % 12}"],
            "districts": [f"bezirk-{i % 20}"],
            "summary": sentence(rng, 9),
            "location": {"at": f"akteur-{(i * 3) % third}"},
        }
        if i % 3 == 0 and day.weekday() < 5:
            record["repeat"] = {"freq": "weekly", "days": [DAYS[day.weekday()]],
                                "until": "2027-12-31"}
            record["except"] = [str(day + timedelta(days=14))]
        _write(data / "dates" / f"termin-{i}.yaml", record)


def _write(file: Path, document: dict | list) -> None:
    file.write_text(to_yaml(document), encoding="utf-8")
