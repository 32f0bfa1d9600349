"""Message catalogs: the theme's `.po` files, compiled in memory.

Message ids are the German UI texts, so German needs no catalog and a missing
translation falls back to German. Catalogs for further languages live in
`theme/translations/<lang>/LC_MESSAGES/messages.po`; compiling them at build
time keeps binary `.mo` files out of git.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .present import Formatter


def translations_for(theme: Path, lang: str) -> NullTranslations:
    po_file = theme / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po_file.exists():
        return NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def formatter_for(theme: Path, lang: str) -> Formatter:
    """The site language's formatter, translated by the theme's catalog."""
    translations = translations_for(theme, lang)
    return Formatter(lang, translations.gettext, translations.ngettext)
