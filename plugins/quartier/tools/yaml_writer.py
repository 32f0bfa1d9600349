"""Record files written by programs, in the YAML that editors write by hand.

The date form, the calendar import and the synthetic benchmark data all write data files.
People read and edit those files afterwards, so they should look like the files in `data/`:
short blocks in braces (`location: {at: qm-ost}`), ids, dates, times and plain words unquoted,
`description` as a literal block (`|`), a few comment lines on top saying where the file came
from. And they must mean exactly what the program meant, which the project's loader
(`contract.loader`, typed by `contract.schema`) guarantees only if every text that YAML could
read differently is quoted. PyYAML's emitter follows YAML 1.1 instead: it quotes the dates and
times (`'18:00'`) that editors write unquoted, breaks long texts across lines and knows no rule
for when a block goes in braces. So the rule is kept here, once, and tested by reading what it
writes back through the loader.

What cannot be written at all: control characters (other than tab and line break), which the
contract refuses anywhere. They are left as they are, so that the loader names them with their
line when the file is checked, instead of this module raising far from the data's source.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

#: The width up to which a block is written in braces on one line, as editors do.
FLOW_WIDTH = 80

# A plain (unquoted) text: it begins with a letter and holds none of YAML's indicators, so it
# reads as itself in a block and inside braces or brackets. Line breaks (also a carriage return,
# which the loader would join with a line feed, and U+2028/U+2029, which libyaml reads as line
# breaks) and the non-characters YAML cannot hold need quotes.
_PLAIN = re.compile(r"[^\W\d_][^:#\[\]{},&*!|>'\"%@`\\\n\r\u2028\u2029\ufffe\uffff]*")
# Dates, date-times and times: the contract reads them unquoted, and editors write them so.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|\d{2}:\d{2}")
# Words that YAML 1.1 (and editors who know it) read as null or booleans.
_KEYWORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}
# json.dumps leaves these as they are; in double quotes YAML needs them as escapes.
_ESCAPES = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\ufffe": "\\ufffe", "\uffff": "\\uffff"}
_NEEDS_ESCAPE = re.compile("[" + "".join(_ESCAPES) + "]")
# Lines a literal block cannot hold: the loader refuses tab indentation; libyaml reads U+2028
# and U+2029 as line breaks; the non-characters need escapes.
_NOT_LITERAL = re.compile(r"^ *\t|[\r\u2028\u2029\ufffe\uffff]", re.MULTILINE)


def to_yaml(document: dict | list[dict], comments: Iterable[str] = ()) -> str:
    """The file's text: comment lines, then a record's fields or a taxonomy's entries.

    A record is a dict of fields; a taxonomy file (districts, categories) a list of dicts.
    Values are texts, booleans, integers, floats, lists and dicts of these.
    """
    lines = [_comment(line) for text in comments for line in text.splitlines() or [""]]
    if isinstance(document, dict | list) and not document:
        lines.append(_flow(document))  # `{}` or `[]`: an empty file would read as nothing
    elif isinstance(document, dict):
        for key, value in document.items():
            lines += _field(key, value, "")
    elif isinstance(document, list):
        for item in document:
            lines += _item(item, "")
    else:
        raise TypeError(f"a record is a dict or a list of dicts, not {type(document).__name__}")
    return "\n".join(lines) + "\n"


def scalar(value) -> str:
    """One value as the contract reads it: plain where that is unambiguous, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is no number the contract can hold")
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as a YAML value")
    if (_PLAIN.fullmatch(value) and value == value.strip()
            and value.lower() not in _KEYWORDS) or _MOMENT.fullmatch(value):
        return value
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], json.dumps(value, ensure_ascii=False))


def _comment(line: str) -> str:
    """A comment line; a comment has no escapes, so what YAML cannot hold becomes U+FFFD."""
    return "# " + _NEEDS_ESCAPE.sub("\ufffd", line) if line else "#"


def _flow(value) -> str:
    """A value in braces or brackets: {lat: 51.34, lon: 12.4}, [di, do]."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_flow, value)) + "]"
    return scalar(value)


def _short(block: dict) -> bool:
    """Whether a block may go in braces: only texts of one line and lists of plain values.

    A block inside a block is written a field a line, as editors write `address` with `geo`.
    """
    return not any(isinstance(v, dict) or (isinstance(v, str) and "\n" in v)
                   or (isinstance(v, list) and any(isinstance(i, dict | list) for i in v))
                   for v in block.values())


def _field(key: str, value, indent: str) -> list[str]:
    """One field as lines: short blocks in braces, long ones one field a line."""
    head = f"{indent}{scalar(key)}:"
    if isinstance(value, dict):
        inline = f"{head} {_flow(value)}"
        if _short(value) and (len(inline) <= FLOW_WIDTH or not value):
            return [inline]
        return [head, *(line for k, v in value.items() for line in _field(k, v, indent + "  "))]
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            return [head, *(line for item in value for line in _item(item, indent + "  "))]
        return [f"{head} {_flow(value)}"]
    if key == "description" and isinstance(value, str):
        literal = _literal(value, indent + "  ")
        if literal:
            return [f"{head} {literal[0]}", *literal[1:]]
    return [f"{head} {scalar(value)}"]


def _item(item, indent: str) -> list[str]:
    """One entry of a list of blocks: `- {…}` when short, else its fields under `- `."""
    if not isinstance(item, dict):
        return [f"{indent}- {_flow(item)}"]
    inline = f"{indent}- {_flow(item)}"
    if _short(item) and (len(inline) <= FLOW_WIDTH or not item):
        return [inline]
    lines = [line for k, v in item.items() for line in _field(k, v, indent + "  ")]
    return [f"{indent}- {lines[0][len(indent) + 2:]}", *lines[1:]]


def _literal(text: str, indent: str) -> list[str] | None:
    """A literal block (`|`) that reads back as exactly `text`, or None if there is none.

    The Markdown keeps its lines as typed. The chomping indicator says how the text ends: `|-`
    without a line break, `|` with one, `|+` with more; `2` fixes the indentation when the
    text itself starts indented (YAML would otherwise take that for the block's indentation).
    """
    content = text.rstrip("\n")
    if not content or _NOT_LITERAL.search(text):
        return None
    breaks = len(text) - len(content)
    header = "|" + ("2" if content.lstrip("\n").startswith(" ") else "") + (
        "-" if breaks == 0 else "" if breaks == 1 else "+")
    lines = content.split("\n") + [""] * max(breaks - 1, 0)
    return [header, *(f"{indent}{line}" if line else "" for line in lines)]


def field_lines(key: str, value, indent: str = "") -> list[str]:
    """One field as the lines `to_yaml` writes for it, for programs that edit a file in place."""
    return _field(key, value, indent)


def flow(value) -> str:
    """A value in braces or brackets as `to_yaml` writes short blocks: {lat: 51.34, lon: 12.4}."""
    return _flow(value)
