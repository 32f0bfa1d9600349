"""Synthetic data in the contract's format, for benchmarks and tests of large sites.

A third each actors, offers and dates; a tenth of the actors are networks the
others belong to; a third of the dates recur weekly. Deterministic for a seed,
so two runs build the same site.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from quartier.contract import weekdays

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
    (data / "districts.yaml").write_text(
        "".join(f"- id: bezirk-{i}\n  name: Bezirk {i}\n  city: Leipzig\n" for i in range(20)))
    (data / "categories.yaml").write_text(
        "".join(f"- id: kategorie-{i}\n  name: Kategorie {i}\n" for i in range(12)))
    (data / "audiences.yaml").write_text(
        "".join(f"- id: gruppe-{i}\n  name: Gruppe {i}\n" for i in range(8)))
    third = records // 3
    for i in range(third):
        (data / "actors" / f"akteur-{i}.yaml").write_text(f"""\
name: Akteur {i} e. V.
kind: {"network" if i % 10 == 0 else "association"}
summary: {sentence(rng, 8)}
description: |
  {sentence(rng, 30)}

  - [Webseite](https://example.org/{i})
districts: [bezirk-{i % 20}]
topics: [kategorie-{i % 12}]
address: {{street: Eisenbahnstraße {i}, postcode: 04315, city: Leipzig,
           geo: {{lat: 51.34, lon: 12.40}}}}
contact: {{phone: 0341 0000 {i}, email: akteur{i}@example.org, website: https://example.org}}
hours:
  - {{days: [di, do], from: 10:00, to: 12:00}}
languages: [de, ar]
member_of: [akteur-{(i // 10) * 10}]
last_checked: 2026-10-01
""")
    for i in range(third):
        (data / "offers" / f"angebot-{i}.yaml").write_text(f"""\
title: {rng.choice(WORDS)} {i}
actor: akteur-{i % third}
summary: {sentence(rng, 10)}
categories: [kategorie-{i % 12}]
audiences: [gruppe-{i % 8}]
description: {sentence(rng, 25)}
location: {{at: akteur-{(i * 7) % third}}}
hours:
  - {{days: [{DAYS[i % 5]}], from: "14:00", to: "18:00", note: nur mit Termin}}
cost: free
registration: {{required: true, note: telefonisch}}
accessibility: {{wheelchair: partial}}
last_checked: 2026-09-15
""")
    start = date(2026, 1, 5)  # a Monday
    for i in range(records - 2 * third):
        day = start + timedelta(days=i % 300)
        text = f"""\
title: Termin {i}
start: {day} 18:00
end: 20:00
organizer: akteur-{i % third}
categories: [kategorie-{i % 12}]
districts: [bezirk-{i % 20}]
summary: {sentence(rng, 9)}
location: {{at: akteur-{(i * 3) % third}}}
"""
        if i % 3 == 0:
            code = DAYS[day.weekday()] if day.weekday() < 5 else None
            if code:
                text += f"repeat: {{freq: weekly, days: [{code}], until: 2027-12-31}}\n"
                text += f"except: [{day + timedelta(days=14)}]\n"
        (data / "dates" / f"termin-{i}.yaml").write_text(text)
