"""Translating the records: coverage, outdated texts, and a PO round trip for translators.

Translators work in tools they know (Poedit, Weblate, Lokalize, OmegaT), not in YAML. So the
texts of the records go out as a gettext PO file – one entry per German text, `msgctxt` naming
where it lives (`data/offers/qm-sprechzeiten.yaml#qm-sprechzeiten.title`) – and come back into
the records' `translations` blocks.

Outdated translations: when a translation is written back, the block also gets
`source_digest: {title: 1a2b3c4d5e6f}`, a short SHA-256 of the German text it was translated
from. When the German text changes later, its digest no longer matches and `status` reports
the translation as outdated. A translation someone wrote by hand has no digest ("ungeprüft"):
it counts as translated, but whether it still fits the German text is unknown.

Newer edits: each exported entry carries, as an extracted comment (`#.`), the digest of the
translation the file had at export time. If the data's translation has changed since (someone
edited the YAML while the PO file was out), the import does not overwrite it but says so,
unless told to (`force`).

Writing back keeps every byte outside the edited values: the file is not re-serialised but
edited in place at the positions PyYAML's composer reports (`index` of its marks), with the
new values written as `yaml_writer` writes them. A round-trip library such as ruamel.yaml was
measured first: it re-indents a whole file with one indentation, and the demo's
`districts.yaml` (top-level list at column 0, nested lists indented) came back changed on every
entry.

Pure functions over file contents; reading and writing files is `import_file`'s and the
invoke tasks' job. German messages throughout: translators and office staff read them.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import yaml
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from quartier.contract import schema
from quartier.contract.loader import Sequence as SequenceNode
from quartier.contract.loader import load_bytes
from quartier.contract.problems import counted, format_text
from quartier.contract.validate import validate

from .yaml_writer import field_lines, flow, scalar

#: The key of a translation block under which the tool keeps the German texts' digests.
DIGEST_KEY = "source_digest"
#: Extracted comment of an exported entry: the translation's digest at export time.
_EXPORTED = "Übersetzung beim Export: "
_EXPORTED_RE = re.compile(re.escape(_EXPORTED) + r"([0-9a-f]{12}|keine)")
_NONE = "keine"

#: Folder under data/ -> (schema kind, German singular)
RECORD_FOLDERS = {"actors": ("actor", "Akteur"), "offers": ("offer", "Angebot"),
                  "dates": ("date", "Termin")}
#: Taxonomy file stem -> (schema kind, German singular)
TAXONOMY_FILES = {"categories": ("categories", "Kategorie"),
                  "audiences": ("audiences", "Zielgruppe"),
                  "districts": ("districts", "Stadtteil")}

MISSING, CURRENT, OUTDATED, UNCHECKED = "fehlt", "aktuell", "veraltet", "ungeprüft"
STATES = (CURRENT, OUTDATED, UNCHECKED, MISSING)
ONLY = {"missing": (MISSING,), "outdated": (OUTDATED, UNCHECKED)}


class TranslationError(Exception):
    """A file or an argument the tool cannot work with; the message is German."""


def digest(text: str) -> str:
    """The short digest of a German text that a translation was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Unit:
    """One translatable German text of one record, with its translations in every language."""

    path: str  # as in the validator's messages: data/offers/x.yaml
    kind: str  # German singular: Angebot, Kategorie, …
    record_id: str
    field: str
    source: str  # the German text
    line: int  # where the record starts, for the PO file's references
    title: str  # the record's German name or title, for the translator's orientation
    # language -> (translated text or None, stored source digest or None)
    translations: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)

    @property
    def context(self) -> str:
        """The PO entry's msgctxt: file#record.field, the file inside the data folder.

        Without the data folder's own name, so that a file exported from one checkout
        imports into another (or into a data folder named otherwise).
        """
        parts = PurePosixPath(self.path).parts
        inside = parts[-2:] if parts[-2:-1] and parts[-2] in RECORD_FOLDERS else parts[-1:]
        return f"{'/'.join(inside)}#{self.record_id}.{self.field}"

    def text(self, lang: str) -> str | None:
        return self.translations.get(lang, (None, None))[0]

    def state(self, lang: str) -> str:
        text, stored = self.translations.get(lang, (None, None))
        if not text:
            return MISSING
        if stored is None:
            return UNCHECKED
        return CURRENT if stored == digest(self.source) else OUTDATED


# --- Reading the texts -------------------------------------------------------------------


