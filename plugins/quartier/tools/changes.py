"""Which records a pull request adds, changes or removes, as a German Markdown summary.

Reviewers of a data pull request are office staff, not programmers. A diff of YAML lines tells
them little; "Termin „AK Ost“ – geändert: Beginn, Ort" tells them what to check in the preview.
The pull-request workflow writes this summary into the job summary (GITHUB_STEP_SUMMARY); GitLab
and Woodpecker print it into the log.

Two ways to get the two versions of the data:

- two git revisions (`--base`, `--head`): the files under `data/` that differ between the merge
  base and the head, read with `git show`, renames included;
- two data folders (`--old`, `--new`), e.g. for tests or a local comparison.

Files are read with the project's own loader and typed by the schema, so writing `"20:00"`
instead of `20:00` is no change, and a file that cannot be read at all is listed as such
instead of stopping the summary. Pure Python; never imports Pelican.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from quartier.contract import schema
from quartier.contract.loader import load_bytes
from quartier.contract.problems import counted
from quartier.model import urls
from quartier.settings import SettingsError, settings_from_file

from .markdown_text import code, escape_markdown
from .translations import CURRENT, MISSING, OUTDATED, UNCHECKED, coverage_change

#: Folder under data/ -> (schema kind, German singular, public URL of one record)
RECORD_FOLDERS = {
    "actors": ("actor", "Akteur", urls.actor),
    "offers": ("offer", "Angebot", urls.offer),
    "dates": ("date", "Termin", urls.event),
}
#: Taxonomy file stem -> German singular
TAXONOMIES = {"districts": "Stadtteil", "categories": "Kategorie", "audiences": "Zielgruppe"}

ADDED, CHANGED, RENAMED, REMOVED = "neu", "geändert", "umbenannt", "entfernt"
_HEADINGS = {ADDED: "Neu", CHANGED: "Geändert", RENAMED: "Umbenannt (neue Kennung)",
             REMOVED: "Entfernt"}
@dataclass
class Change:
    """One record (or taxonomy entry) that differs between the two versions."""

    action: str  # ADDED, CHANGED, RENAMED or REMOVED
    kind: str  # German singular: Termin, Angebot, …
    record_id: str
    path: str
    title: str = ""
    fields: list[str] = field(default_factory=list)  # changed top-level fields
    old_id: str | None = None  # for RENAMED
    unreadable: bool = False  # the new file cannot be read (the check says why)
    url: str | None = None  # public page, for records


@dataclass
class Comparison:
    changes: list[Change]
    other_files: list[str] = field(default_factory=list)  # changed files outside data/
    # (old path, new path, old bytes, new bytes) of the changed data files, for the coverage
    data_files: list[tuple] = field(default_factory=list)


# --- Reading one version of a file ----------------------------------------------------------


def _value(data: bytes | None, path: str, kind: str):
    """(typed value, readable) for a file's bytes; (None, True) when the file does not exist."""
    if data is None:
        return None, True
    root, _ = load_bytes(data, path)
    if root is None:
        return None, False
    return schema.to_value(root, schema.shape(kind)), True


def _title(value) -> str:
    if isinstance(value, dict):
        return str(value.get("title") or value.get("name") or "")
    return ""


