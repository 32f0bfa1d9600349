"""New and changed data files from git: the past-date warning, and the annotations' order."""

from __future__ import annotations

import os
import subprocess

import pytest

from quartier.tools import cli
from quartier.tools.git_files import added_files, changed_files, default_base
from support import DataFolder

PAST = "title: Sommerfest\nstart: 2025-06-14 14:00\n"


def _git(root, *args: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env=os.environ | identity)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with the base data committed on `main`, checked out on a branch."""
    for name in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
                 "CI_COMMIT_TARGET_BRANCH"):
        monkeypatch.delenv(name, raising=False)
    data = DataFolder(tmp_path)
    data.write("dates/alt.yaml", PAST.replace("Sommerfest", "Altes Fest"))
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _git(tmp_path, "switch", "-q", "-c", "aenderung")
    return data


def test_files_not_committed_yet_are_new(repo):
    repo.write("dates/neu.yaml", PAST)
    assert added_files(repo.root / "data") == {"data/dates/neu.yaml"}


def test_files_added_on_the_branch_are_new_against_its_base(repo):
    repo.write("dates/neu.yaml", PAST)
    repo.write("dates/alt.yaml", PAST.replace("Sommerfest", "Altes Fest, geändert"))
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", "neu")
    assert added_files(repo.root / "data") == frozenset()  # against HEAD: nothing new
    assert added_files(repo.root / "data", "main") == {"data/dates/neu.yaml"}
    assert changed_files(repo.root / "data", "main") == {"data/dates/neu.yaml",
                                                         "data/dates/alt.yaml"}


def test_a_renamed_file_is_not_new(repo):
    _git(repo.root, "mv", "data/dates/alt.yaml", "data/dates/altes-fest.yaml")
    _git(repo.root, "commit", "-q", "-m", "umbenannt")
    assert added_files(repo.root / "data", "main") == frozenset()


def test_the_pull_requests_target_branch_is_the_base(monkeypatch):
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    assert default_base() == "origin/main"


def test_outside_a_repository_nobody_knows(tmp_path):
    data = DataFolder(tmp_path)
    assert added_files(data.root / "data") is None


def test_the_validator_warns_about_a_new_past_date_only(repo, capsys):
    (repo.root / "pelicanconf.py").write_text("", encoding="utf-8")
    repo.write("dates/neu.yaml", PAST)
    code = cli.main(["--data", str(repo.root / "data"), "--config",
                     str(repo.root / "pelicanconf.py")])
    out = capsys.readouterr().out
    assert code == 0
    assert "data/dates/neu.yaml:2:8: Warnung: start: Der Termin liegt in der Vergangenheit" \
        in out
    assert "data/dates/alt.yaml" not in out


def test_the_changed_files_problems_come_first_in_the_annotations(repo, capsys):
    (repo.root / "pelicanconf.py").write_text("", encoding="utf-8")
    repo.write("offers/a-alt.yaml", "title: X\nactor: nirgends\nsummary: S.\n"
                                    "categories: [beratung]\n")
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", "alter Fehler")
    _git(repo.root, "branch", "-f", "main")
    repo.write("offers/z-neu.yaml", "title: X\nactor: niemand\nsummary: S.\n"
                                    "categories: [beratung]\n")
    cli.main(["--data", str(repo.root / "data"), "--config",
              str(repo.root / "pelicanconf.py"), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "::error file=data/offers/z-neu.yaml", "::error file=data/offers/a-alt.yaml"]
