"""Characters that show as nothing, or as something they are not: where the contract refuses them.

Text copied from Word, a PDF, a web page or a messenger brings characters along that no one
sees in an editor:

- **Bidi controls** – the embeddings and overrides U+202A–U+202E and the isolates
  U+2066–U+2069 – make a text *display* in another order than it is stored (the
  "Trojan Source" trick): a link or a phone number that reads right but is not. No text needs
  them: Arabic and Hebrew are ordered by the Unicode bidi algorithm, and the site sets each
  page's direction. The marks LRM, RLM and ALM stay allowed: they change no order, they only
  tell a neutral character (a full stop after an Arabic word) which side it belongs to.
- **Zero-width characters** (U+200B, U+2060, U+FEFF inside the text, U+180E, the invisible
  operators U+2061–U+2064, Hangul fillers) split a word for the search or an id for a reader
  without being seen. The joiners ZWNJ (U+200C) and ZWJ (U+200D) are part of the spelling of
  Persian and other languages in Arabic script (می‌خواهم) and of Indic scripts, and ZWJ glues
  emoji sequences (👩‍👧); there they stay, elsewhere they are refused. Tag characters
  (U+E0000–U+E007F) only belong to flag emoji such as England's.
- **Non-breaking and other odd spaces** (U+00A0 from Word's Ctrl+Shift+Space or macOS's
  Option+Space, U+202F, U+2007, …) are typography inside a text and stay there. Where YAML
  needs a real space – in the indentation, after the colon of a field name, after the dash of
  a list entry – YAML does not see them as spaces at all, and the file means something else
  than it shows.

`invisible()` and `structural_spaces()` find them (the loader reports each with its line and
column); `visible()` shows any such character in a message as ⟨U+XXXX⟩, so that an editor sees
why „0341 123456“ is not a phone number; `remove_invisible()` cleans a form answer the same
way the validator judges a file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZWNJ, ZWJ = "\u200c", "\u200d"
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064\u115f\u1160\u3164"
                        "\uffa0\u206a\u206b\u206c\u206d\u206e\u206f\ufff9\ufffa\ufffb")
_TAGS = range(0xE0000, 0xE0080)
_BLACK_FLAG = "\U0001f3f4"
#: Scripts whose spelling uses ZWNJ and ZWJ (Unicode character names start with these).
_JOINING_SCRIPTS = ("ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI",
                    "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM",
                    "SINHALA")
#: Spaces YAML does not take for spaces: everything Unicode calls a space but U+0020.
ODD_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                       "\u2009\u200a\u202f\u205f\u3000")

_NAMES = {
    "\u00a0": "geschütztes Leerzeichen", "\u202f": "schmales geschütztes Leerzeichen",
    "\u2007": "Ziffernleerzeichen", "\u200b": "Leerzeichen ohne Breite",
    "\u2060": "Wortverbinder ohne Breite", "\ufeff": "Leerzeichen ohne Breite (BOM)",
    ZWNJ: "Bindungsverhinderer ohne Breite (ZWNJ)", ZWJ: "Verbinder ohne Breite (ZWJ)",
}


def describe(char: str) -> str:
    """`U+202E (Steuerzeichen für die Schreibrichtung)`: code point and a German name."""
    if char in BIDI_CONTROLS:
        name = "Steuerzeichen für die Schreibrichtung"
    elif char in ODD_SPACES:
        name = _NAMES.get(char, "besonderes Leerzeichen")
    else:
        name = _NAMES.get(char, "unsichtbares Zeichen")
    return f"U+{ord(char):04X} ({name})"


def _in_joining_script(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_JOINING_SCRIPTS)


def _emoji_side(char: str) -> bool:
    """Part of an emoji: a pictograph, a skin tone, or the emoji variation selector."""
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f"


def _needed_joiner(text: str, index: int) -> bool:
    """ZWNJ/ZWJ right after a letter of a script that spells with it, or ZWJ inside emoji."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before and _in_joining_script(before):
        return True
    return text[index] == ZWJ and bool(before and after) and _emoji_side(before) and (
        unicodedata.category(after) == "So")