def _changed_fields(old, new, kind: str) -> list[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    titles = schema.field_titles(kind)
    keys = [k for k in dict.fromkeys([*new, *old]) if old.get(k) != new.get(k)]
    return [f"{titles[k]} ({k})" if k in titles else k for k in keys]


# --- Comparing ---------------------------------------------------------------------------


def _record_change(folder: str, old_path: str | None, new_path: str | None,
                   old_data: bytes | None, new_data: bytes | None) -> Change | None:
    kind, label, url = RECORD_FOLDERS[folder]
    old, _ = _value(old_data, old_path or "", kind)
    new, readable = _value(new_data, new_path or "", kind)
    path = new_path or old_path or ""
    record_id = PurePosixPath(path).stem
    if new_data is None:
        return Change(REMOVED, label, record_id, path, _title(old))
    change = Change(ADDED if old_data is None else CHANGED, label, record_id, path,
                    _title(new) or _title(old), unreadable=not readable, url=url(record_id))
    if old_path and new_path and old_path != new_path:
        change.action, change.old_id = RENAMED, PurePosixPath(old_path).stem
    if change.action != ADDED and readable:
        change.fields = _changed_fields(old, new, kind)
        if not change.fields and change.action == CHANGED:
            if old_data == new_data:
                return None
            change.fields = ["nur Schreibweise oder Kommentare"]
    return change


def _taxonomy_changes(stem: str, path: str, old_data: bytes | None,
                      new_data: bytes | None) -> list[Change]:
    label = TAXONOMIES[stem]
    old, _ = _value(old_data, path, stem)
    new, readable = _value(new_data, path, stem)
    if not readable:
        return [Change(CHANGED, f"Liste der {label}-Einträge", stem, path, unreadable=True)]

    def by_id(value) -> dict:
        items = value if isinstance(value, list) else []
        return {i["id"]: i for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}

    before, after = by_id(old), by_id(new)
    changes = []
    for entry_id in dict.fromkeys([*after, *before]):
        if entry_id not in before:
            changes.append(Change(ADDED, label, entry_id, path, _title(after[entry_id])))
        elif entry_id not in after:
            changes.append(Change(REMOVED, label, entry_id, path, _title(before[entry_id])))
        elif before[entry_id] != after[entry_id]:
            changes.append(Change(CHANGED, label, entry_id, path, _title(after[entry_id]),
                                  _changed_fields(before[entry_id], after[entry_id], stem)))
    return changes


def _classify(path: str, data_prefix: str) -> tuple[str, str] | None:
    """("record", folder) or ("taxonomy", stem) for a data file path, None for anything else."""
    relative = PurePosixPath(path).relative_to(data_prefix) if path.startswith(
        data_prefix + "/") else None
    if relative is None or relative.suffix not in (".yaml", ".yml"):
        return None
    parts = relative.parts
    if len(parts) == 2 and parts[0] in RECORD_FOLDERS:
        return "record", parts[0]
    if len(parts) == 1 and relative.stem in TAXONOMIES:
        return "taxonomy", relative.stem
    return None


def _compare(pairs, data_prefix: str) -> Comparison:
    """pairs: (old path, new path, old bytes, new bytes) for every file that differs."""
    changes: list[Change] = []
    others: list[str] = []
    data_files = []
    for old_path, new_path, old_data, new_data in pairs:
        path = new_path or old_path
        what = _classify(path, data_prefix)
        if what is None and old_path and new_path:
            what = _classify(old_path, data_prefix)
        if what is None:
            others.append(path)
            continue
        data_files.append((old_path, new_path, old_data, new_data))
        if what[0] == "record":
            change = _record_change(what[1], old_path, new_path, old_data, new_data)
            if change:
                changes.append(change)
        else:
            changes += _taxonomy_changes(what[1], path, old_data, new_data)
    return Comparison(changes, others, data_files)


def _git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"git {' '.join(args)}: {message}")
    return done.stdout


def _git_file(repo: Path, revision: str, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(repo), "show", f"{revision}:{path}"],
                          capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def compare_revisions(repo: Path, base: str, head: str = "HEAD",
                      data: str = "data") -> Comparison:
    """What `head` changes compared with where it branched off `base` (like a pull request)."""
    merge_base = _git(repo, "merge-base", base, head).decode().strip()
    head = _git(repo, "rev-parse", "--verify", f"{head}^{{commit}}").decode().strip()
    listing = _git(repo, "diff", "--name-status", "-z", "-M", "--no-ext-diff", merge_base, head)
    fields = listing.decode("utf-8", "surrogateescape").split("\0")
    pairs = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            old_path, new_path = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old_path = new_path = fields[i + 1]
            i += 2
        if status[0] == "A":
            old_path = None
        if status[0] == "D":
            new_path = None
        if status[0] == "C":  # a copy leaves the original in place
            old_path = None
        pairs.append((old_path, new_path,
                      _git_file(repo, merge_base, old_path) if old_path else None,
                      _git_file(repo, head, new_path) if new_path else None))
    return _compare(pairs, data.strip("/"))


