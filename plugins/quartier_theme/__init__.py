"""Pelican glue: what the theme's Jinja environment needs, for every generator.

- gettext: templates mark strings with `_("…")`; the message ids are the
  German texts, so the German site needs no catalog and a missing
  translation falls back to German. Catalogs for further languages live as
  `.po` files in `theme/translations/<lang>/LC_MESSAGES/` and are compiled in
  memory, so no binary `.mo` files are kept in git.
- filters that format record values (`quartier.present`) in the same
  language, `markdown` (rendered and sanitised) and the URL scheme as `urls`.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup
from pelican import signals

from quartier import present, urls
from quartier.markup import new_renderer, render


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
    lang = settings["DEFAULT_LANG"]
    translations = translations_for(Path(settings["THEME"]), lang)
    env = generator.env
    env.install_gettext_translations(translations, newstyle=True)
    fmt = present.Formatter(lang, translations.gettext, translations.ngettext)
    renderer = new_renderer()
    env.filters.update({
        "weekdays": fmt.weekdays, "hours": fmt.hours, "time": fmt.time, "date": fmt.date,
        "month": fmt.month, "when": fmt.when, "language_name": fmt.language_name,
        "language_label": fmt.language_in_site_locale, "wheelchair": fmt.wheelchair,
        "cost": fmt.cost, "kind": fmt.kind, "status": fmt.status, "rhythm": fmt.rhythm,
        "osm_url": present.osm_url, "geo_uri": present.geo_uri, "tel_uri": present.tel_uri,
        "markdown": lambda text: Markup(render(text, renderer)),
    })
    env.globals.update(urls=urls, fmt=fmt)


def register() -> None:
    signals.generator_init.connect(install)