def kind_of(path: str) -> tuple[str, str, bool] | None:
    """(schema kind, German singular, is a taxonomy) of a data file's path, or None."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[-1].endswith(".yaml"):
        if len(parts) >= 3 and parts[-2] in RECORD_FOLDERS:
            return (*RECORD_FOLDERS[parts[-2]], False)
        stem = parts[-1][:-len(".yaml")]
        if stem in TAXONOMY_FILES:
            return (*TAXONOMY_FILES[stem], True)
    return None


def _record_units(path: str, kind: str, label: str, record_id: str, value: dict,
                  line: int) -> list[Unit]:
    translations = value.get("translations")
    translations = translations if isinstance(translations, dict) else {}
    title = str(value.get("title") or value.get("name") or record_id)
    units = []
    for name in schema.translatable_fields(kind):
        source = value.get(name)
        if not isinstance(source, str) or not source.strip():
            continue
        if name == "cost" and source == "free":  # a keyword the theme translates
            continue
        per_lang = {}
        for lang, block in translations.items():
            if not isinstance(block, dict):
                continue
            text = block.get(name)
            digests = block.get(DIGEST_KEY)
            stored = digests.get(name) if isinstance(digests, dict) else None
            per_lang[lang] = (text if isinstance(text, str) else None,
                              stored if isinstance(stored, str) else None)
        units.append(Unit(path, label, record_id, name, source, line, title, per_lang))
    return units


def file_units(path: str, data: bytes) -> list[Unit]:
    """The translatable texts of one data file's content (none if it cannot be read)."""
    what = kind_of(path)
    if what is None:
        return []
    kind, label, taxonomy = what
    root, _ = load_bytes(data, path)
    if root is None:
        return []
    value = schema.to_value(root, schema.shape(kind))
    if not taxonomy:
        if not isinstance(value, dict):
            return []
        return _record_units(path, kind, label, PurePosixPath(path).stem, value, 1)
    if not isinstance(value, list) or not isinstance(root, SequenceNode):
        return []
    units = []
    for item, node in zip(value, root.items, strict=True):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            units += _record_units(path, kind, label, item["id"], item, node.line)
    return units


def data_files(data_dir: Path) -> dict[str, bytes]:
    """Every data file with translatable records, by its path as the messages name it."""
    data_dir = Path(data_dir)
    files = {}
    for stem in TAXONOMY_FILES:
        file = data_dir / f"{stem}.yaml"
        if file.is_file():
            files[f"{data_dir.name}/{stem}.yaml"] = file.read_bytes()
    for folder in RECORD_FOLDERS:
        for file in sorted((data_dir / folder).glob("*.yaml")):
            files[f"{data_dir.name}/{folder}/{file.name}"] = file.read_bytes()
    return files


def all_units(files: Mapping[str, bytes]) -> list[Unit]:
    return [unit for path, data in files.items() for unit in file_units(path, data)]


# --- Status ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Counts of STATES per (language, German kind, field)."""

    counts: Mapping[tuple[str, str, str], Mapping[str, int]]

    def total(self, lang: str) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for (code, _, _), states in self.counts.items():
            if code == lang:
                for state, n in states.items():
                    out[state] += n
        return out


def coverage(units: Iterable[Unit], languages: Iterable[str]) -> Coverage:
    counts: dict[tuple[str, str, str], dict[str, int]] = {}
    units = list(units)
    for lang in languages:
        for unit in units:
            states = counts.setdefault((lang, unit.kind, unit.field), dict.fromkeys(STATES, 0))
            states[unit.state(lang)] += 1
    return Coverage(counts)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def status_report(units: list[Unit], languages: Iterable[str], *, details: bool = True) -> str:
    """The German coverage report: per language, kind and field, then the outdated texts."""
    languages = list(languages)
    cover = coverage(units, languages)
    lines = []
    for lang in languages:
        total = cover.total(lang)
        whole = sum(total.values())
        done = whole - total[MISSING]
        lines += [f"Sprache {lang}: {done} von {whole} Texten "
                  f"übersetzt ({_percent(done, whole)}), davon "
                  f"{total[OUTDATED]} veraltet, {total[UNCHECKED]} ohne Prüfsumme; "
                  f"{total[MISSING]} fehlen.", ""]
        lines.append(f"  {'Art':<12} {'Feld':<12} {'aktuell':>8} {'veraltet':>9} "
                     f"{'ungeprüft':>10} {'fehlt':>6}")
        for (code, kind, name), states in sorted(cover.counts.items()):
            if code == lang:
                lines.append(f"  {kind:<12} {name:<12} {states[CURRENT]:>8} "
                             f"{states[OUTDATED]:>9} {states[UNCHECKED]:>10} "
                             f"{states[MISSING]:>6}")
        outdated = [u for u in units if u.state(lang) == OUTDATED]
        if details and outdated:
            lines += ["", f"  Veraltet ({lang}) – der deutsche Text wurde nach der Übersetzung "
                          "geändert:"]
            lines += [f"    {u.context}" for u in outdated]
        lines.append("")
    lines.append("Übersetzen: invoke translations export --lang CODE [--only missing|outdated], "
                 "dann invoke translations import DATEI (Anleitung: docs/uebersetzen.md).")
    return "\n".join(lines) + "\n"


