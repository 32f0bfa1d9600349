"""What the editor probably meant: a value as a volunteer types it, in the contract's spelling.

A hint that names the right spelling of the editor's own value helps more than a general
example: „9:00“ → „09:00“, „05.11.2026 18 Uhr“ → „2026-11-05 18:00“, „bürgertreff“ →
„buergertreff“, „Mo 10–12, Do 14–18“ → the `hours` list. Each function takes the value that
failed and returns a German hint, or "" when it cannot tell; the schema's German messages
(`schema.py`) use them.

The values come from data files and the date form, so every regular expression here runs in
linear time (possessive quantifiers, no nested repetition), and values longer than any real
value of the kind are not looked at.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from babel import Locale

from .characters import ODD_SPACES, describe, invisible, remove_invisible
from .ids import is_valid_id, make_id
from .weekdays import CODES

#: A value longer than this is not a mistyped date, time, id, phone number or address.
_LONGEST = 200


def _written(value: str) -> str:
    """How the value should have looked: `„…“`, one line."""
    return "„" + value.replace("\n", " ") + "“"


def spaces_hint(value: str, fits) -> str:
    """A value that is right but for an odd space or an invisible character in it."""
    odd = [c for c in value if c in ODD_SPACES]
    hidden = [value[i] for i in invisible(value)]
    if not (odd or hidden):
        return ""
    repaired = remove_invisible("".join(" " if c in ODD_SPACES else c for c in value)).strip()
    what = describe((odd or hidden)[0])
    if fits(repaired):
        return f"Der Wert enthält ein {what}; richtig ist {_written(repaired)}."
    return f"Der Wert enthält ein {what}; es durch ein normales Leerzeichen ersetzen."


# --- times and dates --------------------------------------------------------------------------

_CLOCK = re.compile(r"(?i)\s*+(\d{1,2})(?:\s*+[:.,h]\s*+(\d{2}))?+\s*+(?:uhr|h)?+\.?+\s*+")
_GERMAN_DATE = re.compile(r"\s*+(\d{1,2})\.\s*+(\d{1,2})\.\s*+(\d{4}|\d{2})\s*+")
_ISO_DATE = re.compile(r"\s*+(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*+")


def _clock(text: str) -> str | None:
    """„9“, „9:00“, „9.30“, „18 Uhr“, „18h“ as HH:MM; None if it is no time of day."""
    match = _CLOCK.fullmatch(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _day(text: str) -> str | None:
    """„05.11.2026“, „5.11.26“, „2026/11/5“ as YYYY-MM-DD; None if it is no such date."""
    german = _GERMAN_DATE.fullmatch(text)
    iso = _ISO_DATE.fullmatch(text)
    if german:
        day, month, year = (int(g) for g in german.groups())
        year += 2000 if year < 100 else 0
    elif iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


MIDNIGHT = ("Mitternacht schreibt man 00:00; als Ende eines Termins heißt end: \"00:00\" "
            "„bis Mitternacht“ (eine Endzeit vor dem Beginn gilt für den nächsten Tag).")
MIDNIGHT_HOURS = ("24:00 gibt es nicht: ein Zeitfenster bis Mitternacht endet um \"23:59\"; "
                  "Zeiten über Mitternacht als zwei Einträge schreiben.")


def time_hint(value: str) -> str:
    """`from` and `to` of `hours` (the only times without a date)."""
    clock = _clock(value) if len(value) <= _LONGEST else None
    if clock == "24:00":
        return MIDNIGHT_HOURS
    if clock and clock != value:
        return f"Uhrzeiten immer mit zwei Ziffern und Doppelpunkt: {_written(clock)}."
    return ""


def date_hint(value: str) -> str:
    day = _day(value) if len(value) <= _LONGEST else None
    if day:
        return f"Daten schreibt man Jahr-Monat-Tag: {_written(day)}."
    return ""


def datetime_hint(value: str) -> str:
    """`start` and `end`: „05.11.2026 18 Uhr“, „2026-11-05T18:00“, „5.11.2026, 9:30“."""
    if len(value) > _LONGEST:
        return ""
    clock = _clock(value)
    if clock == "24:00":
        return MIDNIGHT
    if clock:
        return f"Uhrzeiten immer mit zwei Ziffern und Doppelpunkt: {_written(clock)}."
    day_part, clock_part = value, ""
    for separator in ("T", ",", " um ", " ab ", " "):
        head, found, tail = value.strip().partition(separator)
        if found and _day(head) and (separator != " " or _clock(tail)):
            day_part, clock_part = head, tail
            break
    day = _day(day_part)
    if not day:
        return ""
    if not clock_part:
        return f"Daten schreibt man Jahr-Monat-Tag: {_written(day)}."
    clock = _clock(clock_part)
    if clock is None:
        return ""
    if clock == "24:00":
        return MIDNIGHT
    return f"Datum Jahr-Monat-Tag, Uhrzeit zweistellig: {_written(f'{day} {clock}')}."


# --- ids, contact, places ---------------------------------------------------------------------

ID_RULE = ("Kennungen bestehen nur aus Kleinbuchstaben, Ziffern und Bindestrichen; Umlaute "
           "umschreiben (ä→ae, ö→oe, ü→ue, ß→ss).")


def id_hint(value: str) -> str:
    """„Bürgertreff Volkmarsdorf“ → „buergertreff-volkmarsdorf“ (whether it exists is for the
    reference check to say)."""
    suggestion = make_id(value) if len(value) <= _LONGEST else ""
    if suggestion and suggestion != value and is_valid_id(suggestion):
        return f"Meinten Sie „{suggestion}“? {ID_RULE}"
    return ID_RULE


_EMAIL_AT = re.compile(r"(?i)\s*+[(\[{]\s*+(?:at|ät|@)\s*+[)\]}]\s*+|\s++(?:at|ät)\s++")


def email_hint(value: str) -> str:
    if len(value) > _LONGEST:
        return ""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        return f"In das Feld gehört nur die Adresse selbst: {_written(text[7:].strip())}."
    repaired = _EMAIL_AT.sub("@", text)
    if repaired != text and repaired.count("@") == 1:
        return f"Die Adresse mit „@“ schreiben: {_written(repaired)}."
    if " " in text:
        return "Eine E-Mail-Adresse enthält keine Leerzeichen; nur eine Adresse pro Feld."
    return ""


def url_hint(value: str) -> str:
    if len(value) > _LONGEST * 10:
        return ""
    text = value.strip()
    if re.match(r"(?i)https?:/?/?", text) and not re.match(r"(?i)https?://", text):
        rest = re.sub(r"(?i)^https?:/*+", "", text)
        return f"Nach „https:“ kommen zwei Schrägstriche: {_written('https://' + rest)}."
    if re.match(r"(?i)[a-z0-9-]++(\.[a-z0-9-]++)++(/\S*+)?+$", text):
        return f"Die Adresse mit „https://“ davor schreiben: {_written('https://' + text)}."
    if " " in text:
        return "Eine Webadresse enthält keine Leerzeichen; nur eine Adresse pro Feld."
    return ""


_PHONE_PREFIX = re.compile(r"(?i)\s*+(?:tel(?:efon)?|fon|phone|mobil|handy|fax)\.?:?\s*+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()/–-]*+")


def phone_hint(value: str) -> str:
    if len(value) > _LONGEST:
        return ""
    text = value.strip()
    prefix = _PHONE_PREFIX.match(text)
    if prefix and prefix.end() > 0:
        text = text[prefix.end():]
    number = _PHONE.match(text)
    if number:
        digits = number.group().rstrip(" ()/–-")
        rest = text[len(digits):].strip()
        if rest and digits:
            return (f"Nur die Nummer gehört ins Feld: {_written(digits)}; Zusätze wie "
                    f"{_written(rest)} passen in eine Notiz.")
        if digits != value:
            return f"Nur die Nummer, ohne „Tel.“: {_written(digits)}."
    if text.startswith("("):
        plain = re.sub(r"[()]", "", text).strip()
        return f"Die Vorwahl ohne Klammern: {_written(plain)}."
    return ""


def postcode_hint(value: str) -> str:
    text = value.strip()
    if len(text) > _LONGEST:
        return ""
    if re.fullmatch(r"[0-9]{4}", text):
        return f"Die führende Null gehört dazu: {_written('0' + text)}."
    match = re.fullmatch(r"(?:D\s*+-?\s*+)?([0-9]{5})\s*+(.*+)", text)
    if match and match.group(2):
        return (f"Nur die Postleitzahl: {_written(match.group(1))}; der Ort gehört ins Feld "
                "city.")
    if match:
        return f"Nur die fünf Ziffern: {_written(match.group(1))}."
    return ""


@cache
def _language_names() -> dict[str, str]:
    """German and English language names (casefolded) -> ISO 639-1 code."""
    names = {}
    for locale in ("en", "de"):
        for code, name in Locale(locale).languages.items():
            if len(code) == 2:
                names.setdefault(name.casefold(), code)
    names |= {"farsi": "fa", "dari": "fa", "persisch": "fa", "kurdisch": "ku"}
    return names


def language_hint(value: str) -> str:
    text = value.strip()
    if len(text) > 40:
        return ""
    code = _language_names().get(text.casefold())
    if code is None and re.fullmatch(r"[A-Za-z]{2}(?:[-_][A-Za-z]{2})?+", text):
        code = text[:2].lower()
    if code:
        return f"Meinten Sie „{code}“? Sprachen als Code aus zwei Kleinbuchstaben."
    return ""


#: Pattern rule -> the function that knows that kind of value.
PATTERN_HINTS = {
    "id-format": id_hint, "date-format": date_hint, "datetime-format": datetime_hint,
    "time-format": time_hint, "email-format": email_hint, "url-format": url_hint,
    "phone-format": phone_hint, "postcode-format": postcode_hint,
    "language-format": language_hint,
}


# --- choices ----------------------------------------------------------------------------------

#: German (and common English) words for the contract's fixed values.
_WORDS = {
    "verein": "association", "e. v.": "association", "ev": "association",
    "einrichtung": "institution", "verwaltung": "office", "amt": "office",
    "quartiersmanagement": "office", "qm": "office", "netzwerk": "network",
    "arbeitskreis": "network", "ak": "network", "gewerbe": "business", "firma": "business",
    "unternehmen": "business", "projekt": "project", "initiative": "initiative",
    "abgesagt": "cancelled", "fällt aus": "cancelled", "ausfall": "cancelled",
    "canceled": "cancelled", "verschoben": "postponed", "findet statt": "scheduled",
    "geplant": "scheduled", "täglich": "daily", "wöchentlich": "weekly",
    "monatlich": "monthly", "jährlich": "yearly",
    "ja": "yes", "true": "yes", "teilweise": "partial", "teils": "partial",
    "nein": "no", "false": "no", "unbekannt": "unknown", "weiß nicht": "unknown",
    "sonnabend": "sa",
}


def enum_hint(value, options: list[str]) -> str:
    """„Verein“ → association, „abgesagt“ → cancelled, „Montag“/„Mo.“ → mo."""
    text = str(value).strip().casefold().rstrip(".")
    if len(text) > 40:
        return ""
    wanted = _WORDS.get(text)
    if wanted is None and set(options) == set(CODES) and text[:2] in CODES:
        wanted = text[:2]
    if wanted in options:
        return f"Meinten Sie „{wanted}“?"
    return ""


# --- structures typed as text -----------------------------------------------------------------

_DAY_WORD = r"(?:mo|di|mi|do|fr|sa|so)[a-zäöü]*+\.?+"
_DAYS = re.compile(rf"(?i)\b({_DAY_WORD})(?:\s*+(?:-|–|bis)\s*+({_DAY_WORD}))?+")
_SPAN = re.compile(r"(?i)(\d{1,2})(?:[:.](\d{2}))?+\s*+(?:uhr\s*+)?+(?:-|–|—|bis)\s*+"
                   r"(\d{1,2})(?:[:.](\d{2}))?+(?:\s*+uhr)?+")


def _day_code(word: str) -> str | None:
    word = word.casefold().rstrip(".")
    return "sa" if word.startswith("sonnab") else (word[:2] if word[:2] in CODES else None)


def hours_hint(value: str) -> str:
    """„Mo 10–12, Do 14–18“ → `[{days: [mo], from: "10:00", to: "12:00"}, …]`."""
    if len(value) > _LONGEST:
        return ""
    slots, days, start = [], [], 0
    for span in _SPAN.finditer(value):
        found = []
        for match in _DAYS.finditer(value, start, span.start()):
            first, last = _day_code(match.group(1)), _day_code(match.group(2) or "")
            if first and last:
                i, j = CODES.index(first), CODES.index(last)
                found += list(CODES[i:j + 1]) if i <= j else []
            elif first:
                found.append(first)
        days = list(dict.fromkeys(found)) or days
        start = span.end()
        begin = _clock(f"{span.group(1)}:{span.group(2) or '00'}")
        end = _clock(f"{span.group(3)}:{span.group(4) or '00'}")
        if not (days and begin and end):
            return ""
        end = "23:59" if end == "24:00" else end
        slots.append(f'{{days: [{", ".join(days)}], from: "{begin}", to: "{end}"}}')
    if not slots:
        return ""
    return ("Öffnungszeiten sind eine Liste, je Zeitfenster mit days, from und to; hier "
            f"etwa: hours: [{', '.join(slots)}]")


def number_hint(value) -> str:
    """„51,3609“ where a number belongs: the decimal point."""
    text = str(value).strip()
    if re.fullmatch(r"[-+]?[0-9]++,[0-9]++", text):
        return f"Dezimalzahlen mit Punkt statt Komma: {text.replace(',', '.')}."
    return ""


_FREQUENCIES = {"täglich": "daily", "wöchentlich": "weekly", "jede woche": "weekly",
                "monatlich": "monthly", "jeden monat": "monthly", "jährlich": "yearly",
                "jedes jahr": "yearly", "daily": "daily", "weekly": "weekly",
                "monthly": "monthly", "yearly": "yearly"}


def block_hint(value, field: str) -> str:
    """A single value where a block belongs: `repeat: wöchentlich`, `registration: true`."""
    text = str(value).strip().casefold()
    if field == "repeat" and text in _FREQUENCIES:
        return f"Die Wiederholung ist ein Block: repeat: {{freq: {_FREQUENCIES[text]}}}."
    if field == "registration" and isinstance(value, bool | str) and text in ("true", "false",
                                                                               "ja", "nein"):
        required = "true" if text in ("true", "ja") else "false"
        return f"Die Anmeldung ist ein Block: registration: {{required: {required}}}."
    if field == "location" and isinstance(value, str) and is_valid_id(text):
        return f"Ein Ort bei einem Akteur heißt location: {{at: {text}}}."
    return ""


def list_hint(value: str, field: str) -> str:
    """„beratung, bildung“ or „di, do“ where a list belongs: in brackets."""
    if field == "hours":
        return hours_hint(value)
    text = value.strip()
    if len(text) > _LONGEST or not text:
        return ""
    items = [item.strip() for item in re.split(r"[,;]|\bund\b", text) if item.strip()]
    return f"Eine Liste steht in eckigen Klammern: [{', '.join(items)}]." if items else ""
