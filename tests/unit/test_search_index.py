"""The search index builder: German words, compounds, shards, and scores that rank across shards.

The browser side (theme/static/js/search.js) is tested in tests/browser/test_search.py; here
`query` mirrors what it does with the files: route each word to its shard, score it there
as a lunr index, add the scores up.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict

import pytest
from lunr.index import Index
from lunr.query import Query

from quartier.model.site import build_site
from quartier.render import search_index as si
from quartier.render.present import Formatter
from support import PROJECT, TODAY

VENDOR = PROJECT / "theme" / "static" / "js" / "vendor"


# --- words --------------------------------------------------------------------------------

def test_words_are_lower_case_folded_and_without_stop_words_or_single_letters():
    assert si.words("Gärten, Gaerten und Garten") == ["garten"] * 3
    assert si.words("Hilfe für Familien fuer Kinder über 6") == ["hilfe", "familien", "kinder",
                                                                  "6"]
    assert si.words("Akteur 7 e. V., 04315 Leipzig") == ["akteur", "7", "04315", "leipzig"]
    assert si.words("Sprachcafé – Straße „Rabet“") == ["sprachcafe", "strasse", "rabet"]
    assert si.words("Senior:innen") == ["senior", "innen"]


@pytest.mark.parametrize(("word", "stem"), [
    # as lunr-languages' lunr.de.stemmer gives them (checked with node and lunr-languages 1.22)
    ("beratung", "berat"), ("garten", "gart"), ("gaerten", "gaert"), ("kinder", "kind"),
    ("hauser", "haus"), ("hilfe", "hilf"), ("hilfen", "hilf"), ("einkaufe", "einkauf"),
    ("nachbarschaftshilfe", "nachbarschaftshilf"), ("sprachcafe", "sprachcaf"),
    ("frauen", "frau"), ("deutschkurse", "deutschkurs"), ("familienzentrum", "familienzentrum"),
])
def test_stems_agree_with_lunr_languages(word, stem):
    assert si.stem(word) == stem


def test_umlaut_spellings_meet_in_one_stem():
    stems = {si.stem(w) for text in ("Gärten", "Gaerten", "Garten") for w in si.words(text)}
    assert stems == {"gart"}


def test_stop_words_are_those_of_lunr_de():
    source = (VENDOR / "lunr.de.min.js").read_text(encoding="utf-8")
    listed = re.search(r'generateStopWordFilter\("([^"]*)"', source)[1].split(" ")
    assert set(listed) == si.STOP_WORDS


# --- compounds ----------------------------------------------------------------------------

COMPOUNDS = si.Compounds(si.fold(w) for w in [
    "hilfe", "einkaufshilfe", "alltagshilfen", "wocheneinkauf", "beratung", "schuldnerberatung",
    "nahkurs", "kurs", "verein", "vereinshaus", "haus"])


@pytest.mark.parametrize(("word", "tails"), [
    ("einkaufshilfe", ["hilfe"]),  # "hilfe" is a word of the corpus
    ("alltagshilfen", ["hilfen"]),  # … and begins "hilfen" as its stem "hilf"
    ("wocheneinkauf", ["einkauf"]),  # "einkauf" begins the longer word "einkaufshilfe"
    ("schuldnerberatung", ["beratung"]),
    ("nahkurs", ["kurs"]),
    ("vereinshaus", ["haus"]),
    ("verein", []),  # too short to hold two parts
    ("beratung", []),
])
def test_compounds_split_where_a_known_word_begins(word, tails):
    assert COMPOUNDS.tails(word) == tails


# --- the index files ----------------------------------------------------------------------

def entry(title, summary="", kind="offer", **kwargs) -> si.Entry:
    return si.Entry(kind, f"angebote/{si.fold(title.lower()).replace(' ', '-')}/", title,
                    summary, **kwargs)


ENTRIES = [
    entry("Schuldnerberatung", "Kostenfreie Hilfe bei Schulden."),
    entry("Einkaufshilfe", "Ehrenamtliche kaufen für Sie ein.", keywords=("Nachbarschaftshilfe",)),
    entry("Offener Treff", "Beratung und Kaffee, jeden Dienstag."),
    entry("Kita Sonnenblume", "Elterncafé mit Beratung.", kind="actor"),
    entry("Wocheneinkauf", "Gemeinsam einkaufen.", kind="event", when="Samstag, 10:00 Uhr"),
    entry("Kleingärten", "Gärten zum Mitmachen.", kind="district"),
]


def index_files(entries=ENTRIES, **kwargs) -> tuple[dict, dict[str, list]]:
    files = si.index_files(entries, **kwargs)
    meta = json.loads(files["meta.json"])
    return meta, {name: json.loads(content) for name, content in files.items()}


def lunr_index(meta: dict, shard: list) -> Index:
    """A shard in lunr's serialised form, as search.js `lunrIndex` restores it."""
    vectors = defaultdict(list)
    inverted = []
    for number, (term, by_field) in enumerate(shard):
        posting = {"_index": number}
        for field in meta["fields"]:
            posting[field] = {}
            doc = 0
            for gap, score in zip(*by_field.get(field, ([], [])), strict=True):
                doc += gap
                posting[field][si.ref(doc)] = {}
                vectors[f"{field}/{si.ref(doc)}"] += [number, score / 1000]
        inverted.append([term, posting])
    return Index.load({"version": meta["lunr"], "fields": meta["fields"],
                       "pipeline": meta["pipeline"], "invertedIndex": inverted,
                       "fieldVectors": list(vectors.items())})


