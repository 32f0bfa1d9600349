"""Pelican glue: what the theme's Jinja environment needs, for every generator.

- gettext: templates mark strings with `_("…")`, translated by the theme's
  catalogs (`quartier.catalog`; German needs none).
- `repository`: links into the forge's web editor ("Diesen Eintrag bearbeiten").
- filters that format record values (`quartier.present`) in the same
  language, as HTML with times isolated left-to-right; `ltr` isolates any other value that
  is left-to-right by nature (phone numbers, URLs, postcodes) for right-to-left pages;
  `markdown` (rendered and sanitised) and the URL scheme as `urls`.
- `LANG` (the page's language) and `LANGUAGES` (all of the site's, for the switcher).

The settings come from `QUARTIER` (`quartier.settings.Settings`, put there by `quartier_data`).

Pelican makes one environment per generator, in the site language; `for_language`
makes the environment of a further language like it (`quartier_pages` uses it).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, Environment, pass_context
from markupsafe import Markup
from pelican import signals

from quartier.contract.markup import render_once
from quartier.model import urls
from quartier.model.languages import Language
from quartier.model.localize import Text
from quartier.render import present
from quartier.render.catalog import formatter_for, translations_for
from quartier.tools.repository import Repository
from quartier.tools.scaffold import KINDS, example


def install(generator) -> None:
    """The site language's theme environment, for every Pelican generator."""
    languages = generator.settings["QUARTIER"].site_languages
    configure(generator.env, generator.settings, languages[0])
    generator.env.globals["LANGUAGES"] = languages


def for_language(env, settings, language: Language) -> Environment:
    """An environment like a generator's (loader, options, filters, globals) for another language.

    A new one rather than `env.overlay()`: an overlay's `install_gettext_translations` is
    still bound to the original environment and would install the catalog there.
    """
    other = Environment(loader=env.loader, bytecode_cache=_COMPILED,
                        **settings["JINJA_ENVIRONMENT"])
    other.filters.update(env.filters)
    other.tests.update(env.tests)
    other.globals.update(env.globals)
    configure(other, settings, language)
    return other


def _remember(rendered: dict):
    """`{% call remember(a, b) %}…{% endcall %}`: the block's HTML, rendered once per key.

    For fragments that many pages repeat unchanged (a date in every list, the header). The
    key is derived, not written: the call site (the block's compiled code), the page's
    address base `SITEURL` and the values passed — which must be every value the block reads
    besides the environment's globals (`urls`, `_`, `LANG`: one environment per language);
    in a macro, its parameters. Values that cannot be hashed (the site model) count by
    identity, and are kept so that their identity cannot be reused.
    """
    @pass_context
    def remember(context, *values, caller):
        # Jinja keeps a call block's function as `_func`: its code object names the call site.
        key = (caller._func.__code__, context.get("SITEURL"),
               *(v if _hashable(v) else ("id", id(v)) for v in values))
        if key not in rendered:
            rendered[key] = (caller(), values)
        return rendered[key][0]
    return remember


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:  # a frozen dataclass holding mappings
        return False
    return True


class _InMemory(BytecodeCache):
    """Compiled templates, shared by the language environments: each compiles them once."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _InMemory()  # keyed by template name and source checksum (Jinja's bucket key)


def formatter(settings, code: str | None = None):
    """The formatter of a language (default: the site's), translated by the theme's catalog.

    For the glue that writes files in words (feeds, calendars, open data, search) as the
    pages do; one per catalog and build (`quartier.render.catalog`).
    """
    return formatter_for(Path(settings["THEME"]), code or settings["QUARTIER"].default_lang)


def configure(env, settings, language: Language) -> None:
    """gettext, formatting filters and URLs for the pages of one language."""
    translations = translations_for(Path(settings["THEME"]), language.code)
    env.install_gettext_translations(translations, newstyle=True)
    fmt = formatter_for(Path(settings["THEME"]), language.code, html=True)
    def markdown(text: str) -> Markup:
        html = Markup(render_once(text))
        return text.wrap(html) if isinstance(text, Text) else html

    env.filters.update({
        "weekdays": fmt.weekdays, "hours": fmt.hours, "time": fmt.time, "date": fmt.date,
        "month": fmt.month, "when": fmt.when, "clock": fmt.clock, "time_range": fmt.time_range,
        "weekday_name": fmt.weekday_name,
        "language_name": fmt.language_name, "language_label": fmt.language_in_site_locale,
        "wheelchair": fmt.wheelchair,
        "cost": fmt.cost, "kind": fmt.kind, "status": fmt.status, "rhythm": fmt.rhythm,
        "ltr": present.isolate_ltr,
        "osm_url": present.osm_url, "geo_uri": present.geo_uri, "tel_uri": present.tel_uri,
        "markdown": markdown,
        "plain": str,  # for attributes: a `Text` without its <span lang> (see quartier.localize)
    })
    env.globals.update(urls=urls.InLanguage(language.prefix) if language.prefix else urls,
                       fmt=fmt, LANG=language, remember=_remember({}),
                       **_repository_links(settings))


#: The file name a new entry starts with in the web editor; the editor renames it.
NEW_FILE_NAMES = {"actor": "neuer-akteur.yaml", "offer": "neues-angebot.yaml",
                  "date": "neuer-termin.yaml"}


def _repository_links(settings) -> dict:
    """`repository` for edit links and `new_entry_urls` for "Termin eintragen" links."""
    quartier = settings["QUARTIER"]
    if not quartier.repository_url:
        return {"repository": None, "new_entry_urls": None}
    repository = Repository(quartier.repository_url, quartier.repository_branch,
                            quartier.repository_forge)
    return {"repository": repository, "new_entry_urls": {
        kind: repository.new(f"data/{folder}", NEW_FILE_NAMES[kind],
                             example(kind, quartier.today))
        for kind, folder in KINDS.items()}}


def register() -> None:
    signals.generator_init.connect(install)
