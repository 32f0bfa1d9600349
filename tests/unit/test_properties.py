"""Property-based tests (hypothesis) for what stands between data and output."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import escape

from quartier.contract.ids import is_valid_id, make_id
from quartier.contract.loader import load_bytes
from quartier.contract.markup import ALLOWED_SCHEMES, render
from quartier.model import urls
from support import tags

# Text made of the characters that matter for markup, plus anything else a YAML file can
# hold (libyaml refuses lone surrogates, so no data value contains one).
MARKUP_TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'`=/:;()[]!*_#\\ \nabcjsx")) |
                      st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(MARKUP_TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_rendered_markdown_has_no_script_handler_or_bad_link(text):
    for tag, attrs in tags(render(text)):
        assert tag not in ("script", "style", "iframe", "img", "object"), text
        assert not [a for a in attrs if a.startswith("on")], text
        if tag == "a" and attrs.get("href"):
            assert urlsplit(attrs["href"]).scheme.lower() in {"", *ALLOWED_SCHEMES}, text


@given(MARKUP_TEXT)
def test_escaped_text_never_opens_a_tag(text):
    assert tags(str(escape(text))) == []


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=3) |
                    st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=10))
def test_tojson_in_a_script_block_cannot_end_it(value):
    template = Environment(autoescape=True).from_string(
        '<script type="application/ld+json">{{ value|tojson }}</script>')
    html = template.render(value=value)
    body = html[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body and json.loads(body) == value


@given(st.text(max_size=80))
def test_made_ids_are_valid_and_urls_stay_inside_the_site(title):
    record_id = make_id(title)
    if record_id:
        assert is_valid_id(record_id)
        for url in (urls.offer(record_id), urls.actor(record_id), urls.event(record_id),
                    urls.district(record_id), urls.feed("ics", "akteur", record_id)):
            assert ".." not in url.split("/") and not url.startswith("/")


@given(st.binary(max_size=400))
@settings(max_examples=300)
def test_the_loader_never_raises_on_any_bytes(data):
    root, problems = load_bytes(data, "x.yaml")
    assert (root is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
