"""New record files from a title, with a German hint for every field.

Volunteers start from a file that already validates and explains itself, so
the first pull request is a success. The same templates prefill the forge's
"new file" page behind the site's "Termin eintragen" links.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

from quartier.contract.ids import date_id, make_id

KINDS = {"actor": "actors", "offer": "offers", "date": "dates"}


def template(kind: str) -> str:
    """The template file; `__NAME__` marks what `new_record` fills in."""
    return (resources.files(__package__) / "skeletons" / f"{kind}.yaml").read_text("utf-8")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def new_record(kind: str, title: str, *, today: date, actor: str = "qm",
               category: str = "beratung", actor_kind: str = "association") -> tuple[str, str]:
    """(id, file text) for a new record of `kind` ("actor", "offer" or "date")."""
    if not make_id(title):
        raise ValueError("Der Titel ergibt keine Kennung; bitte Buchstaben oder Ziffern verwenden.")
    record_id = date_id(title, today + timedelta(days=7)) if kind == "date" else make_id(title)
    values = {
        "START": f"{today + timedelta(days=7)} 18:00", "TODAY": today.isoformat(),
        "ACTOR": actor, "CATEGORY": category, "KIND": actor_kind,
        # Texts from the title last, so that a title cannot contain a placeholder.
        "SUMMARY": _quoted(f"{title}: ein Satz, worum es geht."), "TITLE": _quoted(title),
    }
    text = template(kind)
    for name, value in values.items():
        text = text.replace(f"__{name}__", value)
    return record_id, text


def example(kind: str, today: date) -> str:
    """The template filled with placeholders, for the forge's "new file" page."""
    return new_record(kind, "Neuer Eintrag", today=today,
                      actor="kennung-des-anbieters")[1]
