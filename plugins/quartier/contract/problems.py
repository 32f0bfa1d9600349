"""Problems found in the data, and how they are shown to the people who fix them.

The people who read these messages edit YAML files through pull requests and are
not programmers. So every problem names the file, the line, the column and the
field, says in German what is wrong, and carries a one-line hint how to fix it.
The three output formats follow yamllint's model: plain text for people, GitHub
workflow commands for annotations on the changed lines, JSON for tools. Like
yamllint's, every problem names the rule it breaks with a stable id (see `rules.py`);
only the JSON carries it, so the text people read stays as it is.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, asdict, dataclass
from enum import StrEnum

from .characters import visible
from .rules import RULES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file (lines and columns count from 1).

    `rule` is the id of the rule broken, one of `RULES`: required and keyword-only, so
    that no problem can be made without saying which rule it reports. It comes last, so
    problems still sort by path, line, column, field and message.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    _: KW_ONLY
    rule: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule id {self.rule!r}: register it in contract/rules.py")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates most like `word`, for "meinten Sie …?" suggestions."""
    return difflib.get_close_matches(word, sorted(set(candidates)), n=n, cutoff=0.6)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A German hint naming the closest candidates, or an empty string."""
    matches = closest(word, candidates)
    if not matches:
        return ""
    return "Meinten Sie " + " oder ".join(f"„{m}“" for m in matches) + "?"


def quote(value: object, limit: int = 60) -> str:
    """Show a found value in German quotes, on one line, shortened so a long text stays readable.

    Every value an editor (or a stranger, through the date form) typed reaches a message only
    through here: line breaks show as ⏎ and invisible characters as ⟨U+XXXX⟩ (see
    `characters.visible`), so a quoted value can neither start a line of its own in a CI log
    nor look right while it is not.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"„{visible(text)}“"


def counted(n: int, one: str, many: str) -> str:
    """„1 Fehler“, „2 Warnungen“: a number with its German noun, for summaries."""
    return f"{n} {one if n == 1 else many}"


def field_name(path) -> str:
    """`hours[2].from` for a JSON path; list entries count from 1 as editors count them."""
    name = ""
    for step in path:
        if isinstance(step, int):
            name += f"[{step + 1}]"
        else:
            name += ("." if name else "") + step
    return name


_SEVERITY_DE = {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung"}


def _shown(p: Problem) -> tuple[str, str, str, str]:
    """Path, field, message and hint as every format shows them: each on one line.

    Messages quote user text through `quote`; this is the second fence, for a path or a field
    name (both come from the editor's files) and for any message that forgot to quote: a line
    of output must never start with text from a data file.
    """
    return visible(p.path), visible(p.field), visible(p.message), visible(p.hint)


def format_text(problems: Sequence[Problem]) -> str:
    """yamllint-like `file:line:col: field: message` lines with an indented hint."""
    lines = []
    for p in problems:
        path, name, message, hint = _shown(p)
        head = f"{path}:{p.line}:{p.column}: "
        if p.severity is Severity.WARNING:
            head += "Warnung: "
        head += f"{name}: {message}" if name else message
        lines.append(head)
        if hint:
            lines.append(f"    Hinweis: {hint}")
    return "\n".join(lines)


def _escape_github(text: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping (see @actions/core's command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


#: GitHub makes annotations of at most this many errors, and as many warnings, per step.
ANNOTATIONS_PER_KIND = 10


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, shown as annotations on the changed lines.

    Beyond ten of a kind GitHub shows the commands only in the step's log; a closing notice
    says so, so that no one takes the annotations for the whole list.
    """
    lines = []
    for p in problems:
        path, name, message, hint = _shown(p)
        kind = "error" if p.is_error else "warning"
        title = name or _SEVERITY_DE[p.severity]
        message += f"\nHinweis: {hint}" if hint else ""
        lines.append(
            f"::{kind} file={_escape_github(path, property_value=True)},"
            f"line={p.line},col={p.column},"
            f"title={_escape_github(title, property_value=True)}::{_escape_github(message)}"
        )
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if max(errors, warnings) > ANNOTATIONS_PER_KIND:
        lines.append("::notice title=Weitere Meldungen::" + _escape_github(
            f"GitHub zeigt je Prüfschritt nur {ANNOTATIONS_PER_KIND} Fehler und "
            f"{ANNOTATIONS_PER_KIND} Warnungen an den Zeilen; alle {errors} Fehler und "
            f"{warnings} Warnungen stehen im Protokoll des Schritts „Daten prüfen“ (zuerst die "
            "der geänderten Dateien)."))
    return "\n".join(lines)


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON array, one object per problem with its `rule` id, for tools."""
    return json.dumps(
        [asdict(p) | {"severity": p.severity.value} for p in problems],
        ensure_ascii=False,
        indent=2,
    )


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
