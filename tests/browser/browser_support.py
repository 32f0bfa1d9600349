"""What the browser tests share: the pages they visit, the deploy headers and a local server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from quartier.model import urls
from support import PROJECT

if TYPE_CHECKING:  # the header test runs without a browser
    from playwright.sync_api import BrowserContext, Page

DEPLOY_HEADERS = PROJECT / "content" / "extra" / "_headers"  # copied to the site root

# One page of every page type; the ids exist in data/ and content/ (a missing page fails the
# test with its status, so a renamed record shows up instead of a silently smaller sample).
PAGES = [
    "",
    urls.offers(),
    urls.offers_in_category("beratung"),
    urls.offers_for_audience("familien"),
    urls.offer("deutschkurs-anfaengerinnen"),
    urls.actors(),
    urls.actor("quartiersmanagement-leipziger-osten"),
    urls.actor("ak-ost"),  # a network: moderation, members, next meeting
    urls.networks(),
    urls.districts(),
    urls.district("moeckern"),
    urls.events(),
    urls.event("ak-ost"),  # a series with exceptions and a changed occurrence
    urls.events_today(),
    urls.events_week(),  # days with and without dates
    urls.weekly_plan_for_audience("kinder"),  # offers' hours beside the week's dates
    urls.subscribe(),
    urls.event("kinderflohmarkt-anger-crottendorf-2027"),  # postponed, no calendar entry
    urls.search(),
    "neuigkeiten/ak-ost-neue-orte-2027/",
    "impressum/",
    urls.easy_language(),
    urls.contribute(),
]
# The same gates on the English and the Arabic (right-to-left) sub-sites.
PAGES += [prefix + path for prefix in ("en/", "ar/") for path in [
    "", urls.offers(), urls.offer("jmd-beratung"), urls.offers_in_language("ar"),
    urls.events_week(), urls.weekly_plan(), urls.subscribe(),
    urls.actor("ak-ost"), urls.district("moeckern"), urls.event("ak-ost"), urls.search(),
    urls.contribute()]]
SEARCH_PAGES = {urls.search(), "en/" + urls.search(), "ar/" + urls.search()}


def page_id(path: str) -> str:
    """Test ids that read like the URL a developer would open."""
    return "/" + path


def read_headers(file: Path) -> dict[str, dict[str, str]]:
    """The rules of a Netlify/Cloudflare Pages `_headers` file: URL pattern -> name -> value.

    The browser tests send exactly what this returns, so the policy they check is the one the
    host will send; a line this cannot read is an error rather than a header quietly dropped.
    """
    rules: dict[str, dict[str, str]] = {}
    rule = None
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rule = rules.setdefault(line.strip(), {})
            continue
        name, colon, value = line.strip().partition(":")
        if rule is None or not colon or not name.strip():
            raise ValueError(f"{file}:{number}: expected an indented 'Name: value' under a URL")
        rule[name.strip()] = value.strip()
    return rules


class _Handler(SimpleHTTPRequestHandler):
    """Serves files from the server's folder and adds its headers to every response."""

    def __init__(self, request, client_address, server: SiteServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.root))

    def end_headers(self) -> None:
        for name, value in self.server.security_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args) -> None:
        """Stay quiet: the tests record the requests the browser makes themselves."""


class SiteServer(ThreadingHTTPServer):
    """A built site on 127.0.0.1 (a free port) with the headers a host would send."""

    def __init__(self, root: Path, security_headers: dict[str, str]) -> None:
        self.root = root
        self.security_headers = security_headers
        super().__init__(("127.0.0.1", 0), _Handler)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 with the headers of content/extra/_headers."""
    server = SiteServer(root, read_headers(DEPLOY_HEADERS)["/*"])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def open_page(context: BrowserContext, url: str, *, color_scheme: str = "light",
              wait_until: str = "load") -> Page:
    """A new tab showing `url`; a page that is not there fails here, not later in a check."""
    page = context.new_page()
    page.emulate_media(color_scheme=color_scheme)
    response = page.goto(url, wait_until=wait_until)
    assert response is not None, f"{url}: no response"
    assert response.status == 200, f"{url}: HTTP {response.status}"
    return page
