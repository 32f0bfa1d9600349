"""Pelican glue: what the theme's Jinja environment needs, for every generator.

- gettext: templates mark strings with `_("…")`, translated by the theme's
  catalogs (`quartier.catalog`; German needs none).
- filters that format record values (`quartier.present`) in the same
  language, `markdown` (rendered and sanitised) and the URL scheme as `urls`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican import signals

from quartier import present, urls
from quartier.catalog import translations_for
from quartier.markup import new_renderer, render


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
        "month": fmt.month, "when": fmt.when, "clock": fmt.clock,
        "language_name": fmt.language_name, "language_label": fmt.language_in_site_locale,
        "wheelchair": fmt.wheelchair,
        "cost": fmt.cost, "kind": fmt.kind, "status": fmt.status, "rhythm": fmt.rhythm,
        "osm_url": present.osm_url, "geo_uri": present.geo_uri, "tel_uri": present.tel_uri,
        "markdown": lambda text: Markup(render(text, renderer)),
    })
    env.globals.update(urls=urls, fmt=fmt)


def register() -> None:
    signals.generator_init.connect(install)
