"""The pull request's summary: which records it adds, changes, renames or removes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from quartier.tools.changes import (
    ADDED,
    CHANGED,
    REMOVED,
    RENAMED,
    compare_folders,
    compare_revisions,
    main,
    summary,
)
from quartier.tools.markdown_text import escape_markdown
from support import DataFolder

DATE = "title: Sprachcafé extra\nstart: 2027-03-10 18:00\nend: \"20:00\"\nlocation: {at: qm-ost}\n"
OFFER = ("title: Mieterberatung\nactor: naomi-ev\nsummary: Beratung zu Miete und Nebenkosten.\n"
         "categories: [beratung]\n")


@pytest.fixture
def folders(tmp_path):
    """An old data folder (tmp/old/data) and a copy (tmp/new/data) that a test changes."""
    old = DataFolder(tmp_path / "old")
    old.write("offers/mieterberatung.yaml", OFFER)
    old.write("dates/sprachcafe-extra.yaml", DATE)
    shutil.copytree(tmp_path / "old", tmp_path / "new")


def new_folder(tmp_path) -> DataFolder:
    return DataFolder(tmp_path / "new")  # rewrites the base files unchanged


def as_tuples(comparison):
    return [(c.action, c.kind, c.record_id, c.title, c.fields) for c in comparison.changes]


def test_added_changed_and_removed_records(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("dates/flohmarkt-2027.yaml", "title: Flohmarkt\nstart: 2027-05-01 10:00\n")
    new.write("offers/mieterberatung.yaml", OFFER.replace("Miete und", "Miete, Heizung und")
              + "cost: free\n")
    (new.root / "data" / "actors" / "ak-ost.yaml").unlink()
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    assert as_tuples(comparison) == [
        (REMOVED, "Akteur", "ak-ost", "AK Ost", []),
        (ADDED, "Termin", "flohmarkt-2027", "Flohmarkt", []),
        (CHANGED, "Angebot", "mieterberatung", "Mieterberatung",
         ["Kurzbeschreibung (summary)", "Kosten (cost)"]),
    ]
    assert comparison.changes[1].url == "termine/flohmarkt-2027/"


def test_the_same_values_written_differently(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("dates/sprachcafe-extra.yaml", "# Kommentar\n" + DATE.replace('"20:00"', "20:00"))
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    assert as_tuples(comparison) == [(CHANGED, "Termin", "sprachcafe-extra", "Sprachcafé extra",
                                      ["nur Schreibweise oder Kommentare"])]


def test_a_file_that_cannot_be_read_is_listed_not_fatal(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("dates/sprachcafe-extra.yaml", "title: Sprachcafé: extra\nstart: [\n")
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    (change,) = comparison.changes
    assert (change.action, change.unreadable, change.title) == (CHANGED, True,
                                                                "Sprachcafé extra")
    assert "⚠️ Datei nicht lesbar, siehe Prüfung" in summary(comparison)


def test_taxonomy_entries(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("categories.yaml", "- id: beratung\n  name: Beratung und Hilfe\n"
                                 "- id: kultur\n  name: Kultur\n")
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    assert as_tuples(comparison) == [
        (CHANGED, "Kategorie", "beratung", "Beratung und Hilfe", ["Name (name)"]),
        (ADDED, "Kategorie", "kultur", "Kultur", []),
        (REMOVED, "Kategorie", "netzwerk", "Netzwerk", []),
    ]


def test_files_that_are_no_records(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("README.md", "Anleitung\n")
    new.write("dates/notiz.txt", "x")
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    assert comparison.changes == []
    assert comparison.other_files == ["data/README.md", "data/dates/notiz.txt"]


def test_summary(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("dates/fest.yaml", "title: Fest | <b>laut</b> *mit* @alle\nstart: 2027-05-01\n")
    (new.root / "data" / "offers" / "mieterberatung.yaml").unlink()
    problems = [{"path": "data/dates/fest.yaml", "severity": "error"},
                {"path": "data/dates/fest.yaml", "severity": "warning"}]
    text = summary(compare_folders(tmp_path / "old" / "data", new.root / "data"), problems)
    assert text.splitlines() == [
        "## Änderungen an den Daten",
        "",
        "❌ **Die Prüfung hat 1 Fehler gefunden** (1 Warnung). Die Meldungen stehen unter "
        "„Annotations“ und als Anmerkung an der betroffenen Zeile unter „Files changed“.",
        "",
        "1 Eintrag neu, 1 Eintrag entfernt.",
        "",
        "### Neu",
        "",
        "| Art | Eintrag | Datei | Was |",
        "| --- | --- | --- | --- |",
        "| Termin | Fest \\| \\<b\\>laut\\</b\\> \\*mit\\* @\u2060alle<br>`fest` | "
        "`data/dates/fest.yaml` | Seite: `/termine/fest/`<br>❌ 1 Fehler<br>⚠️ 1 Warnung |",
        "",
        "### Entfernt",
        "",
        "| Art | Eintrag | Datei | Was |",
        "| --- | --- | --- | --- |",
        "| Angebot | Mieterberatung<br>`mieterberatung` | `data/offers/mieterberatung.yaml` | – |",
    ]


def test_summary_without_changes():
    from quartier.tools.changes import Comparison

    assert summary(Comparison([]), []) == (
        "## Änderungen an den Daten\n\n✅ Die Prüfung hat keine Fehler gefunden (0 Warnungen)."
        "\n\nDieser Pull Request ändert keine Einträge unter `data/`.\n")


def test_escape_markdown():
    assert escape_markdown("a|b\n[x](javascript:y) `c` @d") == \
        "a\\|b \\[x\\]\\(javascript:y\\) \\`c\\` @\u2060d"


# --- Between git revisions, as in a pull request -----------------------------------------------


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A repository whose main has a data folder; the branch `pr` is checked out."""
    folder = DataFolder(tmp_path)
    folder.write("dates/sprachcafe-extra.yaml", DATE)
    (tmp_path / "README.md").write_text("Projekt\n", encoding="utf-8")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "Anfang")
    git(tmp_path, "switch", "--quiet", "--create", "pr")
    return folder


