"""Turn a submitted date form (a GitHub issue) into a valid date file, or say what is missing.

Many people who announce dates in a district have never used Git. They fill in the issue form
`.github/ISSUE_TEMPLATE/termin.yml`; GitHub stores the answers as the issue's Markdown body, one
`### <label>` heading per field followed by the answer (`_No response_` when an optional field
was left empty). The workflow `.github/workflows/termin-formular.yml` hands that body to this
package (`python -m quartier submission`, see `__main__`), which

- reads the answers the way people write them („5.11.2026, 18 Uhr“, „kostenlos“, an actor's
  name instead of its id, „Deutsch, Arabisch“) and turns them into the data contract's fields;
- writes `data/dates/<id>.yaml` (id from the title plus the date, never overwriting a file);
- validates the whole data folder with the new file, exactly as the pull-request check will;
- answers in German, with the form's field names, what is missing or wrong, so the submitter
  can fix the issue without ever seeing YAML.

The issue body is untrusted input: it is only ever parsed here, never passed to a shell; every
text goes into the YAML file through the project's YAML writer (quoted wherever YAML could read
it otherwise, the description as a literal block) and into comments escaped.

One module per step: `form` (the labels, reading the issue body), `freetext` (dates, times,
links and languages as people write them), `lookup` (ids from names), `location` (the place),
`record` (answers to the contract's fields), `datefile` (the file's id and text), `translate`
(the validator's problems in the form's words), `comment` (issue comment and pull request).
`submit` below goes the whole way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from quartier.contract.validate import validate
from quartier.settings import Settings

from .datefile import new_id, to_yaml
from .form import Message, read_form
from .lookup import Lookup
from .record import build_record
from .translate import form_order, translate


@dataclass
class Submission:
    """What became of one submitted form."""

    ok: bool
    messages: list[Message] = field(default_factory=list)  # errors (ok is False) or warnings
    record_id: str | None = None
    path: Path | None = None  # the written file (only when ok)
    display_path: str | None = None  # data/dates/<id>.yaml
    text: str | None = None  # the file's content
    title: str | None = None
    other_errors: int = 0  # errors in other files of the data folder (not the submitter's)


def submit(body: str, data_dir: Path, *, today: date, settings: Settings | None = None,
           issue: int | None = None) -> Submission:
    """Read the form, write data/dates/<id>.yaml, validate everything; remove the file if bad."""
    settings = settings or Settings()
    data_dir = Path(data_dir)
    answers = read_form(body)
    lookup = Lookup.read(data_dir)
    record, messages = build_record(answers, lookup, today)
    title = record.get("title")
    if messages:
        return Submission(False, messages, title=title)
    record_id = new_id(record, lookup.dates)
    path = data_dir / "dates" / f"{record_id}.yaml"
    text = to_yaml(record, issue)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite an existing record
        out.write(text)
    display = Path(os.path.relpath(path, data_dir.parent)).as_posix()
    result = validate(data_dir, today=today, **settings.validation_options(),
                      new_files={display})
    own = [p for p in result.problems if p.path == display]
    errors = [translate(p) for p in own if p.is_error]
    others = sum(1 for p in result.problems if p.is_error and p.path != display)
    if errors:
        path.unlink()
        errors = sorted(dict.fromkeys(errors), key=form_order)
        return Submission(False, errors, title=title, other_errors=others)
    warnings = sorted(dict.fromkeys(translate(p) for p in own if not p.is_error), key=form_order)
    return Submission(True, warnings, record_id, path, display, text, title, others)
