"""The translation round trip: status, PO export, import into the YAML files and its refusals."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from quartier.contract.validate import validate
from quartier.tools import translations as tr
from support import PROJECT, TODAY

LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr")


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the demo data to translate."""
    folder = tmp_path / "data"
    shutil.copytree(PROJECT / "data", folder)
    return folder


def units(folder: Path) -> list[tr.Unit]:
    return tr.all_units(tr.data_files(folder))


def unit(folder: Path, context: str) -> tr.Unit:
    return next(u for u in units(folder) if u.context == context)


def po_entries(po: bytes) -> dict:
    return {m.context: m for m in read_po(io.BytesIO(po)) if m.id}


def filled(po: bytes, texts) -> bytes:
    """The PO file as a translator saves it: `texts(message)` as msgstr, fuzzy cleared."""
    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.id:
            text = texts(message)
            if text is not None:
                message.string = text
                message.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def arabic(message) -> str:
    if message.context.endswith(".description"):
        return "نص **مهم**.\n\n- نقطة أولى\n- نقطة ثانية"
    return f"ترجمة {message.context.split('#')[1]}"


def import_po(folder: Path, po: bytes, tmp_path: Path, **options) -> tr.ImportResult:
    file = tmp_path / "uebersetzung.po"
    file.write_bytes(po)
    return tr.import_file(file, folder, languages=LANGUAGES, today=TODAY, **options)


