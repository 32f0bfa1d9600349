"""The site search: a prebuilt lunr index in small files, with German word analysis.

Residents search on slow phones, and one lunr index of 2,000 records is about 170 KB gzip
before a single result is shown. So lunr.py builds one index over all records, and this
module cuts it by term prefix: terms that begin with the same `PREFIX` letters stay
together, and consecutive groups fill shards of about `SHARD_BYTES`, each a complete lunr
index that lunr.js loads with `lunr.Index.load`. A query fetches the small `meta.json`, the
shard of each of its words and one small file per result it shows (title, type, summary,
link) – as Pagefind does.

Scores from different shards are comparable: every term keeps the weights lunr.py gave it
in the whole index (BM25 with the idf and field lengths of all records), and a query word
of `PREFIX` letters or more finds all its completions in one shard, so lunr scores it there
exactly as in the whole index. The browser adds up the scores of the words.

German: words are lower-cased, stop words dropped (lunr-languages' list, shipped here),
accents and umlauts folded (ä → a, and ae → a, so "Gaerten", "Garten" and "Gärten" meet) and
stemmed with the Snowball German stemmer – nltk's here, lunr-languages' `lunr.de.stemmer` in
the browser; the two agree, and the index names lunr-languages' "stemmer-de" as its search
pipeline. Compounds are split against the corpus's own words (plus a short list of common
compound parts): "Einkaufshilfe" is indexed as "hilfe" too, so "Hilfe" finds it, and its
front part is found by prefix ("Einkauf…").

`theme/static/js/search.js` mirrors `words`, `fold` and the stemming: keep them in step.
Pure Python; the Pelican glue is `plugins/quartier_search`.
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from nltk.stem.snowball import SnowballStemmer

from quartier.contract.records import Address
from quartier.model import urls
from quartier.model.site import Site

from .present import Formatter

HERE = Path(__file__).resolve().parent

#: Result types; the codes are what result files store, the template names each for people.
KINDS = {"offer": "o", "actor": "a", "event": "e", "district": "d", "news": "n"}

#: Indexed fields and their boosts: title, keywords (names, categories, places,
#: languages), summary, description. Short names keep every posting small.
FIELDS = {"t": 10, "k": 3, "s": 2, "d": 1}

#: Words of a description that are indexed: its beginning says what it is about, and every
#: indexed word makes shards heavier (measured with bench/search_bench.py).
DESCRIPTION_WORDS = 60

#: A shard closes once its JSON reaches about this size (a single frequent term may exceed it).
SHARD_BYTES = 8_000

#: Terms beginning with the same this many letters (UTF-16 code units, as JavaScript counts)
#: share a shard, so prefix search from this length on looks into one shard.
PREFIX = 3

#: Compound parts: a tail is indexed if it has at least this many letters, after a head
#: of at least `MIN_HEAD` letters ("Nähkurs" → "kurs").
MIN_TAIL = 4
MIN_HEAD = 3


def _word_list(name: str) -> frozenset[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


STOP_WORDS = _word_list("search_stopwords_de.txt")
COMPOUND_PARTS = _word_list("search_compound_parts_de.txt")

_WORD = re.compile(r"[^\W_]+")
_UNFOLD = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
_stem = functools.lru_cache(maxsize=None)(SnowballStemmer("german").stem)


def is_stop_word(word: str) -> bool:
    """A lower-case word is a stop word as written or with ae/oe/ue/ss read as ä/ö/ü/ß."""
    return word in STOP_WORDS or re.sub("ae|oe|ue|ss", lambda m: _UNFOLD[m[0]],
                                        word) in STOP_WORDS


def fold(word: str) -> str:
    """Without accents and umlauts: "Gärten", "Gaerten" -> "garten"; "ß" -> "ss"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word)
                    if unicodedata.category(c) != "Mn")
    return re.sub("ae|oe|ue", lambda m: m[0][0], plain.replace("ß", "ss"))


def words(text: str) -> list[str]:
    """The folded words of a text that are worth indexing: no stop words, no single letters."""
    return [folded for word in _WORD.findall(unicodedata.normalize("NFC", text).lower())
            if (folded := _indexed(word))]


@functools.cache
def _indexed(word: str) -> str:
    """A lower-case word folded, or "" if it is not worth indexing."""
    return fold(word) if (len(word) > 1 or word.isnumeric()) and not is_stop_word(word) else ""


