"""The public URLs of what others reuse: downloads, embeddable fragments, print pages, posters.

Kept apart from `urls.py` (the residents' pages) but in the same style: every function
returns a path relative to SITEURL, ending in "/" for pages (`urls.save_as` gives the file).
Partners link to these paths and fetch them from scripts, so they must not change.
"""

from __future__ import annotations

from datetime import date


def data() -> str:
    """The page that explains the downloads and their licence."""
    return "daten/"


def data_file(name: str) -> str:
    """A download: `daten.json`, `angebote.csv`, `schema/offer.schema.json`, …"""
    return f"daten/{name}"


def hsds(name: str) -> str:
    """The Open Referral HSDS 3.0 export: `services`, `organizations` or `locations`."""
    return f"daten/hsds/{name}.json"


def hsds_table(name: str) -> str:
    """HSDS 3.0's tabular form of the same export: `datapackage.json`, `services.csv`, …"""
    return f"daten/hsds/tabellen/{name}"


#: Which upcoming dates an embeddable fragment lists (the feeds' filter names).
EMBED_KINDS = ("stadtteil", "kategorie")


def embed(kind: str, key: str) -> str:
    """A static HTML fragment of upcoming dates for partner sites.

    `.htm`, not `.html`: it is a piece of a page (no <html>, no <h1>) and not a page of
    this site, so the checks that every page of the site must pass do not apply to it.
    """
    return f"daten/einbetten/{kind}/{key}.htm"


def offers_in_district_print(district_id: str) -> str:
    """The printable offer overview ("Angebotsübersicht") of a district."""
    return f"angebote/stadtteil/{district_id}/druck/"


def offers_in_category_print(category_id: str) -> str:
    return f"angebote/kategorie/{category_id}/druck/"


def district_poster(district_id: str, month: date) -> str:
    """The monthly poster of dates ("Aushang") of a district, e.g. `…/aushang/2026-12/`."""
    return f"termine/stadtteil/{district_id}/aushang/{month:%Y-%m}/"


def qr_code(page_url: str) -> str:
    """The QR code (SVG) that leads to a page: `angebote/x/` -> `angebote/x/qr.svg`."""
    return f"{page_url}qr.svg"
