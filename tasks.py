"""Tasks for people and CI: `invoke validate | build | serve | test`.

`invoke --list` shows them. Each one is a thin wrapper around a plain command,
so CI systems without invoke can run the same steps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from invoke import Argument, Exit, Task, task

from quartier.buildkit.fingerprint import fingerprint
from quartier.buildkit.progress import summary
from quartier.settings import Settings, SettingsError, settings_from_file, today
from quartier.tools import translations as tr
from quartier.tools.ics_import import Importer
from quartier.tools.ics_places import actor_addresses
from quartier.tools.scaffold import KINDS, new_record

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PY = sys.executable


def _config(publish: bool) -> Path:
    return ROOT / ("publishconf.py" if publish else "pelicanconf.py")


def _run(*args: str | Path) -> int:
    """Run a command with this terminal (or CI log) as its output; its exit status.

    Not `c.run`: invoke reads a command's output in chunks of 1000 bytes and decodes each on
    its own, so a German umlaut split between two chunks came out as „n��hen“ – in the
    editor's terminal and in the pull request's annotations alike. A command that writes to
    our own stdout and stderr passes every byte through unchanged (and knows whether it
    writes to a terminal).
    """
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=False).returncode


@task(help={
    "format": "text (Standard), github (Anmerkungen im Pull Request) oder json",
    "strict": "Warnungen (z. B. lange nicht geprüfte Einträge) als Fehler werten",
})
def validate(c, format="text", strict=False):
    """Prüft alle Dateien unter data/ und meldet jedes Problem mit Datei, Zeile und Feld."""
    code = _run(PY, "-m", "quartier", "validate", "--config", ROOT / "pelicanconf.py",
                "--format", format, *(["--strict"] if strict else []))
    if code:
        raise Exit(code=code)


@task(help={"publish": "build with publishconf.py (the public SITEURL)"})
def build(c, publish=False):
    """Build the site into output/; a failed build leaves the previous output/ untouched.

    Pelican writes into a fresh folder next to output/, which replaces output/
    only when the build succeeded. SOURCE_DATE_EPOCH, when set, fixes "today".
    """
    started = time.monotonic()
    stamp_file = ROOT / "cache" / "build-fingerprint"
    stamp = _build_fingerprint(publish)
    if OUTPUT.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        print("Nichts geändert seit dem letzten Build: output/ ist aktuell.")
        print(summary(0, _files(OUTPUT), time.monotonic() - started))
        return
    staging = Path(tempfile.mkdtemp(prefix=".output-new-", dir=ROOT))
    # Pelican's own English log lines are kept out by plugins/quartier_data (its errors stay).
    code = _run(PY, "-m", "pelican", ROOT / "content", "-s", _config(publish), "-o", staging,
                "--fatal", "errors")
    if code:
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit("Build fehlgeschlagen; output/ ist unverändert.", code=code)
    old = None
    if OUTPUT.exists():
        old = Path(tempfile.mkdtemp(prefix=".output-old-", dir=ROOT))
        OUTPUT.rename(old / "output")
    staging.rename(OUTPUT)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    stamp_file.parent.mkdir(exist_ok=True)
    stamp_file.write_text(stamp)
    # Every file is written anew: nothing is taken over from the last output yet.
    print(summary(_files(OUTPUT), 0, time.monotonic() - started))


def _files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _settings(config: Path | None = None) -> Settings:
    """The checked settings of pelicanconf.py (or `config`); their problems stop the task."""
    try:
        return settings_from_file(config or ROOT / "pelicanconf.py")
    except SettingsError as error:
        raise Exit(str(error)) from None


def _build_fingerprint(publish: bool) -> str:
    """What the build reads, and the build date: equal fingerprints give equal sites."""
    config = _config(publish)
    settings = _settings(config)
    when = os.environ.get("SOURCE_DATE_EPOCH") or today(settings.timezone).isoformat()
    return fingerprint(
        ROOT, [ROOT / "content", Path(settings.data_path), ROOT / "theme", ROOT / "plugins",
         ROOT / "pelicanconf.py", config],
        when, os.environ.get("SITEURL", ""), str(publish))


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build the demo site and serve it on http://127.0.0.1:PORT/."""
    build(c)
    print(f"Die Seite ist unter http://127.0.0.1:{port}/ erreichbar (Strg+C beendet).")
    c.run(f'"{PY}" -m pelican --listen -o "{OUTPUT}" -b 127.0.0.1 -p {port} '
          f'-s "{_config(False)}"', pty=False)


