"""Checks across records and the ones that need real dates, with exact messages."""

from __future__ import annotations

import dataclasses

import pytest

from quartier.contract.problems import Severity
from quartier.contract.validate import validate
from support import BASE_FILES, TODAY

OFFER_HEAD = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\n"
SERIES = "title: T\nstart: 2026-11-04 18:00\nend: 20:00\n"  # a Wednesday


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("offers/o.yaml", OFFER_HEAD.replace("qm-ost", "qm-os"),
     (2, 8, "actor", "dangling-reference", "Unbekannte Kennung „qm-os“ (Akteur).",
      "Meinten Sie „qm-ost“? Vorhandene Kennungen stehen in data/actors/.")),
    ("offers/o.yaml", OFFER_HEAD.replace("[beratung]", "[beratng]"),
     (4, 14, "categories[1]", "dangling-reference", "Unbekannte Kennung „beratng“ (Kategorie).",
      "Meinten Sie „beratung“? Vorhandene Kennungen stehen in data/categories.yaml.")),
    ("offers/o.yaml", OFFER_HEAD + "audiences: [kinder]\n",
     (5, 13, "audiences[1]", "dangling-reference", "Unbekannte Kennung „kinder“ (Zielgruppe).",
      "Vorhandene Kennungen stehen in data/audiences.yaml.")),
    ("offers/o.yaml", OFFER_HEAD + "location: {at: naomi-e}\n",
     (5, 16, "location.at", "dangling-reference", "Unbekannte Kennung „naomi-e“ (Akteur).",
      "Meinten Sie „naomi-ev“? Vorhandene Kennungen stehen in data/actors/.")),
    ("offers/o.yaml", OFFER_HEAD + "valid_from: 2026-05-01\nvalid_until: 2026-04-01\n",
     (6, 14, "valid_until", "end-before-start",
      "valid_until (2026-04-01) liegt vor valid_from (2026-05-01).",
      "Die beiden Daten prüfen oder vertauschen.")),
    ("offers/o.yaml", OFFER_HEAD + "languages: [de, xx]\n",
     (5, 17, "languages[2]", "unknown-language",
      "„xx“ ist kein bekannter Sprachcode nach ISO 639-1.",
      "Beispiele: de Deutsch, en Englisch, ar Arabisch, uk Ukrainisch.")),
    ("offers/o.yaml", OFFER_HEAD + "hours:\n  - {days: [di], from: 10:00, to: 09:00}\n",
     (6, 35, "hours[1].to", "end-before-start", "Das Ende 09:00 liegt nicht nach dem Beginn 10:00.",
      "von und bis prüfen; Zeiten über Mitternacht als zwei Einträge schreiben.")),
    ("offers/o.yaml", OFFER_HEAD + "last_checked: 2026-02-30\n",
     (5, 15, "last_checked", "invalid-date", "Das Datum „2026-02-30“ gibt es nicht.",
      "Tag und Monat prüfen (Form JJJJ-MM-TT, z. B. 2026-02-28).")),
    ("actors/a.yaml", "name: A\nkind: association\nsummary: S.\nmember_of: [naomi-ev]\n",
     (4, 13, "member_of[1]", "not-a-network", "„naomi-ev“ ist kein Netzwerk (kind: association).",
      "member_of nennt nur Akteure mit kind: network.")),
    ("actors/a.yaml", "name: A\nkind: association\nsummary: S.\nmoderation: [{role: M}]\n",
     (4, 13, "moderation", "network-only", "moderation gibt es nur bei Netzwerken (kind: network).",
      "kind: network setzen oder moderation löschen.")),
    ("actors/a.yaml", "name: A\nkind: network\nsummary: S.\ndistricts: [moeckrn]\n",
     (4, 13, "districts[1]", "dangling-reference", "Unbekannte Kennung „moeckrn“ (Stadtteil).",
      "Meinten Sie „moeckern“? Vorhandene Kennungen stehen in data/districts.yaml.")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\nend: 2026-11-04 17:00\n",
     (3, 6, "end", "end-before-start", "Das Ende „2026-11-04 17:00“ liegt vor dem Beginn.",
      "Datum und Uhrzeit von start und end prüfen.")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04\nend: 18:00\n",
     (3, 6, "end", "all-day-time", "Ein ganztägiger Termin hat keine Endzeit.",
      "Entweder beim Beginn eine Uhrzeit angeben (2026-11-05 18:00) oder die Endzeit "
      "weglassen.")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\nend: 2026-11-05\n",
     (3, 6, "end", "all-day-mismatch",
      "Beginn und Ende passen nicht zusammen: eines hat eine Uhrzeit, das andere "
      "nicht.", "Ganztägig: beide nur als Datum; sonst beide mit Uhrzeit (oder als Ende nur "
      "die Uhrzeit, z. B. 20:00).")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\norganizer: ak-os\n",
     (3, 12, "organizer", "dangling-reference", "Unbekannte Kennung „ak-os“ (Akteur).",
      "Meinten Sie „ak-ost“? Vorhandene Kennungen stehen in data/actors/.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: weekly, days: [mi], count: 3, until: 2027-01-01}\n",
     (4, 43, "repeat.count", "repeat-conflict",
      "count und until dürfen nicht beide angegeben sein.",
      "Entweder die Anzahl der Termine (count) oder das Enddatum (until) angeben.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: monthly, days: [mi]}\n",
     (4, 31, "repeat.days", "repeat-conflict", "Bei freq: monthly braucht days auch week.",
      "z. B. week: 2 für den zweiten dieser Wochentage im Monat, -1 für den letzten.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: weekly, until: 2026-10-01}\n",
     (4, 9, "repeat", "empty-series", "Die Reihe hat keinen einzigen Termin.",
      "until muss nach dem Beginn liegen.")),
    ("dates/d.yaml", SERIES + "except: [2026-11-11]\n",
     (4, 9, "except", "series-only", "except gibt es nur bei Terminreihen (mit repeat).",
      "repeat ergänzen oder except löschen.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: monthly, days: [mi], week: 1}\n"
     "except: [2026-11-11]\n",
     (5, 10, "except[1]", "change-not-an-occurrence",
      "Am 11.11.2026 (Mittwoch) findet laut repeat kein Termin der Reihe "
      "statt.", "Das Datum eines echten Termins der Reihe angeben.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: monthly, interval: 2, days: [mi], week: 1}\n"
     "changes:\n  - {date: 2026-12-02, location: {at: naomi-ev}}\n",
     (6, 12, "changes[1].date", "change-not-an-occurrence",
      "Am 02.12.2026 (Mittwoch) findet laut repeat kein Termin der "
      "Reihe statt.", "Das Datum eines echten Termins der Reihe angeben.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\nchanges:\n"
     "  - {date: 2026-11-11, start: 19:00}\n  - {date: 2026-11-11, cancelled: true}\n",
     (7, 12, "changes[2].date", "duplicate-change",
      "Für den 11.11.2026 gibt es schon eine Änderung (Eintrag 1).",
      "Beide Einträge zu einem zusammenfassen.")),
    ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\nchanges:\n"
     "  - {date: 2026-11-11, location: {at: nirgends}}\n",
     (6, 39, "changes[1].location.at", "dangling-reference",
      "Unbekannte Kennung „nirgends“ (Akteur).",
      "Vorhandene Kennungen stehen in data/actors/.")),
])
def test_cross_record_problem(data, name, text, expected):
    problems = data.problems(name, text)
    assert [(p.line, p.column, p.field, p.rule, p.message, p.hint) for p in problems] == [expected]


def test_valid_series_with_changes_and_exceptions(data):
    text = SERIES + """\
repeat: {freq: monthly, interval: 2, days: [mi], week: 1, skip_holidays: true}
except: [2027-03-03]
changes:
  - {date: 2027-01-06, location: {at: naomi-ev}, note: Gastgeber Naomi e. V.}
  - {date: 2027-05-05, start: "2027-05-06 19:00", end: "21:00"}
  - {date: 2027-07-07, cancelled: true, note: Sommerpause}
"""
    assert data.problems("dates/d.yaml", text) == []
    event = data.validate().dataset.events["d"]
    moved = event.changes[1]
    assert (moved.start.isoformat(), moved.end.isoformat()) == (
        "2027-05-06T19:00:00", "2027-05-06T21:00:00")


@pytest.mark.parametrize(("text", "expected"), [
    (SERIES + "repeat: {freq: weekly}\nextra_dates: [2026-11-11 10:00]\n",
     (5, 15, "extra_dates[1]", "Am 11.11.2026 findet schon ein Termin der Reihe statt.")),
    (SERIES + "extra_dates: [2026-11-04 10:00]\n",
     (4, 15, "extra_dates[1]", "Am 04.11.2026 findet schon ein Termin der Reihe statt.")),
    (SERIES + "repeat: {freq: weekly, count: 2}\nextra_dates: [2026-11-20, 2026-11-20 10:00]\n",
     (5, 27, "extra_dates[2]", "Am 20.11.2026 steht schon ein zusätzlicher Termin (Eintrag 1).")),
    (SERIES + "repeat: {freq: weekly}\nexcept: [2026-11-11]\nextra_dates: [2026-11-11 10:00]\n",
     (6, 15, "extra_dates[1]", "Der 11.11.2026 steht auch unter except.")),
    (SERIES + "extra_dates: [2026-11-20]\nexcept: [2026-11-20]\n",
     (5, 9, "except", "except gibt es nur bei Terminreihen mit Regel (repeat).")),
    (SERIES + "extra_dates: [2026-11-20]\nchanges:\n  - {date: 2026-11-21, start: 19:00}\n",
     (6, 12, "changes[1].date", "Am 21.11.2026 (Samstag) findet laut repeat und extra_dates kein "
      "Termin der Reihe statt.")),
    ("title: T\nstart: 2026-11-04\nextra_dates: [2026-11-20 10:00]\n",
     (3, 15, "extra_dates[1]", "Der Termin ist ganztägig, der zusätzliche Termin "
      "„2026-11-20 10:00“ hat aber eine Uhrzeit.")),
    (SERIES + "extra_dates: [2026-11-20 25:00]\n",
     (4, 15, "extra_dates[1]", "Die Uhrzeit „25:00“ gibt es nicht.")),
])
def test_extra_dates_problems(data, text, expected):
    problems = data.problems("dates/d.yaml", text)
    assert [(p.line, p.column, p.field, p.message) for p in problems] == [expected]


def test_extra_dates_take_the_start_time_and_changes_may_name_them(data):
    text = SERIES + """\
repeat: {freq: weekly, count: 2}
extra_dates: [2026-11-20, 2026-11-27 10:00]
changes:
  - {date: 2026-11-27, end: "11:30"}
  - {date: 2026-11-11, start: 2026-11-12}
"""
    assert data.problems("dates/d.yaml", text) == []
    event = data.validate().dataset.events["d"]
    assert [x.isoformat() for x in event.extra_dates] == ["2026-11-20T18:00:00",
                                                          "2026-11-27T10:00:00"]
    assert event.changes[0].end.isoformat() == "2026-11-27T11:30:00"
    assert event.changes[1].start.isoformat() == "2026-11-12"


def test_start_off_the_rule_is_a_warning_and_the_series_begins_at_the_rule(data):
    [p] = data.problems("dates/d.yaml", SERIES + "repeat: {freq: weekly, days: [do]}\n"
                        "except: [2026-11-12]\n")
    assert (p.severity, p.line, p.column, p.field, p.rule, p.message) == (
        Severity.WARNING, 2, 8, "start", "start-not-an-occurrence",
        "Der Beginn (04.11.2026, ein Mittwoch) ist selbst "
        "kein Termin der Reihe; der erste Termin ist am 05.11.2026.")


def test_address_needs_a_street_or_a_place(data):
    offer = OFFER_HEAD + "location: {city: Leipzig}\n"
    [p] = data.problems("offers/o.yaml", offer)
    assert (p.line, p.field, p.rule, p.message) == (
        5, "location", "address-incomplete",
        "Die Adresse braucht eine Straße (street) oder einen Ortsnamen (place).")
    assert data.problems("offers/o.yaml", offer.replace("{city", "{place: Rabet, city")) == []


def test_end_time_before_start_means_the_next_day(data):
    data.write("dates/d.yaml", "title: Nachtcafé\nstart: 2026-11-04 22:00\nend: 02:00\n")
    event = data.validate().dataset.events["d"]
    assert event.end.isoformat() == "2026-11-05T02:00:00"


def test_stale_record_is_a_warning_and_fails_only_when_strict(data, capsys):
    data.write("offers/o.yaml", OFFER_HEAD + "last_checked: 2025-01-10\n")
    result = data.validate(stale_after_days=365)
    [p] = result.problems
    assert (p.severity, p.line, p.field, p.rule) == (
        Severity.WARNING, 5, "last_checked", "stale-record")
    assert p.message == "Zuletzt geprüft am 10.01.2025 – das ist über 365 Tage her."
    assert result.dataset is not None  # warnings do not stop the build
    assert data.validate(stale_after_days=700).problems == []


def test_duplicate_taxonomy_id_names_both_lines(data):
    problems = data.problems("categories.yaml", "- id: beratung\n  name: Beratung\n"
                             "- id: netzwerk\n  name: Netzwerk\n- id: beratung\n  name: B\n")
    assert [(p.line, p.field, p.rule, p.message) for p in problems] == [
        (5, "[3].id", "duplicate-id",
         "Die Kennung „beratung“ kommt doppelt vor (Zeile 1 und Zeile 5).")]


def test_bad_file_names(data):
    data.write("offers/Deutsch Kurs.yaml", OFFER_HEAD)
    data.write("offers/kurs.yml", OFFER_HEAD)
    data.write("offers/notizen.txt", "x")
    problems = [(p.path, p.severity, p.rule, p.message, p.hint)
                for p in data.validate().problems]
    assert problems == [
        ("data/offers/Deutsch Kurs.yaml", Severity.ERROR, "bad-file-name",
         "Der Dateiname „Deutsch Kurs.yaml“ ist keine gültige Kennung: nur Kleinbuchstaben, "
         "Ziffern und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss).",
         "Die Datei in „deutsch-kurs.yaml“ umbenennen."),
        ("data/offers/kurs.yml", Severity.ERROR, "file-extension",
         "Die Dateiendung ist .yml, erwartet wird .yaml.",
         "Die Datei in kurs.yaml umbenennen."),
        ("data/offers/notizen.txt", Severity.ERROR, "not-a-data-file",
         "Diese Datei wird nicht gelesen: in data/offers/ gehören nur .yaml-Dateien.",
         "Die Datei verschieben oder löschen."),
    ]


def test_files_that_would_be_left_out_silently_are_errors(data, tmp_path):
    data.write("dates/2027/fest.yaml", "title: T\nstart: 2027-01-01\n")
    data.write("dates/gross.YAML", "title: T\nstart: 2027-01-01\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n")
    (data.root / "data" / "dates" / "link.yaml").symlink_to(secret)
    problems = [(p.path, p.rule, p.message) for p in data.validate().problems]
    assert problems == [
        ("data/dates/2027", "subfolder",
         "Unterordner werden nicht gelesen: alle Dateien gehören direkt in "
         "data/dates/."),
        ("data/dates/gross.YAML", "file-extension",
         "Die Dateiendung ist .YAML, erwartet wird .yaml."),
        ("data/dates/link.yaml", "symlink", "Verknüpfungen (Symlinks) werden nicht gelesen."),
    ]
    assert all("root" not in message for _, _, message in problems)


def test_a_symlink_in_place_of_a_single_data_file_is_an_error_and_not_read(data, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("- [root, x]\n")
    for name in ("ferien.yaml", "synonyms.yaml"):
        (data.root / "data" / name).symlink_to(secret)
    problems = [(p.path, p.rule, p.message) for p in data.validate().problems]
    assert sorted(problems) == [
        (f"data/{name}", "symlink", "Verknüpfungen (Symlinks) werden nicht gelesen.")
        for name in ("ferien.yaml", "synonyms.yaml")]


def test_reference_to_a_record_with_errors_is_not_reported_twice(data):
    data.write("actors/naomi-ev.yaml", "name: Naomi\nkind: verein\nsummary: S.\n")
    result = data.validate()
    assert [(p.path, p.field, p.rule) for p in result.problems] == [
        ("data/actors/naomi-ev.yaml", "kind", "enum")]


def test_records_are_immutable(data):
    dataset = data.validate().dataset
    actor = dataset.actors["qm-ost"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        actor.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        dataset.actors["neu"] = actor  # type: ignore[index]
    assert actor.address.postcode == "04315"


def test_no_data_set_when_there_is_an_error(data):
    data.write("offers/o.yaml", OFFER_HEAD.replace("qm-ost", "gibts-nicht"))
    assert data.validate().dataset is None


def test_a_local_time_that_does_not_exist_is_an_error(data):
    [p] = data.problems("dates/d.yaml", "title: T\nstart: 2027-03-28 02:30\n")
    assert (p.severity, p.line, p.field, p.rule, p.message) == (
        Severity.ERROR, 2, "start", "nonexistent-time",
        "Am 28.03.2027 gibt es die Uhrzeit 02:30 nicht: in dieser "
        "Nacht werden die Uhren auf Sommerzeit vorgestellt.")


def test_a_series_running_into_the_spring_gap_names_the_day(data):
    problems = data.problems("dates/d.yaml", "title: Nachtwanderung\nstart: 2027-03-07 02:15\n"
                             "repeat: {freq: weekly, count: 6}\n")
    assert [(p.severity, p.rule, p.message[:40]) for p in problems] == [
        (Severity.ERROR, "nonexistent-time", "Am 28.03.2027 gibt es die Uhrzeit 02:15 ")]
    excepted = "title: N\nstart: 2027-03-07 02:15\nrepeat: {freq: weekly, count: 6}\n" \
               "except: [2027-03-28]\n"
    assert data.problems("dates/d.yaml", excepted) == []


def test_an_ambiguous_autumn_time_is_a_warning(data):
    [p] = data.problems("dates/d.yaml", "title: T\nstart: 2027-10-03 02:30\n"
                        "repeat: {freq: weekly, until: 2027-11-30}\n")
    assert (p.severity, p.rule, p.message) == (
        Severity.WARNING, "ambiguous-time",
        "Am 31.10.2027 gibt es die Uhrzeit 02:30 zweimal (Ende der "
        "Sommerzeit); gemeint ist die erste, noch in Sommerzeit.")


def test_a_weekly_meeting_at_six_is_fine_across_both_changes(data):
    text = "title: T\nstart: 2027-03-03 18:00\nend: 20:00\nrepeat: {freq: weekly}\n"
    assert data.problems("dates/d.yaml", text) == []


@pytest.mark.parametrize(("text", "field", "rule", "message"), [
    (SERIES + "repeat: {freq: weekly}\nexcept: [2026-11-11]\n"
     "changes: [{date: 2026-11-11, start: \"19:00\"}]\n", "changes[1].date",
     "cancelled-and-changed",
     "Der 11.11.2026 steht auch unter except: der Termin kann nicht zugleich ausfallen und "
     "geändert werden."),
    ("title: T\nstart: 0001-01-01 00:30\n", "start", "year-out-of-range",
     "Das Jahr 1 ist kein sinnvolles Jahr für einen Eintrag."),
    ("title: T\ntranslations: {xx: {title: Y}}\nstart: 2026-11-04 18:00\n", "translations.xx",
     "unknown-language",
     "„xx“ ist kein bekannter Sprachcode nach ISO 639-1."),
])
def test_contradictions_found_in_review(data, text, field, rule, message):
    [p] = data.problems("dates/d.yaml", text)
    assert (p.field, p.rule, p.message) == (field, rule, message)


def test_a_change_on_a_skipped_holiday_takes_place(data):
    data.write("dates/d.yaml", "title: Kuchentafel\nstart: 2026-11-04 15:00\n"
               "repeat: {freq: weekly, skip_holidays: true, count: 4}\n"
               "changes: [{date: 2026-11-18, location: {at: naomi-ev}}]\n")
    from quartier.model import recurrence
    event = data.validate().dataset.events["d"]
    days = [o.day.day for o in recurrence.occurrences(
        event, event.start_day, event.start_day.replace(month=12),
        recurrence.public_holidays("SN", [2026]))]
    assert days == [4, 11, 18, 25]


def test_hints_name_the_data_folder_as_configured(tmp_path):
    """QUARTIER_DATA_PATH may name another folder: hints point into it, not into data/."""
    folder = tmp_path / "daten"
    for name, text in BASE_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "offers").mkdir()
    (folder / "offers" / "o.yaml").write_text(OFFER_HEAD.replace("qm-ost", "qm-os"),
                                              encoding="utf-8")
    [problem] = validate(folder, today=TODAY).problems
    assert problem.path == "daten/offers/o.yaml"
    assert problem.hint.endswith("Vorhandene Kennungen stehen in daten/actors/.")
