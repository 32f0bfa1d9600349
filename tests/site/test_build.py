"""`invoke build`: a site comes out, and a failing build leaves the previous one alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support import EPOCH, build, copy_project, invoke


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project that these tests may break and repair."""
    return copy_project(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def built(project) -> Path:
    return build(project)


def test_demo_site_builds(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de" dir="ltr">' in index
    assert "Demo: Alle Einträge sind erfunden" in index
    assert (built / "neuigkeiten" / "verfuegungsfonds-2027-aufruf" / "index.html").exists()
    assert not list(built.parent.glob(".output-*")), "staging folders must be cleaned up"


def test_build_with_data_errors_fails_and_keeps_the_previous_site(project, built):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    broken = project / "data" / "offers" / "kaputt.yaml"
    broken.write_text("title: X\nactor: qm-gibts-nicht\nsummary: S.\ncategories: [beratung]\n",
                      encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        broken.unlink()
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "data/offers/kaputt.yaml:2:8: actor: Unbekannte Kennung „qm-gibts-nicht“" in output
    assert "Traceback" not in output
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".output-*"))


def test_template_error_fails_the_build(project, built):
    template = project / "theme" / "templates" / "index.html"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("{% endblock %}", "{{ missing.attribute.x }}"
                                         "{% endblock %}"), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        template.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert (built / "index.html").exists()


@pytest.mark.parametrize(("written", "wrong", "message"), [
    ('QUARTIER_LANGUAGES = ["de", "en",', 'QUARTIER_LANGUAGES = ["de", "english",',
     "pelicanconf.py: QUARTIER_LANGUAGES: „english“ ist keine bekannte Sprache"),
    ("QUARTIER_STALE_AFTER_DAYS = 365", "QUARTIER_STALE_AFTER_DAY = 365",
     "pelicanconf.py: QUARTIER_STALE_AFTER_DAY ist keine bekannte Einstellung. Hinweis: "
     "Meinten Sie „QUARTIER_STALE_AFTER_DAYS“?"),
    ("QUARTIER_DEMO = True", 'QUARTIER_DEMO = "ja"',
     "pelicanconf.py: QUARTIER_DEMO: erwartet True oder False, gefunden „ja“."),
])
def test_a_wrong_setting_fails_in_german(project, built, written, wrong, message):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    settings = project / "pelicanconf.py"
    original = settings.read_text(encoding="utf-8")
    assert written in original
    settings.write_text(original.replace(written, wrong), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        settings.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert message in output
    assert "Traceback" not in output
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


def test_an_unchanged_site_is_not_built_again(project, built):
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    done = invoke(project, "build")
    assert done.returncode == 0
    assert "Nichts geändert seit dem letzten Build" in done.stdout
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()} == before
    news = project / "content" / "news" / "ak-ost-neue-orte-2027.md"
    original = news.read_text(encoding="utf-8")
    news.write_text(original.replace("Title: ", "Title: Neu: ", 1), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        news.write_text(original, encoding="utf-8")
    assert done.returncode == 0 and "Fertig:" in done.stdout
    assert "Neu: AK Ost" in (built / "index.html").read_text(encoding="utf-8")


SUMMARY = re.compile(r"Fertig: [\d.]+ Dateien geschrieben, [\d.]+ übernommen, \d+,\d s\n")


def _build_on_a_terminal(project: Path) -> tuple[str, str]:
    """`invoke build` with standard error on a pseudo terminal, as in an editor's shell."""
    main, terminal = os.openpty()
    read: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal's other end is closed
                return
            if not chunk:
                return
            read.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=project,
                              env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), stderr=terminal,
                              stdout=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(main)
    assert done.returncode == 0, b"".join(read).decode()
    return done.stdout, b"".join(read).decode().replace("\r\n", "\n")


def test_a_terminal_sees_the_phases_and_every_log_the_summary(project, built):
    news = project / "content" / "news" / "ak-ost-neue-orte-2027.md"
    original = news.read_text(encoding="utf-8")
    news.write_text(original.replace("Title: ", "Title: Neu3: ", 1), encoding="utf-8")
    try:
        stdout, terminal = _build_on_a_terminal(project)
        again = invoke(project, "build")  # unchanged
    finally:
        news.write_text(original, encoding="utf-8")
    assert "Daten geprüft:" in terminal and "Site-Modell gebaut:" in terminal
    for language in ("Deutsch", "English", "العربية", "Українська", "Русский", "Türkçe"):
        assert re.search(rf"\] [\d.]+ Seiten \({language}\) geschrieben\n", terminal), language
        assert f"Suchindex ({language}):" in terminal
    files = f"{sum(len(names) for _, _, names in os.walk(built)):,}".replace(",", ".")
    assert SUMMARY.fullmatch(stdout.splitlines(keepends=True)[-1])
    assert f"Fertig: {files} Dateien geschrieben, 0 übernommen, " in stdout
    # Unchanged: nothing written, every file kept, and again the summary as the last line.
    assert SUMMARY.fullmatch(again.stdout.splitlines(keepends=True)[-1])
    assert f"Fertig: 0 Dateien geschrieben, {files} übernommen, " in again.stdout


def test_pelicans_english_lines_stay_out_of_the_log(project, built):
    """„WARNING Feeds generated without SITEURL…“ and „Done: Processed …“ reached the editors'
    terminal and the pull request's log; the build says in German what it did."""
    news = project / "content" / "news" / "ak-ost-neue-orte-2027.md"
    original = news.read_text(encoding="utf-8")
    news.write_text(original.replace("Title: ", "Title: Neu2: ", 1), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        news.write_text(original, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    for english in ("WARNING", "Feeds generated", "Done: Processed", "Generating"):
        assert english not in output
    assert SUMMARY.fullmatch(done.stdout.splitlines(keepends=True)[-1])
    assert "Schreibe" not in output and "Seiten (" not in output  # no terminal, no phases


def test_a_template_error_is_named_in_german_words(project, built):
    template = project / "theme" / "templates" / "index.html"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("{% endblock %}", "{{ missing.attribute.x }}"
                                         "{% endblock %}"), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        template.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert "Fehler beim Bauen der Website (Pelican):" in done.stderr
    assert "'missing' is undefined" in done.stderr
    assert "Build fehlgeschlagen; output/ ist unverändert." in done.stderr