@task(help={
    "file": "die .ics-Datei, die übernommen werden soll",
    "out": "Ordner für die neuen Termindateien (Standard: data/dates)",
    "city": "Ort für Termine, deren Adresse im Kalender keine Postleitzahl und keinen Ort hat",
})
def import_ics(c, file, out="data/dates", city=None):
    """Macht aus einer iCalendar-Datei Termindateien und sagt je Termin, was nicht ging."""
    source = Path(file)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise Exit(f"Die Datei „{file}“ gibt es nicht. Bitte den Pfad prüfen (z. B. "
                   "invoke import-ics Downloads/kalender.ics).") from None
    except OSError as error:
        raise Exit(f"Die Datei „{file}“ lässt sich nicht lesen ({error.strerror}).") from None
    folder = ROOT / out if not Path(out).is_absolute() else Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    settings = _settings()
    written = 0
    importer = Importer(settings.timezone, city,
                        actors=actor_addresses(Path(settings.data_path)),
                        today=today(settings.timezone))
    imported, failed = importer.calendar(data)
    for problem in failed:
        print(f"{source}: {problem}")
    for item in imported:
        target = folder / f"{item.id}.yaml"
        if target.exists():
            print(f"{target}: gibt es schon, nicht überschrieben.")
            continue
        target.write_text(item.yaml(source.name), encoding="utf-8")
        written += 1
        for note in item.notes:
            print(f"{target}: {note}")
    print(f"{written} Termine geschrieben. Bitte mit `invoke validate` prüfen und "
          "organizer, categories und districts ergänzen.")


def _new(task_name: str, kind: str, title: str, **options) -> None:
    if title in ("--help", "-h"):  # `invoke new-actor --help` hands "--help" over as the title
        raise Exit(code=_run(PY, "-m", "invoke", "--help", task_name))
    if title.startswith("-"):
        raise Exit(f"„{title}“ ist kein Titel; es wurde nichts angelegt. Beispiel: "
                   f'invoke {task_name} "Titel des Eintrags" (alle Angaben: invoke --help '
                   f"{task_name}).")
    settings = _settings()
    try:
        record_id, text = new_record(kind, title, today=today(settings.timezone), **options)
    except ValueError as err:
        raise Exit(str(err)) from None
    target = Path(settings.data_path) / KINDS[kind] / f"{record_id}.yaml"
    if target.exists():
        raise Exit(f"{target.relative_to(ROOT)} gibt es schon; bitte einen anderen Titel wählen.")
    target.write_text(text, encoding="utf-8")
    print(f"{target.relative_to(ROOT)} angelegt. Bitte ausfüllen und mit `invoke validate` "
          "prüfen.")


@task(help={"title": "Name des Akteurs", "kind": "association (Verein), initiative, "
            "institution (Einrichtung), office (Verwaltung/QM), network (Netzwerk), business "
            "(Gewerbe) oder project"})
def new_actor(c, title, kind="association"):
    """Legt eine neue Akteursdatei aus dem Namen an, mit einem Hinweis zu jedem Feld."""
    _new("new-actor", "actor", title, actor_kind=kind)


@task(help={"title": "Titel des Angebots", "actor": "Kennung des Akteurs, der es anbietet",
            "category": "Kennung einer Kategorie"})
def new_offer(c, title, actor, category):
    """Legt eine neue Angebotsdatei aus dem Titel an, mit einem Hinweis zu jedem Feld."""
    _new("new-offer", "offer", title, actor=actor, category=category)


@task(help={"title": "Titel des Termins"})
def new_date(c, title):
    """Legt eine neue Termindatei aus dem Titel an (in einer Woche, 18 Uhr), mit Hinweisen."""
    _new("new-date", "date", title)


@task(help={"target": "rsync destination, e.g. user@host:/var/www/stadtteil (or "
            "QUARTIER_PUBLISH_TARGET in publishconf.py)"})
def publish(c, target=None):
    """Build with publishconf.py and copy output/ to an own server with rsync."""
    target = target or _settings(ROOT / "publishconf.py").publish_target
    if not target:
        raise Exit("Kein Ziel: invoke publish --target user@host:/pfad")
    build(c, publish=True)
    c.run(f'rsync -rtvz --delete --checksum "{OUTPUT}/" "{target}"', pty=False)


POT = ROOT / "theme" / "translations" / "messages.pot"
#: Babel's keywords besides gettext's own: `_n` (plural) and `mark` (ids translated later).
EXTRACT_KEYWORDS = "-k _n:1,2 -k mark"


