"""Pelican glue: write the district pages in every site language, the sitemap and robots.txt.

A Pelican generator, as pelican-plugins' `sitemap` and `search` are: it builds
the site model once per language (`generate_context`, so the home page and every
other template can use it as `SITE`; the search glue finds them all in
`QUARTIER_SITES`) and writes each page of `quartier.pages` with its template
through Pelican's writer, which refuses paths outside the output folder.

The site language's pages lie at the root, every further language's under
`/<code>/` (`quartier.languages`), rendered from the records as that language
shows them (`quartier.localize`) with the theme environment of that language.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from quartier import pages as site_pages
from quartier import urls
from quartier.catalog import translations_for
from quartier.config import Settings
from quartier.languages import configured_languages
from quartier.localize import NOTE, localized
from quartier.progress import phase
from quartier.site import build_site
from quartier_theme import for_language


class DistrictPagesGenerator(Generator):
    def generate_context(self) -> None:
        settings = Settings.from_pelican(self.settings)
        self.languages = configured_languages(self.settings)
        source = self.languages[0].code
        data = self.settings["QUARTIER_DATA"]
        self.sites = {}
        for language in self.languages:
            note = translations_for(Path(self.settings["THEME"]), language.code).gettext(NOTE)
            self.sites[language.code] = build_site(
                localized(data, language.code, source_lang=source, note=note),
                self.settings["QUARTIER_TODAY"], window_days=settings.window_days,
                holiday_subdivision=settings.holiday_state,
                stale_after_days=settings.stale_after_days)
        self.context["SITE"] = self.sites[source]
        self.context["QUARTIER_SITES"] = self.sites

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        timezone = Settings.from_pelican(self.settings).timezone
        sitemap: list[str] = []
        for language in self.languages:
            env = self.env if language.is_default else for_language(
                self.env, self.settings, language)
            site = self.sites[language.code]
            site_url = self.settings["SITEURL"] + ("/" + language.prefix.rstrip("/")
                                                   if language.prefix else "")
            pages = site_pages.site_pages(site, site_url=site_url, timezone=timezone)
            if language.is_default and language.code == "de":
                easy = site_pages.easy_language_page(site)
                writer.write_file(urls.save_as(easy.url), env.get_template("easy_language.html"),
                                  self.context, relative_urls=relative, page_url=easy.url,
                                  SITE=site, **easy.values)
            phase(f"Schreibe {len(pages)} Seiten ({language.name}) …")
            for page in pages:
                writer.write_file(urls.save_as(language.prefix + page.url),
                                  env.get_template(page.template + ".html"), self.context,
                                  relative_urls=relative, page_url=page.url, translated=True,
                                  SITE=site, **page.values)
            if language.is_default:
                sitemap = [p.url for p in pages if p.in_sitemap]
        german_only = [c.url for c in self.context.get("articles", [])]
        german_only += [c.url for c in self.context.get("pages", [])]
        for name in ("sitemap.xml", "robots.txt"):
            writer.write_file(name, self.env.get_template(name), self.context,
                              relative_urls=False, sitemap_urls=sitemap,
                              untranslated_urls=german_only)


def get_generators(pelican) -> type[Generator]:
    return DistrictPagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
