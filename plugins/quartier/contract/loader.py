"""A strict YAML loader that keeps the source position of every node.

PyYAML's own loaders follow YAML 1.1 and turn `04107` into 2119, `18:00` into
1080 and `no` into False, accept duplicate keys silently and can be made to
expand a few hundred bytes of aliases into gigabytes. So we never let PyYAML
construct values: libyaml (through PyYAML's C parser) only reports *events*,
and we build our own small node tree from them. Every scalar keeps its source
text, and the schema decides later what type it is (see `schema.py`).

Refused here, each with a German message naming line and column: files that
are too large, not UTF-8, contain control characters or tab indentation;
invisible characters and odd spaces where YAML needs a real one (see
`characters.py`); syntax errors; several documents; anchors, aliases, merge
keys and tags; duplicate and non-text keys; nesting deeper than any record needs.

Each scalar also remembers what YAML does not keep but an editor may not have
meant: the line it ends on (a plain text over several lines loses its line
breaks) and a comment that follows it on the same line (`Raum #2` is „Raum“).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import yaml

from . import characters
from .problems import Problem, quote

try:  # libyaml is about 12x faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Larger files are refused before parsing; a record file is a few kilobytes.
DEFAULT_MAX_BYTES = 256 * 1024
#: Records nest about five levels deep; anything much deeper is a mistake or an attack.
MAX_DEPTH = 20

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\r]")
_TAB_INDENT = re.compile(r"^[ \t]*\t", re.MULTILINE)
# How many control-character or tab problems to report per file before giving up.
_MAX_CHARACTER_PROBLEMS = 5


class Node:
    """A node of the document with its 1-based source position."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class Scalar(Node):
    """A scalar as written: `text` is the source text, `style` how it was written.

    `style` is "" for a plain (unquoted) scalar, a quote character for quoted
    ones and "|" or ">" for block scalars, whose text starts on the next line.
    `end_line` is the line it ends on; `comment` the text after a `#` that
    follows a plain scalar on its last line (YAML drops it), or None.
    """

    __slots__ = ("comment", "end_line", "style", "text")

    def __init__(self, text: str, style: str, line: int, column: int,
                 end_line: int | None = None, comment: str | None = None) -> None:
        super().__init__(line, column)
        self.text = text
        self.style = style
        self.end_line = line if end_line is None else end_line
        self.comment = comment

    @property
    def plain(self) -> bool:
        return not self.style

    @property
    def first_text_line(self) -> int:
        return self.line + 1 if self.style in ("|", ">") else self.line


class Mapping(Node):
    """A mapping whose keys are scalars; `items` keeps the order of the file."""

    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[tuple[Scalar, Node]] = []

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.text == key:
                return v
        return None

    def key_node(self, key: str) -> Scalar | None:
        for k, _ in self.items:
            if k.text == key:
                return k
        return None


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[Node] = []


def node_at(root: Node, path) -> Node:
    """The node at a JSON path (keys and indices), or the deepest one that exists.

    A message about a missing field then points at the block it is missing from.
    """
    node: Node = root
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str):
            value = node.get(step)
            if value is None:
                break
            node = value
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            node = node.items[step]
        else:
            break
    return node


