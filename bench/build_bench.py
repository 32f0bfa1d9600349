"""Benchmark: the district site against plain Pelican on the same number of pages.

    python bench/build_bench.py [--sizes 1000,2000] [--rounds 3] [--languages de]
    (or: invoke bench)

For each size it generates synthetic data in the contract's format
(`bench/synthetic.py`) in a copy of the project, and as the baseline the same
number of Markdown articles for plain Pelican with its default theme. The two
builds alternate, so a busy machine slows both alike; both start from a clean
folder (no output/, no cache/), as in CI; the figure that counts is the ratio
of the medians. It also measures validation, a rebuild with
nothing changed, a rebuild after one record changed, the peak memory of a
build, the output size and the size of the search files. Results go to
stdout and bench/out/results.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from synthetic import WORDS, generate

from quartier.contract.validate import validate

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795262400")  # 2026-11-21 12:00 UTC
BASELINE_CONF = ('AUTHOR = "Bench"\nSITENAME = "Baseline"\nSITEURL = ""\n'
                 'TIMEZONE = "Europe/Berlin"\n')


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MiB of one command."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - begin
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def district_project(base: Path, records: int, languages: str | None = None) -> Path:
    project = base / "district"
    project.mkdir()
    for name in COPIED:
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, project / name)
    if languages:
        with (project / "pelicanconf.py").open("a") as settings:
            settings.write(f"QUARTIER_LANGUAGES = {languages.split(',')!r}\n")
    generate(project, records)
    return project


def baseline_project(base: Path, pages: int) -> Path:
    """Plain Pelican: `pages` Markdown articles with German text of similar length."""
    project = base / "baseline"
    (project / "content").mkdir(parents=True)
    (project / "pelicanconf.py").write_text(BASELINE_CONF)
    rng = random.Random(1)
    for i in range(pages):
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        (project / "content" / f"seite-{i}.md").write_text(
            f"Title: Seite {i}\nDate: 2026-01-01 10:00\nCategory: Stadtteil\n\n{words}.\n")
    return project


def clean(project: Path) -> None:
    """A fresh checkout, as CI builds it: no output/ and no cache/ (not part of the time)."""
    for name in ("output", "cache"):
        shutil.rmtree(project / name, ignore_errors=True)


def build(project: Path) -> tuple[float, int]:
    clean(project)
    return run([sys.executable, "-m", "invoke", "build"], project)


def measure(records: int, rounds: int, languages: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        district = district_project(Path(tmp), records, languages)
        baseline = baseline_project(Path(tmp), records)
        pelican = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s",
                   "pelicanconf.py", "-q"]
        times: dict[str, list[float]] = {"district": [], "baseline": []}
        memory = 0
        for _ in range(rounds):
            elapsed, peak = build(district)
            times["district"].append(elapsed)
            memory = max(memory, peak)
            clean(baseline)
            times["baseline"].append(run(pelican, baseline)[0])
        unchanged = statistics.median(
            run([sys.executable, "-m", "invoke", "build"], district)[0] for _ in range(rounds))
        offer = district / "data" / "offers" / "angebot-1.yaml"
        changed = []
        for i in range(rounds):
            offer.write_text(offer.read_text().replace("title: ", f"title: {i} ", 1))
            changed.append(run([sys.executable, "-m", "invoke", "build"], district)[0])
        begin = time.perf_counter()
        validate(district / "data", today=date(2026, 11, 21))
        validation = time.perf_counter() - begin
        output = district / "output"
        files = [p for p in output.rglob("*") if p.is_file()]
        search = [p for p in files if "suche" in p.parts and p.suffix != ".html"]
        full = statistics.median(times["district"])
        return {
            "records": records, "languages": languages or "as configured", "full": full,
            "baseline": statistics.median(times["baseline"]),
            "unchanged": unchanged, "changed": statistics.median(changed),
            "validation": validation, "memory": memory,
            "output": sum(p.stat().st_size for p in files) / 1e6,
            "search": sum(p.stat().st_size for p in search) / 1e3,
        }


def table(results: list[dict]) -> str:
    lines = [
        "| records | languages | full build (s) | plain Pelican (s) | ratio "
        "| rebuild, nothing changed | rebuild, one record changed | validation (s per 1,000) "
        "| peak memory (MiB) | output (MB) | search files (KB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['records']} | {r['languages']} | {r['full']:.2f} | {r['baseline']:.2f} "
            f"| {r['full'] / r['baseline']:.2f} | {r['unchanged']:.2f} s "
            f"({r['unchanged'] / r['full']:.0%}) | {r['changed']:.2f} s "
            f"({r['changed'] / r['full']:.0%}) | {r['validation'] / r['records'] * 1000:.2f} "
            f"| {r['memory']} | {r['output']:.1f} | {r['search']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--languages", help="site languages, comma-separated, e.g. de "
                        "(default: QUARTIER_LANGUAGES of pelicanconf.py)")
    args = parser.parse_args()
    results = [measure(int(n), args.rounds, args.languages) for n in args.sizes.split(",")]
    report = table(results)
    print(report)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
