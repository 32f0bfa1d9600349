"""Markdown in `description` fields: checked the way it is rendered, rendered then sanitised.

The check uses Python-Markdown itself, so "raw HTML" means exactly what the
renderer would pass through as HTML, and links are judged as rendered. Raw
HTML and links other than https/http/mailto/tel are refused with a message
rather than silently stripped: the editor should know their text changed.
Images are refused too: an image from another server would be a third-party
request on every page view.

Python-Markdown takes quadratic time on some inputs: each `[` is matched by
scanning ahead to its `]` (a run of 20,000 `[` took 67 s), each `(` after a
link text to its `)`, the HTML pre-parser scans from each `<` to the next `>`,
and the table of contents numbers equal headings one by one. So before
rendering, `_complexity` measures in one linear pass how much scanning the text
would cause, and a text over the budget is refused with a German message: no
real description comes near it (each budget is two orders of magnitude above
what the demo data needs), and any text within it renders in well under a
second (see bench/hostile_bench.py).
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

from .problems import quote

ALLOWED_SCHEMES = frozenset(("https", "http", "mailto", "tel"))
#: Longest description (the schema's `maxLength` of a Markdown text, a test keeps them equal).
MAX_LENGTH = 20_000
#: Characters scanned from `[` to `]` (and from a link's `(` to `)`), summed over a text.
BRACKET_BUDGET = 200_000
#: Characters scanned from `<` to the next `>`, summed over a text.
TAG_BUDGET = 400_000
#: Headings and rules: each equal heading is numbered by comparing it with all before.
MAX_HEADINGS = 100
#: List markers and quote signs at the start of one line: each opens a level, parsed recursively.
MAX_NESTING = 20
#: Problems reported per description; the rest are the same mistake again.
MAX_PROBLEMS = 10
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
    if _complexity(text):  # refused by the validator; never let it stall a build
        return _paragraphs(text)
    md = renderer or new_renderer()
    md.reset()
    try:
        out = md.convert(text)
    except RecursionError:  # nested deeper than `_complexity` foresaw
        return _paragraphs(text)
    return nh3.clean(out, tags=_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes=set(ALLOWED_SCHEMES), link_rel="noopener noreferrer")


def _paragraphs(text: str) -> str:
    """The text as escaped paragraphs, without any Markdown."""
    return "".join(f"<p>{html.escape(part)}</p>" for part in _CHUNKS.split(text) if part)


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


_CHUNKS = re.compile(r"\n[ \t]*+\n")
_HEADING_LINE = re.compile(r"(?m)^[ ]{0,3}+(?:#|[-=*_][-=*_ \t]*+$)")
_NESTED_MARKERS = re.compile(r"(?m)^[ \t]*+(?:(?:[-*+]|[0-9]{1,9}+[.)])[ \t]++|>[ \t]*+)++")
_MARKER = re.compile(r"[-*+>]|[0-9]++[.)]")


_BRACKETS = re.compile(r"\\.|[\[\]()]", re.DOTALL)


def _bracket_work(chunk: str) -> tuple[int, int]:
    """(characters Python-Markdown scans for links in one paragraph, index of the first `[`
    that costs): from each `[` to its `]`, from a link's `(` to its `)`, or to the end."""
    work, first, end = 0, -1, len(chunk)
    squares: list[int] = []
    rounds: list[int] = []
    for match in _BRACKETS.finditer(chunk):
        i, char = match.start(), match.group()
        if char == "[":
            squares.append(i)
        elif char == "]" and squares:
            work += i - squares.pop()
        elif char == "(" and (rounds or (i > 0 and chunk[i - 1] == "]")):
            rounds.append(i)
        elif char == ")" and rounds:
            work += i - rounds.pop()
        # else: an escaped character (no bracket), or a bracket that closes nothing
    for start in squares + rounds:
        work += end - start
        first = start if first < 0 else min(first, start)
    return work, first


_OPENING = re.compile(r"<[A-Za-z/!?]|>")


def _tag_work(text: str) -> int:
    """Characters the HTML pre-parser scans: from each `<` that may open a tag to the next `>`."""
    work, opened = 0, []
    for match in _OPENING.finditer(text):
        if match.group() == ">":
            work += sum(match.start() - i for i in opened)
            opened.clear()
        else:
            opened.append(match.start())
    return work + sum(len(text) - i for i in opened)


