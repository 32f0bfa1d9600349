"""The site search: a prebuilt lunr index in small files, with word analysis per language.

Residents search on slow phones, and one lunr index of 2,000 records is about 170 KB gzip
before a single result is shown. So lunr.py builds one index over all records, and this
module cuts it by term prefix: terms that begin with the same `PREFIX` letters stay
together, and consecutive groups fill shards of about `SHARD_BYTES`, each a complete lunr
index that lunr.js loads with `lunr.Index.load`. A query fetches the small `meta.json`, the
shard of each of its words and one small file per result it shows (title, type, place,
summary, link) – as Pagefind does.

Scores from different shards are comparable: every term keeps the weights lunr.py gave it
in the whole index (BM25 with the idf and field lengths of all records), and a query word
of `PREFIX` letters or more finds all its completions in one shard, so lunr scores it there
exactly as in the whole index. The browser adds up the scores of the words.

Each language's site has its own index, and each text in it is analysed in its own language
(`search_words`): a translated summary as English, Arabic, …, the German text shown where a
translation is missing as German. German words are also split into compounds against the
corpus's own words (plus a short list of common compound parts): "Einkaufshilfe" is indexed
as "hilfe" too, so "Hilfe" finds it, and its front part is found by prefix ("Einkauf…");
coordinated compounds are completed ("Schuldner- und Insolvenzberatung" is indexed as
"Schuldnerberatung" too). The browser splits a query compound that finds nothing the same
way ("Sozialberatung" → "sozial" + "beratung").

Besides the shards: `v/<n>.json`, the words of the index as written, for "Meinten Sie …?"
when a word finds nothing (fetched only then), and in `meta.json` the office's synonym
groups (data/synonyms.yaml), which the browser adds to a query word at a lower weight.

`theme/static/js/search.js` mirrors the analysis and the compound split: keep them in step.
Pure Python; the Pelican glue is `plugins/quartier_search`.
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline

from quartier.contract.records import Address, DataSet
from quartier.model import urls
from quartier.model.site import Site

from .present import Formatter
from .search_words import analyser, fold_latin, word_list, written_tokens

#: Result types; the codes are what result files store, the template names each for people.
KINDS = {"offer": "o", "actor": "a", "network": "g", "event": "e", "district": "d", "news": "n"}

#: Indexed fields and their boosts: title, keywords (names, categories, places,
#: languages), summary, description. Short names keep every posting small.
FIELDS = {"t": 10, "k": 3, "s": 2, "d": 1}

#: Words of a description that are indexed: its beginning says what it is about, and every
#: indexed word makes shards heavier (measured with bench/search_bench.py).
DESCRIPTION_WORDS = 60

#: A shard closes once its JSON reaches about this size (a single frequent term may exceed it).
SHARD_BYTES = 8_000

#: A file of the vocabulary (for "Meinten Sie …?") closes at about this size.
VOCABULARY_BYTES = 6_000

#: Terms beginning with the same this many letters (UTF-16 code units, as JavaScript counts)
#: share a shard, so prefix search from this length on looks into one shard.
PREFIX = 3

#: Compound parts: a tail is indexed if it has at least this many letters, after a head
#: of at least `MIN_HEAD` letters ("Nähkurs" → "kurs").
MIN_TAIL = 4
MIN_HEAD = 3

GERMAN = analyser("de")
STOP_WORDS = GERMAN.stop_words
COMPOUND_PARTS = word_list("search_compound_parts_de.txt")

#: "Schuldner- und Insolvenzberatung", "Kinder-, Jugend- oder Familienhilfe": a word cut
#: off with a hyphen before a conjunction or comma, completed by the next whole word.
_TRUNCATED = re.compile(r"([^\W\d_]+)-(?=\s*(?:,|und\b|oder\b|sowie\b|bzw\b|&))")
_WHOLE_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?!-)\b")


def fold(word: str) -> str:
    """Without accents and umlauts: "Gärten", "Gaerten" -> "garten"; "ß" -> "ss"."""
    return fold_latin(word)


def words(text: str) -> list[str]:
    """The folded German words of a text that are worth indexing."""
    return GERMAN.words(text)


def stem(word: str) -> str:
    """The Snowball German stem of a folded word (as lunr.de.stemmer gives it)."""
    return GERMAN.stem(word)


def coordinated(text: str) -> list[tuple[str, str]]:
    """(cut-off word, whole word) of each coordinated compound in a German text, folded:
    "Schuldner- und Insolvenzberatung" -> [("schuldner", "insolvenzberatung")]."""
    pairs = []
    if "-" not in text:
        return pairs
    for match in _TRUNCATED.finditer(text):
        rest = text[match.end():]
        whole = next((w for w in _WHOLE_WORD.finditer(rest)
                      if w[0].lower() not in ("und", "oder", "sowie", "bzw")
                      and not rest[w.end():].startswith("-")), None)
        head, tail = GERMAN.words(match[1]), GERMAN.words(whole[0]) if whole else []
        if len(head) == 1 and tail:
            pairs.append((head[0], tail[-1]))
    return pairs


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
    """One thing the search can find, with what is indexed and what a result shows.

    Texts may be `localize.Text` (German shown on another language's page): each is analysed
    in its own language, `lang`, and the others in the entry's `language`."""

    kind: str  # a key of KINDS
    url: str  # relative to SITEURL
    title: str
    summary: str = ""
    when: str = ""  # dates: the next one, in words
    keywords: tuple[str, ...] = ()  # names, categories, audiences, places, languages
    description: str = ""  # Markdown or plain text
    place: str = ""  # where, for people: "Volkmarsdorf, Leipzig"
    language: str = "de"  # the language of the site the entry is on


def _address(address: Address | None) -> list[str]:
    if address is None:
        return []
    return [p for p in (address.place, address.street, address.postcode, address.city) if p]


def site_entries(site: Site, fmt: Formatter, source: DataSet | None = None) -> list[Entry]:
    """Every offer, actor, date and district that has a page, as search entries.

    `source`, for another language's site: the data in the site's own language, whose
    titles of translated records are keywords too, so that the German word on a letter
    ("Schuldnerberatung") finds the record on the English page."""
    data = site.data

    def original(kind: str, record_id: str, shown: str) -> list[str]:
        if source is None:
            return []
        record = getattr(source, kind).get(record_id)
        title = getattr(record, "title", None) or getattr(record, "name", None)
        return [title] if title and title != shown else []
    own_language = fmt.locale.language
    several_cities = len({d.city for d in data.districts.values() if d.city}) > 1

    def names(ids, mapping) -> list[str]:
        return [mapping[i].name for i in ids if i in mapping]

    def languages(codes) -> list[str]:
        return [fmt.language_in_site_locale(c) for c in codes if c != own_language]

    def place(district_ids) -> str:
        shown = [data.districts[i] for i in district_ids if i in data.districts]
        cities = list(dict.fromkeys(d.city for d in shown if d.city)) if several_cities else []
        return ", ".join([*(d.name for d in shown), *cities])

    entries = []
    for offer in sorted(site.offers.values(), key=lambda o: o.id):
        districts = site.offer_districts(offer)
        entries.append(Entry(
            "offer", urls.offer(offer.id), offer.title, offer.summary,
            keywords=(*original("offers", offer.id, offer.title),
                      data.actors[offer.actor].name, *names(offer.categories, data.categories),
                      *names(offer.audiences, data.audiences),
                      *names(districts, data.districts),
                      *_address(site.address_of(site.offer_location(offer))),
                      *languages(offer.languages)),
            description=offer.description or "", place=place(districts),
            language=own_language))
    for actor in sorted(site.actors.values(), key=lambda a: a.id):
        entries.append(Entry(
            "network" if actor.kind == "network" else "actor", urls.actor(actor.id),
            actor.name, actor.summary,
            keywords=(*original("actors", actor.id, actor.name), fmt.kind(actor.kind),
                      *names(actor.topics, data.categories),
                      *names(actor.districts, data.districts), *_address(actor.address),
                      *languages(actor.languages)),
            description=actor.description or "", place=place(actor.districts),
            language=own_language))
    for event in sorted(site.events.values(), key=lambda e: e.id):
        upcoming = site.next_of([event.id])
        start, end = (upcoming.start, upcoming.end) if upcoming else (event.start, event.end)
        organizer = data.actors.get(event.organizer or "")
        districts = site.event_districts(event)
        entries.append(Entry(
            "event", urls.event(event.id), event.title, event.summary or "",
            when=fmt.when(start, end),
            keywords=(*original("events", event.id, event.title),
                      *([organizer.name] if organizer else []),
                      *names(event.categories, data.categories),
                      *names(event.audiences, data.audiences),
                      *names(districts, data.districts),
                      *_address(site.address_of(event.location)),
                      *languages(event.languages)),
            description=event.description or "", place=place(districts),
            language=own_language))
    for district in data.districts.values():
        entries.append(Entry(
            "district", urls.district(district.id), district.name, district.summary or "",
            keywords=(district.city,) if district.city else (),
            description=district.description or "",
            place=district.city if several_cities and district.city else "",
            language=own_language))
    return entries


def _plain(markdown: str) -> str:
    """Markdown as the words people read: link targets and bare addresses left out."""
    return re.sub(r"\]\([^)]*\)|\S+://\S+", " ", markdown)


@dataclass(frozen=True)
class _Words:
    """The analysed words of one text: (word as written, folded word, stem, language)."""

    found: tuple[tuple[str, str, str, str], ...]
    coordinated: tuple[tuple[str, str], ...] = ()  # German only, see `coordinated`


def _analysed(text: str, language: str, limit: int | None = None) -> _Words:
    return _analysed_in(str(text), getattr(text, "lang", None) or language, limit)


@functools.lru_cache(maxsize=4096)  # names of categories, districts, actors recur often
def _analysed_in(text: str, lang: str, limit: int | None) -> _Words:
    who = analyser(lang)
    found = []
    for token, written in written_tokens(text):
        pair = who.word_and_stem(token)
        if pair:
            found.append((written, *pair, lang))
            if limit is not None and len(found) >= limit:
                break
    return _Words(tuple(found), tuple(coordinated(text)) if lang == "de" else ())


def _field_words(entry: Entry, description_words: int) -> dict[str, list[_Words]]:
    language = entry.language
    return {
        "t": [_analysed(entry.title, language)],
        "k": [_analysed(keyword, language) for keyword in entry.keywords],
        "s": [_analysed(entry.summary, language)],
        "d": [_analysed(_plain(entry.description), language, description_words)],
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


def _german_vocabulary(fields: Iterable[dict[str, list[_Words]]]) -> list[str]:
    return [word for field in fields for texts in field.values() for text in texts
            for _, word, _, lang in text.found if lang == "de"]


def build_lunr(entries: Sequence[Entry], description_words: int = DESCRIPTION_WORDS,
               fields: list[dict[str, list[_Words]]] | None = None) -> Index:
    """One lunr.py index over all entries; refs are `ref(position)`."""
    if fields is None:
        fields = [_field_words(entry, description_words) for entry in entries]
    compounds = Compounds([*_german_vocabulary(fields), *(fold(w) for w in COMPOUND_PARTS)])

    @functools.cache
    def german_terms(word: str) -> list[str]:
        return list(dict.fromkeys([stem(word), *map(stem, compounds.tails(word))]))

    def completed(head: str, whole: str) -> list[str]:
        """"schuldner" + "insolvenzberatung" -> the stem of "schuldnerberatung"."""
        tails = compounds.tails(whole)
        return [stem(head + tails[0])] if tails else []

    def terms(texts: list[_Words]) -> list[str]:
        found = []
        for text in texts:
            for _, word, word_stem, lang in text.found:
                found += german_terms(word) if lang == "de" else [word_stem]
            for head, whole in text.coordinated:
                found += completed(head, whole)
        return found

    builder = Builder()  # no index pipeline: the terms arrive analysed
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    # lunr-languages' label, so that lunr.js with lunr.de loads every shard.
    builder.search_pipeline.add(Pipeline.registered_functions["stemmer-de"])
    for number, field_words in enumerate(fields):
        builder.add({"id": ref(number), **{
            name: terms(texts) for name, texts in field_words.items()}})
    return builder.build()


def vocabulary(fields: Iterable[dict[str, list[_Words]]]) -> list[list]:
    """The indexed words as `[folded, count]` or `[folded, count, as written]`, in
    JavaScript's order: what "Meinten Sie …?" may offer, the most frequent spelling of each."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for field in fields:
        for texts in field.values():
            for text in texts:
                for token, word, _, _ in text.found:
                    if not word.isnumeric():
                        counts[word] += 1
                        spellings.setdefault(word, Counter())[token] += 1
    listed = []
    for word in sorted(counts, key=_js_order):
        written = spellings[word].most_common(1)[0][0]
        listed.append([word, counts[word]] + ([written] if written != word else []))
    return listed


def synonym_groups(groups: Iterable[Sequence[str]]) -> list[list[str]]:
    """data/synonyms.yaml's groups as folded German words, as the browser looks them up."""
    found = []
    for group in groups:
        folded = list(dict.fromkeys(w for word in group for w in words(word)))
        if len(folded) > 1:
            found.append(folded)
    return found


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


def _chunks(items: list, size: int) -> list[list]:
    """Consecutive items in lists of about `size` bytes of JSON."""
    cut: list[list] = []
    total = size
    for item in items:
        if total >= size:
            cut.append([])
            total = 0
        cut[-1].append(item)
        total += len(_json(item))
    return cut


def index_files(entries: Sequence[Entry], *, description_words: int = DESCRIPTION_WORDS,
                shard_bytes: int = SHARD_BYTES, synonyms: Iterable[Sequence[str]] = (),
                language: str = "de") -> dict[str, bytes]:
    """The files of the search index, by path relative to the index folder.

    `meta.json`: the version (for cache busting), what lunr.Index.load needs besides the
    terms (lunr version, fields, pipeline), `PREFIX`, the site's language, the first term
    of each shard `<n>.json`, the first word of each vocabulary file `v/<n>.json` and the
    synonym groups.
    `r/<ref>.json`: what a result shows (title, type code, URL, place, summary, next date).
    """
    with _without_gc():
        fields = [_field_words(entry, description_words) for entry in entries]
        index = build_lunr(entries, description_words, fields)
        cut = shards(index, shard_bytes)
        files = {f"{n}.json": _json(shard) for n, shard in enumerate(cut)}
        known = _chunks(vocabulary(fields), VOCABULARY_BYTES)
        files |= {f"v/{n}.json": _json(chunk) for n, chunk in enumerate(known)}
    for number, entry in enumerate(entries):
        shown = {"t": entry.title, "k": KINDS[entry.kind], "u": entry.url, "p": entry.place,
                 "s": entry.summary, "w": entry.when}
        files[f"r/{ref(number)}.json"] = _json({k: v for k, v in shown.items() if v})
    groups = synonym_groups(synonyms)
    version = hashlib.sha256(b"".join(files[name] for name in sorted(files))
                             + _json(groups)).hexdigest()[:12]
    files["meta.json"] = _json({
        "v": version, "lunr": __TARGET_JS_VERSION__, "fields": list(FIELDS),
        "pipeline": index.pipeline.serialize(), "prefix": PREFIX, "lang": language,
        "shards": [shard[0][0] for shard in cut], "words": [chunk[0][0] for chunk in known],
        "syn": groups})
    return files