# --- Export ------------------------------------------------------------------------------


def _check_language(lang: str, languages: Iterable[str], source_lang: str) -> None:
    languages = [code for code in languages if code != source_lang]
    if lang == source_lang:
        raise TranslationError(f"„{lang}“ ist die Sprache der Originaltexte; übersetzt wird "
                               f"in eine der anderen Sprachen der Website: {', '.join(languages)}.")
    if lang not in languages:
        raise TranslationError(f"„{lang}“ ist keine Sprache dieser Website (QUARTIER_LANGUAGES"
                               f" in pelicanconf.py): {', '.join(languages)}.")


def export_po(units: list[Unit], lang: str, *, languages: Iterable[str],
              source_lang: str = "de", only: str | None = None) -> bytes:
    """A PO file for translating `units` into `lang`; `only`: "missing" or "outdated".

    Existing translations are the entries' msgstr; outdated and unchecked ones are marked
    fuzzy (the translator confirms or corrects them), as gettext marks entries whose source
    changed. "outdated" also takes the unchecked ones, whose source is unknown.
    """
    _check_language(lang, languages, source_lang)
    if only is not None and only not in ONLY:
        raise TranslationError(f"--only „{only}“ gibt es nicht; möglich sind: missing (nur "
                               "fehlende Übersetzungen) und outdated (veraltete und "
                               "ungeprüfte).")
    catalog = Catalog(locale=lang, project="Texte der Einträge unter data/", fuzzy=False,
                      msgid_bugs_address="", copyright_holder="", header_comment=(
                          f"# Texte der Einträge zum Übersetzen ins {lang} (invoke translations "
                          "export).\n# Nur die Übersetzungen (msgstr) ändern, msgctxt so "
                          "lassen; zurück mit invoke translations import.\n"
                          "# Anleitung: docs/uebersetzen.md"))
    for unit in units:
        state = unit.state(lang)
        if only is not None and state not in ONLY[only]:
            continue
        comments = [f"{unit.kind} „{unit.title}“, Feld {unit.field}"]
        if unit.field == "description":
            comments.append("Markdown: Zeilen, **fett**, Listen mit - und [Links](…) so "
                            "beibehalten; Adressen von Links nicht übersetzen.")
        elif unit.field == "summary":
            comments.append("Ein Satz, höchstens 200 Zeichen, ohne Zeilenumbruch.")
        else:
            comments.append("Eine Zeile, ohne Zeilenumbruch.")
        if state == OUTDATED:
            comments.append("Der deutsche Text wurde nach dieser Übersetzung geändert – bitte "
                            "prüfen und anpassen.")
        elif state == UNCHECKED:
            comments.append("Diese Übersetzung hat keine Prüfsumme – bitte prüfen, ob sie "
                            "noch zum deutschen Text passt.")
        current = unit.text(lang)
        comments.append(_EXPORTED + (digest(current) if current else _NONE))
        catalog.add(unit.source, current or "", locations=[(unit.path, unit.line)],
                    flags=("fuzzy",) if state in (OUTDATED, UNCHECKED) else (),
                    auto_comments=comments, context=unit.context)
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False)
    return out.getvalue()


# --- Import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One translation to write: the text, and the digest of the German it was made from."""

    unit: Unit
    text: str
    source_digest: str