def _index(text: str, line: int, column: int) -> int:
    """The inverse of `_position`."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES):
    """Bytes to text, or problems: size cap, UTF-8 (BOM and CRLF accepted), characters."""
    if len(data) > max_bytes:
        return None, [
            Problem(
                path, 1, 1, "",
                f"Die Datei ist zu groß ({len(data) // 1024} KiB, erlaubt sind "
                f"{max_bytes // 1024} KiB).",
                "Lange Texte kürzen oder auf mehrere Einträge aufteilen.",
                rule="file-too-large",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                path, 1, 1, "", "Die Datei ist in UTF-16 gespeichert, nicht in UTF-8.",
                "Im Editor „Kodierung: UTF-8“ wählen und neu speichern.",
                rule="not-utf8",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _position(data.decode("utf-8", "replace"), len(
            data[: err.start].decode("utf-8", "replace")))
        return None, [
            Problem(
                path, line, column, "",
                f"Die Datei ist nicht in UTF-8 gespeichert (Byte 0x{data[err.start]:02X} "
                "ist kein gültiges UTF-8).",
                "Im Editor „Kodierung: UTF-8“ wählen und neu speichern; "
                "oft steckt ein Umlaut aus Word oder Excel dahinter.",
                rule="not-utf8",
            )
        ]
    text = text.replace("\r\n", "\n")
    problems = []
    for match in _CONTROL.finditer(text):
        line, column = _position(text, match.start())
        problems.append(
            Problem(
                path, line, column, "",
                f"Unsichtbares Steuerzeichen U+{ord(match.group()):04X} im Text.",
                "Das Zeichen löschen (es stammt oft aus kopiertem Text); "
                "im Zweifel die Zeile neu tippen.",
                rule="control-character",
            )
        )
        if len(problems) >= _MAX_CHARACTER_PROBLEMS:
            break
    for count, match in enumerate(_TAB_INDENT.finditer(text)):
        if count >= _MAX_CHARACTER_PROBLEMS:
            break
        line, _ = _position(text, match.start())
        problems.append(
            Problem(
                path, line, match.end() - match.start(), "",
                "Die Zeile ist mit einem Tabulator eingerückt.",
                "In YAML nur mit Leerzeichen einrücken (zwei pro Ebene).",
                rule="tab-indent",
            )
        )
    if problems:
        return None, problems
    return text, []


_MAX_INVISIBLE_PROBLEMS = 5


def _text_spans(text: str) -> list[tuple[int, int]] | None:
    """Where quoted and block texts stand, as (start, end) indices; None if it is no YAML."""
    spans = []
    parser = _Loader(text)
    try:
        while (event := parser.get_event()) is not None:
            if type(event) is yaml.ScalarEvent and event.style:
                spans.append((event.start_mark.index, event.end_mark.index))
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return spans


def _structural_spaces(text: str) -> list[tuple[int, str]]:
    """Odd spaces where YAML needs a real one – but not inside a quoted text or a block
    (`description: |`), whose lines may well begin with a non-breaking space."""
    found = list(characters.structural_spaces(text))
    if not found:
        return found
    spans = _text_spans(text)
    if not spans:
        return found
    starts = [start for start, _ in spans]
    inside = []
    for index, place in found:
        at = bisect.bisect_right(starts, index) - 1
        if not (at >= 0 and spans[at][0] <= index < spans[at][1]):
            inside.append((index, place))
    return inside


def character_problems(text: str, path: str) -> list[Problem]:
    """Invisible characters anywhere, odd spaces where YAML needs a real space.

    Neither stops the file from being read: invisible characters are valid YAML, and the odd
    spaces are read as the spaces they pretend to be (`characters.repair_structural_spaces`),
    so every other problem of the file is still found, at its right line.
    """
    problems = []
    for index, place in _structural_spaces(text):
        if len(problems) >= _MAX_INVISIBLE_PROBLEMS:
            break
        line, column = _position(text, index)
        problems.append(Problem(
            path, line, column, "",
            f"Hier steht ein {characters.describe(text[index])} "
            f"{characters.PLACES[place]}; YAML braucht an dieser Stelle ein normales "
            "Leerzeichen.",
            "Das Leerzeichen löschen und mit der Leertaste neu tippen (es kommt oft aus Word "
            "oder mit Alt/Option+Leertaste).", rule="odd-space"))
    for count, index in enumerate(characters.invisible(text)):
        if count >= _MAX_INVISIBLE_PROBLEMS:
            break
        line, column = _position(text, index)
        problems.append(Problem(
            path, line, column, "",
            f"Unsichtbares Zeichen {characters.describe(text[index])} im Text.",
            "Das Zeichen löschen: es kommt meist mit kopiertem Text und kann verändern, was "
            "die Website zeigt (z. B. die Reihenfolge der Buchstaben). Am einfachsten die "
            "Stelle neu tippen.", rule="invisible-character"))
    return problems


# libyaml's English messages, in words an editor understands.
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed",
     "Doppelpunkt an einer Stelle, an der keiner stehen darf.",
     "Enthält ein Text „: “ (Doppelpunkt und Leerzeichen)? Dann den ganzen Text in "
     "Anführungszeichen setzen. Sonst die Einrückung prüfen."),
    ("could not find expected ':'",
     "Hier fehlt der Doppelpunkt nach einem Feldnamen.",
     "Jede Zeile eines Blocks hat die Form „feld: Wert“."),
    ("did not find expected key",
     "Die Einrückung passt nicht: hier wurde ein weiteres Feld erwartet.",
     "Alle Felder eines Blocks gleich weit mit Leerzeichen einrücken; einen Text, der mit "
     "Anführungszeichen beginnt, auch damit beenden."),
    ("did not find expected '-' indicator",
     "Die Einrückung passt nicht: hier wurde ein weiterer Listeneintrag „- “ erwartet.",
     "Alle Einträge einer Liste gleich weit einrücken."),
    ("did not find expected ',' or ']'",
     "In der Liste in eckigen Klammern fehlt ein Komma oder die schließende Klammer „]“.",
     "Beispiel: [mo, mi, fr]"),
    ("did not find expected ',' or '}'",
     "Im Block in geschweiften Klammern fehlt ein Komma oder die schließende Klammer „}“.",
     "Beispiel: {lat: 51.34, lon: 12.40}"),
    ("found unexpected end of stream",
     "Die Datei endet mitten in einem Text: ein Anführungszeichen wird nicht geschlossen.",
     "Jeden Text, der mit \" oder ' beginnt, mit demselben Zeichen beenden."),
    ("found unknown escape character",
     "Unbekannte Escape-Folge mit „\\“ in einem Text in doppelten Anführungszeichen.",
     "Den Text in einfache Anführungszeichen ' … ' setzen."),
    ("found character that cannot start any token",
     "Ein Wert beginnt mit einem Zeichen, das YAML nicht erlaubt (z. B. @, ` oder %).",
     "Den ganzen Wert in Anführungszeichen setzen."),
    ("did not find expected node content",
     "Hier fehlt ein Wert.",
     "Nach „feld:“ oder „- “ einen Wert schreiben oder die Zeile löschen."),
    ("did not find expected alphabetic or numeric character",
     "Nach „&“ oder „*“ steht kein Name – diese Zeichen haben in YAML eine Sonderbedeutung.",
     "Den ganzen Wert in Anführungszeichen setzen."),
    ("found unexpected ':'",
     "Doppelpunkt an einer Stelle, an der keiner stehen darf.",
     "Den ganzen Wert in Anführungszeichen setzen."),
]


_TOO_DEEP = ("too-deep", f"Die Daten sind tiefer als {MAX_DEPTH} Ebenen verschachtelt.",
             "Die Einrückung prüfen; kein Eintrag braucht so viele Ebenen.")
# libyaml's own limits (PyYAML 6.0.4 and newer) say in English what our checks say in German;
# which one speaks first depends on the PyYAML version, so both give the same message and rule.
_LIMIT_MESSAGES = [
    ("exceeded maximum nesting depth", *_TOO_DEEP),
    ("input is too long", "file-too-large", "Die Datei ist zu groß.",
     "Lange Texte kürzen oder auf mehrere Einträge aufteilen."),
]


_TYPOGRAPHIC_QUOTES = "„“”‚‘’«»"


def _typography_hint(text: str, marks) -> str:
    """Word's quotes „…“ look like quotes but are letters to YAML: say so where they stand."""
    lines = text.split("\n")
    near = {m.line for m in marks if m is not None}
    near |= {line - 1 for line in near if line > 0}
    if any(0 <= i < len(lines) and set(lines[i]) & set(_TYPOGRAPHIC_QUOTES) for i in near):
        return (" Typografische Anführungszeichen („…“, “…”) zählen für YAML nicht: den Text in "
                "gerade Anführungszeichen \"…\" setzen.")
    return ""


