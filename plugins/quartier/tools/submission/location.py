"""Where a date takes place, from the „Ort“ answer: an actor, an online link or an address.

People write „Eisenbahnstraße 49, 04315 Leipzig“, „Rabet-Park, Leipzig“, the name of an actor
or a meeting link; the contract wants `{at: <id>}`, `{online: <url>}` or an address block.
"""

from __future__ import annotations

import re

from quartier.contract.ids import ID_PATTERN

from .form import FormError
from .freetext import URL
from .lookup import Lookup, resolve, suggest

_POSTCODE_CITY = re.compile(r"(?<!\d)(\d{5})\s++(\S.*+)$")
_STREET = re.compile(r"\S.*\s\d++\s?[a-zA-Z]?(\s?[-–/]\s?\d++\s?[a-zA-Z]?)?$")


def read_location(answer: str, lookup: Lookup) -> dict:
    """The contract's `location`; an address needs a city and a street or a place's name."""
    text = answer.strip()
    url = URL.search(text)
    if url:
        return {"online": url.group(0).rstrip(".,;")}
    single = " ".join(text.split())
    actor = resolve(single, lookup.actors)
    if actor:
        return {"at": actor}
    if ID_PATTERN.fullmatch(single):
        raise FormError(f"„{single}“ ist keine Kennung eines eingetragenen Akteurs."
                        + suggest(single, lookup.actors)
                        + " Sonst bitte die Adresse angeben: Straße und Hausnummer, "
                          "Postleitzahl und Ort.")
    if re.search(r"\bonline\b|zoom|webex|jitsi|big ?blue ?button", text, re.IGNORECASE):
        raise FormError("Für einen Online-Termin bitte den vollständigen Link angeben "
                        "(https://…).")
    parts = [p.strip() for p in re.split(r"[\n,]", text) if p.strip()]
    address: dict[str, str] = {}
    rest = []
    for part in parts:
        match = _POSTCODE_CITY.search(part)
        if match and "city" not in address:
            address["postcode"], address["city"] = match.group(1), match.group(2).strip()
            before = part[:match.start()].strip()
            if before:
                rest.append(before)
        else:
            rest.append(part)
    if "city" not in address:
        if len(rest) < 2:
            raise FormError("Bitte die Adresse mit Postleitzahl und Ort angeben, z. B. "
                            "„Eisenbahnstraße 49, 04315 Leipzig“, oder die Kennung bzw. den "
                            "Namen eines eingetragenen Akteurs.")
        address["city"] = rest.pop()
    for part in list(rest):
        if "street" not in address and _STREET.fullmatch(part):
            address["street"] = part
            rest.remove(part)
    if rest:
        address["place"] = rest.pop(0)
    if rest:
        address["note"] = ", ".join(rest)
    if "street" not in address and "place" not in address:
        raise FormError("Bitte Straße und Hausnummer oder den Namen des Ortes angeben, z. B. "
                        "„Eisenbahnstraße 49, 04315 Leipzig“.")
    order = ("place", "street", "postcode", "city", "note")
    return {key: address[key] for key in order if key in address}
