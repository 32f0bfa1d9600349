"""Hostile text in data is shown as text everywhere: HTML, JSON-LD, sitemap."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import build, copy_project

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    (root / "data" / "actors" / "boese.yaml").write_text(f"""\
name: '{SCRIPT} & Co'
kind: association
summary: 'Ein Verein <img src=x onerror=alert(1)> mit "Anführungszeichen"'
contact: {{website: "https://example.org/?a=1&b=<2>"}}
""", encoding="utf-8")
    (root / "data" / "offers" / "boese-beratung.yaml").write_text(f"""\
title: '{SCRIPT}'
actor: boese
summary: "</script><script>alert(2)</script>"
categories: [beratung]
description: |
  Ein Absatz mit [Link](https://example.org/"onmouseover="alert(3)) und &lt;b&gt;.
""", encoding="utf-8")
    return build(root)


class Tags(HTMLParser):
    """Every tag and attribute a browser would create from the page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_is_escaped_everywhere(hostile_site):
    for file in hostile_site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        tags = Tags(text).tags
        scripts = [a for t, a in tags if t == "script"]
        assert all(a.get("type") == "application/ld+json" for a in scripts), file
        assert not [t for t, _ in tags if t in ("img", "iframe", "object")], file
        handlers = [(t, k) for t, a in tags for k in a if k.startswith("on")]
        assert handlers == [], file
        assert "<script>alert" not in text, file
    for file in (hostile_site / "sitemap.xml", hostile_site / "robots.txt"):
        assert "<script" not in file.read_text(encoding="utf-8")
    actor = (hostile_site / "akteure" / "boese" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in actor
    assert "\\u003cscript\\u003e" in actor  # inside JSON-LD, through tojson
    offer = (hostile_site / "angebote" / "boese-beratung" / "index.html").read_text(
        encoding="utf-8")
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(2)" in offer
