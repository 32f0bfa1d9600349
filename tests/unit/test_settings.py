"""The settings: every QUARTIER_* name declared once, checked at once, in German, documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from quartier import settings as settings_module
from quartier.settings import (
    DECLARED,
    DOC_END,
    DOC_START,
    Settings,
    SettingsError,
    markdown_table,
    settings_from,
    settings_from_file,
)
from support import PROJECT


def problems_of(values: dict) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        settings_from(values)
    return caught.value.problems


def test_the_demo_settings_are_valid_and_typed():
    settings = settings_from_file(PROJECT / "pelicanconf.py")
    assert settings.data_path == PROJECT / "data"
    assert [lang.code for lang in settings.site_languages] == ["de", "en", "ar", "uk", "ru", "tr"]
    assert settings.demo is True
    assert settings.repository_url == "https://github.com/example/stadtteil-info"
    published = settings_from_file(PROJECT / "publishconf.py")
    assert published.languages == settings.languages


def test_defaults_without_any_setting():
    settings = settings_from({})
    assert settings == Settings()
    assert [lang.code for lang in settings.site_languages] == ["de"]


def test_a_misspelt_name_is_an_error_with_a_suggestion():
    assert problems_of({"QUARTIER_WINDOWS_DAYS": 30}) == [
        "QUARTIER_WINDOWS_DAYS ist keine bekannte Einstellung. Hinweis: Meinten Sie "
        "„QUARTIER_WINDOW_DAYS“?"]


def test_an_unknown_name_without_a_near_one_points_to_the_documentation():
    [problem] = problems_of({"QUARTIER_FOO": 1})
    assert problem.endswith("Alle Einstellungen stehen in docs/einstellungen.md.")


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("QUARTIER_WINDOW_DAYS", "365", "erwartet eine ganze Zahl ab 1, gefunden „365“."),
    ("QUARTIER_WINDOW_DAYS", 0, "erwartet eine ganze Zahl ab 1, gefunden „0“."),
    ("QUARTIER_STALE_AFTER_DAYS", True, "erwartet eine ganze Zahl ab 1, gefunden „True“."),
    ("QUARTIER_DEMO", "ja", "erwartet True oder False, gefunden „ja“."),
    ("QUARTIER_HOLIDAY_STATE", "Sachsen", 'erwartet einer dieser Werte: "BB", '),
    ("QUARTIER_REPOSITORY_URL", "github.com/x", 'erwartet eine Adresse, die mit "https://" '),
    ("QUARTIER_REPOSITORY_FORGE", "codeberg", 'erwartet einer dieser Werte: "github", '),
    ("QUARTIER_LANGUAGES", "de, en", "erwartet eine Liste von Sprachcodes"),
    ("QUARTIER_BUILD_PROCESSES", 2.5, "erwartet eine ganze Zahl ab 1 oder None, gefunden"),
])
def test_a_wrong_type_is_named_in_german(name, value, expected):
    [problem] = problems_of({name: value})
    assert problem.startswith(f"{name}: {expected}")


def test_an_unknown_language_and_time_zone():
    assert problems_of({"QUARTIER_LANGUAGES": ["de", "english"], "TIMEZONE": "Berlin"}) == [
        "TIMEZONE: „Berlin“ ist keine bekannte Zeitzone. Hinweis: z. B. \"Europe/Berlin\"."]
    [problem] = problems_of({"QUARTIER_LANGUAGES": ["de", "english"]})
    assert problem.startswith("QUARTIER_LANGUAGES: „english“ ist keine bekannte Sprache.")


def test_every_problem_at_once_with_the_file_name():
    with pytest.raises(SettingsError) as caught:
        settings_from({"QUARTIER_WINDOWS_DAYS": 1, "QUARTIER_DEMO": 1,
                       "QUARTIER_DATA_LICENSE": ""}, source="publishconf.py")
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    assert all(line.startswith("publishconf.py: QUARTIER_") for line in lines)


def test_a_relative_data_path_is_relative_to_the_settings_file(tmp_path):
    config = tmp_path / "pelicanconf.py"
    config.write_text("QUARTIER_DATA_PATH = 'daten'\n")
    assert settings_from_file(config).data_path == tmp_path / "daten"


def test_the_validator_stops_on_bad_settings_in_german(tmp_path):
    config = tmp_path / "pelicanconf.py"
    config.write_text("QUARTIER_WINDOWS_DAYS = 30\n")
    done = subprocess.run([sys.executable, "-m", "quartier", "validate", "--config", str(config)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("pelicanconf.py: QUARTIER_WINDOWS_DAYS ist keine bekannte")
    assert "Traceback" not in done.stderr


def test_the_documentation_table_is_current():
    text = (PROJECT / "docs" / "einstellungen.md").read_text(encoding="utf-8")
    table = text.split(DOC_START, 1)[1].split(DOC_END, 1)[0].strip()
    assert table == markdown_table(), "docs/einstellungen.md: `invoke settings-doc` ausführen"


def test_every_declared_setting_is_read_somewhere():
    """A declared setting that no code reads would be a promise the site does not keep."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in [
        *(PROJECT / "plugins").rglob("*.py"), *(PROJECT / "theme" / "templates").glob("*.html"),
        PROJECT / "tasks.py"] if p.name != "settings.py" or p.parent.name != "quartier")
    own = (Path(settings_module.__file__)).read_text(encoding="utf-8")
    unread = [s.name for s in DECLARED if not re.search(rf"\.{s.attribute}\b", code)
              and not re.search(rf"self\.{s.attribute}\b", own)]
    assert unread == []