@dataclass
class ImportResult:
    lang: str = ""
    edits: list[Edit] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # newer edits not overwritten
    notes: list[str] = field(default_factory=list)  # skipped entries, changed German
    errors: list[str] = field(default_factory=list)  # nothing was written
    files: dict[str, bytes] = field(default_factory=dict)  # path -> new content

    def report(self) -> str:
        lines = [*self.errors, *self.conflicts, *self.notes]
        if not self.errors:
            lines.append(f"{counted(len(self.edits), 'Übersetzung', 'Übersetzungen')} in "
                         f"{counted(len(self.files), 'Datei', 'Dateien')} geschrieben "
                         f"(Sprache {self.lang}).")
        return "\n".join(lines) + "\n"


def _read_catalog(po: bytes, name: str) -> Catalog:
    try:
        return read_po(io.BytesIO(po), abort_invalid=True)
    except (PoFileError, UnknownLocaleError, UnicodeDecodeError, ValueError) as err:
        raise TranslationError(f"{name}: keine lesbare PO-Datei ({err}). Bitte die Datei "
                               "verwenden, die invoke translations export geschrieben hat, "
                               "und im Übersetzungsprogramm als PO speichern.") from None


def _unknown_entry(context: str | None, units: list[Unit]) -> str:
    """Why an entry's msgctxt names no text of the data, in German."""
    if not context or "#" not in context or "." not in context.split("#", 1)[1]:
        return (f"„{context or ''}“ ist kein Verweis auf einen Text (erwartet: "
                "ordner/datei.yaml#kennung.feld); die Zeile msgctxt nicht ändern.")
    path, rest = context.split("#", 1)
    record_id, name = rest.rsplit(".", 1)
    in_file = [u for u in units if u.context.split("#", 1)[0] == path]
    if not in_file:
        return (f"Die Datei {path} gibt es im Datenordner nicht (mehr) oder sie hat keine "
                "übersetzbaren Texte.")
    of_record = [u for u in in_file if u.record_id == record_id]
    if not of_record:
        return f"In {path} gibt es keinen Eintrag „{record_id}“ (mehr)."
    fields = ", ".join(u.field for u in of_record)
    return (f"„{name}“ ist bei {path}#{record_id} kein übersetzbarer Text (übersetzbar: "
            f"{fields}).")


def plan_import(po: bytes, units: list[Unit], *, languages: Iterable[str],
                source_lang: str = "de", name: str = "PO-Datei",
                force: bool = False) -> ImportResult:
    """Which translations of a PO file to write, and what to say about the others."""
    catalog = _read_catalog(po, name)
    result = ImportResult()
    lang = catalog.locale.language if catalog.locale is not None else ""
    if catalog.locale is not None and catalog.locale.territory:
        lang = catalog.locale.language  # ar_EG → ar: the site has one Arabic
    if not lang:
        raise TranslationError(f"{name}: die Kopfzeile „Language:“ fehlt; sie sagt, in welche "
                               "Sprache übersetzt wurde (z. B. Language: ar).")
    _check_language(lang, languages, source_lang)
    result.lang = lang
    by_context = {u.context: u for u in units}
    unknown: list[str] = []
    known = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{name}, Zeile {message.lineno}" if message.lineno else name
        unit = by_context.get(message.context or "")
        if unit is None:
            unknown.append(f"{where}: {_unknown_entry(message.context, units)} Nicht "
                           "übernommen.")
            continue
        known += 1
        text = message.string if isinstance(message.string, str) else ""
        if not text.strip():
            continue  # not translated (yet)
        if message.fuzzy:
            result.notes.append(f"{where}: {unit.context} ist noch als unsicher (fuzzy) "
                                "markiert und wurde nicht übernommen; im Übersetzungsprogramm "
                                "bestätigen und neu speichern.")
            continue
        current = unit.text(lang)
        match = next((m for c in message.auto_comments if (m := _EXPORTED_RE.search(c))), None)
        exported = match.group(1) if match else None
        changed_since = exported is None or exported != (digest(current) if current else _NONE)
        if current and text != current and changed_since and not force:
            result.conflicts.append(
                f"{where}: {unit.context} wurde seit dem Export in den Daten geändert (jetzt: "
                f"„{_short(current)}“) – nicht überschrieben. Beide Fassungen vergleichen; "
                "mit --force überschreibt die Datei die neuere Fassung.")
            continue
        source_digest = digest(message.id)
        if message.id != unit.source:
            result.notes.append(f"{where}: der deutsche Text von {unit.context} wurde nach dem "
                                "Export geändert; die Übersetzung ist übernommen und als "
                                "veraltet vermerkt.")
        if text == current and unit.translations.get(lang, (None, None))[1] == source_digest:
            continue
        result.edits.append(Edit(unit, text, source_digest))
    if unknown and not known:
        result.errors.append(f"{name}: keiner der {len(unknown)} Einträge passt zu diesen "
                             "Daten – wurde die Datei für einen anderen Datenordner "
                             "exportiert? Erster: " + unknown[0])
    else:
        result.conflicts += unknown[:_SHOWN] + (
            [f"… und {len(unknown) - _SHOWN} weitere Einträge, die es nicht mehr gibt."]
            if len(unknown) > _SHOWN else [])
    return result


