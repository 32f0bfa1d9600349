"""The editors' safety net (issue #19): the mistakes volunteers really made, typed exactly as
they typed them, each refused or warned about with file, line, field and the fix – never a
page that is silently wrong.
"""

from __future__ import annotations

import re

import pytest

from quartier.contract.problems import format_github, format_text
from quartier.contract.validate import validate
from support import PROJECT, TODAY

OFFER = "title: X\nactor: qm-ost\ncategories: [beratung]\nsummary: S.\n"
DATE = "title: Treffen\nstart: 2026-12-02 18:00\n"


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


# --- the cases of the issue ----------------------------------------------------------------


def test_a_hash_in_a_summary_is_not_a_silent_comment(data):
    text = OFFER.replace("summary: S.", "summary: Treffen im Raum #2 im Erdgeschoss")
    p = only(data.problems("offers/o.yaml", text))
    assert (p.line, p.column, p.field, p.rule, p.is_error) == (4, 10, "summary",
                                                               "comment-in-text", True)
    assert "„#2 im Erdgeschoss“" in p.message and "„Treffen im Raum“" in p.message
    assert 'summary: "Treffen im Raum #2 im Erdgeschoss"' in p.hint


def test_the_same_text_in_quotes_is_shown_whole(data):
    text = OFFER.replace("summary: S.", 'summary: "Treffen im Raum #2 im Erdgeschoss"')
    assert data.problems("offers/o.yaml", text) == []
    assert data.validate().dataset.offers["o"].summary == "Treffen im Raum #2 im Erdgeschoss"


def test_a_comment_after_a_number_loses_nothing(data):
    text = DATE + "repeat:\n  freq: weekly\n  interval: 2 # alle zwei Wochen\n"
    assert data.problems("dates/d.yaml", text) == []


@pytest.mark.parametrize(("text", "line", "column", "field", "place"), [
    # Word's Ctrl+Shift+Space or macOS's Option+Space after the colon
    (OFFER.replace("summary: S.", "summary:\u00a0Treffen am Mittwoch"), 4, 9, "summary",
     "nach dem Doppelpunkt"),
    # … in the indentation of a block
    (OFFER + "contact:\n\u00a0 phone: 0341 123456\n", 6, 1, "contact.phone",
     "in der Einrückung"),
    # … after a list dash
    (OFFER + "languages:\n  -\u00a0de\n", 6, 4, "languages", "nach dem Listenstrich"),
    # … inside a block in braces
    (OFFER + "registration: {required:\u00a0true}\n", 5, 25, "registration",
     "nach dem Doppelpunkt"),
])
def test_a_non_breaking_space_where_yaml_needs_a_space_is_named_at_its_line(
        data, text, line, column, field, place):
    p = only(data.problems("offers/o.yaml", text))
    assert (p.line, p.column, p.field, p.rule) == (line, column, field, "odd-space")
    assert place in p.message and "U+00A0 (geschütztes Leerzeichen)" in p.message


def test_the_rest_of_a_file_with_a_non_breaking_space_is_still_checked(data):
    text = OFFER.replace("summary: S.", "summary:\u00a0Treffen") + "districts: [nirgendwo]\n"
    problems = data.problems("offers/o.yaml", text)
    assert [(p.line, p.rule) for p in problems] == [(4, "odd-space"), (5, "dangling-reference")]


def test_a_non_breaking_space_inside_a_text_is_typography(data):
    text = OFFER.replace("summary: S.", "summary: Eintritt 5\u00a0€, Beginn 18\u00a0Uhr") + (
        "description: |\n  \u00a0Eingerückt mit einem geschützten Leerzeichen.\n")
    assert data.problems("offers/o.yaml", text) == []


def test_a_phone_number_with_a_non_breaking_space_shows_why_it_is_wrong(data):
    p = only(data.problems("offers/o.yaml", OFFER + "contact:\n  phone: 0341\u00a0123456\n"))
    assert (p.line, p.field, p.rule) == (6, "contact.phone", "phone-format")
    assert "gefunden „0341⟨U+00A0⟩123456“" in p.message
    assert p.hint == "Der Wert enthält ein U+00A0 (geschütztes Leerzeichen); richtig ist " \
                     "„0341 123456“."


def test_a_bad_district_beside_a_format_error_is_reported_in_the_same_run(data):
    text = DATE.replace("2026-12-02 18:00", "02.12.2026 18:00") + "districts: [volkmarsdorff]\n"
    problems = data.problems("dates/d.yaml", text)
    assert [(p.line, p.field, p.rule) for p in problems] == [
        (2, "start", "datetime-format"), (3, "districts[1]", "dangling-reference")]
    assert "Meinten Sie „volkmarsdorf“?" in problems[1].hint


