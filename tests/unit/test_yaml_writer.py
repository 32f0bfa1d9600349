"""The YAML writer: files that look like an editor's and read back, through the project's own
loader and schema, as exactly the values that were written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.contract import schema
from quartier.contract.loader import load_bytes
from quartier.tools.yaml_writer import scalar, to_yaml


def read_back(text: str, kind: str = "date"):
    root, problems = load_bytes(text.encode("utf-8"), "x.yaml")
    assert root is not None, [str(p) for p in problems]
    # Bidi controls and zero-width characters are written and read back as they are; the
    # contract refuses them beside reading them (a problem of the text, not of the writing).
    assert [p for p in problems if p.rule != "invisible-character"] == []
    return schema.to_value(root, schema.shape(kind))


# Control characters (but tab and line feed) are refused by the loader wherever they stand;
# everything else is text the contract holds.
CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n"]
TRICKY = ["yes", "no", "No", "on", "off", "y", "n", "null", "NULL", "~", "true", "false", "",
          " ", "04107", "0341 123456", "1080", "18:00", "2027-02-30", "2027-01-01 18:00",
          "1e5", "-1", ".5", "0x1F", "+49", "- Liste", "? Frage", ": x", "x:", "a: b", "a #b",
          "#x", "&anker", "*alias", "!tag", "%YAML", "@all", "`code`", "|", ">", "---", "...",
          "[x]", "{x}", "a, b", "'q'", '"q"', "\\n", "  zwei vorne", "hinten  ", "\ufeffx",
          "\u2028", "a\u2029b", "\ufffe", "\uffff", "\u00a0x", "x\u3000", "\u200d", "\u202e",
          "Straße", "مرحبا", "Привіт", "日本", "🙂👨‍👩‍👧", "\n", "\n\n", "a\n", "\na", " \nb"]
TEXT = st.sampled_from(TRICKY) | st.text(
    alphabet=st.sampled_from(list(":#&*!|>'\"%@`{}[],-?\\~ \n\t\u2028\ufeff")) | st.characters(
        blacklist_categories=("Cs",), blacklist_characters=CONTROLS), max_size=40)


@st.composite
def date_records(draw):
    """Texts of every kind in every place: top level, blocks, lists, lists of blocks."""
    text = draw
    record = {"title": text(TEXT), "start": "2027-03-10 18:00", "summary": text(TEXT),
              "description": text(TEXT), "cost": text(TEXT),
              "categories": text(st.lists(TEXT, max_size=3)),
              "location": {"place": text(TEXT), "street": text(TEXT), "city": text(TEXT)},
              "registration": {"required": text(st.booleans()), "note": text(TEXT)},
              "repeat": {"freq": "weekly", "interval": text(st.integers(-5, 10**12)),
                         "days": text(st.lists(TEXT, max_size=2))},
              # A description first: a literal block right after "- ".
              "changes": [{"description": text(TEXT), "date": text(TEXT),
                           "cancelled": text(st.booleans()), "note": text(TEXT),
                           "location": {"note": text(TEXT)}}
                          for _ in range(text(st.integers(0, 2)))],
              "translations": {"en": {"title": text(TEXT), "description": text(TEXT)}}}
    keys = text(st.lists(st.sampled_from(sorted(record)), unique=True, min_size=1))
    return {key: record[key] for key in keys}


@given(date_records())
@settings(max_examples=400, deadline=None)
def test_any_text_reads_back_as_written(record):
    assert read_back(to_yaml(record, ["Kommentar: mit # und\nzwei Zeilen"])) == record


@given(st.floats(allow_nan=False, allow_infinity=False), st.floats(-90, 90),
       st.integers(-10**20, 10**20), st.booleans())
def test_numbers_and_booleans_read_back(lon, lat, whole, flag):
    actor = {"name": "A", "address": {"city": "Leipzig", "geo": {"lat": lat, "lon": lon}},
             "by_appointment": flag, "people": [{"name": "B", "role": str(whole)}]}
    assert read_back(to_yaml(actor), "actor") == actor
    date = {"title": "T", "repeat": {"freq": "daily", "count": whole}}
    assert read_back(to_yaml(date)) == date


@given(st.lists(st.fixed_dictionaries({"id": TEXT, "name": TEXT, "city": TEXT}), max_size=4))
def test_taxonomy_entries_read_back(entries):
    assert read_back(to_yaml(entries), "districts") == entries


def test_files_look_like_an_editors():
    text = to_yaml({
        "title": "Lesung: „Geschichten“",
        "start": "2027-03-10 18:00",
        "end": "19:30",
        "organizer": "naomi-ev",
        "categories": ["beratung", "netzwerk"],
        "summary": "Autorinnen lesen.",
        "description": "Drei Autorinnen.\n\n- Eintritt frei\n",
        "location": {"place": "Garten", "street": "Eisenbahnstraße 49", "postcode": "04315",
                     "city": "Leipzig", "note": "Eingang über den Hof, zweite Tür links"},
        "registration": {"required": True, "note": "per E-Mail"},
        "accessibility": {"wheelchair": "yes"},
        "repeat": {"freq": "monthly", "days": ["mi"], "week": -1, "until": "2027-12-31"},
        "except": ["2027-05-26"],
        "changes": [{"date": "2027-04-28", "cancelled": True},
                    {"date": "2027-06-30", "start": "2027-06-30 19:00",
                     "location": {"place": "Saal", "city": "Leipzig"}}],
    }, ["Importiert aus kalender.ics", "Hinweis: zwei\nZeilen"])
    assert text == """\