def stem(word: str) -> str:
    """The Snowball German stem of a folded word (as lunr.de.stemmer gives it)."""
    return _stem(word)


class Compounds:
    """Finds the last parts of German compounds that the corpus knows as words.

    A tail of a word is a part when a known word or its stem begins it ("hilfen" in
    "Alltagshilfen", by "Hilfe") or when it begins a longer known word ("einkauf" in
    "Wocheneinkauf", by "Einkaufshilfe"). Front parts need no splitting: prefix search
    finds them.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._words = sorted(set(vocabulary))
        self._beginnings = {b for w in self._words for b in (w, stem(w)) if len(b) >= MIN_TAIL}
        self._longest = max(map(len, self._beginnings), default=0)

    def tails(self, word: str) -> list[str]:
        return [word[i:] for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1)
                if self._starts_with_word(word[i:]) or self._begins_longer_word(word[i:])]

    def _starts_with_word(self, tail: str) -> bool:
        return any(tail[:n] in self._beginnings
                   for n in range(MIN_TAIL, min(len(tail), self._longest) + 1))

    def _begins_longer_word(self, tail: str) -> bool:
        for known in self._words[bisect.bisect_left(self._words, tail):]:
            if not known.startswith(tail):
                return False
            if len(known) >= len(tail) + MIN_HEAD:
                return True
        return False


@dataclass(frozen=True)
class Entry:
    """One thing the search can find, with what is indexed and what a result shows."""

    kind: str  # a key of KINDS
    url: str  # relative to SITEURL
    title: str
    summary: str = ""
    when: str = ""  # dates: the next one, in words
    keywords: tuple[str, ...] = ()  # names, categories, audiences, places, languages
    description: str = ""  # Markdown or plain text


def _address(address: Address | None) -> list[str]:
    if address is None:
        return []
    return [p for p in (address.place, address.street, address.postcode, address.city) if p]


def site_entries(site: Site, fmt: Formatter) -> list[Entry]:
    """Every offer, actor, date and district that has a page, as search entries."""
    data = site.data
    own_language = fmt.locale.language

    def names(ids, mapping) -> list[str]:
        return [mapping[i].name for i in ids if i in mapping]

    def languages(codes) -> list[str]:
        return [fmt.language_in_site_locale(c) for c in codes if c != own_language]

    entries = []
    for offer in sorted(site.offers.values(), key=lambda o: o.id):
        entries.append(Entry(
            "offer", urls.offer(offer.id), offer.title, offer.summary,
            keywords=(data.actors[offer.actor].name, *names(offer.categories, data.categories),
                      *names(offer.audiences, data.audiences),
                      *names(site.offer_districts(offer), data.districts),
                      *_address(site.address_of(site.offer_location(offer))),
                      *languages(offer.languages)),
            description=offer.description or ""))
    for actor in sorted(site.actors.values(), key=lambda a: a.id):
        entries.append(Entry(
            "actor", urls.actor(actor.id), actor.name, actor.summary,
            keywords=(fmt.kind(actor.kind), *names(actor.topics, data.categories),
                      *names(actor.districts, data.districts), *_address(actor.address),
                      *languages(actor.languages)),
            description=actor.description or ""))
    for event in sorted(site.events.values(), key=lambda e: e.id):
        upcoming = site.next_of([event.id])
        start, end = (upcoming.start, upcoming.end) if upcoming else (event.start, event.end)
        organizer = data.actors.get(event.organizer or "")
        entries.append(Entry(
            "event", urls.event(event.id), event.title, event.summary or "",
            when=fmt.when(start, end),
            keywords=(*([organizer.name] if organizer else []),
                      *names(event.categories, data.categories),
                      *names(event.audiences, data.audiences),
                      *names(site.event_districts(event), data.districts),
                      *_address(site.address_of(event.location)),
                      *languages(event.languages)),
            description=event.description or ""))
    for district in data.districts.values():
        entries.append(Entry(
            "district", urls.district(district.id), district.name, district.summary or "",
            keywords=(district.city,) if district.city else (),
            description=district.description or ""))
    return entries


def _plain(markdown: str) -> str:
    """Markdown as the words people read: link targets and bare addresses left out."""
    return re.sub(r"\]\([^)]*\)|\S+://\S+", " ", markdown)


def _field_words(entry: Entry, description_words: int) -> dict[str, list[str]]:
    return {
        "t": words(entry.title),
        "k": [w for keyword in entry.keywords for w in words(keyword)],
        "s": words(entry.summary),
        "d": words(_plain(entry.description))[:description_words],
    }


def ref(number: int) -> str:
    """A short document reference: the entry's number in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def build_lunr(entries: Sequence[Entry], description_words: int = DESCRIPTION_WORDS) -> Index:
    """One lunr.py index over all entries; refs are `ref(position)`."""
    fields = [_field_words(entry, description_words) for entry in entries]
    compounds = Compounds([w for f in fields for ws in f.values() for w in ws]
                          + [fold(w) for w in COMPOUND_PARTS])

    @functools.cache
    def terms(word: str) -> list[str]:
        return list(dict.fromkeys([stem(word), *map(stem, compounds.tails(word))]))

    builder = Builder()  # no index pipeline: the terms arrive analysed
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    # lunr-languages' label, so that lunr.js with lunr.de loads every shard.
    builder.search_pipeline.add(Pipeline.registered_functions["stemmer-de"])
    for number, field_words in enumerate(fields):
        builder.add({"id": ref(number), **{
            name: [t for w in ws for t in terms(w)] for name, ws in field_words.items()}})
    return builder.build()


