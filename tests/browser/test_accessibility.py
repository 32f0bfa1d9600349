"""Every page type meets WCAG 2.1 AA as far as axe-core can tell, and works from the keyboard.

axe runs in a real browser (Chromium) because contrast, visibility and focus depend on the
computed style; in light and in dark mode, since the stylesheet has its own dark colours.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import PAGES, open_page, page_id

pytestmark = pytest.mark.browser

AXE = Axe()
# The WCAG 2.0 and 2.1 A and AA rules: what the BITV 2.0 (via EN 301 549) requires of public
# bodies in Germany; axe's best-practice and experimental rules stay out of the gate.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def describe(violations: list[dict]) -> str:
    """What a developer needs to fix each violation: rule, impact, help and the elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}"
                     f" – {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html']}")
            lines.extend(f"      {node['failureSummary']}".splitlines())
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_axe_finds_no_wcag_a_or_aa_violation(context, site_url, path, scheme):
    page = open_page(context, site_url + path, color_scheme=scheme)
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert [v["id"] for v in violations] == [], f"/{path} ({scheme}):\n{describe(violations)}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_tab_reaches_the_skip_link_and_enter_moves_into_main(context, site_url, path):
    """Keyboard users skip the header and navigation: WCAG 2.4.1 and 2.4.7."""
    page = open_page(context, site_url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const element = document.activeElement;
        const box = element.getBoundingClientRect();
        return {tag: element.localName, href: element.getAttribute("href"),
                visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                         && box.right <= innerWidth && box.bottom <= innerHeight};
    }""")
    assert focused == {"tag": "a", "href": "#inhalt", "visible": True}
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.matches('main#inhalt')")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_html_names_the_page_language(context, site_url, path):
    """Screen readers pick their voice by the lang of <html> (WCAG 3.1.1)."""
    page = open_page(context, site_url + path)
    assert page.evaluate("() => document.documentElement.lang").strip()
