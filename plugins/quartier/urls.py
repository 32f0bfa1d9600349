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


def events_in_category(category_id: str) -> str:
    return f"termine/kategorie/{category_id}/"


def events_in_district(district_id: str) -> str:
    return f"termine/stadtteil/{district_id}/"


def events_for_audience(audience_id: str) -> str:
    return f"termine/zielgruppe/{audience_id}/"


def events_archive() -> str:
    return "termine/archiv/"


def numbered(url: str, number: int) -> str:
    """Page `number` of a list that is split into pages: the first keeps the list's URL."""
    return url if number == 1 else f"{url}seite/{number}/"


def event_calendar(event_id: str) -> str:
    return f"termine/{event_id}.ics"


def feed(extension: str, kind: str | None = None, key: str | None = None) -> str:
    """`feeds/termine.ics`, or filtered: `feeds/kategorie/<id>.rss` (ics, rss or atom)."""
    return f"feeds/termine.{extension}" if kind is None else f"feeds/{kind}/{key}.{extension}"


def webcal(site_url: str, url: str) -> str | None:
    """The subscribe link for a calendar, when the site has an absolute http(s) address."""
    if site_url.startswith(("https://", "http://")):
        return "webcal://" + site_url.split("://", 1)[1] + "/" + url
    return None


#: Actor kinds (the contract's values) in German URLs.
KIND_SLUGS = {"association": "vereine", "initiative": "initiativen", "institution": "einrichtungen",
              "office": "verwaltung", "network": "netzwerke", "business": "gewerbe",
              "project": "projekte"}


def actors_of_kind(kind: str) -> str:
    return f"akteure/art/{KIND_SLUGS[kind]}/"
