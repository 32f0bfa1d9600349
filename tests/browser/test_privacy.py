"""A visit tells nobody but the office's own server about the visitor, and stores nothing.

The DSGVO and the TTDSG (§ 25) require consent for third-party requests and for storage in the
browser; the site needs neither, so it asks for none. It is also light: a first visit costs a
few requests and, except on the search page, no JavaScript.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import PAGES, SEARCH_PAGES, open_page, page_id

pytestmark = pytest.mark.browser

# Runs in every document before the page's own content: records what the CSP blocked.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`
        + ` (${event.sourceFile || "page"}:${event.lineNumber}) ${event.sample}`);
}, true);
"""
MAX_REQUESTS = 3  # the page, its stylesheet and one more (an icon, say)


def visit(context, url: str):
    """Open `url` in a fresh profile; return the page and every request the browser made.

    Waiting for the network to be idle gives late requests (a script's fetch, a lazy image)
    the time to show up.
    """
    requests = []
    # A lambda: Playwright cannot attach its bookkeeping to a builtin such as list.append.
    context.on("request", lambda request: requests.append(request))
    context.add_init_script(CSP_LISTENER)
    return open_page(context, url, wait_until="networkidle"), requests


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_nothing_leaves_the_site_and_nothing_is_stored(context, site_url, path):
    page, requests = visit(context, site_url + path)
    site = urlsplit(site_url).netloc
    elsewhere = [r.url for r in requests if urlsplit(r.url).netloc != site]
    assert elsewhere == []
    assert context.cookies() == []
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert stored == [0, 0], "localStorage, sessionStorage"
    assert page.evaluate("() => window.__cspViolations") == []


@pytest.mark.parametrize("path", [p for p in PAGES if p not in SEARCH_PAGES], ids=page_id)
def test_first_visit_is_a_few_requests_without_javascript(context, site_url, path):
    _, requests = visit(context, site_url + path)
    assert len(requests) <= MAX_REQUESTS, [f"{r.resource_type} {r.url}" for r in requests]
    scripts = [r.url for r in requests
               if r.resource_type == "script" or urlsplit(r.url).path.endswith((".js", ".mjs"))]
    assert scripts == []