@task
def i18n(c):
    """Extract the UI strings into messages.pot and add new ones to every language's catalog."""
    c.run(f'"{PY}" -m babel.messages.frontend extract -F "{ROOT / "babel.cfg"}" '
          f'{EXTRACT_KEYWORDS} --no-location --sort-output --project "district site" '
          f'-o "{POT}" "{ROOT}"', pty=False)
    # No fuzzy matching: a guessed translation would be marked fuzzy and then ignored anyway.
    for catalog in sorted(POT.parent.glob("*/LC_MESSAGES/messages.po")):
        c.run(f'"{PY}" -m babel.messages.frontend update -i "{POT}" -o "{catalog}" '
              f'-l {catalog.parents[1].name} --no-fuzzy-matching --ignore-obsolete', pty=False)


@task(help={"sizes": "record counts, comma-separated (default 1000,2000)",
            "rounds": "builds per size and variant (default 3)",
            "languages": "site languages, comma-separated (default: pelicanconf.py's)",
            "source": "another checkout of the project to measure (default: this one)"})
def bench(c, sizes="1000,2000", rounds=3, languages="", source=""):
    """Benchmark the build against plain Pelican on as many pages (see bench/)."""
    option = f" --languages {languages}" if languages else ""
    option += f' --source "{source}"' if source else ""
    c.run(f'"{PY}" "{ROOT / "bench" / "build_bench.py"}" --sizes {sizes} --rounds {rounds}'
          f'{option}', pty=False)


SETTINGS_DOC = ROOT / "docs" / "einstellungen.md"


@task
def settings_doc(c):
    """Write the table of every QUARTIER_* setting into docs/einstellungen.md."""
    from quartier.settings import DOC_END, DOC_START, markdown_table

    text = SETTINGS_DOC.read_text(encoding="utf-8")
    before, rest = text.split(DOC_START, 1)
    after = rest.split(DOC_END, 1)[1]
    SETTINGS_DOC.write_text(f"{before}{DOC_START}\n{markdown_table()}\n{DOC_END}{after}",
                            encoding="utf-8")
    print(f"{SETTINGS_DOC.relative_to(ROOT)} geschrieben.")


LOCK = ROOT / "requirements" / "test.txt"
DEPLOY_LOCK = ROOT / "requirements" / "deploy.txt"
BUILD_LOCK = ROOT / "requirements" / "build.txt"
PIP_COMPILE_FLAGS = ("--quiet --allow-unsafe --strip-extras --no-emit-find-links "
                     "--no-emit-index-url --no-annotate")


@task(help={"upgrade": "newest versions (default); --no-upgrade keeps the pins and only adds "
                       "what pyproject.toml newly asks for"})
def lock(c, upgrade=True):
    """Pin every dependency to exact versions: requirements/test.txt, deploy.txt, build.txt.

    pyproject.toml keeps the ranges for people who install the package; test and CI installs
    use `pip install -c requirements/test.txt -e '.[test]'`, so a new release of a dependency
    cannot break a fresh clone. The deploys install the runtime dependencies from deploy.txt
    and the build backend from build.txt, both with hashes (`--require-hashes`): what gets
    published is built from exactly the files the tests ran with, and a file swapped on the
    package index is refused. Both are compiled against test.txt, so their versions are the
    tested ones. Needs pip-tools (`python -m pip install pip-tools`); Dependabot proposes
    updates of the files as pull requests.
    """
    upgrading = " --upgrade" if upgrade else ""
    hashed = f"--generate-hashes --constraint={LOCK.relative_to(ROOT)}{upgrading}"
    with c.cd(ROOT):  # relative paths, so the file's header names no one's home folder
        for flags, target in ((f"--extra test{upgrading}", LOCK), (hashed, DEPLOY_LOCK),
                              (f"{hashed} --all-build-deps --only-build-deps", BUILD_LOCK)):
            c.run(f'"{PY}" -m piptools compile {PIP_COMPILE_FLAGS} {flags} '
                  f'-o "{target.relative_to(ROOT)}" pyproject.toml', pty=False)


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f'"{PY}" -m ruff check "{ROOT}"', pty=False)


@task
def system_packages(c):
    """Install Debian's chromium and a Java runtime when missing (the browser and HTML tests).

    Playwright may not download a browser here, and the Nu HTML checker runs on Java; without
    them those tests fail rather than skip, so a fresh machine gets them from Debian first.
    """
    if Path("/usr/bin/chromium").exists() and shutil.which("java"):
        return
    if not shutil.which("apt-get"):
        raise Exit("Chromium (/usr/bin/chromium) und Java fehlen; bitte installieren "
                   "(Debian: apt-get install chromium default-jre-headless).")
    sudo = "" if os.geteuid() == 0 else "sudo "
    c.run(f"{sudo}apt-get update -qq", pty=False)
    c.run(f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
          "chromium default-jre-headless", pty=False)