# Importiert aus kalender.ics
# Hinweis: zwei
# Zeilen
title: "Lesung: „Geschichten“"
start: 2027-03-10 18:00
end: 19:30
organizer: naomi-ev
categories: [beratung, netzwerk]
summary: Autorinnen lesen.
description: |
  Drei Autorinnen.

  - Eintritt frei
location:
  place: Garten
  street: Eisenbahnstraße 49
  postcode: "04315"
  city: Leipzig
  note: "Eingang über den Hof, zweite Tür links"
registration: {required: true, note: per E-Mail}
accessibility: {wheelchair: "yes"}
repeat: {freq: monthly, days: [mi], week: -1, until: 2027-12-31}
except: [2027-05-26]
changes:
  - {date: 2027-04-28, cancelled: true}
  - date: 2027-06-30
    start: 2027-06-30 19:00
    location: {place: Saal, city: Leipzig}
"""


@pytest.mark.parametrize(("description", "header"), [
    ("ohne Zeilenende", "|-"), ("mit Zeilenende\n", "|"), ("mit Leerzeilen am Ende\n\n", "|+"),
    ("  eingerückt\n", "|2"), ("\n  nach einer Leerzeile", "|2-"), ("   \nnur Leerzeichen", "|2-"),
])
def test_descriptions_are_literal_blocks_that_keep_their_ending(description, header):
    text = to_yaml({"title": "T", "description": description})
    assert text.startswith(f"title: T\ndescription: {header}\n")
    assert read_back(text)["description"] == description


@pytest.mark.parametrize("description", ["\tTab am Zeilenanfang", "a\r\nb", "a\u2028b", "\n",
                                         ""])
def test_descriptions_no_literal_block_can_hold_are_quoted(description):
    text = to_yaml({"description": description})
    assert text.startswith('description: "')
    assert read_back(text)["description"] == description


def test_control_characters_are_left_for_the_loader_to_name():
    root, problems = load_bytes(to_yaml({"title": "T", "summary": "Steuer\x07zeichen",
                                         "description": "a\x1bb"}).encode(), "x.yaml")
    assert root is None
    assert [(p.line, p.message) for p in problems] == [
        (2, "Unsichtbares Steuerzeichen U+0007 im Text."),
        (4, "Unsichtbares Steuerzeichen U+001B im Text.")]


@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), b"bytes", {1, 2}])
def test_values_the_contract_has_no_form_for_are_refused(value):
    with pytest.raises((TypeError, ValueError)):
        to_yaml({"x": [{"y": value}]})


def test_scalars_unquoted_only_where_they_read_as_themselves():
    assert [scalar(v) for v in ["qm-ost", "Naomi e. V.", "2027-03-10", "18:00", "yes",
                                "04315", "a: b", 3, False, 0.5]] == [
        "qm-ost", "Naomi e. V.", "2027-03-10", "18:00", '"yes"', '"04315"', '"a: b"', "3",
        "false", "0.5"]
