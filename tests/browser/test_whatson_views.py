"""The week, the weekly plan and the subscribe help read well on a small phone (360 px).

(axe, the keyboard checks and the HTML validator run on these pages through
browser_support.PAGES.)
"""

from __future__ import annotations

import pytest
from browser_support import open_page

from quartier.model import urls

pytestmark = pytest.mark.browser

READING = """() => {
    const main = document.querySelector("main");
    const items = [...main.querySelectorAll("h2, li, p")].filter(e => e.textContent.trim());
    const outside = items.filter(e => {
        const box = e.getBoundingClientRect();
        return box.left < 0 || box.right > innerWidth + 0.5;
    }).map(e => e.textContent.trim().slice(0, 40));
    const sizes = items.map(e => parseFloat(getComputedStyle(e).fontSize));
    return {overflow: document.documentElement.scrollWidth - innerWidth, outside,
            smallest: Math.min(...sizes), headings: main.querySelectorAll("h2").length,
            dates: main.querySelectorAll("ul.dates > li").length};
}"""


@pytest.mark.parametrize("path", [urls.events_week(), "ar/" + urls.events_week(),
                                  urls.weekly_plan_for_audience("kinder"),
                                  "ar/" + urls.weekly_plan(), urls.subscribe()])
def test_readable_at_360_px_without_sideways_scrolling(context, site_url, path):
    page = open_page(context, site_url + path)
    page.set_viewport_size({"width": 360, "height": 780})
    layout = page.evaluate(READING)
    assert layout["overflow"] <= 0, layout
    assert layout["outside"] == [], layout
    assert layout["smallest"] >= 12, layout  # the <small> detail lines; body text is 16 px+
    if path.endswith("woche/"):
        assert layout["headings"] == 7 and layout["dates"] >= 3, layout  # one per day
    if "wochenplan" in path:
        assert layout["headings"] >= 7 and layout["dates"] >= 10, layout
