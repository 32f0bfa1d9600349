"""The date form: a GitHub issue body in, a valid date file or German messages out.

The bodies are written the way GitHub renders an issue form: one `### <label>` heading per field
in the form's order, the answer below it, `_No response_` for an empty optional field, dropdown
choices joined with ", " and ticked checkboxes as `- [X] …`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.contract import schema
from quartier.contract.loader import load_file
from quartier.tools.submission import __main__ as command
from quartier.tools.submission import comment, datefile, form, submit
from quartier.tools.submission.form import LABELS, Message, read_form
from quartier.tools.submission.lookup import Lookup
from quartier.tools.submission.record import build_record
from support import EPOCH, PROJECT, TODAY, DataFolder

FORM = PROJECT / ".github" / "ISSUE_TEMPLATE" / "termin.yml"
WORKFLOW = PROJECT / ".github" / "workflows" / "termin-formular.yml"
CONSENT = "- [X] Ich darf diesen Termin veröffentlichen, und ich nenne Personen nur mit deren " \
          "Einverständnis."


def body(**answers: str) -> str:
    """An issue body as GitHub writes it; keyword names are the labels without spaces/umlauts."""
    by_label = {_key(label): label for label in LABELS}
    given_answers = {by_label[key]: value for key, value in answers.items()}
    parts = []
    for label in LABELS:
        value = given_answers.get(label, "_No response_")
        parts.append(f"### {label}\n\n{value}")
    return "\n\n".join(parts) + "\n"


def _key(label: str) -> str:
    return label.lower().replace(" ", "_").replace("ä", "ae").replace("ö", "oe") \
        .replace("ü", "ue").replace("ß", "ss")


MINIMAL = {"titel": "Nachbarschaftsfrühstück", "beginn": "10.03.2027 09:30",
           "ort": "Naomi e. V.", "einverstaendnis": CONSENT}
FULL = {
    "titel": "Lesung: „Geschichten aus dem Osten“",
    "beginn": "Mi, 10.03.2027, 18 Uhr",
    "ende": "19:30",
    "wiederholung": "Einmaliger Termin",
    "ort": "qm-ost",
    "veranstalter": "Naomi e. V.",
    "kategorien": "Beratung, Netzwerk",
    "zielgruppen": "Familien",
    "stadtteile": "Volkmarsdorf, Möckern",
    "kurzbeschreibung": "Autorinnen aus dem Viertel lesen aus ihren Geschichten.",
    "beschreibung": "Drei Autorinnen lesen **neue Texte**.\n\n- Eintritt frei\n- mit Tee",
    "kosten": "kostenlos",
    "anmeldung": "Anmeldung erforderlich",
    "hinweis_zur_anmeldung": "bis 5.3. per E-Mail an lesung@example.org",
    "sprachen": "Deutsch, Arabisch",
    "rollstuhlgerecht": "Teilweise",
    "hinweis_zur_barrierefreiheit": "Rampe am Seiteneingang",
    "kontakt": "0341 1234567, lesung@example.org",
    "einverstaendnis": CONSENT,
}


def record_of(path: Path) -> dict:
    """The written file as the site reads it (typed by the schema)."""
    root, problems = load_file(path, path.name)
    assert root is not None, problems
    return schema.to_value(root, schema.shape("date"))


def problems_of(data: DataFolder, result) -> list:
    return [p for p in data.validate().problems if p.path == result.display_path]


# --- Valid forms become valid files --------------------------------------------------------


def test_full_form_writes_a_file_that_validates(data):
    result = submit(body(**FULL), data.root / "data", today=TODAY, issue=12)
    assert result.ok, result.messages
    assert result.display_path == "data/dates/lesung-geschichten-aus-dem-osten-2027-03-10.yaml"
    assert result.path.is_file()
    assert problems_of(data, result) == []
    assert record_of(result.path) == {
        "title": "Lesung: „Geschichten aus dem Osten“",
        "start": "2027-03-10 18:00",
        "end": "19:30",
        "organizer": "naomi-ev",
        "categories": ["beratung", "netzwerk"],
        "audiences": ["familien"],
        "districts": ["volkmarsdorf", "moeckern"],
        "summary": "Autorinnen aus dem Viertel lesen aus ihren Geschichten.",
        "description": "Drei Autorinnen lesen **neue Texte**.\n\n- Eintritt frei\n- mit Tee\n",
        "location": {"at": "qm-ost"},
        "cost": "free",
        "registration": {"required": True, "note": "bis 5.3. per E-Mail an lesung@example.org",
                         "url": "mailto:lesung@example.org"},
        "languages": ["de", "ar"],
        "accessibility": {"wheelchair": "partial", "note": "Rampe am Seiteneingang"},
        "contact": {"phone": "0341 1234567", "email": "lesung@example.org"},
    }
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../plugins/quartier/contract/schema/date.schema.json\n"
        "# Eingereicht über das Termin-Formular (Issue #12).\n")


def test_minimal_form(data):
    result = submit(body(**MINIMAL), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert result.record_id == "nachbarschaftsfruehstueck-2027-03-10"
    assert record_of(result.path) == {"title": "Nachbarschaftsfrühstück",
                                      "start": "2027-03-10 09:30",
                                      "location": {"at": "naomi-ev"}}
    assert problems_of(data, result) == []


@pytest.mark.parametrize(("place", "location"), [
    ("Nachbarschaftsgarten, Eisenbahnstraße 49, 04315 Leipzig",
     {"place": "Nachbarschaftsgarten", "street": "Eisenbahnstraße 49", "postcode": "04315",
      "city": "Leipzig"}),
    ("Eisenbahnstraße 49\n04315 Leipzig",
     {"street": "Eisenbahnstraße 49", "postcode": "04315", "city": "Leipzig"}),
    ("Rabet-Park, Leipzig", {"place": "Rabet-Park", "city": "Leipzig"}),
    ("IC-E InfoCenter, Eisenbahnstraße 49, 04315 Leipzig, Eingang über den Hof",
     {"place": "IC-E InfoCenter", "street": "Eisenbahnstraße 49", "postcode": "04315",
      "city": "Leipzig", "note": "Eingang über den Hof"}),
    ("Online: https://meet.example.org/ak-ost.", {"online": "https://meet.example.org/ak-ost"}),
    ("Quartiersmanagement Leipziger Osten", {"at": "qm-ost"}),
])
def test_places_as_people_write_them(data, place, location):
    result = submit(body(**MINIMAL | {"ort": place}), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert record_of(result.path)["location"] == location
    assert problems_of(data, result) == []


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("10.03.2027 18:00", "_No response_", {"start": "2027-03-10 18:00"}),
    ("2027-03-10 18:00", "20:00", {"start": "2027-03-10 18:00", "end": "20:00"}),
    ("Mi, 10.3.2027, 18 Uhr", "20 Uhr", {"start": "2027-03-10 18:00", "end": "20:00"}),
    ("10. 3. 2027, 18.30 Uhr", "_No response_", {"start": "2027-03-10 18:30"}),
    ("10.3.27 18:00", "_No response_", {"start": "2027-03-10 18:00"}),
    ("10.03.2027, 18–20 Uhr", "_No response_", {"start": "2027-03-10 18:00", "end": "20:00"}),
    ("10.3. 18 Uhr", "_No response_", {"start": "2027-03-10 18:00"}),  # the next 10 March
    ("12.06.2027", "14.06.2027", {"start": "2027-06-12", "end": "2027-06-14"}),
    ("12.06.2027 22:00", "13.06.2027 02:00", {"start": "2027-06-12 22:00",
                                              "end": "2027-06-13 02:00"}),
    ("12.06.2027 22:00", "12.06.2027 23:30", {"start": "2027-06-12 22:00", "end": "23:30"}),
])
def test_dates_and_times_as_people_write_them(data, start, end, expected):
    result = submit(body(**MINIMAL | {"beginn": start, "ende": end}), data.root / "data",
                    today=TODAY)
    assert result.ok, result.messages
    record = record_of(result.path)
    assert {k: record[k] for k in ("start", "end") if k in record} == expected
    assert problems_of(data, result) == []


@pytest.mark.parametrize(("option", "start", "repeat"), [
    ("Jede Woche", "13.01.2027 18:00", {"freq": "weekly", "days": ["mi"]}),
    ("Alle zwei Wochen", "13.01.2027 18:00", {"freq": "weekly", "interval": 2, "days": ["mi"]}),
    ("Jeden Monat am selben Wochentag (z. B. jeden 2. Mittwoch)", "13.01.2027 18:00",
     {"freq": "monthly", "days": ["mi"], "week": 2}),
    ("Jeden Monat am selben Wochentag (z. B. jeden 2. Mittwoch)", "29.01.2027 18:00",
     {"freq": "monthly", "days": ["fr"], "week": -1}),  # a fifth Friday: the last one
    ("Jeden Monat am selben Datum (z. B. jeden 15.)", "15.01.2027 18:00",
     {"freq": "monthly", "monthday": 15}),
    ("Jedes Jahr", "15.01.2027", {"freq": "yearly"}),
])
def test_series(data, option, start, repeat):
    result = submit(body(**MINIMAL | {"beginn": start, "wiederholung": option}),
                    data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert record_of(result.path)["repeat"] == repeat
    assert problems_of(data, result) == []


def test_series_until(data):
    result = submit(body(**MINIMAL | {"beginn": "13.01.2027 18:00", "wiederholung": "Jede Woche",
                                      "wiederholung_bis": "31.3.2027"}),
                    data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert record_of(result.path)["repeat"] == {"freq": "weekly", "days": ["mi"],
                                                "until": "2027-03-31"}


def test_a_series_may_have_started_in_the_past(data):
    result = submit(body(**MINIMAL | {"beginn": "02.09.2026 18:00", "wiederholung": "Jede Woche"}),
                    data.root / "data", today=TODAY)
    assert result.ok, result.messages


def test_existing_file_is_never_overwritten(data):
    existing = data.write("dates/nachbarschaftsfruehstueck-2027-03-10.yaml",
                          "title: Anderes\nstart: 2027-03-10 08:00\n")
    first = submit(body(**MINIMAL), data.root / "data", today=TODAY)
    second = submit(body(**MINIMAL), data.root / "data", today=TODAY)
    assert (first.record_id, second.record_id) == ("nachbarschaftsfruehstueck-2027-03-10-2",
                                                   "nachbarschaftsfruehstueck-2027-03-10-3")
    assert existing.read_text(encoding="utf-8").startswith("title: Anderes")


def test_optional_fields_left_empty_are_left_out(data):
    answers = dict.fromkeys(FULL, "_No response_") | MINIMAL | {
        "wiederholung": "Einmaliger Termin"}
    result = submit(body(**answers), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert set(record_of(result.path)) == {"title", "start", "location"}


# --- What is missing or wrong, in the form's words ----------------------------------------


def messages(data, **answers) -> list[Message]:
    result = submit(body(**MINIMAL | answers), data.root / "data", today=TODAY)
    assert not result.ok
    assert list((data.root / "data" / "dates").glob("*.yaml")) == []  # nothing left behind
    return result.messages


def test_messages_for_an_empty_form(data):
    result = submit(body(), data.root / "data", today=TODAY)
    assert not result.ok
    assert result.messages == [
        Message("Titel", "Bitte einen Titel angeben."),
        Message("Beginn", "Bitte Datum und Uhrzeit des Beginns angeben, z. B. 05.11.2026 18:00."),
        Message("Ort", "Bitte angeben, wo der Termin stattfindet: Adresse, Name eines "
                "eingetragenen Akteurs oder Link (online)."),
        Message("Einverständnis", "Bitte bestätigen, dass der Termin veröffentlicht werden darf."),
    ]


@pytest.mark.parametrize(("answers", "expected"), [
    ({"beginn": "morgen Abend"},
     Message("Beginn", "„morgen Abend“ enthält kein Datum. Bitte so schreiben: 05.11.2026 18:00 "
             "(ganztägig: nur das Datum).")),
    ({"beginn": "31.02.2027 18:00"}, Message("Beginn", "Das Datum „31.02.2027“ gibt es nicht.")),
    ({"beginn": "10.03.2027 25:00"}, Message("Beginn", "Die Uhrzeit „25:00“ gibt es nicht.")),
    ({"beginn": "01.11.2026 18:00"},
     Message("Beginn", "Der 01.11.2026 liegt in der Vergangenheit. Bitte das Datum prüfen (mit "
             "Jahreszahl).")),
    ({"ende": "später"},
     Message("Ende", "„später“ ist weder eine Uhrzeit noch ein Datum. Bitte so schreiben: 20:00 "
             "– oder bei mehrtägigen Terminen das Datum des letzten Tages.")),
    ({"wiederholung_bis": "31.12.2027"},
     Message("Wiederholung bis", "Ein Enddatum gibt es nur bei Terminen, die sich wiederholen: "
             "bitte bei „Wiederholung“ auswählen, wie oft, oder dieses Feld leeren.")),
    ({"wiederholung": "Jede Woche", "wiederholung_bis": "1.1.2027"},
     Message("Wiederholung bis", "Das Enddatum 01.01.2027 liegt vor dem Beginn (10.03.2027).")),
    ({"veranstalter": "Naomi"},
     Message("Veranstalter", "„Naomi“ ist kein eingetragener Akteur. Meinten Sie „Naomi e. V.“ "
             "(naomi-ev)? Die Kennung steht am Ende der Adresse der Akteursseite "
             "(…/akteure/kennung/). Ist der Veranstalter noch nicht eingetragen, das Feld leer "
             "lassen und ihn in der Beschreibung nennen.")),
    ({"ort": "ak-ots"},
     Message("Ort", "„ak-ots“ ist keine Kennung eines eingetragenen Akteurs. Meinten Sie "
             "„AK Ost“ (ak-ost)? Sonst bitte die Adresse angeben: Straße und Hausnummer, "
             "Postleitzahl und Ort.")),
    ({"ort": "im Garten"},
     Message("Ort", "Bitte die Adresse mit Postleitzahl und Ort angeben, z. B. „Eisenbahnstraße "
             "49, 04315 Leipzig“, oder die Kennung bzw. den Namen eines eingetragenen Akteurs.")),
    ({"ort": "online per Zoom"},
     Message("Ort", "Für einen Online-Termin bitte den vollständigen Link angeben (https://…).")),
    ({"kategorien": "Beratung, Musik"},
     Message("Kategorien", "„Musik“ gibt es hier nicht als Kategorie. Möglich sind: Beratung, "
             "Netzwerk.")),
    ({"stadtteile": "Volkmarsdorff"},
     Message("Stadtteile", "„Volkmarsdorff“ gibt es hier nicht als Stadtteil. Meinten Sie "
             "„Volkmarsdorf“ (volkmarsdorf)?")),
    ({"kurzbeschreibung": "x" * 201},
     Message("Kurzbeschreibung", "Der Text ist 201 Zeichen lang, erlaubt sind höchstens 200. "
             "Ausführliches gehört in die Beschreibung.")),
    ({"sprachen": "Deutsch, Englich"},
     Message("Sprachen", "Die Sprache „Englich“ ist unbekannt. Meinten Sie „Englisch“?")),
    ({"anmeldung": "Vielleicht"},
     Message("Anmeldung", "„Vielleicht“ ist keine der Möglichkeiten im Formular.")),
    ({"kontakt": "bei Frau Müller"},
     Message("Kontakt", "Bitte eine E-Mail-Adresse, eine Telefonnummer oder eine Webadresse "
             "angeben.")),
    ({"einverstaendnis": "- [ ] Ich darf diesen Termin veröffentlichen."},
     Message("Einverständnis", "Bitte bestätigen, dass der Termin veröffentlicht werden darf.")),
])
def test_messages_for_answers_that_cannot_be_read(data, answers, expected):
    assert messages(data, **answers) == [expected]


def test_messages_from_the_validator_name_the_form_field(data):
    found = messages(data, beschreibung="Mit <b>HTML</b> und ![Bild](https://example.org/a.png)")
    assert found == [
        Message("Beschreibung", "Bilder sind in Beschreibungen nicht erlaubt. Statt des Bildes "
                "einen Link setzen: [Bildbeschreibung](https://…)."),
        Message("Beschreibung", "HTML ist in Beschreibungen nicht erlaubt (gefunden „<b>“). "
                "Markdown verwenden: **fett**, *kursiv*, Listen mit „- “, Links als "
                "[Text](https://…). Ein „<“ im Text als &lt; schreiben."),
    ]


def test_hints_about_yaml_are_left_out(data):
    # The validator's hint speaks of `except` and `changes`; the form has neither.
    assert messages(data, beginn="28.03.2027 02:30") == [
        Message("Beginn", "Am 28.03.2027 gibt es die Uhrzeit 02:30 nicht: in dieser Nacht werden "
                "die Uhren auf Sommerzeit vorgestellt.")]


def test_all_day_start_with_an_end_time(data):
    assert messages(data, beginn="12.06.2027", ende="18:00") == [
        Message("Ende", "Ein ganztägiger Termin hat keine Endzeit: beim Beginn auch die Uhrzeit "
                "angeben oder das Ende leer lassen.")]


def test_start_and_end_that_do_not_fit_together(data):
    # The validator's own message, with its hint (it names no YAML).
    assert messages(data, beginn="12.06.2027 10:00", ende="14.06.2027") == [
        Message("Ende", "Beginn und Ende passen nicht zusammen: eines hat eine Uhrzeit, das "
                "andere nicht. Ganztägig: beide nur als Datum; sonst beide mit Uhrzeit (oder als "
                "Ende nur die Uhrzeit, z. B. 20:00).")]


def test_warnings_do_not_stop_a_submission(data):
    result = submit(body(**MINIMAL | {"beginn": "31.10.2027 02:30", "ende": "04:00"}),
                    data.root / "data", today=TODAY)
    assert result.ok
    assert result.messages == [
        Message("Beginn", "Am 31.10.2027 gibt es die Uhrzeit 02:30 zweimal (Ende der Sommerzeit); "
                "gemeint ist die erste, noch in Sommerzeit. Wenn die zweite gemeint ist, eine "
                "eindeutige Uhrzeit wählen.")]


# --- The body is untrusted --------------------------------------------------------------


def test_a_heading_typed_into_the_description_does_not_replace_a_later_answer(data):
    description = "Programm:\n\n### Kosten\n\n1000 €\n\n### Ende\n\n23:59"
    result = submit(body(**MINIMAL | {"beschreibung": description, "kosten": "3 €",
                                      "ende": "11:00"}), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    record = record_of(result.path)
    assert (record["cost"], record["end"]) == ("3 €", "11:00")
    assert record["description"] == description + "\n"


@pytest.mark.parametrize("title", [
    "Fest: „Sommer“ & #1 *neu* [2027] {x} | y > z % @all `code` \\n",
    "null", "true", "- Liste", "? Frage", "'zitiert'", '"doppelt"', "--- drei Striche",
    "Ende mit Doppelpunkt:", "Tab\tim\tTitel", "${{ github.token }}", "$(rm -rf /)",
    "Steuer\u0007zeichen\u202eumgedreht", "Zeile\u2028getrennt",
])
def test_titles_are_written_so_that_they_read_back_unchanged(data, title):
    result = submit(body(**MINIMAL | {"titel": title}), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert problems_of(data, result) == []
    assert record_of(result.path)["title"] == form.clean(title)


def test_description_keeps_its_lines_and_indentation(data):
    description = "Programm:\n\n- Punkt\n    - Unterpunkt\n---\n...\n# kein Kommentar\n\n\tTab"
    result = submit(body(**MINIMAL | {"beschreibung": description}), data.root / "data",
                    today=TODAY)
    assert result.ok, result.messages
    assert problems_of(data, result) == []
    assert record_of(result.path)["description"] == description.replace("\t", "    ") + "\n"


def test_a_description_that_starts_indented_gets_an_indentation_indicator(data):
    text = datefile.to_yaml({"title": "T", "start": "2027-03-10 18:00",
                               "description": "  eingerückt\nnicht eingerückt"})
    assert "description: |2\n    eingerückt\n  nicht eingerückt\n" in text
    file = data.write("dates/t.yaml", text)
    assert data.problems("dates/t.yaml") == []
    assert record_of(file)["description"] == "  eingerückt\nnicht eingerückt\n"


# Any text at all, as titles, summaries and descriptions: either a file that reads back exactly
# what was meant, or a message about that field – never a broken file or a crash.
ANY_TEXT = st.text(alphabet=st.sampled_from(list(":#&*!|>'\"%@`{}[],-?\\ \n\t\r")) |
                   st.characters(blacklist_categories=("Cs",)), max_size=80)


@given(title=ANY_TEXT, summary=ANY_TEXT, description=ANY_TEXT, note=ANY_TEXT, cost=ANY_TEXT)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_any_text_gives_a_valid_file_or_a_message(title, summary, description, note, cost):
    """Free text lands in plain, quoted, flow ({…}) and block (|) scalars; all read back."""
    answers = MINIMAL | {"titel": title, "kurzbeschreibung": summary, "beschreibung": description,
                         "hinweis_zur_barrierefreiheit": note, "kosten": cost}
    answers = {key: value or "_No response_" for key, value in answers.items()}
    with tempfile.TemporaryDirectory() as tmp:
        data = DataFolder(Path(tmp))
        result = submit(body(**answers), data.root / "data", today=TODAY)
        if not result.ok:
            assert {m.label for m in result.messages} <= {"Titel", "Kurzbeschreibung",
                                                          "Beschreibung"}, result.messages
            return
        assert problems_of(data, result) == []
        meant, _ = build_record(read_form(body(**answers)),
                                Lookup.read(data.root / "data"), TODAY)
        if "description" in meant:
            meant["description"] += "\n"  # a literal block ends with a line break
        assert record_of(result.path) == meant
        assert meant["title"] == form.clean(title)


def test_comment_shows_answers_as_text(data):
    result = submit(body(**MINIMAL | {"beginn": "<img src=x onerror=alert(1)> @maintainers"}),
                    data.root / "data", today=TODAY)
    text = comment.comment(result)
    assert text.startswith("<!-- quartier:termin-formular -->\n")
    assert not re.search(r"(?<!\\)<img", text)
    assert "\\<img" in text
    assert "@maintainers" not in text  # nobody gets notified


def test_success_comment_shows_the_file_in_a_fence_longer_than_any_backticks(data):
    result = submit(body(**MINIMAL | {"beschreibung": "Code: ```` vier ````"}),
                    data.root / "data", today=TODAY)
    assert result.ok
    text = comment.comment(result)
    assert "`````yaml\n# yaml-language-server" in text
    assert text.rstrip().endswith("`````\n\n</details>")


# --- The command the workflow calls ---------------------------------------------------------


def test_command_writes_comment_pull_request_texts_and_outputs(data, tmp_path):
    issue = tmp_path / "issue.md"
    issue.write_text(body(**FULL), encoding="utf-8")
    output = tmp_path / "github-output"
    code = command.main([str(issue), "--data", str(data.root / "data"), "--config",
                            str(tmp_path / "keine.py"), "--issue", "7", "--out",
                            str(tmp_path / "out"), "--repo-url", "https://github.com/o/r",
                            "--github-output", str(output)])
    assert code == 0
    record_id = "lesung-geschichten-aus-dem-osten-2027-03-10"
    assert output.read_text().splitlines() == [
        "gueltig=true", f"kennung={record_id}", f"datei=data/dates/{record_id}.yaml"]
    out = tmp_path / "out"
    assert (out / "pr-titel.txt").read_text() == "Termin: Lesung: „Geschichten aus dem Osten“"
    pr_text = (out / "pr-text.md").read_text()
    assert "Closes #7" in pr_text
    assert "https://github.com/o/r/blob/HEAD/docs/pruefen-und-freigeben.md" in pr_text
    assert "### Danke! Der Termin ist eingereicht" in (out / "kommentar.md").read_text()


def test_command_for_a_bad_form(data, tmp_path):
    issue = tmp_path / "issue.md"
    issue.write_text(body(titel="Ohne alles"), encoding="utf-8")
    output = tmp_path / "github-output"
    code = command.main([str(issue), "--data", str(data.root / "data"), "--config",
                            str(tmp_path / "keine.py"), "--out", str(tmp_path / "out"),
                            "--github-output", str(output)])
    assert code == 1
    assert output.read_text() == "gueltig=false\n"
    assert not (tmp_path / "out" / "pr-text.md").exists()
    text = (tmp_path / "out" / "kommentar.md").read_text()
    assert "- **Beginn:** Bitte Datum und Uhrzeit des Beginns angeben" in text


def test_the_workflow_runs_a_command_that_exists(data, tmp_path):
    """The module the workflow names, run as a program the way GitHub Actions runs it."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["termin"]["steps"]
    run = next(s["run"] for s in steps if "ISSUE_BODY" in s.get("env", {}))
    command = re.search(r"python -m ([\w.]+(?: submission)?)", run).group(1).split()
    issue = tmp_path / "issue.md"
    issue.write_text(body(**MINIMAL), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", *command, str(issue), "--data", str(data.root / "data"),
         "--config", str(tmp_path / "keine.py"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=tmp_path,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Geschrieben: data/dates/nachbarschaftsfruehstueck-2027-03-10.yaml\n"
    text = (tmp_path / "out" / "kommentar.md").read_text(encoding="utf-8")
    assert "### Danke! Der Termin ist eingereicht" in text
    assert (data.root / "data" / "dates" / "nachbarschaftsfruehstueck-2027-03-10.yaml").is_file()


# --- The form and the script agree ------------------------------------------------------------


def form_fields() -> list[dict]:
    return [f for f in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"]
            if f["type"] != "markdown"]


def test_form_labels_are_the_ones_the_script_reads():
    assert [f["attributes"]["label"] for f in form_fields()] == list(LABELS)


def test_form_options_are_the_ones_the_script_knows():
    options = {f["attributes"]["label"]: f["attributes"].get("options") for f in form_fields()}
    assert options["Wiederholung"] == list(form.REPEAT_OPTIONS)
    assert options["Anmeldung"] == list(form.REGISTRATION_OPTIONS)
    assert options["Rollstuhlgerecht"] == list(form.WHEELCHAIR_OPTIONS)


@pytest.mark.parametrize(("label", "table"), [("Kategorien", "categories"),
                                              ("Zielgruppen", "audiences"),
                                              ("Stadtteile", "districts")])
def test_form_choices_name_the_project_data(label, table):
    """Who changes data/categories.yaml (…) updates the form too; this says which entries."""
    lookup = Lookup.read(PROJECT / "data")
    options = next(f["attributes"]["options"] for f in form_fields()
                   if f["attributes"]["label"] == label)
    names = getattr(lookup, table)
    assert sorted(options) == sorted(names.values())


def test_required_fields_of_the_form():
    required = [f["attributes"]["label"] for f in form_fields()
                if f.get("validations", {}).get("required")]
    assert required == ["Titel", "Beginn"]
    consent = next(f for f in form_fields() if f["type"] == "checkboxes")
    assert all(option["required"] for option in consent["attributes"]["options"])


def test_workflow_runs_for_the_forms_label():
    label = yaml.safe_load(FORM.read_text(encoding="utf-8"))["labels"]
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert label == ["termin-vorschlag"]
    assert re.search(r"contains\(github\.event\.issue\.labels\.\*\.name, 'termin-vorschlag'\)",
                     workflow)


def test_read_form_treats_no_response_and_missing_sections_as_empty():
    answers = read_form("### Titel\n\nFest\n\n### Ende\n\n_No response_\n")
    assert answers["Titel"] == "Fest"
    assert answers["Ende"] is None
    assert answers["Beginn"] is None


def test_build_record_orders_fields_as_in_the_data_files():
    record, problems = build_record(read_form(body(**FULL)), Lookup(
        actors={"naomi-ev": "Naomi e. V.", "qm-ost": "QM"}, categories={"beratung": "Beratung",
        "netzwerk": "Netzwerk"}, audiences={"familien": "Familien"},
        districts={"volkmarsdorf": "Volkmarsdorf", "moeckern": "Möckern"}), TODAY)
    assert problems == []
    assert list(record)[:4] == ["title", "start", "end", "organizer"]