def _refused(text: str, index: int) -> bool:
    char = text[index]
    if char in BIDI_CONTROLS or char in _ZERO_WIDTH:
        return True
    if char in (ZWNJ, ZWJ):
        return not _needed_joiner(text, index)
    if ord(char) in _TAGS:  # only inside a flag: 🏴 followed by tag letters
        before = text[index - 1] if index > 0 else ""
        return not (before == _BLACK_FLAG or (before and ord(before) in _TAGS))
    return False


_CANDIDATES = re.compile("[" + "".join(sorted(BIDI_CONTROLS | _ZERO_WIDTH)) + ZWNJ + ZWJ
                         + "\U000e0000-\U000e007f]")


def invisible(text: str) -> Iterator[int]:
    """Indices of the invisible characters the contract refuses, in order."""
    for match in _CANDIDATES.finditer(text):
        if _refused(text, match.start()):
            yield match.start()


def remove_invisible(text: str) -> str:
    """`text` without the characters `invisible()` finds (for texts typed into the form)."""
    refused = set(invisible(text))
    return "".join(c for i, c in enumerate(text) if i not in refused) if refused else text


_SPACE_CLASS = "[" + "".join(sorted(ODD_SPACES)) + "]"
# Where YAML needs a real space: the indentation; after a field name's colon (at the start of
# a line, after a list dash, or after `{` / `,` in a flow block); after a list entry's dash.
_STRUCTURAL = re.compile(
    rf"^[ \t]*+(?P<indent>{_SPACE_CLASS})(?=[ \t{''.join(sorted(ODD_SPACES))}]*+"
    r"(?:-[ \t]|[A-Za-z_][\w-]*+:(?:[ \t]|$)))"
    rf"|^[ \t]*+(?:-[ \t]++)*+[A-Za-z_][\w-]*+:(?P<colon>{_SPACE_CLASS})"
    rf"|[{{,][ \t]*+[A-Za-z_][\w-]*+:(?P<flow>{_SPACE_CLASS})"
    rf"|^[ \t]*+-(?P<dash>{_SPACE_CLASS})",
    re.MULTILINE)
#: Where an odd space was found -> how the message says it.
PLACES = {"indent": "in der Einrückung", "colon": "nach dem Doppelpunkt",
          "flow": "nach dem Doppelpunkt", "dash": "nach dem Listenstrich „-“"}


_ANY_ODD_SPACE = re.compile(_SPACE_CLASS)


def structural_spaces(text: str) -> Iterator[tuple[int, str]]:
    """(index, place) of each odd space where YAML needs a real one (see `PLACES`)."""
    if not _ANY_ODD_SPACE.search(text):
        return  # most files have none: one quick look
    for match in _STRUCTURAL.finditer(text):
        place = match.lastgroup or "indent"
        yield match.start(place), place


def repair_structural_spaces(text: str, indices: Iterable[int]) -> str:
    """`text` with the odd spaces at `indices` (found by `structural_spaces`) made real ones:
    same length, so every later position stays right."""
    chars = list(text)
    for index in indices:
        chars[index] = " "
        # A line indented with several odd spaces: the rest of the indentation too.
        j = index + 1
        while j < len(chars) and chars[j] in ODD_SPACES:
            chars[j] = " "
            j += 1
    return "".join(chars)


_SHOWN = {"\n": "⏎"}


def _hidden(char: str) -> bool:
    if char == " ":
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs") or char in "\ufffe\uffff"


def visible(text: str) -> str:
    """The text on one line, every control, invisible or odd space character as ⟨U+XXXX⟩.

    A line break becomes ⏎; so a value quoted in a message can neither start a new line (a
    CI log reads a line starting with `::error::` as a command) nor hide what is wrong with it.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(_SHOWN.get(c) or (f"⟨U+{ord(c):04X}⟩" if _hidden(c) else c) for c in text)
