"""`remember`: a repeated fragment is rendered once per call site, address base and values."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from quartier_theme import _remember

TEMPLATES = {
    "page.html": (
        "{% macro item(site, o) %}{% call remember(site, o) %}"
        "[{{ SITEURL }}|{{ site['name'] }}|{{ o }}|{{ count() }}]{% endcall %}{% endmacro %}"
        "{{ item(site, 1) }}{{ item(site, 1) }}{{ item(site, 2) }}"
        "{% call remember(1) %}<{{ count() }}>{% endcall %}"),
}


def render(env, **context) -> str:
    return env.get_template("page.html").render(**context)


def test_each_fragment_is_rendered_once_for_the_same_values():
    calls = []
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals.update(remember=_remember({}), count=lambda: calls.append(1) or len(calls))
    site = {"name": "A"}  # unhashable, like the site model: counts by identity
    assert render(env, SITEURL="", site=site) == "[|A|1|1][|A|1|1][|A|2|2]<3>"
    # Another page with the same address base and values: nothing rendered again.
    assert render(env, SITEURL="", site=site) == "[|A|1|1][|A|1|1][|A|2|2]<3>"
    assert len(calls) == 3


def test_another_address_base_or_site_renders_anew():
    calls = []
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals.update(remember=_remember({}), count=lambda: calls.append(1) or len(calls))
    site = {"name": "A"}
    render(env, SITEURL="", site=site)
    assert render(env, SITEURL="../..", site=site).startswith("[../..|A|1|4]")
    assert render(env, SITEURL="", site={"name": "B"}).startswith("[|B|1|")
