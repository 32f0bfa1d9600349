"""Shared fixtures: a tiny valid data folder that tests add one file to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quartier.validate import validate

PROJECT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 21)

BASE_FILES = {
    "districts.yaml": """\
- id: volkmarsdorf
  name: Volkmarsdorf
  city: Leipzig
- id: moeckern
  name: Möckern
  city: Leipzig
""",
    "categories.yaml": """\
- id: beratung
  name: Beratung
- id: netzwerk
  name: Netzwerk
""",
    "audiences.yaml": """\
- id: familien
  name: Familien
""",
    "actors/qm-ost.yaml": """\
name: Quartiersmanagement Leipziger Osten
kind: office
summary: Das QM vermittelt zwischen Bewohnern, Vereinen und Verwaltung.
address: {street: Eisenbahnstraße 49, postcode: 04315, city: Leipzig}
""",
    "actors/ak-ost.yaml": """\
name: AK Ost
kind: network
summary: Netzwerkplattform im Leipziger Osten.
""",
    "actors/naomi-ev.yaml": """\
name: Naomi e. V.
kind: association
summary: Ein Verein im Leipziger Osten.
""",
}


class DataFolder:
    """A data folder in tmp_path with the base files plus whatever a test writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name, text in BASE_FILES.items():
            self.write(name, text)

    def write(self, name: str, text: str | bytes) -> Path:
        file = self.root / "data" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8")
        return file

    def validate(self, **kwargs):
        return validate(self.root / "data", today=TODAY, **kwargs)

    def problems(self, name: str, text: str | bytes | None = None, **kwargs):
        """Write `text` as data/<name> (if given), validate, return that file's problems."""
        if text is not None:
            self.write(name, text)
        result = self.validate(**kwargs)
        return [p for p in result.problems if p.path == f"data/{name}"]


@pytest.fixture
def data(tmp_path) -> DataFolder:
    return DataFolder(tmp_path)
