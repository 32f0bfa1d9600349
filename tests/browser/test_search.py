"""The search page in Chromium: queries in several languages, compounds, typos, synonyms, the
no-results page, typing, bad queries, hostile data, bytes fetched.

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
import yaml
from browser_support import open_page, serve
from playwright.sync_api import expect
from synthetic import generate
from test_accessibility import AXE, AXE_OPTIONS, describe

from quartier.render import search_words
from support import PROJECT, build, copy_project

pytestmark = pytest.mark.browser

BUDGET_2000 = 45_000  # bytes gzip for the page and everything a first query fetches (issue 16)

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


def test_each_result_shows_title_type_place_next_date_summary_and_link(context, demo_url):
    page = search(context, demo_url, "Wocheneinkauf")
    first = page.locator("#search-results li").first
    assert first.locator("a").get_attribute("href") == "/termine/wocheneinkauf/"
    assert first.locator("small").text_content() == "(Termin)"
    lines = first.locator("p").all_text_contents()
    assert lines[0].startswith("Nächster Termin: Samstag, 5. Dezember 2026")
    assert lines[1].startswith("Wo: ") and lines[1].endswith(", Chemnitz")  # two cities
    assert "Markt" in lines[2]
    assert re.fullmatch(r"\d+ Treffer", status(page))
    assert page.locator("[role=status]").count() == 1


@pytest.mark.parametrize(("query", "title", "kind"), [
    ("AK Ost", "Netzwerkplattform AK Ost (Arbeitskreis Austausch und Kontakt Ost)",
     "(Netzwerk)"),
    ("Kita Sonnenblume", "Kita Sonnenblume", "(Akteur)"),
    ("Lastenrad", "Lastenrad zum Ausleihen", "(Angebot)"),
])
def test_results_say_what_they_are(context, demo_url, query, title, kind):
    page = search(context, demo_url, query)
    item = page.locator("#search-results li").filter(has=page.get_by_role(
        "link", name=title, exact=True))
    expect(item.locator("small")).to_have_text(kind)


def test_a_query_compound_is_split_and_ranked_by_its_parts(context, demo_url):
    found = titles(search(context, demo_url, "Sozialberatung"))
    assert "Möckern in Aktion – Sozial- und Konfliktmanagement" in found[:5]
    assert "Schulsozialarbeit an der 16. Oberschule" in found[:5]
    assert found.index("Schulsozialarbeit an der 16. Oberschule") < found.index(
        "Lastenrad zum Ausleihen") if "Lastenrad zum Ausleihen" in found else True


def test_coordinated_compounds_in_the_text_are_found_completed(context, demo_url):
    found = titles(search(context, demo_url, "Schuldnerberatung"))
    assert {"Schuldner- und Insolvenzberatung",
            "Schuldner- und Insolvenzberatung Chemnitz-Süd"} <= set(found[:3])
    assert "Sucht- und Drogenberatung Ost" in titles(search(context, demo_url, "Drogenberatung"))


def test_a_typo_finds_the_word_and_offers_it(context, demo_url):
    page = search(context, demo_url, "Beratnug")
    assert "Beratung für junge Zugewanderte" in titles(page)
    suggestion = page.locator("#search-status a")
    expect(suggestion).to_have_text("Beratung")
    assert "Meinten Sie „Beratung“?" in status(page)
    suggestion.click()
    expect(page.locator("#q")).to_have_value("Beratung")
    assert page.url.endswith("/suche/?q=Beratung")


def test_exact_matches_rank_before_synonyms(context, demo_url):
    found = titles(search(context, demo_url, "Sprechstunde"))
    offices = {"Sprechzeiten des Quartiersmanagements Leipziger Osten",
               "Sprechzeiten der Gemeinwesenkoordination"}
    assert offices <= set(found)
    first_synonym = min(found.index(t) for t in offices)
    assert all("Sprechstunde" in t for t in found[:first_synonym])
    assert "Kita Sonnenblume" in titles(search(context, demo_url, "Kindergarten"))


@pytest.mark.parametrize(("prefix", "query", "title"), [
    ("ar/", "أطفال", "دورة لغة ألمانية للمبتدئات مع رعاية للأطفال"),  # text: للأطفال
    ("ar/", "استشارة", "استشارة الديون والإعسار"),
    ("ar/", "Beratung", "Projektberatung für Vereine und Initiativen"),  # untranslated German
    ("en/", "counselling", "Counselling for young migrants"),
    ("en/", "children", "Football for children aged 6 to 10"),
    ("en/", "Schuldnerberatung", "Debt and insolvency counselling"),  # its German title
    ("ru/", "консультация", "Консультация по долгам и банкротству"),
    ("ru/", "приемные часы", "Приёмные часы координации местного сообщества"),  # ё as е
    ("uk/", "консультації", "Години прийому координації громади"),  # by its category
    ("tr/", "BORC", "Borç ve iflas danışmanlığı"),  # case and ç folded
])
def test_every_site_language_is_analysed_as_its_own(context, demo_url, prefix, query, title):
    assert title in titles(search(context, demo_url + prefix, query))


def test_the_category_names_in_the_page_language_find_records(context, demo_url):
    found = titles(search(context, demo_url + "ar/", "كبار السن"))  # "Senior:innen"
    assert "Kaffeenachmittag im Seniorentreff" in found


def test_nothing_found_offers_the_directory_and_the_office(context, demo_url):
    page = search(context, demo_url, "Xylophonorchester")
    assert titles(page) == []
    assert status(page) == "Keine Treffer."
    none = page.locator("#search-none")
    expect(none).to_be_visible()
    expect(none.get_by_role("link", name="Beratung", exact=True)).to_have_attribute(
        "href", "/angebote/kategorie/beratung/")
    expect(none.get_by_role("link", name="Quartiersmanagement Leipziger Osten")).to_be_visible()
    expect(none.get_by_role("link", name=re.compile("@"))).not_to_have_count(0)
    search_again = search(context, demo_url, "Beratung")
    expect(search_again.locator("#search-none")).to_be_hidden()


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
    assert page.locator("#search-results li p").all_text_contents() == [
        "Wo: Kappel, Chemnitz", HOSTILE_SUMMARY]
    assert page.locator("#search-results img, #search-results script, #search-results b"
                        ).count() == 0
    page.locator("#search-results li p").last.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__cspViolations") == []


def word_list(code: str) -> list[str]:
    """The words of the project's own texts in a language: the UI catalog, and in German the
    data, else the data's translations."""
    texts = []
    if code == "de":
        texts += [p.read_text(encoding="utf-8") for p in (PROJECT / "data").rglob("*.yaml")]
    else:
        po = PROJECT / "theme" / "translations" / code / "LC_MESSAGES" / "messages.po"
        texts += re.findall(r'^msgstr(?:\[\d\])? "(.*)"', po.read_text(encoding="utf-8"), re.M)
        for file in (PROJECT / "data").rglob("*.yaml"):
            texts += translated_texts(yaml.safe_load(file.read_text(encoding="utf-8")), code)
    return sorted({t for text in texts for t in search_words.tokens(text)})


