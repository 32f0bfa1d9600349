"""The header on a phone (360 × 740): the page's heading in sight, one language control.

A newly arrived resident on a phone should see what the page is about without scrolling past
the site's menus; the language choice is one control that works without JavaScript and from
the keyboard, leading to every language in its own name and script.
"""

from __future__ import annotations

import pytest
from browser_support import open_page

from quartier.model import urls

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# The home page, a detail page with a long title and its trail, and a list page.
PATHS = ["", urls.offer("qm-sprechzeiten"), urls.offers(), urls.events(), urls.actor("ak-ost")]


@pytest.mark.parametrize("prefix", ["", "ar/"], ids=["de", "ar"])
@pytest.mark.parametrize("path", PATHS)
def test_the_heading_starts_within_the_first_200_pixels_on_a_phone(browser, site_url, prefix,
                                                                   path):
    context = browser.new_context(viewport=PHONE)
    try:
        page = open_page(context, site_url + prefix + path)
        top = page.evaluate("() => document.querySelector('main h1').getBoundingClientRect().top")
        assert top < 200, f"/{prefix}{path}: the heading starts at {top:.0f} px"
        # … and the header does not buy that room with a page that scrolls sideways
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "en/", "ar/", "ru/", "tr/", "uk/"])
def test_the_demo_note_is_one_line_and_shown_whole(browser, site_url, prefix):
    context = browser.new_context(viewport={"width": 320, "height": 740})
    try:
        page = open_page(context, site_url + prefix)
        note = page.evaluate("""() => {
            const p = document.querySelector("header .demo");
            const range = document.createRange();
            range.selectNodeContents(p);
            return {lines: new Set([...range.getClientRects()].map(r => Math.round(r.top))).size,
                    cut: p.scrollWidth > p.clientWidth};
        }""")
        assert note == {"lines": 1, "cut": False}, f"/{prefix}: {note}"
    finally:
        context.close()


def language_links(page):
    return page.get_by_role("navigation", name="Sprache wählen").get_by_role("link")


def test_the_language_choice_is_one_control_that_needs_no_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = open_page(context, site_url + urls.offer("qm-sprechzeiten"))
        choice = page.get_by_role("navigation", name="Sprache wählen")
        assert choice.locator("summary").inner_text().strip() == "Deutsch"
        assert language_links(page).count() == 0  # closed: no row of seven links
        choice.locator("summary").click()
        names = language_links(page).all_inner_texts()
        assert names == ["Deutsch", "English", "العربية", "Українська", "Русский", "Türkçe",
                         "Leichte Sprache"]
        language_links(page).filter(has_text="العربية").click()
        assert page.url == site_url + "ar/" + urls.offer("qm-sprechzeiten")
        summary = page.locator("nav.languages summary")
        assert summary.inner_text().strip() == "العربية"
        assert summary.locator("[lang]").get_attribute("lang") == "ar"
    finally:
        context.close()


def test_the_language_choice_works_from_the_keyboard(context, site_url):
    page = open_page(context, site_url + urls.offers())
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site name
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.localName") == "summary"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('nav.languages details').open")
    page.keyboard.press("Tab")  # Deutsch
    page.keyboard.press("Tab")  # English
    assert page.evaluate("() => document.activeElement.textContent") == "English"
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "en/" + urls.offers())
