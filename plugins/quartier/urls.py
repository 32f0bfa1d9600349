"""The public URLs of the site: one place, because people bookmark and subscribe to them.

Every function returns a path relative to SITEURL, ending in "/" for pages;
the page file is that path plus "index.html" (see `save_as`). The data
contract (`shared/spec/data-format.md`) fixes these paths.
"""

from __future__ import annotations


def save_as(url: str) -> str:
    """The output file for a page URL: `angebote/x/` -> `angebote/x/index.html`."""
    return url + "index.html" if url.endswith("/") or not url else url


def offers() -> str:
    return "angebote/"


def offer(offer_id: str) -> str:
    return f"angebote/{offer_id}/"


def offers_in_category(category_id: str) -> str:
    return f"angebote/kategorie/{category_id}/"


def offers_for_audience(audience_id: str) -> str:
    return f"angebote/zielgruppe/{audience_id}/"


def actors() -> str:
    return "akteure/"


def actor(actor_id: str) -> str:
    return f"akteure/{actor_id}/"


def networks() -> str:
    return "netzwerke/"


def districts() -> str:
    return "stadtteile/"


def district(district_id: str) -> str:
    return f"stadtteile/{district_id}/"


def events() -> str:
    return "termine/"


def event(event_id: str) -> str:
    return f"termine/{event_id}/"


def search() -> str:
    return "suche/"
