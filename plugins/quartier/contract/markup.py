"""Markdown in `description` fields: checked the way it is rendered, rendered then sanitised.

The check uses Python-Markdown itself, so "raw HTML" means exactly what the
renderer would pass through as HTML, and links are judged as rendered. Raw
HTML and links other than https/http/mailto/tel are refused with a message
rather than silently stripped: the editor should know their text changed.
Images are refused too: an image from another server would be a third-party
request on every page view.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

ALLOWED_SCHEMES = frozenset(("https", "http", "mailto", "tel"))
# toc's baselevel makes "# Titel" an <h3>: the page's h1 and h2 come from the template.
_EXTENSIONS = ["sane_lists", "tables", "toc"]
_EXTENSION_CONFIGS = {"toc": {"baselevel": 3}}


# What Markdown produces from the syntax editors may use; anything else is removed.
_TAGS = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
         "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}


def render(text: str, renderer: markdown.Markdown | None = None) -> str:
    """Markdown to HTML, sanitised with nh3 even though the validator refused HTML.

    Defence in depth: the build must never emit a script, an event handler or a
    javascript: link, whatever reached it. Headings start at h3 because the
    page's own h1/h2 structure comes from the template.
    """
    md = renderer or new_renderer()
    md.reset()
    html = md.convert(text)
    return nh3.clean(html, tags=_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes=set(ALLOWED_SCHEMES), link_rel="noopener noreferrer")


@functools.lru_cache(maxsize=8192)
def render_once(text: str) -> str:
    """`render`, remembered by text: a description is shown on its page in every site language
    (untranslated, the same German text) and on list pages, and rendering is not cheap."""
    return render(str(text), _shared_renderer())


@functools.cache
def _shared_renderer() -> markdown.Markdown:
    return new_renderer()


def new_renderer() -> markdown.Markdown:
    """The Markdown configuration shared by the check and the site."""
    return markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS,
                             output_format="html")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"] or "")
        elif tag == "img":
            self.images.append(attributes.get("src") or "")


def _line_of(text: str, needle: str) -> int:
    """0-based line inside `text` where `needle` first appears (0 when not found)."""
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) if index >= 0 else 0


def check_markdown(text: str, renderer: markdown.Markdown | None = None):
    """Problems in one Markdown text as (line offset, rule, message, hint) tuples."""
    if "<" not in text and "[" not in text:
        return []  # no HTML, no link and no image is possible without these characters
    md = renderer or new_renderer()
    md.reset()
    html = md.convert(text)
    problems = []
    html_lines = set()  # one report per line: <b>x</b> is one mistake, not two
    for block in md.htmlStash.rawHtmlBlocks:
        snippet = str(block).strip()
        line = _line_of(text, snippet.splitlines()[0] if snippet else "")
        if snippet.startswith("<") and line not in html_lines:
            html_lines.add(line)
            problems.append((
                line, "markdown-html",
                f"HTML ist in Beschreibungen nicht erlaubt (gefunden „{snippet[:40]}“).",
                "Markdown verwenden: **fett**, *kursiv*, Listen mit „- “, "
                "Links als [Text](https://…). Ein „<“ im Text als &lt; schreiben.",
            ))
    parser = _Links()
    parser.feed(html)
    for href in parser.links:
        scheme = urlsplit(href).scheme.lower()
        if scheme in ALLOWED_SCHEMES:
            continue
        problems.append((
            _line_of(text, href), "link-scheme",
            f"Der Link „{href}“ ist nicht erlaubt: nur https, http, mailto und tel.",
            "Die vollständige Adresse angeben, z. B. [Text](https://www.example.org/seite) "
            "oder [E-Mail](mailto:info@example.org).",
        ))
    for src in parser.images:
        problems.append((
            _line_of(text, "![" if "![" in text else src), "markdown-image",
            "Bilder sind in Beschreibungen nicht erlaubt.",
            "Statt des Bildes einen Link setzen: [Bildbeschreibung](https://…).",
        ))
    return problems
