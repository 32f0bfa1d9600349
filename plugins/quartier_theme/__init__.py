"""Pelican glue: what the theme's Jinja environment needs, for every generator.

- gettext: templates mark strings with `_("…")`, translated by the theme's
  catalogs (`quartier.catalog`; German needs none).
- `repository`: links into the forge's web editor ("Diesen Eintrag bearbeiten").
- filters that format record values (`quartier.present`) in the same
  language, `markdown` (rendered and sanitised) and the URL scheme as `urls`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican import signals

from quartier import present, urls
from quartier.catalog import formatter_for, translations_for
from quartier.markup import new_renderer, render
from quartier.repository import Repository
from quartier.scaffold import KINDS, example


def install(generator) -> None:
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    env = generator.env
    env.install_gettext_translations(translations_for(Path(settings["THEME"]), lang),
                                     newstyle=True)
    fmt = formatter_for(Path(settings["THEME"]), lang)
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
    env.globals.update(urls=urls, fmt=fmt, **_repository_links(settings))


#: The file name a new entry starts with in the web editor; the editor renames it.
NEW_FILE_NAMES = {"actor": "neuer-akteur.yaml", "offer": "neues-angebot.yaml",
                  "date": "neuer-termin.yaml"}


def _repository_links(settings) -> dict:
    """`repository` for edit links and `new_entry_urls` for "Termin eintragen" links."""
    if not settings.get("QUARTIER_REPOSITORY_URL"):
        return {"repository": None, "new_entry_urls": None}
    repository = Repository(settings["QUARTIER_REPOSITORY_URL"],
                            settings.get("QUARTIER_REPOSITORY_BRANCH", "main"),
                            settings.get("QUARTIER_REPOSITORY_FORGE", "github"))
    day = settings["QUARTIER_TODAY"]
    return {"repository": repository, "new_entry_urls": {
        kind: repository.new(f"data/{folder}", NEW_FILE_NAMES[kind], example(kind, day))
        for kind, folder in KINDS.items()}}


def register() -> None:
    signals.generator_init.connect(install)
