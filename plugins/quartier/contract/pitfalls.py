"""YAML that is valid but does not mean what the editor sees: a `#` in a text, a description
over several lines without `|`.

Both are read without complaint by YAML and by the schema, and both change the page silently:

- `summary: Treffen im Raum #2 im Erdgeschoss` – after a space, `#` starts a comment, so the
  summary is „Treffen im Raum“. Only plain (unquoted) texts are affected; the loader keeps the
  comment that follows one on its line (`Scalar.comment`).
- `description: Erster Satz.` followed by indented lines `- Punkt eins` – a plain or quoted
  text over several lines is folded into one line, so the list becomes one paragraph. Only a
  block (`description: |`) keeps the lines.

Each is an error at the line of the text, with the fix: quotes, or `|`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .characters import visible
from .loader import Mapping, Node, Scalar, Sequence
from .problems import Problem, field_name, quote
from .schema import Shape

#: Fields whose text is Markdown (see `validate._descriptions`).
MARKDOWN_FIELDS = frozenset(("description",))


def _walk(node: Node, shape: Shape | None, path: tuple) -> Iterator[tuple[Scalar, Shape | None,
                                                                          tuple]]:
    if isinstance(node, Scalar):
        yield node, shape, path
    elif isinstance(node, Mapping):
        for key, value in node.items:
            yield from _walk(value, shape.child(key.text) if shape else None, (*path, key.text))
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _walk(item, shape.items if shape else None, (*path, i))


def check(root: Node, shape: Shape, path: str) -> list[Problem]:
    """The pitfalls in one file, each at the line where it happens."""
    problems = []
    for scalar, where, steps in _walk(root, shape, ()):
        if where is None or "string" not in where.types:
            continue  # a number or true/false followed by a comment loses nothing
        name = field_name(steps)
        if scalar.comment is not None:
            cut = "#" + scalar.comment.rstrip()
            whole = json.dumps(f"{scalar.text} {cut}"[:200], ensure_ascii=False)
            key = steps[-1] if steps and isinstance(steps[-1], str) else "-"
            column = scalar.column if scalar.end_line == scalar.line else 1
            problems.append(Problem(
                path, scalar.end_line, column, name,
                f"Der Text endet vor {quote(cut, 40)}: nach einem Leerzeichen beginnt „#“ "
                f"einen Kommentar, der nicht auf der Website erscheint (gelesen wird "
                f"{quote(scalar.text, 40)}).",
                f"Gehört „#“ zum Text, den ganzen Text in Anführungszeichen setzen: "
                f"{key}: {visible(whole)}. "
                "Ein Kommentar gehört in eine eigene Zeile.",
                rule="comment-in-text"))
        if (steps and steps[-1] in MARKDOWN_FIELDS and scalar.style in ("", '"', "'")
                and scalar.end_line > scalar.first_text_line):
            problems.append(Problem(
                path, scalar.line, scalar.column, name,
                "Die Beschreibung geht über mehrere Zeilen, steht aber nicht als Block: YAML "
                "macht daraus eine einzige Zeile, Absätze und Listen gehen verloren.",
                "Hinter „description:“ nur ein „|“ schreiben und den Text in den Zeilen "
                "darunter einrücken (ohne Anführungszeichen).", rule="multiline-without-block"))
    return problems
