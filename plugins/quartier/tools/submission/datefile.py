"""The file a valid form becomes: its id and its text.

The text comes from the project's YAML writer (`tools/yaml_writer`), so it looks like a file an
editor wrote, with a schema line for editors' tools and a note on where it came from.
"""

from __future__ import annotations

from quartier.contract.ids import date_id

from .. import yaml_writer

_SCHEMA_LINE = ("yaml-language-server: "
                "$schema=../../plugins/quartier/contract/schema/date.schema.json")


def to_yaml(record: dict, issue: int | None = None) -> str:
    """The date file's text: a schema line for editors, where it came from, then the fields.

    The description ends with a line break, as a literal block (`|`) written by hand does.
    """
    comments = [_SCHEMA_LINE]
    if issue is not None:
        comments.append(f"Eingereicht über das Termin-Formular (Issue #{int(issue)}).")
    if "description" in record:
        record = {**record, "description": record["description"] + "\n"}
    return yaml_writer.to_yaml(record, comments)


def new_id(record: dict, taken: set[str]) -> str:
    """`<title as id>-<date>`; if that file exists, -2, -3, … (never overwrite a record)."""
    return date_id(record.get("title", ""), record.get("start", ""), taken)
