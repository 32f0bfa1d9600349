"""The public URLs of the site: one place, because people bookmark and subscribe to them.

Every function returns a path relative to SITEURL, ending in "/" for pages;
the page file is that path plus "index.html" (see `save_as`). They are part
of the public interface (README, "Pages"): people bookmark them and subscribe to feeds.
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


def offers_in_language(code: str) -> str:
    """Offers where this language is spoken (ISO 639-1 code): "Angebote auf Arabisch"."""
    return f"angebote/sprache/{code}/"


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


# What's on: the build date's dates ("today" is the nightly build's day), and the week
# from today on; all dates, or those for one audience or in one district.

def events_today() -> str:
    return "termine/heute/"


def events_week() -> str:
    """The next seven days, today included."""
    return "termine/woche/"


def events_today_for_audience(audience_id: str) -> str:
    return f"termine/zielgruppe/{audience_id}/heute/"


def events_week_for_audience(audience_id: str) -> str:
    return f"termine/zielgruppe/{audience_id}/woche/"


def events_today_in_district(district_id: str) -> str:
    return f"termine/stadtteil/{district_id}/heute/"


def events_week_in_district(district_id: str) -> str:
    return f"termine/stadtteil/{district_id}/woche/"


def weekly_plan() -> str:
    """Offers' regular hours and the week's dates by weekday, Monday to Sunday."""
    return "angebote/wochenplan/"


def weekly_plan_for_audience(audience_id: str) -> str:
    return f"angebote/zielgruppe/{audience_id}/wochenplan/"


def weekly_plan_in_district(district_id: str) -> str:
    return f"angebote/stadtteil/{district_id}/wochenplan/"


def subscribe() -> str:
    """The help page „Termine im Handy-Kalender": subscribing to calendars and feeds."""
    return "termine/abonnieren/"


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


def home() -> str:
    return ""


def contribute() -> str:
    """For contributors, in every site language: how to add and correct entries."""
    return "mitmachen/"


def easy_language() -> str:
    """The entrance in Leichte Sprache (German only, BITV 2.0 § 4)."""
    return "leichte-sprache/"


class InLanguage:
    """These URL functions for a language's sub-site: `/en/angebote/…` for the English pages.

    Pages (the home page "" and paths ending in "/") get the language's folder; files
    (calendars, feeds) keep their one shared URL, as subscriptions do not depend on the
    language a page was read in.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in globals():
            raise AttributeError(name)
        value = globals()[name]
        if not callable(value) or isinstance(value, type) or name in _NOT_PAGES:
            return value

        def in_language(*args, **kwargs):
            url = value(*args, **kwargs)
            return self.prefix + url if url == "" or url.endswith("/") else url
        setattr(self, name, in_language)  # found directly from now on (templates call often)
        return in_language


#: Functions that return no page URL (`save_as`, `webcal`) or a page in one language only.
_NOT_PAGES = frozenset({"save_as", "webcal", "easy_language"})
