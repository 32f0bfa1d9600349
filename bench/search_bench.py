"""Benchmark: search index build time, and the bytes a first search fetches.

    python bench/search_bench.py [--records 2000 10000] [--query Beratung] [--rounds 3]

For each size, generates synthetic records (bench/synthetic.py), builds the site model and
times what the build does for the search (`site_entries` and `index_files`, median of the
rounds, caches cleared). Then it adds up, gzip-compressed (level 6), what /suche/?q=QUERY
fetches on a first visit: the page's scripts and stylesheet, meta.json, the shards of the
query's words and the result files of the first page of results (the largest ones, an
upper bound). The page's HTML is not built here: PAGE_HTML stands for it (Chromium measured
1.5 KB; tests/browser/test_search.py measures the whole first query at 2,000 records).
Budgets (issue 5): 68 KB at 2,000 records, 227 KB at 10,000, 1 s of build per 1,000.
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
from quartier.model.site import build_site
from quartier.render import search_index
from quartier.render.present import Formatter

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "theme" / "static"
SCRIPTS = ["js/vendor/lunr.min.js", "js/vendor/lunr.stemmer.support.min.js",
           "js/vendor/lunr.de.min.js", "js/search.js", "css/site.css"]
PAGE_HTML = 2_000  # bytes gzip, generous for the search page itself
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


def run(records: int, query: str, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), records)
        result = validate(Path(tmp) / "data", today=TODAY)
        assert not result.errors, result.errors[:3]
    site = build_site(result.dataset, TODAY)
    times = []
    for _ in range(rounds):
        search_index._stem.cache_clear()  # each build starts cold, in its own process
        search_index._indexed.cache_clear()
        begin = time.perf_counter()
        files = search_index.index_files(search_index.site_entries(site, Formatter()))
        times.append(time.perf_counter() - begin)
    build = statistics.median(times)
    parts = first_query_bytes(files, query)
    total = sum(parts.values())
    print(f"\n{records} records: build {build:.2f} s ({build / records * 1000:.2f} s per 1,000), "
          f"{len(files)} files, first query “{query}” fetches {total / 1000:.1f} KB gzip:")
    for name, size in parts.items():
        print(f"  {name:24} {size / 1000:6.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--query", default="Beratung")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for records in args.records:
        run(records, args.query, args.rounds)


if __name__ == "__main__":
    main()
