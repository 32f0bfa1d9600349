"""Rule ids: one registry, every problem made with a registered id, every id produced and
documented.

The corpus below holds one broken input per registered rule; a rule nobody can trigger,
a rule without an example, or an id the registry does not know fails here.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
from jsonschema import Draft202012Validator

from quartier.contract import schema
from quartier.contract.loader import MAX_DEPTH, load_bytes, load_file
from quartier.contract.problems import Problem, format_json
from quartier.contract.rules import RULES
from quartier.contract.validate import validate
from support import PROJECT, TODAY

OFFER = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\n"
SERIES = "title: T\nstart: 2026-11-04 18:00\nend: 20:00\n"  # a Wednesday
CONTRACT = PROJECT / "plugins" / "quartier" / "contract"
SCHEMAS = CONTRACT / "schema"
GUIDE = PROJECT / "docs" / "pruefung.md"


def _subfolder(data):
    data.write("dates/2027/fest.yaml", "title: T\nstart: 2027-01-01\n")
    return data.validate().problems


def _symlink(data):
    target = data.root / "elsewhere.yaml"
    target.write_text(OFFER, encoding="utf-8")
    (data.root / "data" / "offers").mkdir()
    (data.root / "data" / "offers" / "link.yaml").symlink_to(target)
    return data.validate().problems


def _missing_data_folder(data):
    return validate(data.root / "nope", today=TODAY).problems


def _unreadable_file(data):
    # Reading a directory as a file fails with an OSError, as a file without read
    # permission would (which root, who may run the tests, can still read).
    return load_file(data.root, "data/offers/o.yaml")[1]


def _past_date(data):
    data.write("dates/neu.yaml", "title: T\nstart: 2025-11-04 18:00\n")
    problems = validate(data.root / "data", today=TODAY,
                        new_files={"data/dates/neu.yaml"}).problems
    return [p for p in problems if p.path == "data/dates/neu.yaml"]


def _duplicate_record(data):
    data.write("dates/fest.yaml", "title: Fest\nstart: 2026-12-04 18:00\n")
    data.write("dates/fest-kopie.yaml", "title: Fest\nstart: 2026-12-04 18:00\n")
    return [p for p in data.validate().problems if p.path.startswith("data/dates/fest")]


def _invalid_value(data):
    """A schema keyword without a message of its own (none of ours uses maxItems)."""
    root, _ = load_bytes(b"[1, 2]\n", "x.yaml")
    [error] = Draft202012Validator({"maxItems": 1}).iter_errors([1, 2])
    return [Problem("x.yaml", node.line, node.column, name, message, hint, rule=rule)
            for node, name, rule, message, hint in schema._messages(error, root)]


#: rule -> (file under data/, its content[, validate() options]) or a function of the
#: `data` fixture returning problems. Each yields exactly one problem: this rule's.
EXAMPLES = {
    # reading the file
    "file-too-large": ("offers/o.yaml", OFFER + "description: |\n" + "  Text\n" * 1000,
                       {"max_file_bytes": 4096}),
    "not-utf8": ("offers/o.yaml", OFFER.replace("S.", "Beratung zu Anträgen.").encode("latin-1")),
    "control-character": ("offers/o.yaml", OFFER.replace("title: X", "title: X\x07Y")),
    "tab-indent": ("offers/o.yaml", OFFER + "registration:\n\trequired: true\n"),
    "yaml-syntax": ("offers/o.yaml", OFFER.replace("title: X", "title: Treffen: Ost")),
    "too-deep": ("offers/o.yaml", OFFER + "cost: " + "[" * (MAX_DEPTH + 1)),
    "complex-key": ("offers/o.yaml", OFFER + "? [a, b]\n: x\n"),
    "merge-key": ("offers/o.yaml", OFFER + "<<: {cost: free}\n"),
    "duplicate-key": ("offers/o.yaml", OFFER + "title: Y\n"),
    "alias": ("offers/o.yaml", OFFER + "cost: &c free\n"),
    "tag": ("offers/o.yaml", OFFER.replace("title: X", "title: !!str X")),
    "several-documents": ("offers/o.yaml", OFFER + "---\ntitle: Y\n"),
    "empty-file": ("offers/o.yaml", "# nur ein Kommentar\n"),
    "unreadable-file": _unreadable_file,
    "odd-space": ("offers/o.yaml", OFFER.replace("title: X", "title:\u00a0X")),
    "invisible-character": ("offers/o.yaml", OFFER.replace("title: X", "title: X\u202eY")),
    "comment-in-text": ("offers/o.yaml", OFFER.replace("summary: S.", "summary: Raum #2 oben")),
    "multiline-without-block": ("offers/o.yaml", OFFER + "description: Satz.\n  - eins\n"),
    # fields
    "missing-field": ("offers/o.yaml", OFFER.replace("summary: S.\n", "")),
    "unknown-key": ("offers/o.yaml", OFFER + "summary2: S.\n"),
    "empty-value": ("offers/o.yaml", OFFER.replace("title: X", "title:")),
    "wrong-type": ("offers/o.yaml", OFFER + "by_appointment: yes\n"),
    "enum": ("offers/o.yaml", OFFER + "accessibility: {wheelchair: ja}\n"),
    "too-long": ("offers/o.yaml", OFFER.replace("summary: S.", "summary: " + "x" * 201)),
    "out-of-range": ("offers/o.yaml", OFFER + "location: {street: W 1, city: L, "
                     "geo: {lat: 91, lon: 12}}\n"),
    "too-few-items": ("offers/o.yaml", OFFER.replace("[beratung]", "[]")),
    "duplicate-item": ("dates/d.yaml", SERIES + "repeat: {freq: weekly, days: [mi, mi]}\n"),
    "invalid-value": _invalid_value,
    "id-format": ("offers/o.yaml", OFFER.replace("actor: qm-ost", "actor: QM Ost")),
    "single-line": ("offers/o.yaml", OFFER.replace("title: X", 'title: "X\\nY"')),
    "date-format": ("offers/o.yaml", OFFER + "last_checked: 05.11.2026\n"),
    "time-format": ("offers/o.yaml", OFFER + "hours: [{days: [di], from: 9:30, to: \"12:00\"}]\n"),
    "datetime-format": ("dates/d.yaml", "title: T\nstart: 5.11.\n"),
    "url-format": ("offers/o.yaml", OFFER + "contact: {website: www.example.org}\n"),
    "email-format": ("offers/o.yaml", OFFER + "contact: {email: info(at)example.org}\n"),
    "phone-format": ("offers/o.yaml", OFFER + "contact: {phone: Tel. 0341 123456}\n"),
    "language-format": ("offers/o.yaml", OFFER + "languages: [deutsch]\n"),
    "postcode-format": ("offers/o.yaml", OFFER + "location: {street: W 1, postcode: 4315, "
                        "city: L}\n"),
    "digest-format": ("offers/o.yaml", OFFER + "translations: {en: {title: T, source_digest: "
                      "{title: von Hand}}}\n"),
    # Markdown
    "markdown-html": ("offers/o.yaml", OFFER + "description: Text mit <b>fett</b>\n"),
    "markdown-image": ("offers/o.yaml", OFFER + "description: \"![Foto](https://example.org/a.png)\"\n"),
    "link-scheme": ("offers/o.yaml", OFFER + "description: \"[klick](javascript:alert(1))\"\n"),
    "markdown-too-complex": ("offers/o.yaml", OFFER + 'description: "' + "[" * 700 + '"\n'),
    # values that need real dates
    "invalid-date": ("offers/o.yaml", OFFER + "last_checked: 2026-02-30\n"),
    "year-out-of-range": ("dates/d.yaml", "title: T\nstart: 1800-01-01\n"),
    "invalid-time": ("dates/d.yaml", "title: T\nstart: 2026-11-04 25:00\n"),
    "end-before-start": ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\n"
                         "end: 2026-11-04 17:00\n"),
    "all-day-time": ("dates/d.yaml", "title: T\nstart: 2026-11-04\nend: 18:00\n"),
    "all-day-mismatch": ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\nend: 2026-11-05\n"),
    "postponed-to-without-status": ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\n"
                                    "postponed_to: 2026-11-18 18:00\n"),
    "postponed-series": ("dates/d.yaml", SERIES + "status: postponed\n"
                         "postponed_to: 2026-11-18 18:00\nrepeat: {freq: weekly}\n"),
    "postponed-to-same": ("dates/d.yaml", "title: T\nstart: 2026-11-04 18:00\n"
                          "status: postponed\npostponed_to: 2026-11-04 18:00\n"),
    "hours-rhythm-conflict": ("offers/o.yaml", OFFER + "hours: [{days: [di], from: \"10:00\", "
                              "to: \"12:00\", interval: 2}]\n"),
    "hours-not-on-day": ("offers/o.yaml", OFFER + "hours: [{days: [di], from: \"10:00\", "
                         "to: \"12:00\", week: 1, except: [2026-12-08]}]\n"),
    "address-incomplete": ("offers/o.yaml", OFFER + "location: {city: Leipzig}\n"),
    # across records
    "dangling-reference": ("offers/o.yaml", OFFER.replace("qm-ost", "qm-os")),
    "not-a-network": ("actors/a.yaml", "name: A\nkind: association\nsummary: S.\n"
                      "member_of: [naomi-ev]\n"),
    "network-only": ("actors/a.yaml", "name: A\nkind: association\nsummary: S.\n"
                     "moderation: [{role: M}]\n"),
    "unknown-language": ("offers/o.yaml", OFFER + "languages: [de, xx]\n"),
    "stale-record": ("offers/o.yaml", OFFER + "last_checked: 2020-01-01\n"),
    "nonexistent-time": ("dates/d.yaml", "title: T\nstart: 2027-03-28 02:30\n"),
    "ambiguous-time": ("dates/d.yaml", "title: T\nstart: 2027-10-03 02:30\n"
                       "repeat: {freq: weekly, until: 2027-11-30}\n"),
    "series-only": ("dates/d.yaml", SERIES + "except: [2026-11-11]\n"),
    "repeat-conflict": ("dates/d.yaml", SERIES + "repeat: {freq: weekly, count: 3, "
                        "until: 2027-01-01}\n"),
    "empty-series": ("dates/d.yaml", SERIES + "repeat: {freq: weekly, until: 2026-10-01}\n"),
    "start-not-an-occurrence": ("dates/d.yaml", SERIES + "repeat: {freq: weekly, days: [do]}\n"),
    "change-not-an-occurrence": ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\n"
                                 "except: [2026-11-12]\n"),
    "cancelled-and-changed": ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\n"
                              "except: [2026-11-11]\nchanges: [{date: 2026-11-11, "
                              "start: \"19:00\"}]\n"),
    "duplicate-change": ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\nchanges:\n"
                         "  - {date: 2026-11-11, start: \"19:00\"}\n"
                         "  - {date: 2026-11-11, cancelled: true}\n"),
    "extra-date-conflict": ("dates/d.yaml", SERIES + "repeat: {freq: weekly}\n"
                            "extra_dates: [2026-11-11]\n"),
    # probably wrong (warnings)
    "past-date": _past_date,
    "long-event": ("dates/d.yaml", "title: T\nstart: 2026-11-04 14:00\nend: \"10:00\"\n"),
    "duplicate-record": _duplicate_record,
    "placeholder-text": ("offers/o.yaml", OFFER.replace("S.", "ein Satz, worum es geht.")),
    "unknown-confirmation": ("offers/o.yaml", "# bestätigt: lang\n" + OFFER),
    # files and folders
    "missing-data-folder": _missing_data_folder,
    "bad-file-name": ("offers/Deutsch Kurs.yaml", OFFER),
    "reserved-file-name": ("dates/woche.yaml", "title: T\nstart: 2026-12-02 18:00\n"),
    "file-extension": ("offers/kurs.yml", OFFER),
    "not-a-data-file": ("offers/notizen.txt", "x"),
    "subfolder": _subfolder,
    "symlink": _symlink,
    "duplicate-id": ("categories.yaml", "- id: beratung\n  name: Beratung\n"
                     "- id: beratung\n  name: B\n"),
    # school holidays
    "holidays-overlap": ("ferien.yaml", "- {name: Winterferien, from: 2027-02-08, to: 2027-02-19}\n"
                         "- {name: Ferien, from: 2027-02-15, to: 2027-02-26}\n"),
    "school-holidays-missing": ("dates/d.yaml", SERIES + "repeat: {freq: weekly, "
                                "skip_school_holidays: true}\n"),
    # the search's synonyms
    "word-format": ("synonyms.yaml", "- [Sprech stunde, Sprechzeit]\n"),
    "synonym-in-two-groups": ("synonyms.yaml", "- [Kita, Kindergarten]\n"
                              "- [Kita, Kindertagesstätte]\n"),
}


def test_every_registered_rule_has_an_example_and_every_example_a_rule():
    assert sorted(EXAMPLES) == sorted(RULES)


@pytest.mark.parametrize("rule", list(EXAMPLES))
def test_each_rule_is_produced_by_its_example(data, rule):
    example = EXAMPLES[rule]
    if callable(example):
        problems = example(data)
    else:
        name, text, *options = example
        problems = data.problems(name, text, **(options[0] if options else {}))
    assert [p.rule for p in problems] == [rule], problems
    assert problems[0].message


def test_rule_ids_are_kebab_case_with_a_german_description():
    for rule, description in RULES.items():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule), rule
        assert description.endswith((".", ")")) and " " in description, rule


def test_a_problem_needs_a_registered_rule():
    with pytest.raises(TypeError):
        Problem("x.yaml", 1, 1, "", "Meldung.")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="unknown-keys"):
        Problem("x.yaml", 1, 1, "", "Meldung.", rule="unknown-keys")
    assert Problem("x.yaml", 1, 1, "", "Meldung.", rule="unknown-key").rule == "unknown-key"


def test_problems_still_sort_by_place_first():
    later = Problem("a.yaml", 2, 1, "", "A.", rule="alias")
    earlier = Problem("a.yaml", 1, 9, "", "Z.", rule="yaml-syntax")
    assert sorted([later, earlier]) == [earlier, later]


def test_json_output_carries_the_rule(data):
    problems = data.problems("offers/o.yaml", OFFER + "by_appointment: yes\n")
    [entry] = json.loads(format_json(problems))
    assert (entry["rule"], entry["field"]) == ("wrong-type", "by_appointment")


def _looks_like_rule(node: ast.Constant) -> bool:
    return isinstance(node.value, str) and bool(re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", node.value))


#: Hyphenated strings in the contract code that are not rule ids.
_NOT_RULES = {"utf-8", "utf-8-sig", "x-pattern-rule", "kennung-des-anbieters"}


def _rule_ids_in_code() -> dict[str, set[str]]:
    """Rule ids the contract code names: every `rule=` argument, the rule argument of the
    helpers that take one (`refuse`, `problem`, `report`), and every other hyphenated
    lower-case string literal (ids also sit in tuples of message tables)."""
    found: dict[str, set[str]] = {}
    for file in sorted(CONTRACT.glob("*.py")):
        if file.name == "rules.py":
            continue
        ids = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                values = [k.value for k in node.keywords if k.arg == "rule"]
                position = {"refuse": 1, "problem": 0, "report": 0}.get(name)
                if position is not None and len(node.args) > position:
                    values.append(node.args[position])
                ids |= {v.value for v in values if isinstance(v, ast.Constant)}
            elif isinstance(node, ast.Constant) and _looks_like_rule(node):
                ids.add(node.value)
        found[file.name] = ids - _NOT_RULES
    return found


def _pattern_rules(value, where=""):
    """(place, x-pattern-rule or None) for every schema object that has a `pattern`."""
    if isinstance(value, dict):
        if "pattern" in value:
            yield where, value.get("x-pattern-rule")
        for key, sub in value.items():
            yield from _pattern_rules(sub, f"{where}/{key}")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _pattern_rules(sub, f"{where}/{i}")


def test_every_rule_id_the_code_and_the_schemas_use_is_registered():
    used = _rule_ids_in_code()
    # The scan sees ids in each way they are written (so this test can fail at all).
    assert {"tag", "alias", "yaml-syntax", "too-deep", "too-long", "markdown-html",
            "invalid-date", "dangling-reference", "bad-file-name"} <= set().union(*used.values())
    for name, ids in used.items():
        assert ids <= set(RULES), (name, sorted(ids - set(RULES)))
    for file in sorted(SCHEMAS.glob("*.json")):
        for where, rule in _pattern_rules(json.loads(file.read_text(encoding="utf-8"))):
            assert rule in RULES, f"{file.name}{where}: pattern without a registered x-pattern-rule"


def test_schemas_stay_valid_json_schema_for_editors():
    for file in sorted(SCHEMAS.glob("*.json")):
        Draft202012Validator.check_schema(json.loads(file.read_text(encoding="utf-8")))


def test_the_pattern_rule_reaches_the_inlined_schema():
    """`$ref`s are inlined for speed; the annotation must survive that for every field."""
    for kind in schema.SCHEMA_FILES:
        for where, rule in _pattern_rules(schema._inlined(kind)):
            assert rule in RULES, (kind, where)


# --- docs/pruefung.md names every rule ------------------------------------------------

# „– Prüfregel `unknown-key`“ or „– Prüfregeln `alias`, `tag`“, possibly across a line break.
_MARK = re.compile(r"Prüfregeln?\s+((?:`[^`]+`(?:,\s+|\s+und\s+)?)+)")


def _documented_rules() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [rule for group in _MARK.findall(text) for rule in re.findall(r"`([^`]+)`", group)]


def test_every_rule_is_documented_in_the_guide():
    missing = set(RULES) - set(_documented_rules())
    assert not missing, f"docs/pruefung.md erklärt diese Prüfregeln nicht: {sorted(missing)}"


def test_the_guide_names_only_registered_rules():
    unknown = set(_documented_rules()) - set(RULES)
    assert not unknown, f"docs/pruefung.md nennt unbekannte Prüfregeln: {sorted(unknown)}"


def test_the_guide_tells_tool_authors_about_the_json_rule():
    text = GUIDE.read_text(encoding="utf-8")
    assert "--format json" in text and '"rule"' in text
