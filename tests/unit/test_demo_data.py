"""The demo data in data/ validates and covers what the seeds describe."""

from __future__ import annotations

import re
from datetime import datetime

from quartier.contract.validate import validate
from support import PROJECT, TODAY


def test_demo_data_has_no_errors():
    result = validate(PROJECT / "data", today=TODAY)
    assert result.errors == []
    dataset = result.dataset
    assert len(dataset.actors) >= 25
    assert len(dataset.offers) >= 40
    assert len(dataset.events) >= 30
    assert sum(1 for e in dataset.events.values() if e.repeat) >= 10
    assert len(dataset.districts) >= 6


def test_demo_data_keeps_the_seed_facts():
    dataset = validate(PROJECT / "data", today=TODAY).dataset
    facts = {(f.label, f.value) for f in dataset.districts["moeckern"].facts}
    assert ("Einwohner", "13.435") in facts
    assert ("Anteil SGB-II-Leistungsempfänger", "23,2 % (Stadt: 16 %)") in facts
    ak_ost = dataset.events["ak-ost"]
    assert (ak_ost.repeat.freq, ak_ost.repeat.interval) == ("monthly", 2)
    assert all(c.location is not None for c in ak_ost.changes)
    assert dataset.actors["quartiersmanagement-leipziger-osten"].address.postcode == "04315"
    ideenschmiede = [e for e in dataset.events.values() if "Ideenschmiede" in e.title]
    assert ideenschmiede and ideenschmiede[0].start == datetime(2027, 5, 19, 14, 0)


def test_demo_data_names_no_real_contacts():
    """Only roles, example.org addresses and fictional numbers (subscriber part 0000…)."""
    emails = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})")
    phones = re.compile(r"phone: *\"?([^,}\"\n]+)")
    for file in (PROJECT / "data").rglob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        for domain in emails.findall(text):
            assert domain == "example.org" or domain.endswith(".example.org"), (file, domain)
        for phone in phones.findall(text):
            assert phone.split()[1].startswith("0000"), (file, phone)
