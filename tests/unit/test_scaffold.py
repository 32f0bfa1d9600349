"""New records from a title validate; edit links point into each forge's web editor."""

from __future__ import annotations

import pytest

from quartier.contract.plausibility import PLACEHOLDERS
from quartier.tools.repository import Repository
from quartier.tools.scaffold import example, new_record
from support import PROJECT, TODAY


@pytest.mark.parametrize(("kind", "title", "options", "expected_id"), [
    ("date", "Sommerfest im Rabet", {}, "sommerfest-im-rabet-2026-11-28"),
    ("actor", "Verein für Straßenkunst", {"actor_kind": "initiative"},
     "verein-fuer-strassenkunst"),
    ("offer", "Beratung „Wohnen“ für Ältere", {"actor": "naomi-ev", "category": "beratung"},
     "beratung-wohnen-fuer-aeltere"),
])
def test_a_new_record_validates_and_explains_its_fields(data, kind, title, options,
                                                        expected_id):
    record_id, text = new_record(kind, title, today=TODAY, **options)
    assert record_id == expected_id
    folder = {"date": "dates", "actor": "actors", "offer": "offers"}[kind]
    # Valid; only the summary still says what belongs there, until the editor writes it.
    problems = data.problems(f"{folder}/{record_id}.yaml", text)
    assert [(p.rule, p.field, p.is_error) for p in problems] == [
        ("placeholder-text", "summary", False)]
    assert text.startswith(
        "# yaml-language-server: $schema=../../plugins/quartier/contract/schema/")
    assert text.count("\n#") > 8  # a German hint for the fields


def test_a_title_with_quotes_and_colons_stays_one_valid_value(data):
    record_id, text = new_record("date", 'Treffen: "AK Ost" #3', today=TODAY)
    assert not [p for p in data.problems(f"dates/{record_id}.yaml", text) if p.is_error]
    assert data.validate().dataset.events[record_id].title == 'Treffen: "AK Ost" #3'


@pytest.mark.parametrize(("forge", "edit", "new"), [
    ("github", "https://example.org/q/s/edit/main/data/offers/x.yaml",
     "https://example.org/q/s/new/main/data/dates?filename=n.yaml&value=a%3A+1"),
    ("gitlab", "https://example.org/q/s/-/edit/main/data/offers/x.yaml",
     "https://example.org/q/s/-/new/main/data/dates?file_name=n.yaml&content=a%3A+1"),
    ("forgejo", "https://example.org/q/s/_edit/main/data/offers/x.yaml",
     "https://example.org/q/s/_new/main/data/dates"),
])
def test_repository_links(forge, edit, new):
    repo = Repository("https://example.org/q/s/", "main", forge)
    assert repo.edit("data/offers/x.yaml") == edit
    assert repo.new("data/dates", "n.yaml", "a: 1") == new


def test_issue_form_only_on_github():
    assert Repository("https://example.org/q/s", forge="github").issue_form("termin.yml") == (
        "https://example.org/q/s/issues/new?template=termin.yml")
    assert Repository("https://example.org/q/s", forge="gitlab").issue_form("termin.yml") is None


def test_a_title_without_letters_or_digits_gives_no_file():
    with pytest.raises(ValueError, match="keine Kennung"):
        new_record("date", "!!!", today=TODAY)


def test_a_placeholder_in_the_title_stays_text(data):
    record_id, text = new_record("actor", "Club __TODAY__", today=TODAY)
    assert not [p for p in data.problems(f"actors/{record_id}.yaml", text) if p.is_error]
    assert data.validate().dataset.actors[record_id].name == "Club __TODAY__"


def test_date_ids_carry_the_day_and_never_reuse_a_taken_id():
    from quartier.contract.ids import date_id

    assert date_id("Sommerfest im Rabet", "2027-06-12") == "sommerfest-im-rabet-2027-06-12"
    taken = {"fest-2027-06-12", "fest-2027-06-12-2"}
    assert date_id("Fest", "2027-06-12 18:00", taken) == "fest-2027-06-12-3"
    assert date_id("!!!", "2027-06-12") == "termin-2027-06-12"


@pytest.mark.parametrize("kind", ["actor", "offer", "date"])
def test_the_browser_template_is_not_accepted_as_it_is(data, kind):
    """The forge's "new file" page starts from `example()`: its placeholders are warned about,
    and the placeholder id is an unknown actor."""
    folder = {"date": "dates", "actor": "actors", "offer": "offers"}[kind]
    problems = data.problems(f"{folder}/neu.yaml", example(kind, TODAY))
    warned = {p.field for p in problems if p.rule == "placeholder-text"}
    assert {"summary", "title" if kind != "actor" else "name"} <= warned
    if kind == "offer":
        assert "actor" in warned
        assert any(p.rule == "dangling-reference" and p.field == "actor" for p in problems)


def test_the_skeletons_placeholders_are_the_ones_the_validator_knows():
    for kind in ("actor", "offer", "date"):
        text = example(kind, TODAY)
        assert "Neuer Eintrag" in text and "ein Satz, worum es geht" in text
    assert {"Neuer Eintrag", "ein Satz, worum es geht", "kennung-des-anbieters"} <= set(
        PLACEHOLDERS)


@pytest.mark.parametrize("kind", ["actor", "offer", "date"])
def test_the_first_comment_agrees_with_the_browser_guide(kind):
    """The guide tells editors to name the new file; the template must not forbid it."""
    text = example(kind, TODAY)
    assert "nicht ändern: er ist die Kennung" not in text
    assert "Der Dateiname ist die Kennung" in text
    guide = (PROJECT / "docs" / "im-browser-bearbeiten.md").read_text(encoding="utf-8")
    assert "Dateinamen vergeben" in guide