def without_translations(text: str) -> str:
    """The file with its `translations` blocks (block or one-line flow style) taken out."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        match = re.match(r"( *)(- )?translations:", lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        base = len(match.group(1)) + (2 if match.group(2) else 0)
        i += 1
        while i < len(lines):
            rest = [x for x in lines[i:] if x.strip()]
            indent = len(lines[i]) - len(lines[i].lstrip(" "))
            if (lines[i].strip() and indent > base) or (
                    not lines[i].strip() and rest and
                    len(rest[0]) - len(rest[0].lstrip(" ")) > base):
                i += 1
            else:
                break
    return "\n".join(out)


def test_round_trip_writes_every_text_and_keeps_every_other_byte(data, tmp_path):
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    current = sum(u.state("ar") == tr.CURRENT for u in units(data))
    po = tr.export_po(units(data), "ar", languages=LANGUAGES, only="missing")
    entries = po_entries(po)
    assert len(entries) == sum(u.state("ar") == tr.MISSING for u in units(data)) > 200
    assert "offers/lastenrad-ausleihe.yaml#lastenrad-ausleihe.title" in entries
    result = import_po(data, filled(po, arabic), tmp_path)
    assert not result.errors and not result.conflicts, result.report()
    assert len(result.edits) == len(entries)
    assert validate(data, today=TODAY).dataset is not None  # the result is valid
    after = units(data)
    assert all(u.state("ar") in (tr.CURRENT, tr.UNCHECKED) for u in after)
    assert sum(u.state("ar") == tr.CURRENT for u in after) == current + len(entries)
    bike = unit(data, "offers/lastenrad-ausleihe.yaml#lastenrad-ausleihe.title")
    assert bike.text("ar") == "ترجمة lastenrad-ausleihe.title"
    changed = 0
    for path, old in before.items():
        new = path.read_bytes()
        changed += new != old
        # Outside the translations blocks, byte for byte: comments, quotes, layout, order.
        assert without_translations(new.decode()) == without_translations(old.decode()), path
        assert [line for line in old.decode().splitlines() if line.lstrip().startswith("#")] \
            == [line for line in new.decode().splitlines() if line.lstrip().startswith("#")]
    assert changed > 100
    # A second import of the same file changes nothing.
    again = import_po(data, filled(po, arabic), tmp_path)
    assert not again.edits and not again.files


def test_existing_translations_outside_the_new_language_stay_as_they_were(data, tmp_path):
    categories = (data / "categories.yaml").read_text(encoding="utf-8")
    po = tr.export_po(units(data), "ar", languages=LANGUAGES, only="missing")
    import_po(data, filled(po, lambda m: "وصف" if "categories.yaml#" in m.context else None),
              tmp_path)
    text = (data / "categories.yaml").read_text(encoding="utf-8")
    old_line = next(x for x in categories.splitlines() if "Counselling" in x)
    new_line = next(x for x in text.splitlines() if "Counselling" in x)
    # The Arabic name stays, the summary and its digest join it in the same braces.
    assert new_line == old_line.replace(
        "ar: {name: استشارة}", "ar: {name: استشارة, summary: وصف, source_digest: {summary: "
        f"{tr.digest('Sprechstunden, Einzelberatung und Vermittlung an Fachberatungsstellen.')}"
        "}}")


def test_a_changed_german_text_makes_its_translation_outdated(data, tmp_path):
    context = "offers/gwk-sprechzeiten.yaml#gwk-sprechzeiten.summary"
    po = tr.export_po(units(data), "ar", languages=LANGUAGES)
    import_po(data, filled(po, lambda m: "ساعات" if m.context == context else None), tmp_path)
    assert unit(data, context).state("ar") == tr.CURRENT
    file = data / "offers" / "gwk-sprechzeiten.yaml"
    german = unit(data, context).source
    file.write_text(file.read_text(encoding="utf-8").replace(german, german + " Auch "
                                                                            "freitags."),
                    encoding="utf-8")
    assert unit(data, context).state("ar") == tr.OUTDATED
    report = tr.status_report(units(data), ["ar"])
    translated = sum(u.state("ar") != tr.MISSING for u in units(data))
    assert report.startswith(f"Sprache ar: {translated} von {len(units(data))} Texten "
                             "übersetzt (")
    assert ", davon 1 veraltet, 0 ohne Prüfsumme;" in report.split("\n")[0]
    assert f"    {context}" in report
    outdated = po_entries(tr.export_po(units(data), "ar", languages=LANGUAGES, only="outdated"))
    assert context in outdated
    assert outdated[context].fuzzy and outdated[context].string == "ساعات"
    assert all(unit(data, c).state("ar") in (tr.OUTDATED, tr.UNCHECKED) for c in outdated)
    # The translator confirms a new text: current again.
    import_po(data, filled(tr.export_po(units(data), "ar", languages=LANGUAGES,
                                        only="outdated"),
                           lambda m: "ساعات، الجمعة أيضا" if m.context == context else None),
              tmp_path)
    assert unit(data, context).state("ar") == tr.CURRENT


def test_an_import_never_overwrites_a_newer_edit_without_saying_so(data, tmp_path):
    context = "offers/qm-sprechzeiten.yaml#qm-sprechzeiten.summary"
    po = tr.export_po(units(data), "ar", languages=LANGUAGES)
    file = data / "offers" / "qm-sprechzeiten.yaml"
    old = unit(data, context).text("ar")
    # While the file is with the translator, someone corrects the YAML by hand.
    file.write_text(file.read_text(encoding="utf-8").replace(old, "تصحيح باليد"),
                    encoding="utf-8")
    edited = file.read_bytes()
    result = import_po(data, filled(po, lambda m: "ترجمة المترجم" if m.context == context
                                    else None), tmp_path)
    assert file.read_bytes() == edited
    assert len(result.conflicts) == 1 and context in result.conflicts[0]
    assert "seit dem Export in den Daten geändert" in result.conflicts[0]
    assert "„تصحيح باليد“" in result.conflicts[0] and "--force" in result.conflicts[0]
    forced = import_po(data, filled(po, lambda m: "ترجمة المترجم" if m.context == context
                                    else None), tmp_path, force=True)
    assert not forced.conflicts
    assert unit(data, context).text("ar") == "ترجمة المترجم"


def test_an_unchanged_translation_is_not_a_conflict(data, tmp_path):
    """The same text as in the data, or a text where the data had none: no newer edit."""
    po = tr.export_po(units(data), "en", languages=LANGUAGES)
    result = import_po(data, filled(po, lambda m: m.string or None), tmp_path)
    assert not result.conflicts and not result.errors
    # The hand-written translations it confirmed now have their digest.
    assert all(u.state("en") in (tr.CURRENT, tr.MISSING) for u in units(data))


def test_a_translation_that_breaks_the_contract_is_not_written(data, tmp_path):
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    po = tr.export_po(units(data), "ar", languages=LANGUAGES, only="missing")
    context = "actors/naomi-ev.yaml#naomi-ev.summary"
    result = import_po(data, filled(po, lambda m: "سطر\nسطر آخر" if m.context == context
                                    else "ترجمة"), tmp_path)
    assert result.errors and "nicht geschrieben" in result.errors[0]
    assert "data/actors/naomi-ev.yaml" in result.report()
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before


def test_wrong_language_bad_file_and_unknown_entries_are_named_in_german(data, tmp_path):
    all_units = units(data)
    for lang, words in (("de", "Sprache der Originaltexte"), ("fr", "keine Sprache dieser")):
        with pytest.raises(tr.TranslationError, match=words):
            tr.export_po(all_units, lang, languages=LANGUAGES)
    with pytest.raises(tr.TranslationError, match="--only „alles“ gibt es nicht"):
        tr.export_po(all_units, "ar", languages=LANGUAGES, only="alles")
    po = tr.export_po(all_units, "ar", languages=LANGUAGES, only="missing")
    french = po.replace(b'"Language: ar\\n"', b'"Language: fr\\n"')
    with pytest.raises(tr.TranslationError, match="„fr“ ist keine Sprache dieser Website"):
        import_po(data, french, tmp_path)
    no_language = po.replace(b'"Language: ar\\n"\n', b"")
    with pytest.raises(tr.TranslationError, match="Kopfzeile „Language:“ fehlt"):
        import_po(data, no_language, tmp_path)
    with pytest.raises(tr.TranslationError, match="keine lesbare PO-Datei"):
        import_po(data, b'msgid "a"\nmsgstr "b"\nmsgid unquoted\n', tmp_path)
    with pytest.raises(tr.TranslationError, match="kann nicht gelesen werden"):
        tr.import_file(tmp_path / "fehlt.po", data, languages=LANGUAGES, today=TODAY)
    gone = po.replace(b'msgctxt "actors/naomi-ev.yaml#naomi-ev.summary"',
                      b'msgctxt "actors/naomi-ev.yaml#naomi.summary"').replace(
        b'msgctxt "actors/naomi-ev.yaml#naomi-ev.name"',
        b'msgctxt "actors/naomi-ev.yaml#naomi-ev.kind"').replace(
        b'msgctxt "offers/qm-sprechzeiten.yaml#qm-sprechzeiten.description"',
        b'msgctxt "offers/weg.yaml#weg.title"')
    result = import_po(data, filled(gone, arabic), tmp_path)
    messages = "\n".join(result.conflicts)
    assert "In actors/naomi-ev.yaml gibt es keinen Eintrag „naomi“" in messages
    assert "„kind“ ist bei actors/naomi-ev.yaml#naomi-ev kein übersetzbarer Text" in messages
    assert result.edits  # the other entries are written
    moved = tmp_path / "anderswo"
    (moved / "offers").mkdir(parents=True)
    (moved / "offers" / "x.yaml").write_text("title: X\nactor: a\nsummary: S\n"
                                             "categories: [beratung]\n", encoding="utf-8")
    with_errors = tr.plan_import(po, units(moved), languages=LANGUAGES)
    assert with_errors.errors and "anderen Datenordner" in with_errors.errors[0]


def test_set_translation_edits_in_place():
    record = ("# Kommentar\ntitle: Kurs  # bleibt\nsummary: Kurz.\ndescription: |\n  Zeile\n\n"
              "  Absatz\n\nlast_checked: 2026-10-01\n")
    text = tr.set_translation(record, None, "ar", "title", "دورة", "0123456789ab")
    assert text == record.replace("last_checked", "translations:\n  ar:\n    title: دورة\n"
                                  '    source_digest: {title: "0123456789ab"}\nlast_checked')
    text = tr.set_translation(text, None, "ar", "description", "سطر\n\nفقرة", "abcdefabcdef")
    assert "    description: |-\n      سطر\n\n      فقرة\n    source_digest: {title: " \
           '"0123456789ab", description: abcdefabcdef}\n' in text
    text = tr.set_translation(text, None, "ar", "title", "دورة جديدة", "111111111111")
    assert "    title: دورة جديدة\n" in text and "title: Kurs  # bleibt\n" in text
    assert text.startswith("# Kommentar\n")
    crlf = record.replace("\n", "\r\n")
    assert tr.set_translation(crlf, None, "en", "title", "Course", "0123456789ab") == \
        tr.set_translation(record, None, "en", "title", "Course", "0123456789ab").replace(
            "\n", "\r\n")
    flow_style = ("- id: a\n  name: A\n  translations: {en: {name: X, source_digest: "
                  "{name: aaaaaaaaaaaa}}}\n")
    assert tr.set_translation(flow_style, "a", "en", "summary", "Why", "bbbbbbbbbbbb") == (
        "- id: a\n  name: A\n  translations: {en: {name: X, summary: Why, source_digest: "
        "{name: aaaaaaaaaaaa, summary: bbbbbbbbbbbb}}}\n")  # the digests stay last
    taxonomy = "- id: a\n  name: A\n\n- id: b\n  name: B  # Kommentar\n\n# Ende\n"
    text = tr.set_translation(taxonomy, "b", "uk", "name", "Б", "0123456789ab")
    assert text == ("- id: a\n  name: A\n\n- id: b\n  name: B  # Kommentar\n  translations:\n"
                    '    uk:\n      name: Б\n      source_digest: {name: "0123456789ab"}\n\n'
                    "# Ende\n")


def test_a_hand_written_digest_is_an_error_in_german(tmp_path):
    from support import DataFolder
    data = DataFolder(tmp_path)
    problems = data.problems("categories.yaml", "- id: beratung\n  name: Beratung\n"
                             "  translations: {en: {name: Counselling, source_digest: "
                             "{name: neu}}}\n")
    assert any("Prüfsumme" in p.message for p in problems), problems
    problems = data.problems("categories.yaml", "- id: beratung\n  name: Beratung\n"
                             "  translations: {en: {name: Counselling, source_digest: "
                             "{titel: 0123456789ab}}}\n")
    assert problems and problems[0].field.endswith("titel")


def test_coverage_change_counts_the_changed_files_before_and_after():
    old = b"title: Kurs\nactor: a\nsummary: Kurz.\ncategories: [x]\n"
    new = (b"title: Kurs\nactor: a\nsummary: Kurz.\ncategories: [x]\ntranslations:\n  en:\n"
           b"    title: Course\n")
    rows = tr.coverage_change([("data/offers/k.yaml", "data/offers/k.yaml", old, new)],
                              ["en", "ar"])
    assert rows == [("en", {tr.CURRENT: 0, tr.OUTDATED: 0, tr.UNCHECKED: 0, tr.MISSING: 2},
                     {tr.CURRENT: 0, tr.OUTDATED: 0, tr.UNCHECKED: 1, tr.MISSING: 1})]