def test_a_wrong_field_does_not_hide_the_other_checks_of_the_file(data):
    """A record is built from the valid fields: dates, references and warnings still run."""
    text = DATE + "ende: 20:00\nlast_checked: 2026-02-30\norganizer: naomi-e-v\n" \
                  "description: \"<b>fett</b>\"\n"
    rules = [(p.field, p.rule) for p in data.problems("dates/d.yaml", text)]
    assert rules == [("ende", "unknown-key"), ("last_checked", "invalid-date"),
                     ("organizer", "dangling-reference"), ("description", "markdown-html")]


def test_a_description_over_several_lines_without_a_bar_is_refused(data):
    text = OFFER + "description: Wir bieten an\n  - Beratung\n  - Begleitung zu Ämtern\n"
    p = only(data.problems("offers/o.yaml", text))
    assert (p.line, p.field, p.rule) == (5, "description", "multiline-without-block")
    assert "„|“" in p.hint


def test_a_summary_over_two_lines_is_one_sentence_as_meant(data):
    text = OFFER.replace("summary: S.", "summary: Ein langer Satz,\n  der weitergeht.")
    assert data.problems("offers/o.yaml", text) == []


def test_a_new_date_in_the_past_is_a_warning_an_old_one_is_not(data):
    data.write("dates/fest.yaml", "title: Sommerfest\nstart: 2025-06-14 14:00\n")
    new = validate(data.root / "data", today=TODAY, new_files={"data/dates/fest.yaml"})
    p = only([p for p in new.problems if p.path == "data/dates/fest.yaml"])
    assert (p.line, p.field, p.rule, p.is_error) == (2, "start", "past-date", False)
    assert "14.06.2025" in p.message and "Archiv" in p.message
    assert "# bestätigt: past-date" in p.hint
    old = validate(data.root / "data", today=TODAY, new_files=set())
    assert [p for p in old.problems if p.path == "data/dates/fest.yaml"] == []


def test_a_new_series_that_goes_on_is_not_in_the_past(data):
    data.write("dates/reihe.yaml", "title: T\nstart: 2025-06-04 18:00\n"
                                   "repeat: {freq: weekly}\n")
    result = validate(data.root / "data", today=TODAY, new_files={"data/dates/reihe.yaml"})
    assert not [p for p in result.problems if p.rule == "past-date"]


def test_an_end_before_the_start_is_a_twenty_hour_event_and_says_so(data):
    text = "title: Flohmarkt\nstart: 2026-12-05 14:00\nend: \"10:00\"\n"
    p = only(data.problems("dates/d.yaml", text))
    assert (p.line, p.field, p.rule, p.is_error) == (3, "end", "long-event", False)
    assert p.message == ("Die Endzeit 10:00 liegt vor dem Beginn 14:00 und gilt deshalb für "
                         "den nächsten Tag: der Termin dauert 20 Stunden.")


def test_an_evening_into_the_night_is_no_warning(data):
    assert data.problems("dates/d.yaml", "title: Party\nstart: 2026-12-05 22:00\n"
                                         "end: \"02:00\"\n") == []


def test_a_copied_date_file_is_a_warning(data):
    text = "title: Laternenumzug\nstart: 2026-11-11 17:00\n"
    data.write("dates/laternenumzug.yaml", text)
    data.write("dates/laternenumzug-kopie.yaml", text)
    [p] = [p for p in data.validate().problems if p.rule == "duplicate-record"]
    assert p.field == "title" and not p.is_error
    assert "data/dates/laternenumzug" in p.message and "zweimal" in p.message


def test_a_confirmed_warning_is_silent_and_a_mistyped_confirmation_is_named(data):
    text = "title: Flohmarkt\nstart: 2026-12-05 14:00\nend: \"10:00\"\n"
    assert data.problems("dates/d.yaml", "# bestätigt: long-event\n" + text) == []
    assert data.problems("dates/d.yaml", "# bestaetigt: long-event\n" + text) == []
    problems = data.problems("dates/d.yaml", "# bestätigt: long-events\n" + text)
    assert sorted(p.rule for p in problems) == ["long-event", "unknown-confirmation"]
    unknown = next(p for p in problems if p.rule == "unknown-confirmation")
    assert unknown.line == 1 and "Meinten Sie „long-event“?" in unknown.hint


def test_an_error_cannot_be_confirmed(data):
    text = "# bestätigt: end-before-start\ntitle: T\nstart: 2026-12-05 18:00\n" \
           "end: 2026-12-05 17:00\n"
    rules = sorted(p.rule for p in data.problems("dates/d.yaml", text))
    assert rules == ["end-before-start", "unknown-confirmation"]


