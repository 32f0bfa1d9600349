"""Values as people type them into a form: dates, times, links, e-mail addresses, languages.

Nobody who fills in the form knows the contract's `2026-11-05 18:00`; people write „5.11.2026,
18 Uhr“, „Mi, 5.11., 18–20 Uhr“ or „Deutsch, Arabisch“. Each reader finds the value in such a
text, or raises a `FormError` that says in German what it could not read.
"""

from __future__ import annotations

import re
from datetime import date

from babel import Locale

from quartier.contract.problems import closest

from .form import FormError

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# „5.11.2026“, „5. 11. 2026“, „5.11.26“ or „5.11.“; a year after a space has four digits, so
# that „5.11. 18 Uhr“ is not the year 2018.
_GERMAN_DATE = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:(\d{4}|\d{2})|\s(\d{4}))?(?![\d:])")
_TIME = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*+(Uhr|h\b)?(?![\d.:])",
                   re.IGNORECASE)
_TIME_SPAN = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*+(?:Uhr\s*+)?(?:[-–—]|bis)"
                        r"\s*+(\d{1,2})(?:[:.](\d{2}))?(?![\d.:])", re.IGNORECASE)


def find_date(text: str, today: date) -> tuple[date | None, str]:
    """The date in `text` and the rest of the text; a German date without year is the next."""
    match = _ISO_DATE.search(text)
    year_text = None
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _GERMAN_DATE.search(text)
        if not match:
            return None, text
        day, month = int(match.group(1)), int(match.group(2))
        year_text = match.group(3) or match.group(4)
        year = (int(year_text) + 2000 if len(year_text) == 2 else int(year_text)) if year_text \
            else today.year
    try:
        found = date(year, month, day)
    except ValueError:
        raise FormError(f"Das Datum „{match.group(0).strip()}“ gibt es nicht.") from None
    if match.re is _GERMAN_DATE and not year_text and found < today:
        try:
            found = found.replace(year=found.year + 1)
        except ValueError:  # 29 February without a year, asked after February of a leap year
            raise FormError(f"Den {match.group(0).strip()} gibt es im nächsten Jahr nicht; "
                            "bitte das Jahr dazuschreiben.") from None
    return found, text[:match.start()] + " " + text[match.end():]


def _clock(hour: str, minute: str | None, written: str) -> str:
    if int(hour) > 23 or (minute is not None and int(minute) > 59):
        raise FormError(f"Die Uhrzeit „{written.strip()}“ gibt es nicht.")
    return f"{int(hour):02d}:{minute or '00'}"


def find_times(text: str) -> list[str]:
    """Times in `text` as HH:MM („18:00“, „18.30“, „18 Uhr“, „18–20 Uhr“); a bare „18“ alone."""
    span = _TIME_SPAN.search(text)
    if span:
        return [_clock(span.group(1), span.group(2), span.group(0)),
                _clock(span.group(3), span.group(4), span.group(0))]
    matches = list(_TIME.finditer(text))
    explicit = [m for m in matches if m.group(2) or m.group(3)]
    return [_clock(m.group(1), m.group(2), m.group(0)) for m in explicit or matches]


def find_moment(text: str, today: date) -> tuple[date | None, list[str]]:
    """The date and the times of one answer („Mi, 10.3.2027, 18–20 Uhr“)."""
    day, rest = find_date(text, today)
    return day, find_times(rest)


# Links, e-mail addresses and phone numbers inside a sentence („bis 5.3. per E-Mail an …“).
# Answers are untrusted: each pattern runs in linear time. A search tries every position, so
# a pattern that scans ahead starts only where a run of its characters starts (lookbehind),
# and never gives back what it scanned (possessive).
URL = re.compile(r"https?://[^\s<>\"'\])]++", re.IGNORECASE)
_ADDRESS = r"[^\s@<>()\[\],;:\"]"
EMAIL = re.compile(rf"(?<!{_ADDRESS}){_ADDRESS}++@(?:[^\s@<>()\[\],;:\".]++\.)+[A-Za-z]{{2,}}+"
                   rf"(?![^\s@<>()\[\],;:\".])")
_PHONE_RUN = re.compile(r"(?<![\d+])\+?\d[\d ()/-]*+")


def find_phone(text: str) -> str | None:
    """The first phone number in `text`: a digit, then digits, spaces and ( ) / -, at least
    six characters, ending with a digit."""
    for match in _PHONE_RUN.finditer(text):
        number = match.group().rstrip(" ()/-")
        if len(number) >= 6:
            return number
    return None
_LANGUAGE_ALIASES = {"farsi": "fa", "dari": "fa", "persisch": "fa", "kurdisch": "ku",
                     "englisch": "en", "deutsch": "de", "ukrainisch": "uk"}


def read_languages(answer: str) -> list[str]:
    """Language codes from names as people write them („Deutsch, Arabisch“, „Farsi“, „en“)."""
    names = {name.casefold(): code for code, name in Locale("de").languages.items()
             if len(code) == 2}
    codes = []
    for piece in re.split(r"[,;/\n]|\bund\b|\bsowie\b", answer):
        piece = piece.strip().rstrip(".")
        if not piece:
            continue
        key = piece.casefold()
        code = (key if re.fullmatch(r"[a-z]{2}", key) else
                _LANGUAGE_ALIASES.get(key) or names.get(key))
        if code is None:
            hint = closest(key, list(names), n=1)
            raise FormError(f"Die Sprache „{piece}“ ist unbekannt."
                            + (f" Meinten Sie „{hint[0].title()}“?" if hint else
                               " Bitte die Sprachen auf Deutsch nennen, z. B. „Deutsch, "
                               "Arabisch“."))
        if code not in codes:
            codes.append(code)
    return codes