def test_changes_between_revisions(repo):
    root = repo.root
    git(root, "mv", "data/dates/sprachcafe-extra.yaml", "data/dates/sprachcafe-maerz.yaml")
    repo.write("dates/sprachcafe-maerz.yaml", DATE.replace("18:00", "18:30"))
    repo.write("offers/mieterberatung.yaml", OFFER)
    (root / "README.md").write_text("Projekt mit Änderung\n", encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "PR")
    # main moves on after the branch was made: that is not the pull request's change
    git(root, "switch", "--quiet", "main")
    repo.write("dates/anderes.yaml", "title: Anderes\nstart: 2027-01-01\n")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "main")
    git(root, "switch", "--quiet", "pr")

    comparison = compare_revisions(root, "main", "HEAD")
    assert as_tuples(comparison) == [  # in the order of the paths
        (RENAMED, "Termin", "sprachcafe-maerz", "Sprachcafé extra", ["Beginn (start)"]),
        (ADDED, "Angebot", "mieterberatung", "Mieterberatung", []),
    ]
    assert comparison.changes[0].old_id == "sprachcafe-extra"
    assert comparison.other_files == ["README.md"]
    text = summary(comparison)
    assert "### Umbenannt (neue Kennung)" in text
    assert "vorher `sprachcafe-extra` – Verweise anderer Einträge anpassen" in text


def test_removed_file_between_revisions(repo):
    (repo.root / "data" / "actors" / "naomi-ev.yaml").unlink()
    git(repo.root, "commit", "--quiet", "--all", "-m", "weg")
    assert as_tuples(compare_revisions(repo.root, "main")) == [
        (REMOVED, "Akteur", "naomi-ev", "Naomi e. V.", [])]


def test_command(repo, capsys):
    repo.write("dates/neu.yaml", "title: Neu\nstart: 2027-01-01\n")
    git(repo.root, "add", "--all")
    git(repo.root, "commit", "--quiet", "-m", "neu")
    problems = repo.root / "probleme.json"
    problems.write_text(json.dumps([]), encoding="utf-8")
    assert main(["--repo", str(repo.root), "--base", "main", "--problems", str(problems)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Änderungen an den Daten\n\n✅ Die Prüfung hat keine Fehler")
    assert "| Termin | Neu<br>`neu` | `data/dates/neu.yaml` | Seite: `/termine/neu/` |" in out


def test_command_with_an_unknown_revision(repo, capsys):
    assert main(["--repo", str(repo.root), "--base", "gibt-es-nicht"]) == 2
    assert capsys.readouterr().err.startswith("Die Änderungen lassen sich nicht ermitteln: git")


def test_command_between_folders(tmp_path, folders, capsys):
    new = new_folder(tmp_path)
    new.write("dates/neu.yaml", "title: Neu\nstart: 2027-01-01\n")
    assert main(["--old", str(tmp_path / "old" / "data"), "--new", str(new.root / "data")]) == 0
    assert "1 Eintrag neu." in capsys.readouterr().out


@pytest.mark.parametrize("content", ["{nicht json", None])
def test_an_unreadable_problems_file_is_said_not_taken_for_no_problems(repo, capsys, content):
    problems = repo.root / "probleme.json"
    if content is not None:
        problems.write_text(content, encoding="utf-8")
    assert main(["--repo", str(repo.root), "--base", "main", "--problems", str(problems)]) == 0
    captured = capsys.readouterr()
    assert "keine Fehler" not in captured.out
    assert captured.err.startswith(f"{problems}: Die Meldungen der Prüfung lassen sich nicht "
                                   "lesen")


def test_the_summary_shows_what_a_change_does_to_the_translations(tmp_path, folders):
    new = new_folder(tmp_path)
    new.write("offers/mieterberatung.yaml", OFFER.replace("Miete und", "Miete, Heizung und")
              .replace("Mieterberatung\n", "Mieterberatung\ntranslations:\n  en:\n"
                       "    title: Tenants' advice\n", 1))
    comparison = compare_folders(tmp_path / "old" / "data", new.root / "data")
    text = summary(comparison, languages=["en", "ar"])
    assert "### Übersetzungen" in text
    # Title and summary of the changed offer: English gains its title; Arabic is unchanged.
    assert "| `en` | 0 → 1 | 0 → 0 | 2 → 1 |" in text
    assert "| `ar` |" not in text
    assert "Übersetzungen" not in summary(compare_folders(tmp_path / "old" / "data",
                                                          tmp_path / "old" / "data"))
