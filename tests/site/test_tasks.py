"""The invoke tasks editors run: their output is the validator's, byte for byte, and German."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import EPOCH, copy_project, invoke


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project copy whose data holds hundreds of problems, with umlauts in every message."""
    root = copy_project(tmp_path_factory.mktemp("tasks"))
    for i in range(150):
        (root / "data" / "offers" / f"fehler-{i}.yaml").write_text(
            f"title: Nähkurs für Mütter {i}\nactor: nähwerkstatt-{i}\nsummary: Üben #{i}\n"
            "categories: [beratung]\ncontact: {phone: Tel. 0341 123456}\n", encoding="utf-8")
    return root


def _validator(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([sys.executable, "-m", "quartier", "validate", *args], cwd=root,
                          env=env, capture_output=True, timeout=300)


@pytest.mark.parametrize("format", ["text", "github"])
def test_invoke_validate_prints_exactly_what_the_validator_prints(project, format):
    """invoke decoded its commands' output in 1000-byte chunks: „n��hen“ at every chunk edge."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    through_invoke = subprocess.run([sys.executable, "-m", "invoke", "validate", "--format",
                                     format], cwd=project, env=env, capture_output=True,
                                    timeout=300)
    direct = _validator(project, "--format", format)
    assert direct.returncode == through_invoke.returncode == 1
    assert len(direct.stdout) > 50_000  # many 1000-byte chunks, umlauts across their edges
    assert through_invoke.stdout == direct.stdout
    assert through_invoke.stderr.endswith(direct.stderr)
    text = through_invoke.stdout.decode("utf-8")
    assert "\ufffd" not in text
    assert "„nähwerkstatt-0“" in text and "„nähwerkstatt-149“" in text


def test_the_annotations_beyond_githubs_limit_are_announced(project):
    lines = _validator(project, "--format", "github").stdout.decode("utf-8").splitlines()
    assert sum(line.startswith("::error ") for line in lines) >= 300
    assert lines[-1].startswith("::notice title=Weitere Meldungen::")


def test_new_actor_help_shows_the_help_and_writes_no_file(project):
    done = invoke(project, "new-actor", "--help")
    assert done.returncode == 0, done.stderr
    assert "Name des Akteurs" in done.stdout
    assert not (project / "data" / "actors" / "help.yaml").exists()
    done = invoke(project, "new-date", "-x")
    assert done.returncode != 0 and "ist kein Titel" in done.stderr
    assert not list((project / "data" / "dates").glob("x*.yaml"))


def test_import_ics_without_the_file_says_so_in_german(project):
    done = invoke(project, "import-ics", "kalender-gibt-es-nicht.ics")
    assert done.returncode != 0
    assert "Die Datei „kalender-gibt-es-nicht.ics“ gibt es nicht." in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_invoke_translations_status_export_and_import_as_the_issue_writes_them(tmp_path):
    """`invoke translations import FILE`: FILE positional, while status and export need none."""
    root = copy_project(tmp_path)
    done = invoke(root, "translations", "status", "--lang", "ar")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sprache ar: ") and "Stadtteil    summary" in done.stdout
    done = invoke(root, "translations", "export", "--lang", "ar", "--only", "missing")
    assert done.returncode == 0, done.stderr
    po = root / "uebersetzung-ar.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgctxt "offers/lastenrad-ausleihe.yaml#lastenrad-ausleihe.title"' in text
    entry = ('msgctxt "offers/lastenrad-ausleihe.yaml#lastenrad-ausleihe.title"\n'
             'msgid "Lastenrad zum Ausleihen"\nmsgstr "')
    assert entry + '"' in text
    po.write_text(text.replace(entry + '"', entry + 'إعارة دراجة الشحن"'), encoding="utf-8")
    done = invoke(root, "translations", "import", "uebersetzung-ar.po")
    assert done.returncode == 0, done.stderr
    assert "1 Übersetzung in 1 Datei geschrieben (Sprache ar)." in done.stdout
    assert "إعارة دراجة الشحن" in (root / "data/offers/lastenrad-ausleihe.yaml").read_text(
        encoding="utf-8")
    done = invoke(root, "translations", "export", "--lang", "de")
    assert done.returncode != 0 and "Sprache der Originaltexte" in done.stderr
    done = invoke(root, "translations", "übersetzen")
    assert done.returncode != 0 and "„übersetzen“ gibt es nicht" in done.stderr
