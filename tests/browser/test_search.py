"""The search page in Chromium: German queries, typing, bad queries, hostile data, bytes fetched.

Each site here is a project copy built with the quartier_search plugin (added to PLUGINS in
the copy's pelicanconf.py when the project's own does not list it yet) and served on
127.0.0.1 with the policy of the site's `_headers`, so the strict CSP is in force:
- the demo data plus a date "Gemeinsamer Wocheneinkauf" and an offer full of markup,
- 2,000 synthetic records (bench/synthetic.py), for the bytes of a first query,
- the demo site under a sub-path (SITEURL "/unter").
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import open_page, serve
from playwright.sync_api import expect
from synthetic import generate
from test_accessibility import AXE, AXE_OPTIONS, describe

from quartier.render import search_index
from support import PROJECT, build, copy_project

pytestmark = pytest.mark.browser

BUDGET_2000 = 68_000  # bytes gzip for the page and everything a first query fetches (issue 5)

SHOPPING = """\
title: Gemeinsamer Wocheneinkauf
summary: Wir gehen zusammen zum Markt und tragen einander die Taschen.
start: 2026-12-05 10:00
end: "12:00"
organizer: nachbarschaftshilfe-kappel
categories: [nachbarschaft]
"""
HOSTILE_TITLE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
                 " Teufelszeug")
HOSTILE_SUMMARY = '<b onmouseover="window.__pwned = 3">fett</b> & „Zitat“'
HOSTILE = f"""\
title: '{HOSTILE_TITLE}'
actor: nachbarschaftshilfe-kappel
summary: '{HOSTILE_SUMMARY}'
categories: [nachbarschaft]
"""
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI));
"""


def project_with_search(root: Path, site_url: str | None = None) -> Path:
    copy_project(root)
    if site_url is not None:
        conf = root / "pelicanconf.py"
        conf.write_text(conf.read_text(encoding="utf-8")
                        + f'\nSITEURL = FEED_DOMAIN = "{site_url}"\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> Iterator[str]:
    root = project_with_search(tmp_path_factory.mktemp("search-demo"))
    (root / "data" / "dates" / "wocheneinkauf.yaml").write_text(SHOPPING, encoding="utf-8")
    (root / "data" / "offers" / "teufelszeug.yaml").write_text(HOSTILE, encoding="utf-8")
    with serve(build(root)) as url:
        yield url


@pytest.fixture(scope="module")
def large_url(tmp_path_factory) -> Iterator[str]:
    root = project_with_search(tmp_path_factory.mktemp("search-2000"))
    shutil.rmtree(root / "data")
    generate(root, 2000)
    with serve(build(root)) as url:
        yield url


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory) -> Iterator[str]:
    root = project_with_search(tmp_path_factory.mktemp("search-sub"), site_url="/unter")
    served = tmp_path_factory.mktemp("served")
    build(root).rename(served / "unter")
    with serve(served) as url:
        yield url + "unter/"


def search(context, site: str, query: str, color_scheme: str = "light"):
    """The search page for `query`, once it shows the outcome."""
    page = open_page(context, f"{site}suche/?q={quote(query)}", color_scheme=color_scheme)
    page.wait_for_function("""() => {
        const status = document.getElementById("search-status").textContent;
        return status && status !== document.getElementById("search").dataset.loading;
    }""")
    return page


def titles(page) -> list[str]:
    return page.locator("#search-results li > a").all_text_contents()


def status(page) -> str:
    return page.locator("#search-status").text_content()


@pytest.mark.parametrize(("query", "expected", "unrelated"), [
    ("hilfe", ["Einkaufshilfe und kleine Alltagshilfen", "Nachbarschaftshilfe Kappel",
               "Hausaufgabenhilfe im Jugendclub"], "Lastenrad zum Ausleihen"),
    ("Beratung", ["Schuldner- und Insolvenzberatung", "Offene Sprechstunde der Suchtberatung"],
     "Nähkurs und offene Nähwerkstatt"),
    ("Einkauf", ["Gemeinsamer Wocheneinkauf", "Einkaufshilfe und kleine Alltagshilfen"],
     "Streetwork am Rabet"),
    ("Gaerten", ["Mitgärtnern im Nachbarschaftsgarten", "Nachbarschaftsgarten am Rabet"],
     "Kita Sonnenblume"),
    ("Garten", ["Mitgärtnern im Nachbarschaftsgarten"], "Kita Sonnenblume"),
    ("Kurs", ["Nähkurs und offene Nähwerkstatt",
              "Deutschkurs für Anfängerinnen mit Kinderbetreuung"], "Streetwork am Rabet"),
    ("Kita Sonnenblume", ["Kita Sonnenblume", "Elterncafé in der Kita Sonnenblume"],
     "Nähkurs und offene Nähwerkstatt"),
    ("Arabisch", ["Einkaufshilfe und kleine Alltagshilfen"],
     "Computer- und Smartphonekurs für Senior:innen"),
    ("Volkmarsdorf", ["Volkmarsdorf", "Bürgertreff Volkmarsdorf"], "Kita Sonnenblume"),
])
def test_queries_list_what_they_mean(context, demo_url, query, expected, unrelated):
    found = titles(search(context, demo_url, query))
    assert set(expected) <= set(found), found
    assert unrelated not in found