#: How many entries of one kind a report lists before it only counts the rest.
_SHOWN = 20


def _short(text: str, width: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[:width - 1] + "…"


def import_file(po_file: Path, data_dir: Path, *, languages: Iterable[str],
                source_lang: str = "de", today: date, force: bool = False,
                write: bool = True, validate_options: Mapping | None = None) -> ImportResult:
    """Write a PO file's translations into the data's records, if the result is valid.

    The edited files are checked with every other file of the data folder, in a copy; only
    when the copy has no errors are the files written (`write`). Otherwise nothing changes
    and `errors` holds the check's messages.
    """
    data_dir = Path(data_dir)
    try:
        po = Path(po_file).read_bytes()
    except OSError as err:
        raise TranslationError(f"{po_file}: kann nicht gelesen werden ({err.strerror}).") from None
    files = data_files(data_dir)
    result = plan_import(po, all_units(files), languages=languages, source_lang=source_lang,
                         name=Path(po_file).name, force=force)
    if result.errors or not result.edits:
        return result
    texts: dict[str, str] = {}
    for edit in result.edits:
        path = edit.unit.path
        text = texts.get(path)
        if text is None:
            text = files[path].decode("utf-8-sig")
        taxonomy = kind_of(path)[2]
        texts[path] = set_translation(text, edit.unit.record_id if taxonomy else None,
                                      result.lang, edit.unit.field, edit.text,
                                      edit.source_digest)
    new = {path: _encoded(text, files[path]) for path, text in texts.items()}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, copy, symlinks=True)
        for path, data in new.items():
            (copy / PurePosixPath(path).relative_to(data_dir.name)).write_bytes(data)
        checked = validate(copy, today=today, **(validate_options or {}))
    errors = [p for p in checked.problems if p.is_error]
    if errors:
        result.errors += ["Die Übersetzungen wurden nicht geschrieben: mit ihnen hätten die "
                          "Daten diese Fehler (Zeilen der geänderten Datei):",
                          format_text(errors)]
        return result
    result.files = new
    if write:
        for path, data in new.items():
            (data_dir / PurePosixPath(path).relative_to(data_dir.name)).write_bytes(data)
    return result


def _encoded(text: str, original: bytes) -> bytes:
    """`text` with the original file's byte order mark and line endings."""
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    return (bom + text).encode("utf-8")


# --- Editing a file in place -------------------------------------------------------------


def _compose(text: str) -> yaml.Node:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def _get(mapping: yaml.MappingNode, key: str):
    for k, v in mapping.value:
        if k.value == key:
            return k, v
    return None


def _value_end(text: str, node: yaml.Node) -> int:
    """Where a value ends, before the line breaks and spaces a block scalar's mark includes."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \n":
        end -= 1
    return end


def _lines(key: str, value, indent: str) -> list[str]:
    """A field of a translation block as lines: blocks a field a line, digests on one line.

    `field_lines` would put a short block in braces, and a digest under the key
    `description` in a literal block; the tool's own digests always stay one line.
    """
    if key == DIGEST_KEY:
        return [f"{indent}{key}: {flow(value)}"]
    if isinstance(value, dict):
        return [f"{indent}{scalar(key)}:",
                *(line for k, v in value.items() for line in _lines(k, v, indent + "  "))]
    return field_lines(key, value, indent)


def _replace(text: str, mapping: yaml.MappingNode, key: str, value) -> str:
    """`text` with `key`'s value in `mapping` replaced by `value` (the key exists)."""
    key_node, value_node = _get(mapping, key)
    if mapping.flow_style:
        start, end = value_node.start_mark.index, _value_end(text, value_node)
        return text[:start] + flow(value) + text[end:]
    start, end = key_node.start_mark.index, _value_end(text, value_node)
    lines = _lines(key, value, " " * key_node.start_mark.column)
    return text[:start] + "\n".join(lines)[key_node.start_mark.column:] + text[end:]