def word_scores(index: Index, term: str, prefix: str | None) -> dict[str, float]:
    """lunr's scores for one query word as search.js asks: its stem ten times, or (from
    `PREFIX` letters on) a longer word the word as typed begins."""
    query = index.create_query()
    query.term(term, use_pipeline=False, boost=10)
    if prefix:
        query.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
    return {m["ref"]: m["score"] for m in index.query(query)}


def query(meta: dict, files: dict, text: str, whole: Index | None = None) -> list[str]:
    """Titles of the results, best first: every word must match (search.js's default).

    Each word is scored in its shard, or with `whole` in the index before it was cut.
    """
    per_word = []
    for word in si.words(text):
        term = si.stem(word)
        prefix = word if len(term) >= meta["prefix"] and word.startswith(term) else None
        first = max(0, bisect.bisect_right(meta["shards"], term) - 1)
        last = max(0, bisect.bisect_right(meta["shards"], (prefix or term) + "\uffff") - 1)
        assert first == last or not prefix, "a word from PREFIX letters on is in one shard"
        indexes = [whole] if whole else [lunr_index(meta, files[f"{n}.json"])
                                         for n in range(first, last + 1)]
        found: dict[str, float] = defaultdict(float)
        for index in indexes:
            for ref, score in word_scores(index, term, prefix).items():
                found[ref] += score
        per_word.append(found)
    refs = set.intersection(*(set(found) for found in per_word))
    ranked = sorted(refs, key=lambda r: (-round(sum(found[r] for found in per_word), 6),
                                         int(r, 36)))
    return [files[f"r/{ref}.json"]["t"] for ref in ranked]


def test_meta_names_what_lunr_needs_and_where_each_shard_begins():
    meta, files = index_files(shard_bytes=1)  # a shard per group of terms
    assert meta["lunr"] == "2.3.9" and meta["pipeline"] == ["stemmer-de"]
    assert meta["fields"] == list(si.FIELDS) and meta["prefix"] == si.PREFIX
    shards = [files[f"{n}.json"] for n in range(len(meta["shards"]))]
    assert meta["shards"] == [shard[0][0] for shard in shards]
    terms = [term for shard in shards for term, _ in shard]
    assert terms == sorted(terms) and len(terms) == len(set(terms))
    assert f"{len(shards)}.json" not in files
    groups = [{term[:si.PREFIX] for term, _ in shard} for shard in shards]
    assert all(len(g) == 1 for g in groups) and len(groups) == len(set().union(*groups))
    assert ["einkauf", "einkaufshilf"] in ([t for t, _ in shard] for shard in shards)


def test_shards_group_consecutive_terms_up_to_a_size():
    meta, files = index_files(shard_bytes=60)
    sizes = [len(files[f"{n}.json"]) for n in range(len(meta["shards"]))]
    assert 1 < len(sizes) < len(index_files(shard_bytes=1)[0]["shards"])


def test_result_files_hold_what_a_result_shows():
    _, files = index_files()
    assert files["r/0.json"] == {"t": "Schuldnerberatung", "k": "o",
                                 "u": "angebote/schuldnerberatung/",
                                 "s": "Kostenfreie Hilfe bei Schulden."}
    assert files["r/4.json"]["w"] == "Samstag, 10:00 Uhr"
    assert {files[f"r/{si.ref(n)}.json"]["k"] for n in range(len(ENTRIES))} == {
        "o", "a", "e", "d"}


