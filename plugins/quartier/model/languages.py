"""The site's languages: the site language at the root, every further one in its own folder.

Many residents do not read German well, so the same pages exist under `/<code>/` (`/en/angebote/…`,
`/ar/termine/…`) for each language configured in `QUARTIER_LANGUAGES`. Names and writing direction
come from Babel's CLDR data, never from a hand-written table, so any language Babel knows can be
added in `pelicanconf.py` alone (plus its catalog for the UI texts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in the data's `languages` and `translations`
    prefix: str  # "" for the site language, "en/" for the others
    name: str  # in the language itself: "English", "العربية", "Українська"
    direction: str  # "ltr" or "rtl", for the `dir` attribute

    @property
    def is_default(self) -> bool:
        return not self.prefix


def mark(message: str) -> str:
    """Marks a UI text for extraction into the catalogs (`invoke i18n`); translated where used."""
    return message


class LanguageError(ValueError):
    """A configured language code Babel does not know (a German message for the editors)."""


def site_languages(codes: Sequence[str], default: str) -> tuple[Language, ...]:
    """The site language first, then the others in the configured order."""
    ordered = [default, *(c for c in dict.fromkeys(codes) if c != default)]
    return tuple(_language(code, "" if code == default else f"{code}/") for code in ordered)


def _language(code: str, prefix: str) -> Language:
    if not isinstance(code, str) or "_" in code or "-" in code:
        raise LanguageError(f"QUARTIER_LANGUAGES: „{code}“ ist kein Sprachcode. Hinweis: "
                            "zweibuchstabige Codes nach ISO 639-1 eintragen, z. B. \"en\", \"ar\".")
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise LanguageError(f"QUARTIER_LANGUAGES: „{code}“ ist keine bekannte Sprache. Hinweis: "
                            "zweibuchstabige Codes nach ISO 639-1 eintragen, z. B. \"uk\" für "
                            "Ukrainisch.") from None
    name = locale.get_display_name(locale) or code
    return Language(code=code, prefix=prefix, name=name[:1].upper() + name[1:],
                    direction="rtl" if locale.character_order == "right-to-left" else "ltr")