def _insert(text: str, mapping: yaml.MappingNode, key: str, value,
            before: str | None = None) -> str:
    """`text` with `key: value` added to `mapping` (before the key `before` if it has one)."""
    found = _get(mapping, before) if before else None
    if mapping.flow_style:
        if found:
            start = found[0].start_mark.index
            return text[:start] + f"{scalar(key)}: {flow(value)}, " + text[start:]
        if not mapping.value:
            start = mapping.start_mark.index + 1  # after "{"
            return text[:start] + f"{scalar(key)}: {flow(value)}" + text[start:]
        end = _value_end(text, mapping.value[-1][1])
        return text[:end] + f", {scalar(key)}: {flow(value)}" + text[end:]
    column = mapping.value[0][0].start_mark.column if mapping.value else 0
    lines = "\n".join(_lines(key, value, " " * column))
    if found:
        line_start = found[0].start_mark.index - found[0].start_mark.column
        return text[:line_start] + lines + "\n" + text[line_start:]
    # After the last value's line, so that a comment behind it stays on that line.
    end = text.find("\n", _value_end(text, mapping.value[-1][1]))
    end = len(text) if end < 0 else end
    return text[:end] + "\n" + lines + text[end:]


def _record_node(text: str, record_id: str | None) -> yaml.MappingNode:
    root = _compose(text)
    if record_id is None:
        if not isinstance(root, yaml.MappingNode):
            raise TranslationError("Die Datei enthält keinen Eintrag.")
        return root
    for item in root.value if isinstance(root, yaml.SequenceNode) else ():
        if isinstance(item, yaml.MappingNode):
            found = _get(item, "id")
            if found and found[1].value == record_id:
                return item
    raise TranslationError(f"Eintrag „{record_id}“ nicht gefunden.")


def set_translation(text: str, record_id: str | None, lang: str, name: str, value: str,
                    source_digest: str) -> str:
    """A data file's text with one translation and its digest set; every other byte kept.

    `record_id` names the entry of a taxonomy file; None for a file of one record. Line
    endings of the file are kept (CRLF files get CRLF lines).
    """
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    record = _record_node(text, record_id)
    found = _get(record, "translations")
    if found is None or not isinstance(found[1], yaml.MappingNode):
        block = {lang: {name: value, DIGEST_KEY: {name: source_digest}}}
        text = (_replace(text, record, "translations", block) if found
                else _insert(text, record, "translations", block, before="last_checked"))
        return text.replace("\n", "\r\n") if crlf else text
    translations = found[1]
    own = _get(translations, lang)
    if own is None or not isinstance(own[1], yaml.MappingNode):
        block = {name: value, DIGEST_KEY: {name: source_digest}}
        text = (_replace(text, translations, lang, block) if own
                else _insert(text, translations, lang, block))
        return text.replace("\n", "\r\n") if crlf else text
    block = own[1]
    text = (_replace(text, block, name, value) if _get(block, name)
            else _insert(text, block, name, value, before=DIGEST_KEY))
    block = _get(_get(_record_node(text, record_id), "translations")[1], lang)[1]
    digests = _get(block, DIGEST_KEY)
    stored = {}
    if digests is not None and isinstance(digests[1], yaml.MappingNode):
        stored = {k.value: v.value for k, v in digests[1].value
                  if isinstance(v, yaml.ScalarNode)}
    stored[name] = source_digest
    text = (_replace(text, block, DIGEST_KEY, stored) if digests
            else _insert(text, block, DIGEST_KEY, stored))
    return text.replace("\n", "\r\n") if crlf else text


# --- The pull-request summary ------------------------------------------------------------


def coverage_change(files: Iterable[tuple[str | None, str | None, bytes | None, bytes | None]],
                    languages: Iterable[str] | None = None
                    ) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    """Per language, the states of the changed files' texts before and after a change.

    `files`: (old path, new path, old bytes, new bytes) of every changed file, as the
    pull-request summary has them. Without `languages`, the languages the files translate.
    """
    old, new = [], []
    for old_path, new_path, old_data, new_data in files:
        if old_path and old_data is not None:
            old += file_units(old_path, old_data)
        if new_path and new_data is not None:
            new += file_units(new_path, new_data)
    if languages is None:
        languages = sorted({lang for u in old + new for lang in u.translations})
    rows = []
    for lang in languages:
        was, now = coverage(old, [lang]).total(lang), coverage(new, [lang]).total(lang)
        if was != now:
            rows.append((lang, was, now))
    return rows
