"""Benchmark: search index build time per language, and the bytes a first search fetches.

    python bench/search_bench.py [--records 2000 10000] [--query Beratung] [--rounds 3]
                                 [--languages de en ar ru uk tr]

For each size, generates synthetic records (bench/synthetic.py) and, for each language,
builds that language's site model (German text marked as German where there is no
translation, as the build does) and times what the build does for its search
(`site_entries` and `index_files`, median of the rounds, caches cleared). Then it adds up,
gzip-compressed (level 6), what /suche/?q=QUERY fetches on a first visit to the German
page: the page's scripts and stylesheet, meta.json, the shards of the query's words and the
result files of the first page of results (the largest ones, an upper bound). The page's
HTML is not built here: PAGE_HTML stands for it (Chromium measured 2.6 KB with the
no-results block; tests/browser/test_search.py measures the whole first query at 2,000
records). Budgets (issue 16): 45 KB at 2,000 records, 100 KB at 10,000, 1 s of build per
1,000 records and language.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from synthetic import generate

from quartier.contract.validate import validate
from quartier.model.localize import localized
from quartier.model.site import build_site
from quartier.render import search_index, search_words
from quartier.render.catalog import formatter_for

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "theme" / "static"
SCRIPTS = ["js/vendor/lunr.min.js", "js/vendor/lunr.stemmer.support.min.js",
           "js/vendor/lunr.de.min.js", "js/search.js", "css/site.css"]
THEME = ROOT / "theme"
PAGE_HTML = 3_000  # bytes gzip, generous for the search page itself
BUDGETS = {2000: 45_000, 10000: 100_000}  # bytes of a first query (issue 16)
RESULTS_SHOWN = 20  # search.js PAGE
TODAY = date(2026, 11, 21)


def gz(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6, mtime=0))


def shards_of(query: str, meta: dict) -> set[int]:
    """The shards search.js fetches for the words of `query`."""
    found = set()
    for word in search_index.words(query):
        term = search_index.stem(word)
        high = word + "\uffff" if len(term) >= meta["prefix"] else term
        first = bisect.bisect_right(meta["shards"], term) - 1
        found.update(range(max(0, first), bisect.bisect_right(meta["shards"], high)))
    return found


def first_query_bytes(files: dict[str, bytes], query: str) -> dict[str, int]:
    meta = json.loads(files["meta.json"])
    results = sorted((gz(c) for n, c in files.items() if n.startswith("r/")), reverse=True)
    return {
        "scripts and stylesheet": sum(gz((STATIC / name).read_bytes()) for name in SCRIPTS),
        "page HTML (allowance)": PAGE_HTML,
        "meta.json": gz(files["meta.json"]),
        "shards": sum(gz(files[f"{n}.json"]) for n in shards_of(query, meta)),
        f"{RESULTS_SHOWN} result files": sum(results[:RESULTS_SHOWN]),
    }


def build_index(dataset, language: str) -> tuple[float, dict[str, bytes]]:
    """Seconds to index `language`'s site (cold caches), and the files."""
    data = localized(dataset, language, source_lang="de", note="(auf Deutsch)")
    site = build_site(data, TODAY)
    fmt = formatter_for(THEME, language)
    for analyser in search_words.ANALYSERS.values():  # each build starts cold, in its own
        analyser.clear_caches()                          # process
    begin = time.perf_counter()
    files = search_index.index_files(search_index.site_entries(site, fmt),
                                     synonyms=dataset.synonyms, language=language)
    return time.perf_counter() - begin, files


def run(records: int, query: str, rounds: int, languages: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), records)
        result = validate(Path(tmp) / "data", today=TODAY)
        assert not result.errors, result.errors[:3]
    german = None
    print(f"\n{records} records:")
    for language in languages:
        times = []
        for _ in range(rounds):
            seconds, files = build_index(result.dataset, language)
            times.append(seconds)
        german = files if language == "de" else german
        build = statistics.median(times)
        print(f"  index {language}: {build:.2f} s ({build / records * 1000:.2f} s per 1,000), "
              f"{len(files)} files")
    if german is None:
        return
    parts = first_query_bytes(german, query)
    total = sum(parts.values())
    budget = BUDGETS.get(records)
    within = f" (budget {budget / 1000:.0f} KB)" if budget else ""
    print(f"  first query “{query}” on /suche/ fetches {total / 1000:.1f} KB gzip{within}:")
    for name, size in parts.items():
        print(f"    {name:24} {size / 1000:6.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--query", default="Beratung")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--languages", nargs="+", default=["de", "en", "ar", "ru", "uk", "tr"])
    args = parser.parse_args()
    for records in args.records:
        run(records, args.query, args.rounds, args.languages)


if __name__ == "__main__":
    main()
