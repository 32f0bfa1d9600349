"""Site languages, records in another language and the URLs of the language sub-sites."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass

import pytest
from jinja2 import Environment
from markupsafe import escape

from quartier.contract.validate import validate
from quartier.model import recurrence, urls
from quartier.model.languages import LanguageError, site_languages
from quartier.model.localize import Text, localized, localized_site
from quartier.model.site import Site, build_site
from support import PROJECT, TODAY


@pytest.fixture(scope="module")
def dataset():
    return validate(PROJECT / "data", today=TODAY).dataset


def test_languages_come_with_their_own_names_and_direction():
    languages = site_languages(["en", "de", "ar", "en", "fa"], "de")
    assert [(lang.code, lang.prefix, lang.direction) for lang in languages] == [
        ("de", "", "ltr"), ("en", "en/", "ltr"), ("ar", "ar/", "rtl"), ("fa", "fa/", "rtl")]
    assert [lang.name for lang in languages] == ["Deutsch", "English", "العربية", "فارسی"]


@pytest.mark.parametrize("code", ["xx", "en_GB", "english", 7])
def test_an_unknown_language_is_a_german_error(code):
    with pytest.raises(LanguageError, match=r"QUARTIER_LANGUAGES: „.*“ ist"):
        site_languages(["de", code], "de")


def test_text_in_another_language_renders_with_lang_and_escapes():
    env = Environment(autoescape=True)
    name = Text("Café <b>&</b>", "de")
    summary = Text("Ein Satz.", "de", note="(in German)")
    assert env.from_string("{{ n }}").render(n=name) == (
        '<span lang="de" dir="auto">Café &lt;b&gt;&amp;&lt;/b&gt;</span>')
    assert env.from_string("{{ s }}").render(s=summary) == (
        '<span lang="de" dir="auto">Ein Satz.</span>'
        ' <small class="lang-note">(in German)</small>')
    assert str(name) == "Café <b>&</b>" and name == "Café <b>&</b>"
    assert type(str(name)) is str  # the `plain` filter, for attributes
    assert summary.wrap(escape("<p>x</p>")) == (
        '<div lang="de" dir="auto">&lt;p&gt;x&lt;/p&gt;</div>'
        ' <small class="lang-note">(in German)</small>')


def test_localized_records_take_translations_and_mark_the_rest(dataset):
    english = localized(dataset, "en", source_lang="de", note="(in German)")
    offer = english.offers["jmd-beratung"]
    assert offer.title == "Counselling for young migrants" and type(offer.title) is str
    assert type(offer.summary) is str
    assert english.categories["beratung"].name == "Counselling"
    ukrainian = localized(dataset, "uk", source_lang="de", note="(німецькою)")
    untranslated = ukrainian.offers["lastenrad-ausleihe"]
    assert isinstance(untranslated.title, Text) and untranslated.title.note == ""
    assert untranslated.title == dataset.offers["lastenrad-ausleihe"].title
    assert isinstance(untranslated.summary, Text) and untranslated.summary.note == "(німецькою)"
    notes = [slot.note for slot in untranslated.hours if slot.note]
    assert notes and all(isinstance(n, Text) and n.lang == "de" for n in notes)
    # Ids, codes and URLs stay as they are.
    assert untranslated.id == "lastenrad-ausleihe" and type(untranslated.id) is str
    assert untranslated.categories == dataset.offers["lastenrad-ausleihe"].categories
    assert localized(dataset, "de", source_lang="de", note="") is dataset


def test_changes_of_a_series_keep_their_note_marked(dataset):
    event = next(e for e in dataset.events.values() if any(c.note for c in e.changes))
    shown = localized(dataset, "ar", source_lang="de", note="").events[event.id]
    assert all(isinstance(c.note, Text) for c in shown.changes if c.note)
    assert shown.start == event.start and shown.repeat == event.repeat


def _exact(value):
    """`value` compared as a page would show it: a `Text` with its language and note (a
    `Text` equals its plain string, so `==` alone would not see a missing mark)."""
    if isinstance(value, Text):
        return ("Text", str(value), value.lang, value.note)
    if is_dataclass(value):
        return (type(value).__name__,
                tuple((f.name, _exact(getattr(value, f.name))) for f in fields(value)))
    if isinstance(value, Mapping):
        return ("mapping", tuple((k, _exact(v)) for k, v in value.items()))
    if isinstance(value, tuple | list):
        return tuple(_exact(v) for v in value)
    return value


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_localized_view_equals_a_site_built_from_localized_records(dataset, lang):
    site = build_site(dataset, TODAY)
    view = localized_site(site, lang, source_lang="de", note="(in German)")
    built = build_site(localized(dataset, lang, source_lang="de", note="(in German)"), TODAY)
    for f in fields(Site):  # each field on its own, so a failure names it
        assert _exact(getattr(view, f.name)) == _exact(getattr(built, f.name)), f.name
    # The demo has what the view must mark: a change's note carried into its occurrence.
    assert any(isinstance(o.note, Text) for o in view.upcoming + view.past)


def test_the_localized_view_expands_no_series_and_shares_the_indexes(dataset, monkeypatch):
    site = build_site(dataset, TODAY)

    def expand_again(*args, **kwargs):
        raise AssertionError("series expanded again for a language")

    monkeypatch.setattr(recurrence, "occurrences", expand_again)
    view = localized_site(site, "uk", source_lang="de", note="(німецькою)")
    assert view.offers_by_actor is site.offers_by_actor
    assert view.events_by_district is site.events_by_district
    assert view.holidays is site.holidays
    assert len(view.upcoming) == len(site.upcoming)
    assert localized_site(site, "de", source_lang="de", note="") is site


def test_language_urls_prefix_pages_but_not_files():
    english = urls.InLanguage("en/")
    assert english.offer("x") == "en/angebote/x/"
    assert english.home() == "en/"
    assert english.numbered(urls.offers(), 2) == "en/angebote/seite/2/"
    assert english.feed("ics") == "feeds/termine.ics"
    assert english.event_calendar("x") == "termine/x.ics"
    assert english.easy_language() == "leichte-sprache/"  # German only
    assert english.KIND_SLUGS is urls.KIND_SLUGS
    with pytest.raises(AttributeError):
        english.no_such_url  # noqa: B018