@pytest.mark.parametrize(("text", "field", "hint"), [
    (OFFER + "hours: Mo 10–12, Do 14–18\n", "hours",
     'hours: [{days: [mo], from: "10:00", to: "12:00"}, {days: [do], from: "14:00", '
     'to: "18:00"}]'),
    (OFFER + "hours: Mo–Fr 9 bis 12 Uhr\n", "hours",
     'hours: [{days: [mo, di, mi, do, fr], from: "09:00", to: "12:00"}]'),
    (OFFER + "location: {street: Weg 1, city: Leipzig, geo: {lat: 51,3609, lon: 12.4049}}\n",
     "location.geo", "Dezimalzahlen mit Punkt statt Komma schreiben: lat: 51.3609."),
    (OFFER + "location:\n  street: Weg 1\n  city: Leipzig\n  geo:\n    lat: 51,3609\n"
             "    lon: 12.4049\n", "location.geo.lat",
     "Dezimalzahlen mit Punkt statt Komma: 51.3609."),
    (OFFER + "location: {at: bürgertreff-volkmarsdorf}\n", "location.at",
     "Meinten Sie „buergertreff-volkmarsdorf“?"),
    (OFFER + "districts: [Volkmarsdorf]\n", "districts[1]", "Meinten Sie „volkmarsdorf“?"),
    (OFFER + "hours: [{days: [mo], from: \"20:00\", to: \"24:00\"}]\n", "hours[1].to",
     "ein Zeitfenster bis Mitternacht endet um \"23:59\""),
    (DATE + "end: \"24:00\"\n", "end", "end: \"00:00\" „bis Mitternacht“"),
    (OFFER + "hours: [{days: [mo], from: 9:00, to: \"12:00\"}]\n", "hours[1].from",
     "Uhrzeiten immer mit zwei Ziffern und Doppelpunkt: „09:00“."),
])
def test_hints_for_structured_fields_name_the_structure(data, text, field, hint):
    name = "dates/d.yaml" if text.startswith("title: Treffen") else "offers/o.yaml"
    problems = [p for p in data.problems(name, text) if p.field == field]
    assert problems, data.problems(name, text)
    assert hint in problems[0].hint, problems[0].hint
    assert "ak-ost" not in problems[0].hint  # an actor id is no example for a district


# --- the others of their kind: what volunteers copy from a flyer, an e-mail, Word ------------


@pytest.mark.parametrize(("line", "field", "hint"), [
    ("start: 05.12.2026 18 Uhr", "start", "„2026-12-05 18:00“"),
    ("start: 2026-12-05T18:00", "start", "„2026-12-05 18:00“"),
    ("end: 20 Uhr", "end", "„20:00“"),
    ("last_checked: 1.12.2026", "last_checked", "„2026-12-01“"),
    ("status: abgesagt", "status", "Meinten Sie „cancelled“?"),
    ("location: naomi-ev", "location", "location: {at: naomi-ev}"),
    ("repeat: wöchentlich", "repeat", "repeat: {freq: weekly}"),
    ("registration: true", "registration", "registration: {required: true}"),
    ("languages: [Deutsch, Arabisch]", "languages[1]", "Meinten Sie „de“?"),
    ("languages: de, ar", "languages", "[de, ar]"),
    ("contact: {email: info(at)example.org}", "contact.email", "„info@example.org“"),
    ("contact: {email: \"mailto:info@example.org\"}", "contact.email", "„info@example.org“"),
    ("contact: {website: www.example.org}", "contact.website", "„https://www.example.org“"),
    ("contact: {phone: Tel. 0341 123456}", "contact.phone", "„0341 123456“"),
    ("contact: {phone: 0341 123456 (ab 14 Uhr)}", "contact.phone", "„(ab 14 Uhr)“"),
    ("location: {street: Weg 1, postcode: 4315, city: Leipzig}", "location.postcode",
     "„04315“"),
    ("location: {street: Weg 1, postcode: 04315 Leipzig, city: Leipzig}",
     "location.postcode", "„04315“"),
    ("accessibility: {wheelchair: teilweise}", "accessibility.wheelchair",
     "Meinten Sie „partial“?"),
    ("repeat: {freq: weekly, days: [Mittwoch]}", "repeat.days[1]", "Meinten Sie „mi“?"),
])
def test_values_typed_as_people_write_them_get_their_own_spelling_as_the_hint(
        data, line, field, hint):
    base = "title: Treffen\n" if line.startswith("start:") else DATE
    problems = data.problems("dates/d.yaml", base + line + "\n")
    problem = next((p for p in problems if p.field == field), None)
    assert problem is not None, problems
    assert hint in problem.hint, problem.hint