def test_every_shard_scores_its_terms_as_the_whole_index_does():
    meta, files = index_files(shard_bytes=1)
    whole = si.build_lunr(ENTRIES)
    for n in range(len(meta["shards"])):
        shard = lunr_index(meta, files[f"{n}.json"])
        for term, _ in files[f"{n}.json"]:
            expected = {m["ref"]: m["score"] for m in whole.search(f"t:{term} k:{term} "
                                                                   f"s:{term} d:{term}")}
            found = {m["ref"]: m["score"] for m in shard.search(f"t:{term} k:{term} "
                                                               f"s:{term} d:{term}")}
            assert found == pytest.approx(expected, abs=1e-3), term


@pytest.mark.parametrize(("text", "first"), [
    ("hilfe", "Einkaufshilfe"),  # compound in the title outranks "Hilfe" in a summary
    ("Beratung", "Schuldnerberatung"),
    ("Einkauf", "Wocheneinkauf"),
    ("Gaerten", "Kleingärten"),
])
def test_compounds_and_umlauts_are_found(text, first):
    meta, files = index_files(shard_bytes=1)
    assert query(meta, files, text)[0] == first


def test_scores_from_different_shards_rank_sensibly():
    entries = [
        entry("Beratung für Familien", "Ein Angebot im Stadtteil."),  # both words in the title
        entry("Sprechstunde", "Beratung für Familien."),  # both in the summary
        entry("Beratung", "Für alle."),  # one word only
        entry("Familienfest", "Mit Beratung und Kaffee."),  # one whole, one begun
    ]
    meta, files = index_files(entries, shard_bytes=1)
    assert si.stem("beratung") in meta["shards"] and si.stem("familien") in meta["shards"]
    assert query(meta, files, "Beratung Familien") == [
        "Beratung für Familien", "Sprechstunde", "Familienfest"]
    assert query(meta, files, "Beratung") == [
        "Beratung", "Beratung für Familien", "Sprechstunde", "Familienfest"]


@pytest.mark.parametrize("text", [
    "Beratung", "hilfe", "Einkauf", "Kita Beratung", "Gaerten", "kauf", "Offener Treff Kaffee"])
def test_cut_index_ranks_as_the_whole_index(text):
    entries = [*ENTRIES, *(entry(f"{w} {n}", f"{w} und Beratung {n}") for n in range(30)
                           for w in ("Einkaufshilfe", "Kita", "Kaffee"))]
    meta, files = index_files(entries, shard_bytes=200)
    expected = query(meta, files, text, whole=si.build_lunr(entries))
    assert expected and query(meta, files, text) == expected


# --- what the site puts in --------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_entries() -> dict[str, si.Entry]:
    from quartier.contract.validate import validate

    result = validate(PROJECT / "data", today=TODAY)
    site = build_site(result.dataset, TODAY)
    return {e.url: e for e in si.site_entries(site, Formatter())}


def test_site_entries_cover_offers_actors_dates_and_districts(demo_entries):
    assert {e.kind for e in demo_entries.values()} == {"offer", "actor", "network", "event",
                                                       "district"}
    assert demo_entries["akteure/ak-ost/"].kind == "network"
    help_offer = next(e for e in demo_entries.values() if e.title.startswith("Einkaufshilfe"))
    assert "Nachbarschaftshilfe Kappel" in help_offer.keywords
    assert {"Russisch", "Ukrainisch", "Arabisch"} <= set(help_offer.keywords)
    assert "Deutsch" not in help_offer.keywords  # the site's own language says nothing
    assert all(e.when for e in demo_entries.values() if e.kind == "event")


def test_results_say_where_with_the_city_as_the_site_covers_two():
    entries = {e.url: e for e in demo_site_entries()}
    assert entries["angebote/schuldnerberatung-sued/"].place == (
        "Markersdorf, Hutholz, Morgenleite, Kappel, Chemnitz")  # the actor's districts
    assert entries["stadtteile/volkmarsdorf/"].place == "Leipzig"
    _, files = index_files([entry("Treff", place="Volkmarsdorf, Leipzig")])
    assert files["r/0.json"]["p"] == "Volkmarsdorf, Leipzig"


