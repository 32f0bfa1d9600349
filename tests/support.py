"""Helpers shared by the tests: data folders to validate and project copies to build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

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


COPIED = ["content", "data", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]
# 2026-11-21 12:00 UTC: "today" for every test build, so results do not depend on the clock.
EPOCH = "1795262400"


def copy_project(root: Path) -> Path:
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name,
                            ignore=shutil.ignore_patterns("__pycache__", "output"))
        else:
            shutil.copy2(source, root / name)
    return root


def invoke(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def build(root: Path) -> Path:
    done = invoke(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "output"
