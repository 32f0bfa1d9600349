"""Field checks: the contract's scalar rules and the schema, with exact German messages."""

from __future__ import annotations

import pytest

from quartier.contract import schema
from quartier.contract.loader import load_bytes

OFFER_HEAD = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\n"


def typed(kind: str, text: str):
    root, problems = load_bytes(text.encode(), "x.yaml")
    assert problems == []
    return schema.to_value(root, schema.shape(kind))


def test_scalars_are_typed_by_the_schema_not_by_yaml_1_1():
    value = typed("date", """\
title: 2026
start: 2026-11-05 18:00
end: 20:00
location: {street: Am Markt 1, postcode: 04107, city: Leipzig, geo: {lat: 51.3, lon: 12}}
repeat: {freq: weekly, interval: 2, skip_holidays: true}
accessibility: {wheelchair: yes, note: no}
contact: {phone: 0341 123456}
""")
    assert value["title"] == "2026"
    assert value["start"] == "2026-11-05 18:00"
    assert value["end"] == "20:00"  # YAML 1.1 would say 1200
    assert value["location"]["postcode"] == "04107"  # YAML 1.1 would say 2119 (octal)
    assert value["location"]["geo"] == {"lat": 51.3, "lon": 12.0}
    assert value["repeat"] == {"freq": "weekly", "interval": 2, "skip_holidays": True}
    assert value["accessibility"] == {"wheelchair": "yes", "note": "no"}
    assert value["contact"]["phone"] == "0341 123456"


def test_quoted_numbers_stay_text_and_fail_where_a_number_is_needed(data):
    problems = data.problems("dates/t.yaml", "title: T\nstart: 2026-11-04 18:00\n"
                             "repeat: {freq: weekly, interval: \"2\"}\n")
    assert [(p.line, p.field, p.rule, p.message) for p in problems] == [
        (3, "repeat.interval", "wrong-type", "erwartet eine ganze Zahl, gefunden „2“.")]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("dates/ak-ost.yaml", "title: AK Ost\n\n\n\n\n\n\n\n\n\n\nstart: 5.11.\n",
     (12, 8, "start", "datetime-format",
      "erwartet ein Datum mit Uhrzeit wie 2026-11-05 18:00 (ganztägig: "
      "2026-11-05), gefunden „5.11.“.")),
    ("offers/o.yaml", OFFER_HEAD + "by_appointment: yes\n",
     (5, 17, "by_appointment", "wrong-type", "erwartet true oder false, gefunden „yes“.")),
    ("offers/o.yaml", OFFER_HEAD + "registration: {required: on}\n",
     (5, 26, "registration.required", "wrong-type", "erwartet true oder false, gefunden „on“.")),
    ("offers/o.yaml", OFFER_HEAD.replace("summary: S.\n", ""),
     (1, 1, "summary", "missing-field", "Das Pflichtfeld „summary“ fehlt.")),
    ("offers/o.yaml", OFFER_HEAD.replace("summary: S.", "summary: " + "x" * 201),
     (3, 10, "summary", "too-long", "Der Text ist 201 Zeichen lang, erlaubt sind höchstens 200.")),
    ("offers/o.yaml", OFFER_HEAD.replace("[beratung]", "[]"),
     (4, 13, "categories", "too-few-items", "Die Liste ist leer.")),
    ("offers/o.yaml", OFFER_HEAD.replace("[beratung]", "beratung"),
     (4, 13, "categories", "wrong-type", "erwartet eine Liste, gefunden „beratung“.")),
    ("offers/o.yaml", OFFER_HEAD.replace("title: X", "title:"),
     (1, 7, "title", "empty-value", "Das Feld ist leer.")),
    ("offers/o.yaml", OFFER_HEAD + "location: {street: Weg 1, postcode: 4315, city: Leipzig}\n",
     (5, 37, "location.postcode", "postcode-format",
      "erwartet eine fünfstellige Postleitzahl wie 04315, gefunden „4315“.")),
    ("offers/o.yaml", OFFER_HEAD + "location: {at: naomi-ev, note: Hof}\n",
     (5, 26, "location.note", "unknown-key", "Unbekanntes Feld „note“.")),
    ("offers/o.yaml", OFFER_HEAD + "hours:\n  - {days: [di], from: 9:30, to: \"12:00\"}\n",
     (6, 24, "hours[1].from", "time-format",
      "erwartet eine Uhrzeit wie 09:30 oder 18:00, gefunden „9:30“.")),
    ("offers/o.yaml", OFFER_HEAD + "hours:\n  - {days: [dienstag], from: 09:30, to: 12:00}\n",
     (6, 13, "hours[1].days[1]", "enum",
      "erwartet einen dieser Werte: mo, di, mi, do, fr, sa, so; gefunden „dienstag“.")),
    ("offers/o.yaml", OFFER_HEAD + "accessibility: {wheelchair: ja}\n",
     (5, 29, "accessibility.wheelchair", "enum",
      "erwartet einen dieser Werte: yes, partial, no, unknown; gefunden „ja“.")),
    ("offers/o.yaml", OFFER_HEAD + "contact: {website: www.example.org}\n",
     (5, 20, "contact.website", "url-format", "erwartet eine vollständige Webadresse wie "
      "https://www.example.org, gefunden „www.example.org“.")),
    ("offers/o.yaml", OFFER_HEAD + "contact: {links: [{label: X, url: \"javascript:alert(1)\"}]}\n",
     (5, 35, "contact.links[1].url", "url-format", "erwartet eine vollständige Webadresse wie "
      "https://www.example.org, gefunden „javascript:alert(1)“.")),
    ("offers/o.yaml", OFFER_HEAD + "location: {street: Weg 1, postcode: 04315, city: Leipzig, "
     "geo: {lat: 91, lon: 12}}\n",
     (5, 70, "location.geo.lat", "out-of-range",
      "Der Wert muss höchstens 90 sein, gefunden „91“.")),
    ("offers/o.yaml", OFFER_HEAD + "translations: {english: {title: X}}\n",
     (5, 16, "translations", "language-format",
      "erwartet einen zweibuchstabigen Sprachcode wie de, en oder ar, "
      "gefunden „english“.")),
    ("offers/o.yaml", OFFER_HEAD + "people: [{role: x}]\n",
     (5, 1, "people", "unknown-key", "Unbekanntes Feld „people“.")),
    ("offers/o.yaml", OFFER_HEAD + "summary2: S.\n",
     (5, 1, "summary2", "unknown-key", "Unbekanntes Feld „summary2“.")),
    ("actors/a.yaml", "name: X\nkind: verein\nsummary: S.\n",
     (2, 7, "kind", "enum", "erwartet einen dieser Werte: association, initiative, institution, "
      "office, network, business, project; gefunden „verein“.")),
    ("actors/a.yaml", "name: X\nkind: network\nsummary: S.\n"
     "moderation: [{role: Leitung (Amt für Jugend, Familie und Bildung)}]\n",
     (4, 46, "moderation[1]", "unknown-key",
      "„Familie und Bildung)“ steht als eigenes Feld da – vermutlich "
      "trennt ein Komma einen Text innerhalb von { … }.")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\nstatus: abgesagt\n",
     (3, 9, "status", "enum", "erwartet einen dieser Werte: scheduled, cancelled, postponed; "
      "gefunden „abgesagt“.")),
    ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\nrepeat: {freq: weekly, days: [mi, mi]}\n",
     (3, 30, "repeat.days", "duplicate-item", "„mi“ steht doppelt in der Liste.")),
    ("categories.yaml", "- id: Beratung\n  name: Beratung\n",
     (1, 7, "[1].id", "id-format",
      "erwartet eine Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen, "
      "gefunden „Beratung“.")),
])
def test_field_problem(data, name, text, expected):
    problems = data.problems(name, text)
    assert [(p.line, p.column, p.field, p.rule, p.message) for p in problems] == [expected]
    assert problems[0].hint