def _syntax_problem(err: yaml.YAMLError, path: str, text: str = "") -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem_text = getattr(err, "problem", None) or str(err)
    for needle, rule, message, hint in _LIMIT_MESSAGES:
        if needle in problem_text:
            return Problem(path, line, column, "", message, hint, rule=rule)
    extra = _typography_hint(text, (getattr(err, "problem_mark", None),
                                    getattr(err, "context_mark", None)))
    source = "\n".join(text.split("\n")[max(line - 2, 0):line]) if mark and text else ""
    own = text.split("\n")[line - 1] if mark and text and line <= text.count("\n") + 1 else ""
    if re.match(r"[ \t]*+description:[ \t]*+[^|> \t]", own):
        extra += (" Eine Beschreibung schreibt man am besten als Block: „description: |“ und "
                  "den Text eingerückt in den Zeilen darunter – dann darf er alles enthalten.")
    elif " #" in source and not extra:
        extra = (" Ein „#“ nach einem Leerzeichen beginnt einen Kommentar; steht es in einem "
                 "Text, den Text in Anführungszeichen setzen.")
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in problem_text:
            if extra and needle.startswith("did not find expected ','"):
                hint = extra.strip()  # the example of a list or block would lead astray
            else:
                hint += extra
            return Problem(path, line, column, "", message, hint, rule="yaml-syntax")
    return Problem(
        path, line, column, "",
        f"Die Datei ist kein gültiges YAML ({problem_text}).",
        "Die Zeile und die Zeile darüber prüfen: Einrückung, Doppelpunkte, Anführungszeichen."
        + extra, rule="yaml-syntax",
    )