def _complexity(text: str) -> tuple[int, str, str] | None:
    """(line offset, message, hint) if rendering `text` would take too long, else None."""
    if len(text) > MAX_LENGTH:
        return 0, f"Die Beschreibung ist länger als {MAX_LENGTH} Zeichen.", "Kürzen."
    headings = sum(1 for _ in _HEADING_LINE.finditer(text))
    if headings > MAX_HEADINGS:
        return (0, f"Die Beschreibung hat {headings} Überschriften oder Trennlinien, erlaubt "
                f"sind höchstens {MAX_HEADINGS}.",
                "Überschriften („# …“) und Trennlinien („---“) sparsam verwenden; eine Liste "
                "schreibt man mit „- “ am Zeilenanfang.")
    for match in _NESTED_MARKERS.finditer(text):
        if len(_MARKER.findall(match.group())) > MAX_NESTING:
            return (text.count("\n", 0, match.start()),
                    f"Die Beschreibung ist mehr als {MAX_NESTING} Ebenen tief verschachtelt "
                    "(Listen oder Zitate in Listen).",
                    "Listen höchstens ein paar Ebenen tief einrücken; ein „-“ oder „1.“ mitten "
                    "im Text steht besser nicht am Zeilenanfang.")
    if "[" not in text and "<" not in text:
        return None  # no link and no tag: nothing left that scans ahead
    work, offset, first = 0, 0, -1
    for match in re.finditer(r"(?s).+?(?:\n[ \t]*+\n|\Z)", text):
        chunk_work, chunk_first = _bracket_work(match.group())
        work += chunk_work
        if chunk_first >= 0 and first < 0:
            first = offset + chunk_first
        offset = match.end()
    if work > BRACKET_BUDGET:
        return (text.count("\n", 0, max(first, 0)),
                "Die Beschreibung enthält zu viele eckige Klammern „[“ ohne passende „]“ (oder "
                "„(“ ohne „)“ nach einem Link) – so lässt sie sich nicht in vertretbarer Zeit "
                "lesen.",
                "Eckige Klammern nur für Links verwenden: [Text](https://…); eine einzelne "
                "Klammer als \\[ schreiben.")
    if _tag_work(text) > TAG_BUDGET:
        return (text.count("\n", 0, max(text.find("<"), 0)),
                "Die Beschreibung enthält zu viele „<“ ohne „>“ – so lässt sie sich nicht in "
                "vertretbarer Zeit lesen.", "Ein „<“ im Text als &lt; schreiben.")
    return None


def check_markdown(text: str, renderer: markdown.Markdown | None = None):
    """Problems in one Markdown text as (line offset, rule, message, hint) tuples."""
    complexity = _complexity(text)
    if complexity:
        line, message, hint = complexity
        return [(line, "markdown-too-complex", message, hint)]
    if "<" not in text and "[" not in text:
        return []  # no HTML, no link and no image is possible without these characters
    md = renderer or new_renderer()
    md.reset()
    try:
        out = md.convert(text)
    except RecursionError:
        return [(0, "markdown-too-complex", "Die Beschreibung ist zu tief verschachtelt.",
                 "Listen und Zitate höchstens ein paar Ebenen tief verschachteln.")]
    problems = []
    html_lines = set()  # one report per line: <b>x</b> is one mistake, not two
    for block in md.htmlStash.rawHtmlBlocks:
        snippet = str(block).strip()
        line = _line_of(text, snippet.splitlines()[0] if snippet else "")
        if snippet.startswith("<") and line not in html_lines:
            html_lines.add(line)
            problems.append((
                line, "markdown-html",
                f"HTML ist in Beschreibungen nicht erlaubt (gefunden {quote(snippet, 40)}).",
                "Markdown verwenden: **fett**, *kursiv*, Listen mit „- “, "
                "Links als [Text](https://…). Ein „<“ im Text als &lt; schreiben.",
            ))
    parser = _Links()
    parser.feed(out)
    for href in parser.links:
        scheme = urlsplit(href).scheme.lower()
        if scheme in ALLOWED_SCHEMES:
            continue
        problems.append((
            _line_of(text, href), "link-scheme",
            f"Der Link {quote(href)} ist nicht erlaubt: nur https, http, mailto und tel.",
            "Die vollständige Adresse angeben, z. B. [Text](https://www.example.org/seite) "
            "oder [E-Mail](mailto:info@example.org).",
        ))
    for src in parser.images:
        problems.append((
            _line_of(text, "![" if "![" in text else src), "markdown-image",
            "Bilder sind in Beschreibungen nicht erlaubt.",
            "Statt des Bildes einen Link setzen: [Bildbeschreibung](https://…).",
        ))
    return problems[:MAX_PROBLEMS]