def test_each_result_shows_title_type_summary_and_link(context, demo_url):
    page = search(context, demo_url, "Wocheneinkauf")
    first = page.locator("#search-results li").first
    assert first.locator("a").get_attribute("href") == "/termine/wocheneinkauf/"
    assert first.locator("small").text_content() == "(Termin)"
    lines = first.locator("p").all_text_contents()
    assert lines[0].startswith("Samstag, 5. Dezember 2026") and "Markt" in lines[1]
    assert re.fullmatch(r"\d+ Treffer", status(page))
    assert page.locator("[role=status]").count() == 1


def test_spellings_and_stop_words_do_not_change_the_results(context, demo_url):
    families = titles(search(context, demo_url, "Familien"))
    assert families
    assert titles(search(context, demo_url, "fuer Familien")) == families
    assert titles(search(context, demo_url, "für Familien")) == families


def test_typing_a_prefix_shows_results_and_puts_the_query_in_the_address(context, demo_url):
    page = open_page(context, demo_url + "suche/")
    page.locator("#q").press_sequentially("Nachbarsch", delay=40)
    expect(page.locator("#search-results")).to_contain_text("Nachbarschaftshilfe Kappel")
    assert page.url.endswith("/suche/?q=Nachbarsch")


@pytest.mark.parametrize("query", ["title:", "*", "~", "Kita~", "bera*ung", "*hilfe",
                                   "Senior:innen"])
def test_a_query_lunr_cannot_run_gets_a_friendly_message(context, demo_url, query):
    errors = []
    context.on("weberror", lambda error: errors.append(error.error))
    page = search(context, demo_url, query)
    assert status(page) == page.locator("#search").get_attribute("data-bad")
    assert titles(page) == [] and errors == []


def test_hostile_text_in_a_record_is_shown_as_text(context, demo_url):
    context.add_init_script(CSP_LISTENER)
    page = search(context, demo_url, "Teufelszeug")
    assert titles(page) == [HOSTILE_TITLE]
    assert page.locator("#search-results li p").all_text_contents() == [HOSTILE_SUMMARY]
    assert page.locator("#search-results img, #search-results script, #search-results b"
                        ).count() == 0
    page.locator("#search-results li p").hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__cspViolations") == []


def test_the_browser_stems_as_the_build_does(context, demo_url):
    text = " ".join(p.read_text(encoding="utf-8") for p in (PROJECT / "data").rglob("*.yaml"))
    vocabulary = sorted(set(search_index.words(text)))
    assert len(vocabulary) > 1000
    page = search(context, demo_url, "hilfe")
    stems = page.evaluate("(words) => words.map((w) => lunr.de.stemmer(new lunr.Token(w))"
                          ".toString())", vocabulary)
    assert dict(zip(vocabulary, stems, strict=True)) == {
        w: search_index.stem(w) for w in vocabulary}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_with_results_showing(context, demo_url, scheme):
    page = search(context, demo_url, "hilfe", color_scheme=scheme)
    assert titles(page)
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], describe(violations)


def test_without_javascript_the_page_explains_itself(browser, demo_url):
    """Scripting off in Blink's settings, so that <noscript> counts (as in a browser with
    JavaScript switched off); Playwright's own switch only stops scripts from running."""
    without = browser.browser_type.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-gpu", "--blink-settings=scriptEnabled=false"])
    try:
        page = open_page(without.new_context(), demo_url + "suche/?q=hilfe")
        explanation = page.locator("main noscript p")  # get_by_text skips <noscript>
        expect(explanation).to_be_visible()
        expect(explanation).to_contain_text("Die Suche braucht JavaScript.")
        for name in ("Angebote", "Termine", "Akteure von A bis Z", "Stadtteile"):
            expect(page.get_by_role("main").get_by_role("link", name=name, exact=True)
                   ).to_be_visible()
        assert titles(page) == []
    finally:
        without.close()


def test_no_other_page_loads_search_code_or_index(context, demo_url):
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    for path in ("", "angebote/", "akteure/kita-sonnenblume/"):
        open_page(context, demo_url + path, wait_until="networkidle")
    assert [u for u in requests if u.endswith(".js") or "/suche/" in u] == []


def test_first_query_on_2000_records_fits_the_budget(context, large_url):
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = search(context, large_url, "Beratung")
    page.wait_for_load_state("networkidle")
    assert len(titles(page)) == 20
    sizes = {r.url: len(gzip.compress(r.body(), compresslevel=6, mtime=0)) for r in responses}
    total = sum(sizes.values())
    print(f"first query on 2,000 records: {total} bytes gzip in {len(sizes)} requests")
    assert total <= BUDGET_2000, sorted(sizes.items(), key=lambda kv: -kv[1])
    assert len([u for u in sizes if re.search(r"/suche/index/\d+\.json", u)]) == 1


def test_more_results_come_on_request_and_take_the_focus(context, large_url):
    page = search(context, large_url, "Beratung")
    page.locator("#search-more").click()
    expect(page.locator("#search-results li")).to_have_count(40)
    assert page.evaluate("() => document.activeElement === "
                         "document.querySelectorAll('#search-results li a')[20]")


def test_scripts_index_and_results_respect_a_sub_path(context, sub_path_url):
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = search(context, sub_path_url, "hilfe")
    assert titles(page)
    base = sub_path_url.removesuffix("unter/")
    assert [u for u in requests if not u.startswith(sub_path_url)] == []
    href = page.locator("#search-results li a").first.get_attribute("href")
    assert href.startswith("/unter/")
    assert page.request.get(base + href.lstrip("/")).status == 200
