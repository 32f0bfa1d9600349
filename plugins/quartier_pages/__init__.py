"""Pelican glue: write the district pages in every site language, the sitemap and robots.txt.

A Pelican generator, as pelican-plugins' `sitemap` and `search` are: it builds
the site model (`generate_context`, so the home page and every other template can
use it as `SITE`; the search glue asks `SITE_FOR` for each language's)
and writes each page of `quartier.pages` with its template through Pelican's
writer, which refuses paths outside the output folder.

The site language's pages lie at the root, every further language's under
`/<code>/` (`quartier.languages`), rendered from the records as that language
shows them (`quartier.localize`) with the theme environment of that language.
The languages are independent, so they are written in parallel
(`quartier.parallel`; `QUARTIER_BUILD_PROCESSES`, default: every processor).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from quartier.buildkit.parallel import build_processes, run_all
from quartier.buildkit.progress import count, phase
from quartier.model import urls
from quartier.model.languages import Language
from quartier.model.localize import NOTE, localized_site
from quartier.model.site import Site, build_site
from quartier.render import pages as site_pages
from quartier.render.catalog import translations_for
from quartier_theme import for_language


class DistrictPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.quartier = self.settings["QUARTIER"]
        self.languages = self.quartier.site_languages
        self.site = self._build_site()
        phase(f"Site-Modell gebaut: {count(len(self.site.upcoming))} kommende Termine aus "
              f"{count(len(self.site.events))} Termineinträgen, für alle Sprachen")
        # Leichte Sprache is German: the entrance exists when the site language is German.
        self.easy = (site_pages.easy_language_page(self.site)
                     if self.languages[0].code == "de" else None)
        self.context["SITE"] = self.site
        self.context["SITE_FOR"] = self.site_for
        self.context["EASY_LANGUAGE"] = self.easy is not None

    def site_for(self, language: Language) -> Site:
        """The site model as `language` shows it: a localized view over the one model.

        The model (what is shown, the expanded series, relations, indexes) is built once per
        build; a view only swaps in the language's records. Not kept: every further
        language's pages and search index are written in one part each, possibly in another
        process, so holding every language's records would only raise the peak memory.
        """
        if language.is_default:
            return self.site
        note = translations_for(Path(self.settings["THEME"]), language.code).gettext(NOTE)
        return localized_site(self.site, language.code, source_lang=self.languages[0].code,
                              note=note)

    def _build_site(self) -> Site:
        settings = self.quartier
        return build_site(self.settings["DATASET"], settings.today,
                          window_days=settings.window_days,
                          holiday_subdivision=settings.holiday_state,
                          stale_after_days=settings.stale_after_days)

    def generate_output(self, writer) -> None:
        default = self.languages[0]
        pages = self.pages_of(default, self.site)
        run_all([partial(self.write_language, writer, language,
                         pages if language is default else None)
                 for language in self.languages], build_processes(self.quartier))
        sitemap = [p.url for p in pages if p.in_sitemap]
        german_only = [p.url for p in self.own_pages(default)]
        german_only += [c.url for c in self.context.get("articles", [])]
        german_only += [c.url for c in self.context.get("pages", [])]
        for name in ("sitemap.xml", "robots.txt"):
            writer.write_file(name, self.env.get_template(name), self.context,
                              relative_urls=False, sitemap_urls=sitemap,
                              untranslated_urls=german_only)

    def pages_of(self, language: Language, site: Site) -> list[site_pages.Page]:
        site_url = self.settings["SITEURL"] + ("/" + language.prefix.rstrip("/")
                                               if language.prefix else "")
        return site_pages.site_pages(site, site_url=site_url, timezone=self.quartier.timezone)

    def write_language(self, writer, language: Language, pages=None) -> None:
        """Every page of one language, and for German the entrance in Leichte Sprache."""
        env = self.env if language.is_default else for_language(
            self.env, self.settings, language)
        site = self.site_for(language)
        translated = pages if pages is not None else self.pages_of(language, site)
        own = self.own_pages(language)
        phase(f"Schreibe {count(len(translated) + len(own))} Seiten ({language.name}) …")
        relative = self.settings.get("RELATIVE_URLS", False)
        # Looked up once: Jinja checks a template file's modification time on every lookup.
        templates = {name: env.get_template(name + ".html")
                     for name in {page.template for page in [*translated, *own]}}
        for page in [*translated, *own]:
            writer.write_file(urls.save_as(language.prefix + page.url),
                              templates[page.template], self.context,
                              relative_urls=relative, page_url=page.url,
                              translated=page not in own, SITE=site, **page.values)
        phase(f"{count(len(translated) + len(own))} Seiten ({language.name}) geschrieben")

    def own_pages(self, language: Language) -> list[site_pages.Page]:
        """Pages in one language only: the entrance in Leichte Sprache on a German site."""
        return [self.easy] if language.is_default and self.easy is not None else []


def get_generators(pelican) -> type[Generator]:
    return DistrictPagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