def test_misspelt_key_is_unknown_and_the_required_one_missing(data):
    problems = data.problems("offers/o.yaml", OFFER_HEAD.replace("title: X", "titel: X"))
    assert [(p.line, p.field, p.rule, p.message, p.hint) for p in problems] == [
        (1, "titel", "unknown-key", "Unbekanntes Feld „titel“.", "Meinten Sie „title“?"),
        (1, "title", "missing-field", "Das Pflichtfeld „title“ fehlt.",
         "Eine Zeile „title: …“ ergänzen."),
    ]


def test_boolean_hint_names_the_words_that_do_not_count(data):
    [p] = data.problems("offers/o.yaml", OFFER_HEAD + "by_appointment: no\n")
    assert p.rule == "wrong-type"
    assert p.hint == "Nur true (ja) oder false (nein) schreiben; yes, no, on und off gelten nicht."


def test_all_problems_of_a_file_are_reported_at_once(data):
    problems = data.problems("offers/o.yaml", "titel: X\nactor: qm-ost\ncategories: beratung\n"
                             "by_appointment: ja\n")
    assert [(p.line, p.field, p.rule) for p in problems] == [
        (1, "summary", "missing-field"), (1, "titel", "unknown-key"),
        (1, "title", "missing-field"), (3, "categories", "wrong-type"),
        (4, "by_appointment", "wrong-type")]


@pytest.mark.parametrize(("name", "text", "hint"), [
    ("offers/o.yaml", "- title: X\n",
     "Eine Datei beschreibt genau einen Eintrag: die Felder ohne „- “ davor an den "
     "Zeilenanfang schreiben."),
    ("offers/o.yaml", OFFER_HEAD + 'location: {street: W 1, city: L, geo: "51.3, 12.4"}\n',
     "Beispiel: {lat: 51.3456, lon: 12.4049}"),
    ("dates/d.yaml", "title: T\nstart: 2026-11-05 18:00\nrepeat: weekly\n",
     "Die Wiederholung ist ein Block: repeat: {freq: weekly}."),
    ("dates/d.yaml", "title: T\nstart: 2026-11-05 18:00\nrepeat: alle paar Tage\n",
     "Beispiel: {freq: monthly, interval: 2, days: [mi], week: 2}"),
])
def test_a_block_written_as_something_else_gets_an_example(data, name, text, hint):
    [p] = data.problems(name, text)
    assert p.rule == "wrong-type" and p.hint == hint
    assert p.message.startswith("erwartet einen Block mit Feldern")
