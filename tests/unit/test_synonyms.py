"""data/synonyms.yaml: groups of single words for the search, checked like every data file."""

from __future__ import annotations

import pytest


def test_groups_are_read_in_file_order(data):
    data.write("synonyms.yaml", "- [Sprechstunde, Sprechzeit]\n- [Kita, Kindergarten]\n")
    result = data.validate()
    assert not result.errors
    assert result.dataset.synonyms == (("Sprechstunde", "Sprechzeit"), ("Kita", "Kindergarten"))


def test_the_file_is_optional(data):
    assert data.validate().dataset.synonyms == ()


def test_a_word_in_two_groups_names_both_lines(data):
    problems = data.problems("synonyms.yaml", "- [Amt, Behörde]\n- [Kita, Kindergarten]\n"
                                              "- [behörde, Verwaltung]\n")
    assert [(p.line, p.column, p.field) for p in problems] == [(3, 4, "[3][1]")]
    assert "„behörde“ steht schon in Zeile 1" in problems[0].message
    assert "zusammenfassen" in problems[0].hint


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- [Sprechstunde]\n", 1, "mindestens 2 Einträge"),
    ("- [Kita, Kita]\n", 1, "„Kita“ steht doppelt"),
    ("- [Kita, Kinder garten]\n", 1, "einzelnes Wort"),
    ("- Kita\n", 1, "erwartet eine Liste"),
    ("- {words: [Kita, Kindergarten]}\n", 1, "erwartet eine Liste"),
    ("Kita: Kindergarten\n", 1, "erwartet eine Liste"),
])
def test_mistakes_get_a_german_message_with_line(data, text, line, message):
    problems = data.problems("synonyms.yaml", text)
    assert problems and problems[0].line == line
    assert message in problems[0].message, problems
    assert data.validate().dataset is None


def test_the_demo_ships_the_groups_of_the_issue():
    from quartier.contract.validate import validate
    from support import PROJECT, TODAY

    groups = validate(PROJECT / "data", today=TODAY).dataset.synonyms
    assert {"Sprechstunde", "Sprechzeit", "Beratungszeit"} <= set(groups[0])
    assert any({"Kita", "Kindergarten", "Kindertagesstätte"} <= set(g) for g in groups)
    assert any({"Amt", "Behörde"} <= set(g) for g in groups)
