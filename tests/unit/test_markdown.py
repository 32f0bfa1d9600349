"""Markdown in descriptions: raw HTML, unsafe links and images are refused, at their line."""

from __future__ import annotations

import pytest

OFFER = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\ndescription: |\n"


@pytest.mark.parametrize(("body", "line", "rule", "message"), [
    ("  Hallo\n\n  <script>alert(1)</script>\n", 8, "markdown-html",
     "HTML ist in Beschreibungen nicht erlaubt (gefunden „<script>alert(1)</script>“)."),
    ("  Text mit <b>fett</b>\n", 6, "markdown-html",
     "HTML ist in Beschreibungen nicht erlaubt (gefunden „<b>“)."),
    ("  Zeile\n  [klick](javascript:alert(1))\n", 7, "link-scheme",
     "Der Link „javascript:alert(1)“ ist nicht erlaubt: nur https, http, mailto und tel."),
    ("  [Seite](/angebote/)\n", 6, "link-scheme",
     "Der Link „/angebote/“ ist nicht erlaubt: nur https, http, mailto und tel."),
    ("  ![Foto](https://example.org/a.png)\n", 6, "markdown-image",
     "Bilder sind in Beschreibungen nicht erlaubt."),
])
def test_refused_markdown(data, body, line, rule, message):
    problems = data.problems("offers/o.yaml", OFFER + body)
    assert [(p.line, p.field, p.rule, p.message) for p in problems] == [
        (line, "description", rule, message)]


def test_refused_markdown_in_a_translation(data):
    text = OFFER + "  Gut.\ntranslations:\n  en: {description: \"<i>x</i>\"}\n"
    [p] = data.problems("offers/o.yaml", text)
    assert (p.line, p.field, p.rule) == (8, "translations.en.description", "markdown-html")


def test_allowed_markdown(data):
    body = ("  **Fett**, *kursiv*, a < b & c > d\n\n  - [Web](https://example.org)\n"
            "  - [Mail](mailto:qm@example.org), [Tel](tel:+49341123456)\n"
            "  - <https://example.org/autolink>\n")
    assert data.problems("offers/o.yaml", OFFER + body) == []
