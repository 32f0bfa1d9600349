"""Record ids: the one spelling rule, and turning a German title into an id."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe",
                         "Ü": "ue", "ẞ": "ss"})


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
