"""The data contract as JSON Schema: typing scalars by it, and checking files against it.

The schema files in `schema/` are the single description of every field: the
validator uses them here and editors use the same files for completion and
tooltips (their German `title`/`description`).

YAML scalars are typed *by the schema*, not by YAML 1.1's guessing: where the
schema expects text, the source text is kept as written (`04107` stays
"04107", `18:00` stays "18:00", `yes` stays "yes"); only where it expects a
number or a boolean is a plain scalar read as one, and booleans are only
`true`/`false`. So the contract's scalar rules hold without special cases.

Each schema error is reported under the rule id of its JSON Schema keyword (`required` is
`missing-field`, `maxLength` is `too-long`, …). A `pattern` says more: which kind of value
was misspelt. So every definition with a `pattern` names its rule in the annotation keyword
`x-pattern-rule` (`time-format`, `id-format`, …), which validators and editors ignore.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators

from . import suggestions
from .loader import Mapping, Node, Scalar, describe_value, node_at
from .problems import Problem, did_you_mean, field_name, quote

#: The schema file for each kind of data file.
SCHEMA_FILES = {
    "actor": "actor.schema.json",
    "offer": "offer.schema.json",
    "date": "date.schema.json",
    "districts": "districts.schema.json",
    "categories": "categories.schema.json",
    "audiences": "audiences.schema.json",
    "synonyms": "synonyms.schema.json",
    "ferien": "ferien.schema.json",
}
COMMON = "common.schema.json"


@cache
def source_texts() -> dict[str, str]:
    """The schema files by name, as written (they refer to each other by name)."""
    folder = resources.files(__package__) / "schema"
    return {name: (folder / name).read_text(encoding="utf-8")
            for name in sorted([*SCHEMA_FILES.values(), COMMON])}


@cache
def _documents() -> dict[str, dict]:
    return {name: json.loads(text) for name, text in source_texts().items()}


@cache
def translatable_fields(kind: str) -> tuple[str, ...]:
    """The fields a record of `kind` may translate, as its schema's `translations` lists them.

    The tool-written `source_digest` is no text of its own and left out.
    """
    document = _documents()[SCHEMA_FILES[kind]]
    record = document.get("items", document)
    texts = record["properties"]["translations"]["additionalProperties"]["properties"]
    return tuple(name for name in texts if name != "source_digest")


_ANNOTATIONS = frozenset(("title", "description", "examples", "patternErrorMessage",
                          "x-pattern-rule", "$comment"))


def _inline(schema, document: str):
    """The schema with every `$ref` replaced by what it points to.

    jsonschema spends more than half its time resolving references; our
    schemas are not recursive, so the validator gets a reference-free copy
    (the files keep their `$ref`s for editors). A `$ref` with siblings is
    merged when only annotations overlap, and kept as `allOf` otherwise.
    """
    if isinstance(schema, list):
        return [_inline(item, document) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _inline(value, document) for key, value in schema.items() if key != "$ref"}
    if "$ref" not in schema:
        return out
    target = _inline(*_resolve(schema["$ref"], document))
    if set(target) & set(out) - _ANNOTATIONS:
        return {"allOf": [target, out]}
    return {**target, **out}


@cache
def _inlined(kind: str) -> dict:
    name = SCHEMA_FILES[kind]
    schema = _inline(_documents()[name], name)
    schema.pop("$defs", None)
    return schema


@cache
def _ecma_regex(pattern: str) -> re.Pattern:
    """`pattern` with JSON Schema's (ECMA-262) meaning of `$`: the end of the text.

    Python's `$` also matches before a final line break, so `^[^\\n]*$` let "T\\n" through
    as a single line and `^[0-9]{5}$` "04315\\n" as a postcode (jsonschema-rs and the
    editors' validators, like JavaScript, refuse both). An unescaped `$` outside a character
    class becomes `\\Z`.
    """
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


#: Draft 2020-12 with ECMA-262 regular expressions, as the schema's `pattern`s are written.
_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator; its errors carry what the German messages need."""
    return _Validator(_inlined(kind))


@cache
def _fast_validator(kind: str):
    """jsonschema-rs: about 40x faster, used to tell valid files apart.

    Most files are valid, so only the invalid ones pay for the reference
    validator's detailed errors. Both implement draft 2020-12.
    """
    return jsonschema_rs.Draft202012Validator(_inlined(kind))


@cache
def field_titles(kind: str) -> dict[str, str]:
    """The German titles of a kind's top-level fields (start -> Beginn), for summaries."""
    document = _inlined(kind)
    if document.get("type") == "array":  # a taxonomy file: a list of entries
        document = document.get("items", {})
    titles = {}
    for key, prop in document.get("properties", {}).items():
        # A `$ref` with its own keywords was inlined as allOf [target, own].
        parts = [prop, *reversed(prop.get("allOf", []))]
        title = next((part["title"] for part in parts if part.get("title")), None)
        if title:
            titles[key] = title
    return titles


# --- Shapes: what the schema allows at each place, compiled once per kind -------------


@dataclass
class Shape:
    """The JSON types and children the schema allows at one place of a document."""

    types: set[str] = field(default_factory=set)
    properties: dict[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    additional: Shape | None = None

    def child(self, key: str) -> Shape | None:
        return self.properties.get(key, self.additional)

    def merge(self, other: Shape) -> None:
        self.types |= other.types
        for key, shape in other.properties.items():
            if key in self.properties:
                self.properties[key].merge(shape)
            else:
                self.properties[key] = shape
        for attr in ("items", "additional"):
            theirs = getattr(other, attr)
            if theirs is not None:
                mine = getattr(self, attr)
                if mine is None:
                    setattr(self, attr, theirs)
                else:
                    mine.merge(theirs)


_ENUM_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _resolve(ref: str, document: str) -> tuple[dict, str]:
    target, _, pointer = ref.partition("#")
    document = target or document
    node = _documents()[document]
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node, document


def _compile(schema: dict) -> Shape:
    shape = Shape()
    declared = schema.get("type")
    if declared:
        shape.types |= {declared} if isinstance(declared, str) else set(declared)
    for value in schema.get("enum", []):
        shape.types.add(_ENUM_TYPES[type(value)])
    for key, sub in schema.get("properties", {}).items():
        shape.properties.setdefault(key, Shape()).merge(_compile(sub))
    if isinstance(schema.get("items"), dict):
        shape.merge(Shape(items=_compile(schema["items"])))
    if isinstance(schema.get("additionalProperties"), dict):
        shape.merge(Shape(additional=_compile(schema["additionalProperties"])))
    for keyword in ("then", "else"):
        if keyword in schema:
            shape.merge(_compile(schema[keyword]))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            shape.merge(_compile(sub))
    return shape


@cache
def shape(kind: str) -> Shape:
    return _compile(_inlined(kind))


_INTEGER = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULL = frozenset(("", "~", "null", "Null", "NULL"))


def to_value(node: Node, where: Shape | None):
    """The node as plain Python data, each scalar typed by what the schema expects there."""
    if isinstance(node, Scalar):
        text = node.text
        if not node.plain:
            return text
        if text in _NULL:
            return None
        types = where.types if where is not None else ()
        if "boolean" in types and text in ("true", "false"):
            return text == "true"
        if "integer" in types and _INTEGER.fullmatch(text):
            return int(text)
        if "number" in types and _NUMBER.fullmatch(text):
            return float(text)
        return text
    if isinstance(node, Mapping):
        return {
            key.text: to_value(value, where.child(key.text) if where else None)
            for key, value in node.items
        }
    items = where.items if where is not None else None
    return [to_value(item, items) for item in node.items]  # type: ignore[attr-defined]


# --- German messages for schema errors ------------------------------------------------


_TYPE_WORDS = {
    "string": "einen Text",
    "boolean": "true oder false",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "array": "eine Liste",
    "object": "einen Block mit Feldern (eingerückte Zeilen „feld: Wert“)",
    "null": "nichts",
}
_TYPE_HINTS = {
    "boolean": "Nur true (ja) oder false (nein) schreiben; yes, no, on und off gelten nicht.",
    "array": "Eine Liste schreibt man [a, b] oder als eingerückte Zeilen mit „- “ davor.",
    "object": "Die Unterfelder in eigenen, zwei Leerzeichen tiefer eingerückten Zeilen schreiben.",
    "string": "Den Text in Anführungszeichen setzen.",
}


def _flow(value) -> str:
    """A value as an editor writes it in YAML's short form: [a, b], {lat: 51.3, lon: 12.4}."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_flow, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    return f"Beispiel: {_flow(examples[0])}" if examples else ""


def _pattern_hint(rule: str, pattern: str, value, schema: dict) -> str:
    """The editor's own value as it should be written, else the schema's example.

    An id gets no example: „ak-ost“ under `districts` would name an actor.
    """
    if not isinstance(value, str):
        return _example(schema)
    fits = _ecma_regex(pattern).search
    hint = suggestions.spaces_hint(value, fits)
    if not hint and rule in suggestions.PATTERN_HINTS:
        hint = suggestions.PATTERN_HINTS[rule](value)
    if rule == "id-format":
        return hint or suggestions.ID_RULE
    return hint or _example(schema)


def _decimal_comma(node: Mapping, key: str) -> str | None:
    """`{lat: 51,3609}`: YAML read „3609“ as a field of its own after `lat: 51`."""
    if not key.isdigit():
        return None
    keys = [k.text for k, _ in node.items]
    index = keys.index(key) if key in keys else 0
    if index == 0:
        return None
    before, value = node.items[index - 1]
    if not (isinstance(value, Scalar) and re.fullmatch(r"[-+]?[0-9]+", value.text)):
        return None
    return f"{before.text}: {value.text}.{key}"


def _messages(error, root: Node) -> list[tuple[Node, str, str, str, str]]:
    """(node to point at, field, rule, message, hint) for one jsonschema error."""
    path = list(error.absolute_path)
    node = node_at(root, path)
    name = field_name(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance

    if kind == "required":
        missing = [p for p in error.validator_value if p not in value]
        return [
            (node, field_name([*path, p]), "missing-field", f"Das Pflichtfeld „{p}“ fehlt.",
             f"Eine Zeile „{p}: …“ ergänzen.")
            for p in missing
        ]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for key in value:
            if key in allowed:
                continue
            target = node.key_node(key) if isinstance(node, Mapping) else None
            value_node = node.get(key) if isinstance(node, Mapping) else None
            decimal = _decimal_comma(node, key) if isinstance(node, Mapping) else None
            if decimal:
                out.append((target or node, field_name(path), "unknown-key",
                            f"{quote(key)} steht als eigenes Feld da – vermutlich ein Komma in "
                            "einer Dezimalzahl.",
                            f"Dezimalzahlen mit Punkt statt Komma schreiben: {decimal}."))
                continue
            if (isinstance(value_node, Scalar) and value_node.plain and not value_node.text
                    and " " in key):
                out.append((target or node, field_name(path), "unknown-key",
                            f"{quote(key)} steht als eigenes Feld da – vermutlich trennt ein Komma "
                            "einen Text innerhalb von { … }.",
                            "Den ganzen Text in Anführungszeichen setzen, z. B. "
                            "{role: \"Moderation (Amt für Jugend, Familie und Bildung)\"}."))
                continue
            hint = did_you_mean(key, allowed) or (
                "Erlaubt sind hier: " + ", ".join(allowed) + "." if allowed else
                "Hier sind keine weiteren Felder erlaubt.")
            out.append((target or node, field_name([*path, key]), "unknown-key",
                        f"Unbekanntes Feld {quote(key)}.", hint))
        return out
    found = describe_value(node)
    if kind == "type" or (kind == "minLength" and value == ""):
        if value is None or value == "":
            return [(node, name, "empty-value", "Das Feld ist leer.",
                     "Einen Wert eintragen oder die ganze Zeile löschen.")]
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = " oder ".join(_TYPE_WORDS[t] for t in expected)
        hint = _example(schema) or _TYPE_HINTS.get(expected[0], "")
        if "boolean" in expected:
            hint = _TYPE_HINTS["boolean"]
        elif isinstance(value, str) and {"number", "integer"} & set(expected):
            hint = suggestions.number_hint(value) or hint
        elif isinstance(value, str) and "array" in expected:
            key = next((step for step in reversed(path) if isinstance(step, str)), "")
            hint = suggestions.list_hint(value, key) or hint
        elif "object" in expected and path and isinstance(path[-1], str):
            hint = suggestions.block_hint(value, path[-1]) or hint
        if not path and isinstance(value, list):
            hint = ("Eine Datei beschreibt genau einen Eintrag: die Felder ohne „- “ davor an "
                    "den Zeilenanfang schreiben.")
        return [(node, name, "wrong-type", f"erwartet {words}, gefunden {found}.", hint)]
    if kind == "pattern":
        if isinstance(node, Mapping) and isinstance(value, str) and node.key_node(value):
            node = node.key_node(value)  # propertyNames: the key itself is wrong
        expected = schema.get("patternErrorMessage", "erwartet eine andere Schreibweise")
        rule = schema.get("x-pattern-rule", "invalid-value")
        return [(node, name, rule, f"{expected}, gefunden {quote(value)}.",
                 _pattern_hint(rule, error.validator_value, value, schema))]
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        return [(node, name, "enum",
                 f"erwartet einen dieser Werte: {', '.join(options)}; gefunden {found}.",
                 suggestions.enum_hint(value, options) or did_you_mean(str(value), options)
                 or schema.get("description", ""))]
    if kind == "maxLength":
        return [(node, name, "too-long",
                 f"Der Text ist {len(value)} Zeichen lang, erlaubt sind höchstens "
                 f"{error.validator_value}.",
                 "Kürzen; ausführlicher Text gehört ins Feld description.")]
    if kind in ("minimum", "maximum"):
        bound = "mindestens" if kind == "minimum" else "höchstens"
        return [(node, name, "out-of-range", f"Der Wert muss {bound} {error.validator_value} sein, "
                 f"gefunden {found}.", schema.get("description", ""))]
    if kind == "minItems":
        return [(node, name, "too-few-items", "Die Liste ist leer." if not value else
                 f"Die Liste braucht mindestens {error.validator_value} Einträge.",
                 _example(schema) or "Mindestens einen Eintrag ergänzen.")]
    if kind == "uniqueItems":
        seen, duplicate = [], None
        for item in value:
            if item in seen:
                duplicate = item
                break
            seen.append(item)
        return [(node, name, "duplicate-item", f"{quote(duplicate)} steht doppelt in der Liste.",
                 "Den doppelten Eintrag löschen.")]
    return [(node, name, "invalid-value", f"ungültiger Wert ({error.message}).", "")]


def check(kind: str, root: Node, path: str):
    """Type the document by the schema and validate it: (value, problems)."""
    value = to_value(root, shape(kind))
    problems = []
    if _fast_validator(kind).is_valid(value):
        return value, problems
    for error in validator(kind).iter_errors(value):
        for node, name, rule, message, hint in _messages(error, root):
            problem = Problem(path, node.line, node.column, name, message, hint, rule=rule)
            if problem not in problems:  # `required` reports each missing field per error
                problems.append(problem)
    if not problems:  # the two validators disagree: never let such a file pass in silence
        problems.append(Problem(path, root.line, root.column, "",
                                "Die Datei entspricht nicht dem Schema, ohne dass sich sagen "
                                "lässt, wo.", "Bitte als Issue melden; die Technik hilft.",
                                rule="invalid-value"))
    return value, problems


#: Top-level fields without which a record cannot be built even for checking: a rule that is
#: wrong would make every date under `except` and `changes` look wrong too.
_NEVER_DROPPED = frozenset(("repeat",))


def usable(kind: str, value) -> tuple[dict | None, dict]:
    """The record's value without the top-level fields that break the schema, and those fields.

    A file with one wrong field is still built into a record, from its other fields, so that
    its references, dates and warnings are checked in the same run (any error keeps the data
    set from being published). Only whole top-level fields are left out, so every position
    stays the position in the file. None when a required field, or `repeat`, is wrong.
    """
    if not isinstance(value, dict):
        return None, {}
    if _fast_validator(kind).is_valid(value):
        return value, {}
    bad = set()
    for error in validator(kind).iter_errors(value):
        path = list(error.absolute_path)
        if path:
            bad.add(path[0])
        elif error.validator == "additionalProperties":
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            bad |= {key for key in value if key not in allowed}
        else:  # a missing required field, or not a block at all
            return None, value
    required = set(_inlined(kind).get("required", ()))
    if bad & (required | _NEVER_DROPPED):
        return None, value
    kept = {key: sub for key, sub in value.items() if key not in bad}
    if not _fast_validator(kind).is_valid(kept):
        return None, value
    return kept, {key: value[key] for key in bad if key in value}