def compare_folders(old: Path, new: Path) -> Comparison:
    """What changed from data folder `old` to data folder `new` (both named like data/)."""
    def files(root: Path) -> dict[str, bytes]:
        if not root.is_dir():
            return {}
        return {f"data/{p.relative_to(root).as_posix()}": p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}

    before, after = files(Path(old)), files(Path(new))
    pairs = [(p if p in before else None, p if p in after else None, before.get(p), after.get(p))
             for p in sorted(set(before) | set(after)) if before.get(p) != after.get(p)]
    return _compare(pairs, "data")


# --- The summary ---------------------------------------------------------------------------


def _problems_by_file(problems: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for problem in problems:
        grouped.setdefault(str(problem.get("path", "")), []).append(problem)
    return grouped


def _coverage_lines(comparison: Comparison, languages) -> list[str]:
    """What the change does to the translations of the records it touches, per language."""
    rows = coverage_change(comparison.data_files, languages)
    if not rows:
        return []
    lines = ["### Übersetzungen", "", "Texte der geänderten Einträge je Sprache (vorher → "
             "nachher); „veraltet“: der deutsche Text wurde nach der Übersetzung geändert.",
             "", "| Sprache | übersetzt | davon veraltet | fehlt |", "| --- | --- | --- | --- |"]
    for lang, was, now in rows:
        done_was, done_now = was[CURRENT] + was[OUTDATED] + was[UNCHECKED], \
            now[CURRENT] + now[OUTDATED] + now[UNCHECKED]
        lines.append(f"| {code(lang)} | {done_was} → {done_now} | {was[OUTDATED]} → "
                     f"{now[OUTDATED]} | {was[MISSING]} → {now[MISSING]} |")
    return [*lines, "", "Stand aller Übersetzungen: `invoke translations status` "
            "(docs/uebersetzen.md).", ""]


def summary(comparison: Comparison, problems: list[dict] | None = None,
            site_url: str = "", languages=None) -> str:
    """The German Markdown job summary: the changed records, grouped, with the check's result.

    `problems` is the validator's JSON output (`quartier-validate --format json`); each
    changed record then shows how many errors and warnings its file has. `languages`: the
    site's other languages, for the coverage table (default: those the files translate).
    """
    lines = ["## Änderungen an den Daten", ""]
    changes = comparison.changes
    by_file = _problems_by_file(problems or [])
    if problems is not None:
        errors = sum(1 for p in problems if p.get("severity") == "error")
        warnings = len(problems) - errors
        if errors:
            lines += [f"❌ **Die Prüfung hat {counted(errors, 'Fehler', 'Fehler')} gefunden** "
                      f"({counted(warnings, 'Warnung', 'Warnungen')}). Die Meldungen stehen "
                      "unter „Annotations“ und als Anmerkung an der betroffenen Zeile unter "
                      "„Files changed“.", ""]
        else:
            lines += [f"✅ Die Prüfung hat keine Fehler gefunden "
                      f"({counted(warnings, 'Warnung', 'Warnungen')}).", ""]
    if not changes:
        lines += ["Dieser Pull Request ändert keine Einträge unter `data/`.", ""]
    else:
        counts = {action: sum(1 for c in changes if c.action == action) for action in _HEADINGS}
        lines += [", ".join(f"{counted(n, 'Eintrag', 'Einträge')} {action}"
                            for action, n in counts.items() if n) + ".", ""]
    for action, heading in _HEADINGS.items():
        group = [c for c in changes if c.action == action]
        if not group:
            continue
        lines += [f"### {heading}", "", "| Art | Eintrag | Datei | Was |",
                  "| --- | --- | --- | --- |"]
        for change in group:
            name = escape_markdown(change.title) if change.title else "(ohne Titel)"
            entry = f"{name}<br>{code(change.record_id)}"
            what = []
            if change.old_id:
                what.append(f"vorher {code(change.old_id)} – Verweise anderer Einträge "
                            "anpassen; die alte Adresse der Seite gibt es dann nicht mehr")
            if change.unreadable:
                what.append("⚠️ Datei nicht lesbar, siehe Prüfung")
            if change.fields:
                what.append(escape_markdown(", ".join(change.fields)))
            if change.url and action != REMOVED:
                what.append(f"Seite: {code('/' + change.url)}" if not site_url
                            else f"Seite: {escape_markdown(site_url.rstrip('/'))}/"
                                 f"{escape_markdown(change.url)}")
            found = by_file.get(change.path, [])
            errors = sum(1 for p in found if p.get("severity") == "error")
            if errors:
                what.append(f"❌ {counted(errors, 'Fehler', 'Fehler')}")
            if len(found) > errors:
                what.append(f"⚠️ {counted(len(found) - errors, 'Warnung', 'Warnungen')}")
            lines.append(f"| {change.kind} | {entry} | {code(change.path)} | "
                         f"{'<br>'.join(what) or '–'} |")
        lines.append("")
    lines += _coverage_lines(comparison, languages)
    if comparison.other_files:
        shown = comparison.other_files[:20]
        lines += [f"Außerdem geändert: {counted(len(comparison.other_files), 'Datei', 'Dateien')}, "
                  "die keine Einträge sind (Programm, Vorlagen, Anleitungen). Bei einem Pull "
                  "Request der Redaktion bitte nachfragen, ob das so gewollt ist:", ""]
        lines += [f"- {code(p)}" for p in shown]
        if len(comparison.other_files) > len(shown):
            lines.append(f"- … und {len(comparison.other_files) - len(shown)} weitere")
        lines.append("")
    return "\n".join(lines)


def _languages(repo: Path) -> list[str] | None:
    """The site's translated languages from the repository's pelicanconf.py, if it can say."""
    try:
        settings = settings_from_file(repo / "pelicanconf.py")
    except (SettingsError, OSError, SyntaxError):
        return None  # the validator reports bad settings; the summary goes on without them
    others = [lang.code for lang in settings.site_languages if lang.code != settings.default_lang]
    return others or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quartier changes",
        description="Listet auf Deutsch, welche Einträge ein Pull Request hinzufügt, ändert "
                    "oder entfernt (Markdown, z. B. für $GITHUB_STEP_SUMMARY).")
    parser.add_argument("--base", help="Git-Revision, von der der Pull Request abzweigt "
                        "(z. B. origin/main)")
    parser.add_argument("--head", default="HEAD", help="Git-Revision mit den Änderungen "
                        "(Standard: HEAD)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="Git-Repository "
                        "(Standard: aktueller Ordner)")
    parser.add_argument("--data", default="data", help="Datenordner im Repository "
                        "(Standard: data)")
    parser.add_argument("--old", type=Path, help="alter Datenordner (statt --base)")
    parser.add_argument("--new", type=Path, help="neuer Datenordner (mit --old)")
    parser.add_argument("--problems", type=Path, help="JSON-Ausgabe von quartier-validate "
                        "--format json, um Fehler je Eintrag zu zählen")
    parser.add_argument("--site-url", default="", help="Adresse der Vorschau oder Website für "
                        "Links auf die Seiten")
    args = parser.parse_args(argv)
    if args.old and args.new:
        comparison = compare_folders(args.old, args.new)
    elif args.base:
        try:
            comparison = compare_revisions(args.repo, args.base, args.head, args.data)
        except RuntimeError as err:
            print(f"Die Änderungen lassen sich nicht ermitteln: {err}", file=sys.stderr)
            return 2
    else:
        parser.error("--base REVISION oder --old ORDNER --new ORDNER angeben")
    problems = None
    if args.problems:
        try:
            problems = json.loads(args.problems.read_text(encoding="utf-8") or "[]")
        except (OSError, ValueError) as err:
            # The summary still helps the review; it must not pretend there were no problems.
            print(f"{args.problems}: Die Meldungen der Prüfung lassen sich nicht lesen ({err}); "
                  "die Zusammenfassung zählt sie nicht.", file=sys.stderr)
    print(summary(comparison, problems, args.site_url, _languages(args.repo)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
