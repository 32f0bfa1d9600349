"""Pelican glue: write the search index of each language (see quartier.search_index).

A generator like quartier_feeds: `generate_context` tells the search page where the index
is (`SEARCH_INDEX`, so the page loads its scripts only when this plugin runs), and
`generate_output` indexes the offers, actors, dates and districts the site shows
(`SITE`, from quartier_pages, which must come first in PLUGINS) and Pelican's news.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from quartier.buildkit.output import write_file
from quartier.buildkit.parallel import build_processes, run_all
from quartier.buildkit.progress import count, phase
from quartier.model import urls
from quartier.model.languages import Language
from quartier.render.search_index import Entry, index_files, site_entries
from quartier_theme import formatter

FOLDER = urls.search() + "index/"
logger = logging.getLogger(__name__)


def news_entry(article) -> Entry:
    """A Pelican article as a search entry; its title and summary are HTML."""
    return Entry("news", article.url, Markup(article.title).striptags(),
                 Markup(article.summary).striptags(),
                 description=Markup(article.content).striptags())


class SearchIndexGenerator(Generator):
    def generate_context(self) -> None:
        self.context["SEARCH_INDEX"] = FOLDER + "meta.json"
        # Whom the page names when nothing is found; without the setting, the offices. An id
        # the data does not have (the data was swapped) is left out with a warning.
        actors = self.settings["DATASET"].actors
        wanted = list(self.settings["QUARTIER"].search_contacts or ())
        for unknown in [i for i in wanted if i not in actors]:
            logger.warning("pelicanconf.py: QUARTIER_SEARCH_CONTACTS nennt „%s“, aber dazu gibt "
                           "es keinen Akteur in den Daten; die Suche nennt ihn nicht.", unknown)
        self.context["SEARCH_CONTACTS"] = [i for i in wanted if i in actors]

    def generate_output(self, writer) -> None:
        """One index per site language, from that language's texts, under `<prefix>suche/index/`.

        News are Pelican's German articles: only the site language's index has them. The
        languages' indexes are independent and built in parallel, as their pages are.
        """
        quartier = self.settings["QUARTIER"]
        run_all([partial(self.write_index, language) for language in quartier.site_languages],
                build_processes(quartier))

    def write_index(self, language: Language) -> None:
        fmt = formatter(self.settings, language.code)
        site = self.context["SITE_FOR"](language)
        source = None if language.is_default else self.context["SITE"].data
        entries = [replace(e, url=language.prefix + e.url)
                   for e in site_entries(site, fmt, source)]
        if language.is_default:
            entries += [news_entry(a) for a in self.context.get("articles", [])]
        files = index_files(entries, synonyms=site.data.synonyms, language=language.code)
        for name, content in files.items():
            write_file(self.output_path, language.prefix + FOLDER + name, content)
        phase(f"Suchindex ({language.name}): {count(len(entries))} Einträge, "
              f"{count(len(files))} Dateien")


def get_generators(pelican) -> type[Generator]:
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
