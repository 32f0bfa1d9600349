"""Alphabetical order of names, the German way, without a system locale.

Directories list actors and offers A–Z; the site model sorts them, the pages group them by
initial. Python's own string order puts "Ärztehaus" after "Zoo" and a quoted name under „.
"""

from __future__ import annotations

import re
import unicodedata


def sort_key(text: str) -> str:
    """A key for German alphabetical order (DIN 5007-1: ä as a, ß as ss) without a system locale.

    Accents are dropped after NFKD decomposition; quotes and other punctuation
    around the name do not count, so "„Möckern in Aktion“" sorts under M.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"^[\W_]+|[\W_]+$", "", plain)


def initial(text: str) -> str:
    """The A–Z group letter of a name, "#" for names starting with a digit or another script."""
    first = sort_key(text)[:1]
    return first.upper() if "a" <= first <= "z" else "#"
