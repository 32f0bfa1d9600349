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
    page.get_by_role("navigation", name="Choose language").get_by_role(
        "link", name="العربية").click()
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