def _pos(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _trailing_comment(text: str, end: int) -> str | None:
    """The comment after a plain scalar that ends at `end`, if one follows on its line."""
    if text[end:end + 1] not in (" ", "\t"):
        return None  # most values end with their line
    stop = text.find("\n", end)
    rest = text[end: stop if stop >= 0 else len(text)]
    stripped = rest.lstrip(" \t")
    if stripped.startswith("#") and len(stripped) < len(rest):
        return stripped[1:]
    return None


def parse(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Build the node tree from libyaml's events, refusing what the contract forbids."""
    return _parse(text, path)[:2]


def _parse(text: str, path: str) -> tuple[Node | None, list[Problem], bool]:
    """`parse`, and whether a scalar has a comment after it or is folded from several lines
    (only then is there anything for `pitfalls` to look at)."""
    notable = False
    problems: list[Problem] = []
    root: Node | None = None
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key awaiting its value
    seen_keys: list[dict[str, Scalar]] = []
    documents = 0

    def refuse(event, rule: str, message: str, hint: str) -> None:
        line, column = _pos(event)
        problems.append(Problem(path, line, column, "", message, hint, rule=rule))

    def attach(node: Node, event) -> bool:
        """Put a finished node into its parent; False if it was dropped as a bad key."""
        nonlocal root
        if not stack:
            root = node
            return True
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return True
        key = pending_key[-1]
        if key is None:  # this node is a key
            if not isinstance(node, Scalar):
                refuse(event, "complex-key", "Ein Feldname muss ein einfaches Wort sein, "
                       "keine Liste und kein Block.", "Die Zeile als „feld: Wert“ schreiben.")
                pending_key[-1] = Scalar("", "", node.line, node.column)
                return False
            if node.plain and node.text == "<<":
                refuse(event, "merge-key", "Zusammenführen mit „<<“ ist nicht erlaubt.",
                       "Die Felder ausschreiben statt sie aus einem anderen Block zu übernehmen.")
            elif node.text in seen_keys[-1]:
                first = seen_keys[-1][node.text]
                problems.append(Problem(
                    path, node.line, node.column, node.text,
                    f"Das Feld {quote(node.text)} steht doppelt in diesem Block "
                    f"(Zeile {first.line} und Zeile {node.line}).",
                    "Einen der beiden Einträge löschen oder die Werte zusammenführen.",
                    rule="duplicate-key",
                ))
            else:
                seen_keys[-1][node.text] = node
            pending_key[-1] = node
            return True
        parent.items.append((key, node))  # type: ignore[union-attr]
        pending_key[-1] = None
        return True

    parser = _Loader(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or (
                kind is yaml.SequenceStartEvent
            ):
                if event.anchor is not None:
                    refuse(event, "alias", f"Anker „&{event.anchor}“ sind nicht erlaubt.",
                           "Den Wert an jeder Stelle ausschreiben; „&“ am Textanfang "
                           "in Anführungszeichen setzen.")
                if event.tag is not None and event.tag != "!":
                    refuse(event, "tag", f"Typangaben wie {quote(event.tag)} sind nicht erlaubt.",
                           "Die Angabe mit „!“ entfernen; Texte bei Bedarf in "
                           "Anführungszeichen setzen.")
                elif event.tag == "!":
                    refuse(event, "tag", "Typangaben mit „!“ sind nicht erlaubt.",
                           "Das „!“ entfernen oder den Wert in Anführungszeichen setzen.")
            if kind is yaml.ScalarEvent:
                line, column = _pos(event)
                control = _CONTROL.search(event.value.replace("\r\n", "\n"))
                if control:  # written as an escape such as "\x01" inside double quotes
                    refuse(event, "control-character",
                           f"Unsichtbares Steuerzeichen U+{ord(control.group()):04X} "
                           "im Text (als Escape-Folge geschrieben).",
                           "Die Escape-Folge mit „\\“ aus dem Text löschen.")
                elif event.style and any(characters.invisible(event.value)):
                    # "\u202e" inside double quotes: invisible in the file and on the page.
                    index = next(characters.invisible(event.value))
                    refuse(event, "invisible-character",
                           f"Unsichtbares Zeichen {characters.describe(event.value[index])} im "
                           "Text (als Escape-Folge geschrieben).",
                           "Die Escape-Folge mit „\\“ aus dem Text löschen.")
                style = event.style or ""
                comment = None if style else _trailing_comment(text, event.end_mark.index)
                end_line = event.end_mark.line + 1
                if comment is not None or (end_line > line and style in ("", '"', "'")):
                    notable = True
                attach(Scalar(event.value, style, line, column, end_line, comment), event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    refuse(event, *_TOO_DEEP)
                    return None, problems, notable
                line, column = _pos(event)
                node = Mapping(line, column) if kind is yaml.MappingStartEvent else Sequence(
                    line, column)
                stack.append(node)
                pending_key.append(None)
                seen_keys.append({})
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                node = stack.pop()
                pending_key.pop()
                seen_keys.pop()
                attach(node, event)
            elif kind is yaml.AliasEvent:
                refuse(event, "alias", f"Verweise „*{event.anchor}“ sind nicht erlaubt.",
                       "Den Wert ausschreiben; einen Text, der mit „*“ beginnt, in "
                       "Anführungszeichen setzen.")
                line, column = _pos(event)
                attach(Scalar("", "", line, column), event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse(event, "several-documents",
                           "Die Datei enthält mehrere Dokumente (getrennt durch „---“).",
                           "Pro Datei nur einen Eintrag; den zweiten in eine eigene Datei "
                           "verschieben oder die Zeile „---“ löschen.")
                    return None, problems, notable
    except yaml.YAMLError as err:
        problems.append(_syntax_problem(err, path, text))
        return None, problems, notable
    finally:
        parser.dispose()
    if root is None and not problems:
        problems.append(Problem(path, 1, 1, "", "Die Datei ist leer.",
                                "Die Felder eintragen oder die Datei löschen.",
                                rule="empty-file"))
    return (root if all(p.rule in _READABLE for p in problems) else None), problems, notable


_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def field_at(text: str, line: int) -> str:
    """Best guess of the field a source line belongs to, e.g. `registration.required`.

    Used for problems found before there is a node tree (syntax, characters):
    the keys above the line with less indentation are its parents.
    """
    lines = text.split("\n")[:line]
    if not lines:
        return ""
    own = _KEY.match(lines[-1])
    # A line without a key belongs to the nearest key above it that is less indented.
    column = own.start(1) + 1 if own else len(lines[-1]) - len(lines[-1].lstrip(" \t"))
    path: list[str] = []
    for source in reversed(lines):
        match = _KEY.match(source)
        if match and match.start(1) < column:
            path.insert(0, match.group(1))
            column = match.start(1)
            if column == 0:
                break
    return ".".join(path)


class Document(NamedTuple):
    """One file as read: its node tree (None if it cannot be read), problems and text."""

    root: Node | None
    problems: list[Problem]
    text: str = ""  # as decoded; comments live only here
    notable: bool = False  # a scalar with a comment after it, or folded from several lines


def read_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode and parse one file's content."""
    text, problems = decode(data, path, max_bytes)
    if text is None:
        if len(data) <= max_bytes:
            text = data.decode("utf-8", "replace").replace("\r\n", "\n")
            problems = [replace(p, field=p.field or field_at(text, p.line)) for p in problems]
        return Document(None, problems)
    problems = character_problems(text, path)
    if any(p.rule == "odd-space" for p in problems):
        text = characters.repair_structural_spaces(text, [
            _index(text, p.line, p.column) for p in problems if p.rule == "odd-space"])
    root, more, notable = _parse(text, path)
    problems += more
    if any(p.rule not in _READABLE for p in problems):
        root = None
    return Document(root, [replace(p, field=p.field or field_at(text, p.line))
                           for p in problems], text, notable)


#: Problems after which the file is still read as it shows: the rest of it is checked too.
_READABLE = frozenset(("odd-space", "invisible-character"))


def read_file(file: Path, display_path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one data file; an unreadable file is a problem, not a traceback."""
    try:
        data = file.read_bytes()
    except OSError as err:
        return Document(None, [Problem(display_path, 1, 1, "",
                                       f"Die Datei kann nicht gelesen werden ({err.strerror}).",
                                       "Dateirechte und Dateinamen prüfen.",
                                       rule="unreadable-file")])
    return read_bytes(data, display_path, max_bytes)


def load_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES):
    """Decode and parse one file's content: (root node or None, problems)."""
    return read_bytes(data, path, max_bytes)[:2]


def load_file(file: Path, display_path: str, max_bytes: int = DEFAULT_MAX_BYTES):
    """Read one data file: (root node or None, problems)."""
    return read_file(file, display_path, max_bytes)[:2]


def describe_value(node: Node) -> str:
    """A short German rendering of what was found, for "gefunden …" in messages."""
    if isinstance(node, Scalar):
        return quote(node.text) if node.text else "nichts (leerer Wert)"
    if isinstance(node, Sequence):
        return "eine Liste"
    return "einen Block mit Feldern"
