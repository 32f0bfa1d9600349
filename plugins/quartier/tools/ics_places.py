"""Places in imported calendars: a LOCATION text as the contract's `location`.

Calendars give a place as one line of text: „Bürgertreff Volkmarsdorf, Konradstraße 27,
04315 Leipzig, Deutschland“, „FabLab @ Walther-Pauer-Straße 5, 03044 Cottbus“. Where the
text has the form of a German address it becomes `place`, `street`, `postcode` and `city`
(the country dropped, nothing written twice); where that address is an actor's, the date
points to the actor (`location: {at: …}`), so the page shows the actor's name, hours and
accessibility instead of a copy of the address that would go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quartier.contract import schema
from quartier.contract.loader import load_file

_POSTCODE_CITY = re.compile(r"(?:D-)?(?P<postcode>\d{5})\s+(?P<city>\S.*)")
# A street with its house number („Konradstraße 27“, „Am Markt 3a“, „Lange Str. 5-7“).
_STREET = re.compile(r".*\D\s\d+\s?[a-zA-Z]?(?:\s?[-/–]\s?\d+\s?[a-zA-Z]?)?")
# Street, postcode and city without a comma between street and postcode.
_STREET_POSTCODE = re.compile(r"(?P<street>.*\D\s\d+\s?[a-zA-Z]?)\s+(?P<rest>\d{5}\s+\S.*)")
_COUNTRIES = {"deutschland", "germany", "de", "deu", "bundesrepublik deutschland"}


@dataclass(frozen=True)
class ActorAddress:
    """Where an actor is, as its file says: what an imported place is matched against."""

    id: str
    name: str
    street: str
    postcode: str | None


def actor_addresses(data_dir: Path) -> list[ActorAddress]:
    """The actors of a data folder that have a street address (files with errors skipped:
    the import only needs what is there, the validator reports the rest)."""
    found = []
    for file in sorted((data_dir / "actors").glob("*.yaml")):
        root, _ = load_file(file, file.name)
        value = schema.to_value(root, schema.shape("actor")) if root is not None else None
        address = value.get("address") if isinstance(value, dict) else None
        if isinstance(address, dict) and isinstance(address.get("street"), str):
            found.append(ActorAddress(file.stem, str(value.get("name") or file.stem),
                                      address["street"], address.get("postcode")))
    return found


def _street_key(street: str) -> str:
    """A street as it compares: „Konradstr. 27“ is „Konradstraße 27“ is „konradstrasse27“."""
    text = street.lower().replace("ß", "ss")
    text = re.sub(r"str\.", "strasse", text)
    return re.sub(r"[\s.\-–]", "", text)


def parse_address(text: str) -> dict | None:
    """`place`, `street`, `postcode` and `city` from an address line, or None if the text
    names no postcode with a city (or nothing besides them)."""
    parts = [p.strip() for p in re.split(r",|\s@\s", " ".join(text.split())) if p.strip()]
    while parts and parts[-1].lower() in _COUNTRIES:
        parts.pop()
    for i in range(len(parts) - 1, -1, -1):
        joined = _STREET_POSTCODE.fullmatch(parts[i])
        if joined:  # „Konradstraße 27 04315 Leipzig“
            parts[i:i + 1] = [joined["street"], joined["rest"]]
            i += 1
        match = _POSTCODE_CITY.fullmatch(parts[i])
        if not match:
            continue
        before = parts[:i]
        street = before.pop() if before and _STREET.fullmatch(before[-1]) else None
        place = ", ".join(before) or None
        if street is None and place is None:
            return None
        address = {"place": place, "street": street, "postcode": match["postcode"],
                   "city": match["city"].strip()}
        return {k: v for k, v in address.items() if v}
    return None


class Places:
    """Turns LOCATION texts into `location` blocks, with a note saying what was done."""

    def __init__(self, actors: list[ActorAddress] = (), city: str | None = None) -> None:
        self.actors = list(actors)
        self.city = city

    def location(self, text: str) -> tuple[dict | None, str | None]:
        """(the contract's `location` or None, a note for the editor or None)."""
        text = " ".join(text.split())
        if not text:
            return None, None
        address = parse_address(text)
        if address is None:
            if self.city:
                return {"place": text, "city": self.city}, None
            return None, (f"Ort „{text}“ nur in die Beschreibung übernommen: keine Postleitzahl "
                          "und kein Ort erkennbar; bitte als Adresse eintragen.")
        if "street" in address:
            key = _street_key(address["street"])
            hosts = [a for a in self.actors if _street_key(a.street) == key
                     and a.postcode in (None, address["postcode"])]
            if len(hosts) == 1:
                host = hosts[0]
                return {"at": host.id}, (
                    f"Ort „{text}“ ist die Adresse von {host.name}: als "
                    f"location: {{at: {host.id}}} übernommen.")
            if hosts:
                names = ", ".join(h.id for h in hosts)
                return address, (f"Ort „{text}“ ist die Adresse mehrerer Akteure ({names}): "
                                 "als Adresse übernommen; bitte bei Bedarf location: {at: …} "
                                 "setzen.")
        return address, None
