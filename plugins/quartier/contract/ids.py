"""Record ids: the one spelling rule, and turning a German title into an id."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from datetime import date

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe",
                         "Ü": "ue", "ẞ": "ss"})


#: Ids whose page would lie where a list of the site already is: a date "heute" would be
#: `/termine/heute/`, today's dates. Per data folder; `model.urls` names these pages.
RESERVED = {
    "dates": frozenset({"archiv", "heute", "woche", "abonnieren"}),
    "offers": frozenset({"wochenplan"}),
}


def is_valid_id(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def make_id(text: str) -> str:
    """A valid id from a title: umlauts transliterated the German way, the rest folded.

    >>> make_id("Möckern in Aktion – Bürgertreff")
    'moeckern-in-aktion-buergertreff'
    """
    text = unicodedata.normalize("NFKD", text.translate(_GERMAN).lower())
    text = text.encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def date_id(title: str, day: date | str, taken: Container[str] = ()) -> str:
    """The id of a date: `<title as id>-<YYYY-MM-DD>`, then -2, -3, … until it is not taken.

    The day keeps ids of a yearly event apart ("sommerfest-2026-06-12"); the suffix never
    lets a new file overwrite an existing one.
    """
    base = make_id(title)[:60].strip("-") or "termin"
    day = str(day)[:10]
    record_id = f"{base}-{day}" if day and not base.endswith(day) else base
    candidate, n = record_id, 1
    while candidate in taken:
        n += 1
        candidate = f"{record_id}-{n}"
    return candidate