def demo_site_entries(language: str = "de", source=None):
    from quartier.contract.validate import validate
    from quartier.model.localize import localized
    from quartier.render.catalog import formatter_for

    data = validate(PROJECT / "data", today=TODAY).dataset
    site = build_site(localized(data, language, source_lang="de", note="(auf Deutsch)"), TODAY)
    return si.site_entries(site, formatter_for(PROJECT / "theme", language),
                           data if source else None)


# --- coordinated compounds, languages, vocabulary, synonyms -------------------------------

@pytest.mark.parametrize(("text", "pairs"), [
    ("Schuldner- und Insolvenzberatung", [("schuldner", "insolvenzberatung")]),
    ("Kinder-, Jugend- und Familienhilfe", [("kinder", "familienhilfe"),
                                             ("jugend", "familienhilfe")]),
    ("Sucht- oder Drogenberatung", [("sucht", "drogenberatung")]),
    ("Möckern in Aktion – Sozial- und Konfliktmanagement", [("sozial", "konfliktmanagement")]),
    ("Chemnitz-Süd und Leipzig", []),
    ("Beratung – und mehr", []),
])
def test_coordinated_compounds_are_found(text, pairs):
    assert si.coordinated(text) == pairs


def test_coordinated_compounds_are_indexed_completed():
    entries = [entry("Schuldner- und Insolvenzberatung"), entry("Beratung"),
               entry("Kinder- und Jugendhilfe")]
    meta, files = index_files(entries, shard_bytes=1)
    assert query(meta, files, "Schuldnerberatung") == ["Schuldner- und Insolvenzberatung"]
    assert query(meta, files, "Insolvenzberatung") == ["Schuldner- und Insolvenzberatung"]
    assert query(meta, files, "Kinderhilfe") == ["Kinder- und Jugendhilfe"]
    assert query(meta, files, "Beratung")[0] == "Beratung"


def test_each_text_is_analysed_in_its_own_language():
    from quartier.model.localize import Text

    english = si.Entry("offer", "en/angebote/x/", "Counselling for children",
                       Text("Beratung für Kinder", "de"), language="en")
    meta, files = index_files([english], shard_bytes=1, language="en")
    terms = {t for n in range(len(meta["shards"])) for t, _ in files[f"{n}.json"]}
    assert {"counsel", "children"} <= terms  # Porter, as lunr.js
    assert {"berat", "kind"} <= terms  # the German summary, Snowball German
    assert meta["lang"] == "en"


def test_arabic_clitics_and_the_article_meet_the_bare_word():
    arabic = si.Entry("offer", "ar/angebote/x/", "دورة لغة", "مع رعاية للأطفال والاستشارات",
                      language="ar")
    meta, files = index_files([arabic], shard_bytes=1, language="ar")
    terms = {t for n in range(len(meta["shards"])) for t, _ in files[f"{n}.json"]}
    ar = si.analyser("ar")
    assert ar.word_and_stem("أطفال")[1] in terms
    assert ar.word_and_stem("استشارة")[1] in terms
    assert "مع" not in terms  # a stop word


def test_the_vocabulary_lists_words_as_written_for_suggestions():
    entries = [entry("Beratung"), entry("Beratung für Familien"), entry("Nähkurs")]
    meta, files = index_files(entries)
    words = [w for n in range(len(meta["words"])) for w in files[f"v/{n}.json"]]
    assert ["beratung", 2, "Beratung"] in words and ["nahkurs", 1, "Nähkurs"] in words
    assert meta["words"] == [files[f"v/{n}.json"][0][0] for n in range(len(meta["words"]))]
    assert [w[0] for w in words] == sorted(w[0] for w in words)


def test_synonym_groups_are_folded_german_words_in_meta():
    meta, _ = index_files(ENTRIES, synonyms=[("Sprechstunde", "Sprechzeit"),
                                             ("Kita", "Kindertagesstätte"), ("und", "oder")])
    assert meta["syn"] == [["sprechstunde", "sprechzeit"], ["kita", "kindertagesstatte"]]


def test_other_languages_keep_the_german_title_of_translated_records():
    english = {e.url: e for e in demo_site_entries("en", source=True)}
    debts = english["angebote/schuldnerberatung-sued/"]
    assert debts.title == "Debt and insolvency counselling"
    assert "Schuldner- und Insolvenzberatung" in debts.keywords
    assert "Counselling" in debts.keywords  # the category's English name
