"""The validation pipeline: data folder in, typed data set and problems out.

    files -> loader (nodes with positions) -> schema (typed values, field problems)
          -> Markdown check -> records -> cross-record checks -> DataSet

Every file is read even after problems are found, so an editor sees all
problems at once: a file with a wrong field is still checked for everything
else – its Markdown, its references, its dates (`schema.usable`). The data set
is returned only when there is no error: the site is never built from data
known to be wrong. Warnings about values that are probably wrong
(`plausibility`) can be confirmed in the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from . import pitfalls, plausibility, schema
from .crosscheck import CrossChecker
from .ids import RESERVED, is_valid_id, make_id
from .loader import DEFAULT_MAX_BYTES, Node, load_bytes, node_at, read_file
from .markup import MAX_LENGTH, check_markdown, new_renderer
from .problems import Problem, Severity, field_name, quote
from .records import DataSet
from .to_records import RecordBuilder

#: The folder of the public URLs a data folder's records get (`model.urls`).
_PAGE_FOLDERS = {"dates": "termine", "offers": "angebote"}

#: Folder under data/ -> (schema kind, German plural for summaries)
RECORD_FOLDERS = {"actors": ("actor", "Akteure"), "offers": ("offer", "Angebote"),
                  "dates": ("date", "Termine")}
#: File under data/ -> (schema kind, German plural)
TAXONOMY_FILES = {"districts": "Stadtteile", "categories": "Kategorien",
                  "audiences": "Zielgruppen"}


@dataclass
class Result:
    dataset: DataSet | None
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)  # German plural -> records read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _descriptions(value, path=()):
    """(JSON path, text) of every Markdown field: `description`, also inside translations."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "description" and isinstance(sub, str):
                yield (*path, key), sub
            else:
                yield from _descriptions(sub, (*path, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _descriptions(sub, (*path, i))


def _markdown_problems(value, root: Node, path: str, renderer) -> list[Problem]:
    """Each description's Markdown, at its lines; one too long is `too-long` already."""
    problems = []
    for where, text in _descriptions(value):
        if len(text) > MAX_LENGTH:
            continue
        node = node_at(root, where)
        first = getattr(node, "first_text_line", node.line)
        for offset, rule, message, hint in check_markdown(text, renderer):
            # Inside a block (|) the text is indented under the key: column 1.
            column = node.column if first + offset == node.line else 1
            problems.append(Problem(path, first + offset, column, field_name(where), message,
                                    hint, rule=rule))
    return problems


class _Run:
    """State of one validation run; `validate()` is the public entry point."""

    def __init__(self, data_dir: Path, max_file_bytes: int) -> None:
        self.data_dir = data_dir
        self.max_file_bytes = max_file_bytes
        self.problems: list[Problem] = []
        self.roots: dict[str, Node] = {}
        self.ids: dict[str, set[str]] = {}
        self.confirmed: dict[str, frozenset[str]] = {}  # path -> warnings the file confirms
        self.markdown = new_renderer()

    def display(self, file: Path) -> str:
        """The path editors see, relative to the project: data/offers/x.yaml."""
        return (Path(self.data_dir.name) / file.relative_to(self.data_dir)).as_posix()

    def read(self, file: Path, kind: str):
        """Load, type and check one file: (display path, typed value or None, no errors)."""
        path = self.display(file)
        document = read_file(file, path, self.max_file_bytes)
        root = document.root
        if root is None:
            self.problems += document.problems
            return path, None, False
        self.roots[path] = root
        self.confirmed[path], problems = plausibility.confirmations(document.text, path)
        value, found = schema.check(kind, root, path)
        problems += document.problems + found
        if document.notable:
            problems += pitfalls.check(root, schema.shape(kind), path)
        problems += _markdown_problems(value, root, path, self.markdown)
        if plausibility.may_hold_placeholders(document.text):
            problems += plausibility.placeholders(value, path, self.locate)
        self.problems += problems
        return path, value, not any(p.is_error for p in problems)

    def single_file(self, name: str) -> Path | None:
        """data/<name>, a file of its own beside the record folders, when it is there to read;
        a symlink is an error (as in the record folders) and is not followed."""
        file = self.data_dir / name
        if not file.exists():
            return None
        if file.is_symlink():
            self.problems.append(Problem(self.display(file), 1, 1, "",
                                         "Verknüpfungen (Symlinks) werden nicht gelesen.",
                                         "Die Datei selbst in den Ordner legen.", rule="symlink"))
            return None
        return file

    def locate(self, path: str, where: tuple) -> tuple[int, int]:
        node = node_at(self.roots[path], where)
        return node.line, node.column

    def taxonomy(self, name: str) -> dict:
        """Read data/<name>.yaml: a list of {id, name, …}; ids unique within the file."""
        self.ids[name] = set()
        file = self.single_file(f"{name}.yaml")
        if file is None:
            return {}
        path, value, ok = self.read(file, name)
        if value is None:
            return {}
        root = self.roots[path]
        first_line: dict[str, int] = {}
        for i, item in enumerate(value if isinstance(value, list) else []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in first_line:
                node = node_at(root, (i, "id"))
                self.problems.append(Problem(
                    path, node.line, node.column, f"[{i + 1}].id",
                    f"Die Kennung {quote(item_id)} kommt doppelt vor (Zeile {first_line[item_id]} "
                    f"und Zeile {node.line}).", "Eine der beiden Kennungen ändern.",
                    rule="duplicate-id"))
            else:
                first_line[item_id] = node_at(root, (i, "id")).line
                self.ids[name].add(item_id)
        if not ok or len(first_line) < len(value):
            return {}
        builder = RecordBuilder(root, path)
        build = builder.district if name == "districts" else builder.term
        records = {item["id"]: build(i, item) for i, item in enumerate(value)}
        self.problems += builder.problems
        return records

    def synonyms(self) -> tuple[tuple[str, ...], ...]:
        """Read data/synonyms.yaml (optional): groups of single words; a word in two groups
        would join them silently, so it is an error naming both lines."""
        file = self.single_file("synonyms.yaml")
        if file is None:
            return ()
        path, value, ok = self.read(file, "synonyms")
        if not ok:
            return ()
        root = self.roots[path]
        first_line: dict[str, int] = {}
        for i, group in enumerate(value):
            for j, word in enumerate(group):
                key = unicodedata.normalize("NFC", word).casefold()
                node = node_at(root, (i, j))
                if key in first_line:
                    self.problems.append(Problem(
                        path, node.line, node.column, f"[{i + 1}][{j + 1}]",
                        f"Das Wort {quote(word)} steht schon in Zeile {first_line[key]}; "
                        "ein Wort darf nur in einer Gruppe stehen.",
                        "Die beiden Gruppen zu einer zusammenfassen oder das Wort hier "
                        "löschen.", rule="synonym-in-two-groups"))
                else:
                    first_line[key] = node.line
        return tuple(tuple(group) for group in value)

    def school_holidays(self) -> tuple:
        """Read data/ferien.yaml (optional): the school-holiday periods, checked and sorted."""
        file = self.single_file("ferien.yaml")
        if file is None:
            return ()
        path, value, ok = self.read(file, "ferien")
        if not ok:
            return ()
        builder = RecordBuilder(self.roots[path], path)
        periods = builder.school_holidays(value)
        self.problems += builder.problems
        return periods

    def record_files(self, folder: str) -> list[tuple[str, Path]]:
        """(id, file) for each data file in data/<folder>/; misnamed files are problems."""
        directory = self.data_dir / folder
        self.ids[folder] = set()
        if not directory.is_dir():
            return []
        found = []
        for file in sorted(directory.iterdir()):
            path = self.display(file)
            if file.name.startswith(".") or file.suffix == ".md":
                continue
            problem = _unread_file(file, folder)
            if problem:
                rule, message, hint = problem
                self.problems.append(Problem(path, 1, 1, "", message, hint, rule=rule))
                continue
            if not is_valid_id(file.stem):
                suggestion = make_id(file.stem)
                self.problems.append(Problem(
                    path, 1, 1, "",
                    f"Der Dateiname {quote(file.name)} ist keine gültige Kennung: nur "
                    "Kleinbuchstaben, "
                    "Ziffern und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss).",
                    f"Die Datei in „{suggestion}.yaml“ umbenennen." if suggestion else
                    "Die Datei nach ihrem Titel benennen, z. B. deutschkurs-fuer-frauen.yaml.",
                    rule="bad-file-name"))
                continue
            if file.stem in RESERVED.get(folder, ()):
                self.problems.append(Problem(
                    path, 1, 1, "",
                    f"Der Dateiname {quote(file.name)} ist schon vergeben: unter dieser Adresse "
                    f"steht eine Übersicht der Website (/{_PAGE_FOLDERS[folder]}/{file.stem}/).",
                    f"Die Datei genauer nach dem Titel des Eintrags benennen, mehr als nur "
                    f"„{file.stem}“ (z. B. „{file.stem}-im-stadtteil.yaml“).",
                    rule="reserved-file-name"))
                continue
            self.ids[folder].add(file.stem)
            found.append((file.stem, file))
        return found


def _warnings(records: dict[str, dict], values: dict[str, dict], run: _Run, today: date,
              new_files: Collection[str] | None) -> list[Problem]:
    """Values that are probably wrong: long events, past new dates, the same record twice."""
    problems = []
    for event in records["dates"].values():
        problems += plausibility.long_event(event, values[event.source.path], run.locate)
        if new_files is not None and event.source.path in new_files:
            problems += plausibility.past_date(event, today, run.locate)
    for folder in RECORD_FOLDERS:
        problems += plausibility.duplicates(records[folder].values(), run.locate)
    return problems


def _school_holidays_missing(records: dict[str, dict], periods, run: _Run,
                             today: date) -> list[Problem]:
    """`skip_school_holidays` while data/ferien.yaml names no holidays from today on: the
    series or hours would silently go on through the holidays (a warning)."""
    if any(period.end >= today for period in periods):
        return []
    places = [(e.source.path, ("repeat", "skip_school_holidays"))
              for e in records["dates"].values()
              if e.repeat is not None and e.repeat.skip_school_holidays]
    places += [(r.source.path, ("hours", i, "skip_school_holidays"))
               for folder in ("actors", "offers") for r in records[folder].values()
               for i, slot in enumerate(r.hours) if slot.skip_school_holidays]
    problems = []
    for path, where in places:
        line, column = run.locate(path, where)
        problems.append(Problem(
            path, line, column, field_name(where),
            f"skip_school_holidays: true, aber data/ferien.yaml nennt keine Schulferien ab "
            f"{today:%d.%m.%Y}: so fällt in den Ferien nichts aus.",
            "Die Ferien des Bundeslands aus der Liste des Kultusministeriums in "
            "data/ferien.yaml eintragen (siehe data/README.md, „Schulferien“).",
            Severity.WARNING, rule="school-holidays-missing"))
    return problems


def _unread_file(file: Path, folder: str) -> tuple[str, str, str] | None:
    """Why a file in data/<folder>/ is not read as a record, as (rule, message, hint), or None.
    Each reason is an error: a file that is silently left out would be a silently missing
    page."""
    if file.is_symlink():
        return ("symlink", "Verknüpfungen (Symlinks) werden nicht gelesen.",
                "Die Datei selbst in den Ordner legen.")
    if file.is_dir():
        return ("subfolder", f"Unterordner werden nicht gelesen: alle Dateien gehören direkt in "
                f"data/{folder}/.", "Die Dateien aus dem Unterordner eine Ebene höher legen.")
    if file.suffix.lower() in (".yml", ".yaml") and file.suffix != ".yaml":
        return ("file-extension", f"Die Dateiendung ist {file.suffix}, erwartet wird .yaml.",
                f"Die Datei in {file.stem}.yaml umbenennen.")
    if Path(file.stem).suffix.lower() in (".yml", ".yaml"):  # Windows hid a second ending
        return ("file-extension",
                f"Die Datei heißt {quote(file.name)}: die Endung {file.suffix} ist zu viel.",
                f"Die Datei in {Path(file.stem).stem}.yaml umbenennen (Windows blendet "
                "bekannte Endungen oft aus).")
    if file.suffix != ".yaml":
        return ("not-a-data-file",
                f"Diese Datei wird nicht gelesen: in data/{folder}/ gehören nur .yaml-Dateien.",
                "Die Datei verschieben oder löschen.")
    return None


def validate(data_dir: Path, *, today: date, stale_after_days: int = 365,
             max_file_bytes: int = DEFAULT_MAX_BYTES, timezone: str = "Europe/Berlin",
             window_days: int = 365, new_files: Collection[str] | None = None) -> Result:
    """Check every file under `data_dir`; return the data set if there is no error.

    `new_files` are the paths (as in problems: data/dates/x.yaml) of files the change adds;
    a date among them that has already taken place is a warning. None: not known.
    """
    run = _Run(Path(data_dir), max_file_bytes)
    if not run.data_dir.is_dir():
        run.problems.append(Problem(
            str(data_dir), 1, 1, "", f"Der Datenordner {quote(data_dir)} fehlt.",
            "Im Hauptordner des Projekts aufrufen oder den Ordner mit --data angeben.",
            rule="missing-data-folder"))
        return Result(None, run.problems)

    taxonomies = {name: run.taxonomy(name) for name in TAXONOMY_FILES}
    synonyms = run.synonyms()
    school_holidays = run.school_holidays()
    files = {folder: run.record_files(folder) for folder in RECORD_FOLDERS}
    records: dict[str, dict] = {}
    values: dict[str, dict] = {}  # path -> the value each record was built from
    unbuilt: list[tuple[str, str, dict]] = []  # (path, kind, fields no record could take)
    for folder, (kind, _) in RECORD_FOLDERS.items():
        records[folder] = {}
        for record_id, file in files[folder]:
            path, value, _ = run.read(file, kind)
            if value is None:
                continue
            kept, dropped = schema.usable(kind, value)
            if dropped:
                unbuilt.append((path, kind, dropped))
            if kept is None:
                continue
            builder = RecordBuilder(run.roots[path], path)
            record = getattr(builder, "event" if kind == "date" else kind)(record_id, kept)
            run.problems += builder.problems
            # Kept even with problems, so that its references are checked too;
            # any error means no data set is returned.
            records[folder][record_id] = record
            values[path] = kept

    checker = CrossChecker(run.ids, records["actors"], run.locate, today, stale_after_days,
                           timezone, window_days, data_folder=run.data_dir.name)
    for actor in records["actors"].values():
        checker.actor(actor)
    for offer in records["offers"].values():
        checker.offer(offer)
    for event in records["dates"].values():
        checker.event(event)
    for path, kind, fields in unbuilt:
        checker.raw_references(path, kind, fields)
    problems = run.problems + checker.problems + _warnings(records, values, run, today,
                                                          new_files)
    problems += _school_holidays_missing(records, school_holidays, run, today)
    problems = sorted(plausibility.apply_confirmations(problems, run.confirmed))

    counts = {plural: len(files[folder]) for folder, (_, plural) in RECORD_FOLDERS.items()}
    counts |= {plural: len(run.ids[name]) for name, plural in TAXONOMY_FILES.items()}
    dataset = None
    if not any(p.is_error for p in problems):
        frozen = {name: MappingProxyType(value) for name, value in
                  {**taxonomies, **records}.items()}
        dataset = DataSet(districts=frozen["districts"], categories=frozen["categories"],
                          audiences=frozen["audiences"], actors=frozen["actors"],
                          offers=frozen["offers"], events=frozen["dates"],
                          synonyms=synonyms, school_holidays=school_holidays)
    return Result(dataset, problems, counts)


def validate_date(text: str, record_id: str, *, actor_ids: set[str], today: date,
                  timezone: str = "Europe/Berlin", window_days: int = 365):
    """One date file's text checked as `validate` checks it: (record or None, problems).

    For programs that write date files (the calendar import): they can tell before writing
    whether the file will pass. References other than `location: {at: …}` are not known
    here, so a program should leave categories, districts and the organizer to editors.
    """
    path = f"data/dates/{record_id}.yaml"
    root, problems = load_bytes(text.encode("utf-8"), path)
    if root is None:
        return None, problems
    value, problems = schema.check("date", root, path)
    if problems:
        return None, problems
    problems = _markdown_problems(value, root, path, new_renderer())
    builder = RecordBuilder(root, path)
    event = builder.event(record_id, value)
    problems += builder.problems
    ids = {"districts": set(), "categories": set(), "audiences": set(), "actors": actor_ids}

    def locate(_path: str, where: tuple) -> tuple[int, int]:
        node = node_at(root, where)
        return node.line, node.column

    checker = CrossChecker(ids, {}, locate, today, 365 * 100, timezone, window_days)
    checker.event(event)
    problems = sorted(problems + checker.problems)
    return (None if any(p.is_error for p in problems) else event), problems