def test_an_actor_kind_in_german(data):
    p = only(data.problems("actors/a.yaml", "name: A\nkind: Verein\nsummary: S.\n"))
    assert p.hint == "Meinten Sie „association“?"


def test_typographic_quotes_are_named_as_the_cause(data):
    text = OFFER.replace("title: X", "title: “Sommerfest: Open Air”")
    p = only(data.problems("offers/o.yaml", text))
    assert p.rule == "yaml-syntax" and "gerade Anführungszeichen" in p.hint


def test_a_hash_inside_braces_is_named_as_the_cause(data):
    p = only(data.problems("offers/o.yaml", OFFER + "location: {street: Weg 1, city: L, "
                                                    "note: Raum #2, Hof}\n"))
    assert p.rule == "yaml-syntax" and "„#“" in p.hint


def test_a_second_file_ending_hidden_by_windows_is_an_error_with_the_new_name(data):
    p = only(data.problems("dates/sommerfest.yaml.txt", DATE))
    assert (p.rule, p.is_error) == ("file-extension", True)
    assert "sommerfest.yaml" in p.hint and ".txt" in p.message


# --- the docs agree with the validator -------------------------------------------------------


def test_the_docs_agree_on_quotes_around_times():
    readme = (PROJECT / "data" / "README.md").read_text(encoding="utf-8")
    fields = (PROJECT / "docs" / "felder.md").read_text(encoding="utf-8")
    assert "Anführungszeichen sind nicht nötig" in readme
    assert "Uhrzeiten in Anführungszeichen" not in fields
    assert "Anführungszeichen um Uhrzeiten sind erlaubt, aber nicht nötig" in fields


def test_the_guide_lists_a_second_file_ending_under_errors_not_warnings():
    guide = (PROJECT / "docs" / "pruefung.md").read_text(encoding="utf-8")
    warnings = guide[guide.index("## Warnungen"):]
    assert ".yaml.txt" in guide[:guide.index("## Warnungen")]
    assert ".yaml.txt" not in warnings


def test_the_guide_says_how_to_confirm_each_confirmable_warning():
    from quartier.contract.plausibility import CONFIRMABLE

    guide = (PROJECT / "docs" / "pruefung.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Eine Warnung bestätigen"):]
    assert "# bestätigt: long-event" in section
    for rule in CONFIRMABLE:
        assert f"`{rule}`" in section, rule


# --- every message German and on its line; the annotations are the text --------------------


def _many_problems(data, n: int = 120):
    """Hundreds of problems with umlauts, quotes and line breaks in the found values."""
    for i in range(n):
        data.write(f"offers/o{i}.yaml", OFFER.replace("title: X", f'title: "Größe\\nÄrger {i}"')
                   .replace("summary: S.", f"summary: Für Mütter #{i} üben") +
                   f"contact: {{phone: Tel. 0341 {i}ü}}\n")
    return data.validate().problems


def test_the_annotations_carry_exactly_the_validators_text(data):
    problems = _many_problems(data)
    assert len(problems) >= 300
    text = format_text(problems).split("\n")
    github = format_github(problems).split("\n")
    notice = github.pop()
    assert notice.startswith("::notice title=Weitere Meldungen::")
    assert len(github) == len(problems)
    heads = [line for line in text if not line.startswith("    Hinweis: ")]
    for annotation, head, p in zip(github, heads, problems, strict=True):
        message = annotation.split("::", 2)[2].replace("%0A", "\n").replace("%0D", "\r") \
            .replace("%25", "%")
        first, _, hint = message.partition("\nHinweis: ")
        assert head.endswith(first)
        assert hint == p.hint
        assert f"file={p.path},line={p.line},col={p.column}," in annotation


def test_no_output_line_starts_with_text_from_a_file(data):
    """A description the form could carry: GitHub reads a line starting with `::` as a command."""
    data.write("offers/o.yaml", OFFER + 'description: "[x](javascript:a\\n::error::y)"\n')
    data.write("offers/p.yaml", OFFER + 'summary2: "a\\n::error::z"\n'
               '"x\\n::warning::k": 1\n')
    problems = data.validate().problems
    assert problems
    for line in format_text(problems).split("\n"):
        assert re.match(r"data/|    Hinweis: ", line), line
    for line in format_github(problems).split("\n"):
        assert re.match(r"::(error|warning|notice) ", line), line
        assert "\n" not in line
