"""Records in another language: their `translations`, and German marked where there is none.

A page of the English site shows an offer's English title and summary when the data has them.
Where it does not, it shows the German text – but never silently: the text becomes a `Text`,
a string that remembers its language, and renders itself in HTML as
`<span lang="de" dir="auto">…</span>` (screen readers switch voice, browsers hyphenate
correctly, bidirectional text stays in order) followed, for running text, by a note such as
"(in German)" in the page's language. Because `Text` is a
`str`, everything else (sorting, JSON-LD, search, comparisons) treats it as the plain text.

Translatable are the top-level text fields a record has (`name`, `title`, `summary`,
`description`, `cost`, `funding`); free text nested in blocks (notes, roles, minutes' titles,
district facts) has no translation in the contract and is marked as German.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from functools import cache
from types import MappingProxyType

from markupsafe import Markup, escape

from quartier.contract.records import (
    Accessibility,
    Address,
    Change,
    DataSet,
    Fact,
    HoursSlot,
    Minutes,
    Moderation,
    Occurrence,
    Person,
    Registration,
)

from .languages import mark
from .site import Site

#: After untranslated running text, in the page's language (the site's texts are German).
NOTE = mark("(auf Deutsch)")
#: Fields the contract's `translations` blocks may translate.
TRANSLATABLE = ("name", "title", "summary", "description", "cost", "funding")
#: Running text, which gets the "(in German)" note when untranslated; names only get `lang`.
RUNNING_TEXT = frozenset({"summary", "description"})
#: Free German text inside blocks; never translated, always marked.
NESTED_TEXT = {Address: ("note",), HoursSlot: ("note",), Accessibility: ("note",),
               Registration: ("note",), Person: ("role",), Moderation: ("role",),
               Minutes: ("title",), Fact: ("label", "value"), Change: ("note",),
               Occurrence: ("note",)}  # a change's note, carried into its occurrence


class Text(str):
    """A text in another language than the page's: as HTML, wrapped in an element with `lang`."""

    def __new__(cls, value: str, lang: str, note: str = "") -> Text:
        text = super().__new__(cls, value)
        text.lang, text.note = lang, note
        return text

    def __html__(self) -> str:
        return self.wrap(escape(str(self)), "span")

    def wrap(self, html: str, tag: str = "div") -> Markup:
        """`html` (already safe) inside `<tag lang>`, with the note after it when there is one."""
        note = f' <small class="lang-note">{escape(self.note)}</small>' if self.note else ""
        # dir="auto" isolates the text's direction: German inside an Arabic sentence keeps
        # its brackets and word order.
        return Markup(f'<{tag} lang="{escape(self.lang)}" dir="auto">{html}</{tag}>{note}')


def localized(data: DataSet, lang: str, *, source_lang: str, note: str) -> DataSet:
    """The data set as the `lang` pages show it; `note` is "(auf Deutsch)" in `lang`."""
    if lang == source_lang:
        return data
    # Read-only like the data set it comes from (see quartier.contract.records); the
    # synonyms are German words and the school holidays only days: both stay as they are.
    return replace(data, **{f.name: MappingProxyType(
        {k: _record(v, lang, source_lang, note) for k, v in getattr(data, f.name).items()})
        for f in fields(data) if f.name not in ("synonyms", "school_holidays")})


def localized_site(site: Site, lang: str, *, source_lang: str, note: str) -> Site:
    """The site model as the `lang` pages show it: a view over `site`, not a new model.

    What the site shows, its occurrences, relations and indexes do not depend on the
    language, so they are taken over as they are (a site of thousands of dates expands its
    series once per build, not once per language); only the records and the occurrences'
    free text (a change's note, an address's note) are replaced by their `lang` versions.
    Equal, field by field and with every `Text` in its language, to building the site anew
    from `localized(site.data, …)` (tests/unit/test_localize.py checks every field).
    """
    if lang == source_lang:
        return site
    data = localized(site.data, lang, source_lang=source_lang, note=note)

    def records(shown: Mapping, source: Mapping, local: Mapping) -> Mapping:
        # The site's records are the data set's, unless the model derived its own.
        return MappingProxyType({i: local[i] if r is source.get(i) else
                                 _record(r, lang, source_lang, note) for i, r in shown.items()})

    occurrences = {id(o): _nested(o, source_lang) for o in (*site.upcoming, *site.past)}

    def local_occurrences(found: tuple[Occurrence, ...]) -> tuple[Occurrence, ...]:
        return tuple(occurrences[id(o)] for o in found)

    return replace(
        site, data=data,
        actors=records(site.actors, site.data.actors, data.actors),
        offers=records(site.offers, site.data.offers, data.offers),
        events=records(site.events, site.data.events, data.events),
        upcoming=local_occurrences(site.upcoming), past=local_occurrences(site.past),
        upcoming_by_event=MappingProxyType({i: local_occurrences(found) for i, found
                                            in site.upcoming_by_event.items()}))


def _record(item, lang: str, source_lang: str, note: str):
    """One record in `lang`: its translations, German text marked where there is none."""
    own = item.translations.get(lang, {})
    changes = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name in TRANSLATABLE and isinstance(value, str):
            changes[f.name] = own.get(f.name) or Text(
                value, source_lang, note if f.name in RUNNING_TEXT else "")
        elif f.name != "translations":
            changes[f.name] = _nested(value, source_lang)
    return replace(item, **changes)


def _nested(value, lang: str):
    """Blocks and lists inside a record, with their free text marked as `lang`."""
    # What holds no free text stays the same object, so the languages share it.
    if isinstance(value, tuple):
        local = tuple(_nested(v, lang) for v in value)
        return value if all(a is b for a, b in zip(local, value, strict=True)) else local
    names = _field_names(type(value))
    if names is None:
        return value
    marked = {name: Text(getattr(value, name), lang) for name in NESTED_TEXT.get(type(value), ())
              if isinstance(getattr(value, name), str)}
    nested = {}
    for name in names:
        old = getattr(value, name)
        if name not in marked and (isinstance(old, tuple) or _field_names(type(old))):
            local = _nested(old, lang)
            if local is not old:
                nested[name] = local
    return replace(value, **marked, **nested) if marked or nested else value


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A record type's field names (None for anything else): looked up once per type, since a
    site of thousands of dates asks for every occurrence."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
