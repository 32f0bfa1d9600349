"""Pelican glue: write the district pages, the sitemap and robots.txt.

A Pelican generator, as pelican-plugins' `sitemap` and `search` are: it builds
the site model once (`generate_context`, so the home page and every other
template can use it as `SITE`) and writes each page of `quartier.pages` with
its template through Pelican's writer, which refuses paths outside the
output folder.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from quartier import pages as site_pages
from quartier import urls
from quartier.config import Settings
from quartier.progress import phase
from quartier.site import build_site


class DistrictPagesGenerator(Generator):
    def generate_context(self) -> None:
        settings = Settings.from_pelican(self.settings)
        self.site = build_site(
            self.settings["QUARTIER_DATA"], self.settings["QUARTIER_TODAY"],
            window_days=settings.window_days, holiday_subdivision=settings.holiday_state,
            stale_after_days=settings.stale_after_days,
        )
        self.pages = site_pages.site_pages(self.site, site_url=self.settings["SITEURL"],
                                           timezone=settings.timezone)
        self.context["SITE"] = self.site

    def generate_output(self, writer) -> None:
        phase(f"Schreibe {len(self.pages)} Seiten …")
        relative = self.settings.get("RELATIVE_URLS", False)
        for page in self.pages:
            writer.write_file(urls.save_as(page.url), self.get_template(page.template),
                              self.context, relative_urls=relative, page_url=page.url,
                              **page.values)
        sitemap = [p.url for p in self.pages if p.in_sitemap]
        sitemap += [c.url for c in self.context.get("articles", [])]
        sitemap += [c.url for c in self.context.get("pages", [])]
        for name in ("sitemap.xml", "robots.txt"):
            writer.write_file(name, self.env.get_template(name), self.context,
                              relative_urls=False, sitemap_urls=["", *sitemap])


def get_generators(pelican) -> type[Generator]:
    return DistrictPagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