def translated_texts(value, code: str) -> list[str]:
    """Every text of the `code` translation blocks anywhere in a data file's YAML."""
    if isinstance(value, list):
        return [t for item in value for t in translated_texts(item, code)]
    if not isinstance(value, dict):
        return []
    own = (value.get("translations") or {}).get(code) or {}
    texts = [v for k, v in own.items() if isinstance(v, str) and k != "source_digest"]
    return texts + [t for k, v in value.items() if k != "translations"
                    for t in translated_texts(v, code)]


#: Where the browser's stemmer and nltk's are known to differ: nltk's Russian keeps the
#: participle of "следующая" ("следующ"), Snowball's (lunr.ru, and the snowballstemmer
#: package) takes it off ("след"). Such a word is still found by its other forms.
KNOWN_DIFFERENCES = {"ru": {"следующая"}}


@pytest.mark.parametrize("code", ["de", "en", "ar", "ru", "uk", "tr"])
def test_the_browser_analyses_words_as_the_build_does(context, demo_url, code):
    """Over a word list of each language: the same tokens, folding, stop words and stems
    (lunr-languages' German and Russian Snowball against nltk's, lunr.js's Porter against
    lunr.py's, the Arabic light stemmer and the folding of search.js against search_words)."""
    vocabulary = word_list(code)
    assert len(vocabulary) > (1000 if code == "de" else 300)
    prefix = "" if code == "de" else f"{code}/"
    page = search(context, demo_url + prefix, "hilfe")
    found = page.evaluate("""([words, code]) => words.map((w) => {
        const a = window.quartierSearchWords.analyse(w, code);
        return a && [a.word, a.stem];
    })""", [vocabulary, code])
    who = search_words.analyser(code)
    expected = [list(p) if (p := who.word_and_stem(w)) else None for w in vocabulary]
    differ = {w: (b, p) for w, b, p in zip(vocabulary, found, expected, strict=True) if b != p}
    assert differ.keys() == KNOWN_DIFFERENCES.get(code, set()) & set(vocabulary), differ
    text = " ".join(vocabulary[:200]).upper()
    assert page.evaluate("(t) => window.quartierSearchWords.tokens(t)", text) == (
        search_words.tokens(text))


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
