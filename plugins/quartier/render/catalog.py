"""Message catalogs: the theme's `.po` files, compiled in memory.

Message ids are the German UI texts, so German needs no catalog and a missing
translation falls back to German. Catalogs for further languages live in
`theme/translations/<lang>/LC_MESSAGES/messages.po`; compiling them at build
time keeps binary `.mo` files out of git.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .present import Formatter


def _po_bytes(theme: Path, lang: str) -> bytes:
    po_file = theme / "translations" / lang / "LC_MESSAGES" / "messages.po"
    return po_file.read_bytes() if po_file.exists() else b""


@cache
def _translations(po: bytes, lang: str) -> NullTranslations:
    if not po:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(po), locale=lang))
    buffer.seek(0)
    return Translations(buffer)


@cache
def _formatter(po: bytes, lang: str, html: bool = False) -> Formatter:
    translations = _translations(po, lang)
    return Formatter(lang, translations.gettext, translations.ngettext, html=html)


# Both are keyed on the catalog's content, so every generator of a build shares one compiled
# catalog and one formatter (with its memory of formatted dates), and an edited catalog counts.
def translations_for(theme: Path, lang: str) -> NullTranslations:
    return _translations(_po_bytes(theme, lang), lang)


def formatter_for(theme: Path, lang: str, *, html: bool = False) -> Formatter:
    """The site language's formatter, translated by the theme's catalog.

    `html=True`: the pages' formatter, whose texts are HTML with times isolated
    left-to-right; plain text (feeds, calendars, search) otherwise.
    """
    return _formatter(_po_bytes(theme, lang), lang, html)