@task(help={"args": "extra arguments for pytest, e.g. -k loader"})
def test(c, args=""):
    """Run the whole test suite (ruff, then pytest), installing chromium and Java if missing."""
    system_packages(c)
    lint(c)
    c.run(f'"{PY}" -m pytest {args}', pty=False)


# --- invoke translations status | export | import ---------------------------------------------


def _translation_setup(data: str | None, config: str | None):
    """(settings, data folder, languages of the site) for the translation tasks."""
    settings = _settings(Path(config) if config else None)
    folder = Path(data) if data else Path(settings.data_path)
    if not folder.is_dir():
        raise Exit(f"Den Datenordner „{folder}“ gibt es nicht (--data angeben).")
    return settings, folder, [language.code for language in settings.site_languages]


def _status(lang, data, config):
    settings, folder, languages = _translation_setup(data, config)
    others = [code for code in languages if code != settings.default_lang]
    if lang is not None and lang not in others:
        raise Exit(f"„{lang}“ ist keine übersetzte Sprache dieser Website: {', '.join(others)}.")
    units = tr.all_units(tr.data_files(folder))
    print(tr.status_report(units, [lang] if lang else others), end="")


def _export(lang, only, out, data, config):
    if not lang:
        raise Exit("Bitte die Zielsprache angeben, z. B. invoke translations export --lang ar.")
    settings, folder, languages = _translation_setup(data, config)
    units = tr.all_units(tr.data_files(folder))
    try:
        po = tr.export_po(units, lang, languages=languages, source_lang=settings.default_lang,
                          only=only)
    except tr.TranslationError as error:
        raise Exit(str(error)) from None
    target = Path(out or f"uebersetzung-{lang}.po")
    target.write_bytes(po)
    count = po.count(b"\nmsgctxt ")
    print(f"{target}: {count} Texte zum Übersetzen ins {lang}. Anleitung: docs/uebersetzen.md")


def _import(file, force, data, config):
    if not file:
        raise Exit("Bitte die übersetzte Datei angeben, z. B. invoke translations import "
                   "uebersetzung-ar.po.")
    settings, folder, languages = _translation_setup(data, config)
    try:
        result = tr.import_file(Path(file), folder, languages=languages,
                                source_lang=settings.default_lang, force=force,
                                today=today(settings.timezone),
                                validate_options=settings.validation_options())
    except tr.TranslationError as error:
        raise Exit(str(error)) from None
    print(result.report(), end="")
    if result.errors or result.conflicts:
        raise Exit(code=1)


class _FileArgument(Argument):
    """FILE of `invoke translations import FILE`: positional, yet only `import` needs it.

    invoke counts a positional argument as given when its value is not None, eats the next
    word for one that is not, and fails when one is still None at the end. This one reports
    a value (none) unless the action is `import`, so `invoke translations status` needs no
    FILE and `invoke translations import uebersetzung-ar.po` takes it.
    """

    action: Argument

    @property
    def value(self):
        if self._value is None and self.action.value != "import":
            return ""
        return self._value

    @value.setter
    def value(self, arg: str) -> None:
        self.set_value(arg, cast=True)


class _TranslationsTask(Task):
    def get_arguments(self, ignore_unknown_help=None):
        arguments = super().get_arguments(ignore_unknown_help)
        action = next(a for a in arguments if a.name == "action")
        for argument in arguments:
            if argument.name == "file":
                argument.__class__ = _FileArgument
                argument.action = action
        return arguments


@task(klass=_TranslationsTask, positional=["action", "file"], help={
    "action": "status, export oder import",
    "file": "import: die übersetzte PO-Datei",
    "lang": "export: Zielsprache, z. B. ar; status: nur diese Sprache (Standard: alle)",
    "only": "export: missing (nur fehlende) oder outdated (veraltete und ungeprüfte); "
            "Standard: alle Texte",
    "out": "export: PO-Datei (Standard: uebersetzung-LANG.po)",
    "force": "import: auch Übersetzungen überschreiben, die seit dem Export in den Daten "
             "geändert wurden",
    "data": "Datenordner (Standard: der aus pelicanconf.py, meist data/)",
    "config": "Einstellungsdatei (Standard: pelicanconf.py)",
})
def translations(c, action, file=None, lang=None, only=None, out=None, force=False, data=None,
                 config=None):
    """Übersetzen der Einträge: status (Stand je Sprache), export (PO-Datei), import (zurück)."""
    if action == "status":
        _status(lang, data, config)
    elif action == "export":
        _export(lang, only, out, data, config)
    elif action == "import":
        _import(file, force, data, config)
    else:
        raise Exit(f"„{action}“ gibt es nicht: invoke translations status, invoke translations "
                   "export --lang ar [--only missing|outdated] oder invoke translations import "
                   "DATEI.")