def _js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; lunr.js needs its terms in that order."""
    return term.encode("utf-16-be")


def shards(index: Index, shard_bytes: int = SHARD_BYTES) -> list[list]:
    """The index cut into shards of consecutive term groups, as sent to the browser.

    A shard is `[[term, {field: [ref gaps, scores × 1000]}], …]`: lunr's serialised index
    without its repetitions (each posting's ref and score once, refs as gaps between
    numbers), a quarter of lunr's JSON in gzip. search.js turns it back into lunr's form
    for `lunr.Index.load`.
    """
    serialised = index.serialize()
    scores = {}  # (global term number, field ref) -> score
    for field_ref, elements in serialised["fieldVectors"]:
        for i in range(0, len(elements), 2):
            scores[elements[i], field_ref] = elements[i + 1]
    cut: list[list] = []
    size = shard_bytes
    group = b""
    for term, posting in sorted(serialised["invertedIndex"], key=lambda tp: _js_order(tp[0])):
        by_field = {}
        for field in serialised["fields"]:
            numbers = sorted(int(r, 36) for r in posting[field])
            if numbers:
                by_field[field] = [
                    [b - a for a, b in zip([0, *numbers], numbers, strict=False)],
                    [round(scores[posting["_index"], f"{field}/{ref(n)}"] * 1000)
                     for n in numbers]]
        if size >= shard_bytes and _js_order(term)[:2 * PREFIX] != group:
            cut.append([])
            size = 0
        group = _js_order(term)[:2 * PREFIX]
        cut[-1].append([term, by_field])
        size += len(term) + 8 * sum(len(gaps) for gaps, _ in by_field.values())
    return cut


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@contextmanager
def _without_gc():
    """lunr.py makes millions of small objects and no garbage; collecting meanwhile only
    costs time (half of the build in a Pelican process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def index_files(entries: Sequence[Entry], *, description_words: int = DESCRIPTION_WORDS,
                shard_bytes: int = SHARD_BYTES) -> dict[str, bytes]:
    """The files of the search index, by path relative to the index folder.

    `meta.json`: the version (for cache busting), what lunr.Index.load needs besides the
    terms (lunr version, fields, pipeline), `PREFIX` and the first term of each shard
    `<n>.json`.
    `r/<ref>.json`: what a result shows (title, type code, URL, summary, next date).
    """
    with _without_gc():
        index = build_lunr(entries, description_words)
        cut = shards(index, shard_bytes)
        files = {f"{n}.json": _json(shard) for n, shard in enumerate(cut)}
    for number, entry in enumerate(entries):
        shown = {"t": entry.title, "k": KINDS[entry.kind], "u": entry.url, "s": entry.summary,
                 "w": entry.when}
        files[f"r/{ref(number)}.json"] = _json({k: v for k, v in shown.items() if v})
    version = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()[:12]
    files["meta.json"] = _json({
        "v": version, "lunr": __TARGET_JS_VERSION__, "fields": list(FIELDS),
        "pipeline": index.pipeline.serialize(), "prefix": PREFIX,
        "shards": [shard[0][0] for shard in cut]})
    return files
