"""Pelican glue: every UI string of the theme goes through gettext.

Templates mark strings with `_("…")` / `{% trans %}`; the message ids are the
German texts, so the German site needs no catalog and a missing translation
falls back to German, never to an empty string. Catalogs for further
languages live as `.po` files in `theme/translations/<lang>/LC_MESSAGES/`
and are compiled in memory, so no binary `.mo` files are kept in git.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals


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


def install(generator) -> None:
    settings = generator.settings
    translations = translations_for(Path(settings["THEME"]), settings["DEFAULT_LANG"])
    generator.env.install_gettext_translations(translations, newstyle=True)


def register() -> None:
    signals.generator_init.connect(install)
