"""Pelican glue: open data downloads, print overviews, posters and embeddable fragments.

Writes, from the site model of `quartier_pages` (`SITE` in the context):
- `/daten/`, the page that explains the downloads and their licence, and the downloads:
  `daten.json` (with its JSON Schemas under `schema/`), one CSV file per kind and the
  Open Referral HSDS 3.0 export under `hsds/` (`quartier.opendata`, `quartier.hsds`), also
  in HSDS's tabular form under `hsds/tabellen/` (`quartier.hsds_tables`);
- `/angebote/stadtteil|kategorie/<id>/druck/` (offer overviews for A4) and
  `/termine/stadtteil/<id>/aushang/<yyyy-mm>/` (monthly posters), with a QR code as SVG
  file beside every page they point to (`…/qr.svg`);
- `/daten/einbetten/stadtteil|kategorie/<id>.htm`, the next dates as HTML fragments.

Settings (`quartier.settings`): QUARTIER_DATA_LICENSE, QUARTIER_DATA_LICENSE_URL (known
licences bring their own), QUARTIER_DATA_ATTRIBUTION (default SITENAME) and
QUARTIER_EXPORT_PERSONAL_DATA (default False: no names, phones or e-mails of people).
Everything written depends only on the data and the build date, so builds stay identical.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from quartier.buildkit.output import write_file
from quartier.buildkit.progress import phase
from quartier.export import hsds_tables, opendata
from quartier.export.hsds import HsdsExport
from quartier.model import reuse_urls, urls
from quartier.render import reuse_pages
from quartier_theme import formatter


class QrCodes:
    """The pages the rendered templates showed a QR code for; written after rendering.

    Templates call `qr(page_url)` for the drawing's address (`…/qr.svg#qr`, for
    `<use href>`), so exactly the codes in use are drawn. A code holds the page's absolute
    address when SITEURL is absolute, else its path from the site's root.
    """

    def __init__(self) -> None:
        self.page_urls: set[str] = set()

    def __call__(self, page_url: str) -> str:
        self.page_urls.add(page_url)
        return f"{reuse_urls.qr_code(page_url)}#{reuse_pages.QR_ID}"


class OpenDataGenerator(Generator):
    def generate_output(self, writer) -> None:
        site = self.context["SITE"]
        settings = self.settings
        quartier = settings["QUARTIER"]
        site_url = settings["SITEURL"]
        personal = quartier.export_personal_data
        data_license = opendata.license_from(
            quartier.data_license, quartier.data_license_url,
            quartier.data_attribution or settings["SITENAME"])
        fmt = formatter(settings)
        output = self.output_path
        phase("Schreibe offene Daten, Druckseiten, Aushänge und Einbettungen …")

        data = opendata.bundle(site, data_license=data_license, site_url=site_url,
                               personal=personal)
        write_file(output, reuse_urls.data_file("daten.json"), opendata.to_json(data))
        for name, text in opendata.contract_schemas().items():
            write_file(output, reuse_urls.data_file(f"schema/{name}"), text.encode("utf-8"))
        write_file(output, reuse_urls.data_file("schema/daten.schema.json"),
                    opendata.to_json(opendata.bundle_schema()))
        for name, content in opendata.csv_files(data, site_url).items():
            write_file(output, reuse_urls.data_file(name), content)
        hsds = HsdsExport(site, fmt, site_url=site_url, personal=personal,
                          state=quartier.holiday_state,
                          publisher=data_license.attribution).export()
        for name, objects in hsds.items():
            write_file(output, reuse_urls.hsds(name), opendata.to_json(objects))
        hsds_rows = hsds_tables.tables(hsds)
        for name, content in hsds_tables.package(
                hsds_rows, fmt, site_name=settings["SITENAME"], site_url=site_url,
                data_license=data_license).items():
            write_file(output, reuse_urls.hsds_table(name), content)

        relative = settings.get("RELATIVE_URLS", False)
        qr = QrCodes()
        for page in reuse_pages.print_pages(site) + reuse_pages.poster_pages(site):
            writer.write_file(urls.save_as(page.url), self.get_template(page.template),
                              self.context, relative_urls=relative, page_url=page.url, qr=qr,
                              public_site_url=site_url, **page.values)
        fragments = reuse_pages.fragment_pages(site)
        for page in fragments:  # absolute links: partners show them on their own sites
            writer.write_file(page.url, self.get_template(page.template), self.context,
                              relative_urls=False, **page.values)
        example = fragments[0] if fragments else None
        writer.write_file(
            urls.save_as(reuse_urls.data()), self.get_template("data"), self.context,
            relative_urls=relative, page_url=reuse_urls.data(), data_license=data_license,
            personal=personal, counts={k: len(v) for k, v in data.items() if k != "meta"},
            csv_files=[(kind, name) for kind, (name, _) in opendata.CSV_FILES.items()],
            schemas=[*opendata.contract_schemas(), "daten.schema.json"],
            hsds_counts={k: len(v) for k, v in hsds.items()},
            hsds_tables=hsds_tables.files(hsds_rows),
            months=reuse_pages.poster_months(site.today),
            embed_url=example.url if example else None,
            embed_examples=reuse_pages.embed_examples(site_url, example.url) if example else {})
        for page_url in sorted(qr.page_urls):
            write_file(output, reuse_urls.qr_code(page_url),
                       reuse_pages.qr_svg(f"{site_url}/{page_url}"))


def add_globals(generator) -> None:
    """For every template, so pages can link to downloads, print pages and posters:
    `reuse_urls`, and `poster_months(SITE.today)` (the months that have a poster)."""
    generator.env.globals.update(reuse_urls=reuse_urls,
                                 poster_months=reuse_pages.poster_months)


def get_generators(pelican) -> type[Generator]:
    return OpenDataGenerator


def register() -> None:
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
