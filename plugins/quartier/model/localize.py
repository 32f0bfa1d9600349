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

from dataclasses import fields, is_dataclass, replace
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
    Person,
    Registration,
)

from .languages import mark

#: After untranslated running text, in the page's language (the site's texts are German).
NOTE = mark("(auf Deutsch)")
#: Fields the contract's `translations` blocks may translate.
TRANSLATABLE = ("name", "title", "summary", "description", "cost", "funding")
#: Running text, which gets the "(in German)" note when untranslated; names only get `lang`.
RUNNING_TEXT = frozenset({"summary", "description"})
#: Free German text inside blocks; never translated, always marked.
NESTED_TEXT = {Address: ("note",), HoursSlot: ("note",), Accessibility: ("note",),
               Registration: ("note",), Person: ("role",), Moderation: ("role",),
               Minutes: ("title",), Fact: ("label", "value"), Change: ("note",)}


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

    def record(item):
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

    # Read-only like the data set it comes from (see quartier.contract.records); the
    # synonyms are German words and the school holidays only days: both stay as they are.
    return replace(data, **{f.name: MappingProxyType({k: record(v) for k, v in
                                                      getattr(data, f.name).items()})
                            for f in fields(data)
                            if f.name not in ("synonyms", "school_holidays")})


def _nested(value, lang: str):
    """Blocks and lists inside a record, with their free text marked as `lang`."""
    if isinstance(value, tuple):
        return tuple(_nested(v, lang) for v in value)
    if not is_dataclass(value):
        return value
    marked = {name: Text(getattr(value, name), lang) for name in NESTED_TEXT.get(type(value), ())
              if isinstance(getattr(value, name), str)}
    nested = {f.name: _nested(getattr(value, f.name), lang) for f in fields(value)
              if f.name not in marked and (is_dataclass(getattr(value, f.name))
                                           or isinstance(getattr(value, f.name), tuple))}
    return replace(value, **marked, **nested) if marked or nested else value
