"""The language sub-sites in Chromium: Arabic mirrored right to left, search per language.

(axe, privacy and the HTML validator run on the English and Arabic pages through
browser_support.PAGES like on the German ones.)
"""

from __future__ import annotations

import pytest
from browser_support import open_page
from test_search import search, titles

from quartier.model import urls

pytestmark = pytest.mark.browser

LAYOUT = """() => {
    const main = document.querySelector("main").getBoundingClientRect();
    const h1 = document.querySelector("h1");
    const range = document.createRange();
    range.selectNodeContents(h1);
    const text = range.getBoundingClientRect();
    const brand = document.querySelector(".brand").getBoundingClientRect();
    return {direction: getComputedStyle(document.body).direction,
            textLeft: text.left - main.left, textRight: main.right - text.right,
            brandLeft: brand.left - main.left, brandRight: main.right - brand.right,
            overflow: document.documentElement.scrollWidth - innerWidth};
}"""


@pytest.mark.parametrize("width", [320, 1024])
@pytest.mark.parametrize("path", ["", urls.offer("qm-sprechzeiten"), urls.event("ak-ost"),
                                  urls.actors()])
def test_arabic_pages_are_mirrored(context, site_url, path, width):
    """Headings and the site name start at the right edge; nothing scrolls sideways."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "ar/" + path)
    arabic = page.evaluate(LAYOUT)
    assert arabic["direction"] == "rtl"
    assert arabic["textRight"] < 2 and arabic["textLeft"] > 0, arabic
    assert arabic["brandRight"] < 20 < arabic["brandLeft"], arabic
    assert arabic["overflow"] <= 0, arabic
    page.goto(site_url + "en/" + path)
    english = page.evaluate(LAYOUT)
    assert english["direction"] == "ltr"
    assert english["textLeft"] < 2 and english["brandLeft"] < 20 < english["brandRight"], english
    assert english["overflow"] <= 0, english


def test_the_switcher_keeps_the_page(context, site_url):
    page = open_page(context, site_url + "en/" + urls.offer("jmd-beratung"))
    choice = page.get_by_role("navigation", name="Choose language")
    choice.locator("summary").click()
    choice.get_by_role("link", name="العربية").click()
    assert page.url == site_url + "ar/" + urls.offer("jmd-beratung")
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"]


def test_english_search_finds_english_texts_and_links_to_english_pages(context, site_url):
    page = search(context, site_url + "en/", "counselling")
    assert "Counselling for young migrants" in titles(page)
    hrefs = page.locator("#search-results li > a").evaluate_all("a => a.map(e => e.href)")
    assert site_url + "en/" + urls.offer("jmd-beratung") in hrefs
    assert all(h.startswith(site_url + "en/") for h in hrefs)


def test_arabic_search_finds_arabic_summaries(context, site_url):
    # data/offers/jmd-beratung.yaml: "مرافقة فردية للشباب …" – typed without the article.
    page = search(context, site_url + "ar/", "مرافقة")
    hrefs = page.locator("#search-results li > a").evaluate_all("a => a.map(e => e.href)")
    assert site_url + "ar/" + urls.offer("jmd-beratung") in hrefs


# The characters of the first occurrence of `needle` in the text of <main> (over element
# boundaries: a bracket and the note it encloses may lie in different elements), in the order
# the reader sees them: lines from top to bottom, each from left to right (the centre of each
# character's box, Range.getClientRects). A value isolated as left-to-right reads as written;
# one left to the paragraph's right-to-left order comes out reordered („101 0000 0341“).
VISUAL_ORDER = """(needle) => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = "";
    while (walker.nextNode()) {
        nodes.push([walker.currentNode, text.length]);
        text += walker.currentNode.data;
    }
    const start = text.indexOf(needle);
    if (start < 0) return null;
    const chars = [];
    for (let k = start; k < start + needle.length; k++) {
        const [node, offset] = nodes.findLast(([, begin]) => begin <= k);
        const range = document.createRange();
        range.setStart(node, k - offset);
        range.setEnd(node, k - offset + 1);
        const box = range.getClientRects()[0];
        if (box && box.width > 0) chars.push({ch: text[k], x: box.left + box.width / 2,
                                              y: Math.round(box.top + box.height / 2)});
    }
    chars.sort((a, b) => Math.abs(a.y - b.y) > 4 ? a.y - b.y : a.x - b.x);
    return {visual: chars.map(c => c.ch).join(""), lines: new Set(chars.map(c => c.y)).size,
            x: chars.length ? chars[0].x : null};
}"""

# Values that are left-to-right by nature, on Arabic pages of the demo (data/…).
LTR_VALUES = {
    urls.offer("qm-sprechzeiten"): [
        "0341 0000 101", "qm-leipziger-osten@example.org", "https://leipziger-osten.example.org/",
        "04315 Leipzig", "Eisenbahnstraße 49", "10:00", "12:00",
        "(vor allem für Vereine und Initiativen)"],  # a German note in brackets
    urls.actor("quartiersmanagement-leipziger-osten"): [
        "0341 0000 101", "qm-leipziger-osten@example.org", "https://leipziger-osten.example.org/",
        "04315 Leipzig"],
    urls.offer("online-sprechstunde-verfuegungsfonds"): [
        "https://meet.example.org/verfuegungsfonds-leo"],
    urls.event("ak-ost"): ["(.ics)", "18:00", "20:00"],
    urls.events(): ["(.ics)"],
}


@pytest.mark.parametrize("width", [360, 1024])
@pytest.mark.parametrize("path", LTR_VALUES)
def test_left_to_right_values_read_as_written_on_arabic_pages(context, site_url, path, width):
    """Phone numbers, addresses, URLs, times and „(.ics)“ keep their order in right-to-left text.

    Judged on the rendered characters, not on the markup: the test fails whenever the
    browser's bidirectional algorithm reorders a value, whatever the HTML says.
    """
    page = open_page(context, site_url + "ar/" + path)
    page.set_viewport_size({"width": width, "height": 740})
    wrong = []
    for value in LTR_VALUES[path]:
        shown = page.evaluate(VISUAL_ORDER, value)
        assert shown is not None, f"/ar/{path}: „{value}“ is not on the page"
        if shown["visual"].replace(" ", "") != value.replace(" ", ""):
            wrong.append(f"„{value}“ reads „{shown['visual']}“ from left to right")
        elif len(value) <= 15 and shown["lines"] != 1:  # short values stay whole
            wrong.append(f"„{value}“ is split over {shown['lines']} lines")
    assert not wrong, f"/ar/{path}: " + "; ".join(wrong)


def test_a_time_range_reads_from_right_to_left_in_arabic(context, site_url):
    """Within the Arabic sentence „من الساعة 10:00 إلى 12:00“ the start stands right of the end."""
    page = open_page(context, site_url + "ar/" + urls.offer("qm-sprechzeiten"))
    start, end = (page.evaluate(VISUAL_ORDER, value)["x"] for value in ("10:00", "12:00"))
    assert start > end
