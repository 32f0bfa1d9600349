"""Ids from names: the actors, categories, audiences and districts an answer may name.

The form asks for names („Naomi e. V.“, „Beratung“), the contract stores ids (`naomi-ev`); this
module reads both from the data folder and says „Meinten Sie …?“ when a name is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from quartier.contract import schema
from quartier.contract.ids import make_id
from quartier.contract.loader import load_file
from quartier.contract.problems import closest

from .form import FormError


@dataclass
class Lookup:
    """The ids and names a form answer may name: actors, categories, audiences, districts."""

    actors: dict[str, str] = field(default_factory=dict)  # id -> name
    categories: dict[str, str] = field(default_factory=dict)
    audiences: dict[str, str] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)  # ids of the existing date files

    @classmethod
    def read(cls, data_dir: Path) -> Lookup:
        lookup = cls()
        for name in ("categories", "audiences", "districts"):
            value = _read_value(data_dir / f"{name}.yaml", name)
            table = getattr(lookup, name)
            for item in value if isinstance(value, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    table[item["id"]] = str(item.get("name") or item["id"])
        for file in sorted((data_dir / "actors").glob("*.yaml")):
            value = _read_value(file, "actor")
            name = value.get("name") if isinstance(value, dict) else None
            lookup.actors[file.stem] = str(name or file.stem)
        lookup.dates = {file.stem for file in (data_dir / "dates").glob("*.y*ml")}
        return lookup


def _read_value(file: Path, kind: str):
    if not file.is_file():
        return None
    root, _ = load_file(file, file.name)
    return None if root is None else schema.to_value(root, schema.shape(kind))


def resolve(text: str, table: dict[str, str]) -> str | None:
    """The id that `text` names: the id itself, the name, or the name written as an id."""
    text = text.strip()
    if text in table:
        return text
    wanted = make_id(text)
    for record_id, name in table.items():
        if text.casefold() == name.casefold() or (wanted and wanted in (record_id,
                                                                          make_id(name))):
            return record_id
    return None


def suggest(text: str, table: dict[str, str]) -> str:
    """„Meinten Sie …?“ with the closest names and ids, or nothing."""
    names = {name: record_id for record_id, name in table.items()}
    wanted = make_id(text)
    matches = closest(text, list(names)) + closest(wanted, list(table))
    if len(wanted) >= 4:  # „vereinshaus“ for „vereinshaus-leipziger-osten“
        matches += [record_id for record_id in sorted(table) if wanted in record_id]
    ids = list(dict.fromkeys(names.get(m, m) for m in matches))[:3]
    if not ids:
        return ""
    return " Meinten Sie " + " oder ".join(f"„{table[i]}“ ({i})" for i in ids) + "?"


_MOST_PIECES = 5


def ids_of(answer: str, table: dict[str, str], what: str) -> list[str]:
    """Ids from a dropdown answer („Beratung, Sport und Bewegung“); names may hold commas."""
    pieces = [p.strip() for p in re.split(r",|\n", answer) if p.strip()]
    ids: list[str] = []
    i = 0
    while i < len(pieces):
        # A name holds a few commas at most; trying more pieces would only cost time.
        for j in range(min(len(pieces), i + _MOST_PIECES), i, -1):
            found = resolve(", ".join(pieces[i:j]), table)
            if found:
                break
        else:
            raise FormError(f"„{pieces[i]}“ gibt es hier nicht als {what}."
                            + (suggest(pieces[i], table) or " Möglich sind: "
                               + ", ".join(sorted(table.values())) + "."))
        if found not in ids:
            ids.append(found)
        i = j
    return ids
