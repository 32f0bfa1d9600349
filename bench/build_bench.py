"""Benchmark: the district site against plain Pelican on the same number of pages.

    python bench/build_bench.py [--sizes 1000,2000] [--rounds 3] [--languages de]
    (or: invoke bench)

For each size it generates synthetic data in the contract's format
(`bench/synthetic.py`) in a copy of the project, and as the baseline as many
Markdown articles for plain Pelican with its default theme as the district build
writes HTML pages (language sub-sites count as pages). The two builds alternate,
so a busy machine slows both alike; both start from a clean folder (no output/,
no cache/), as in CI; the figure that counts is the ratio of the medians. It also
measures validation, a rebuild with nothing changed, a rebuild after one record
changed, the peak memory of a build, the output size and the size of the search
files. Results go to stdout and bench/out/results.md.

Peak memory is the proportional set size (PSS, /proc/<pid>/smaps_rollup) summed
over the build and every process it forks, sampled while it runs: pages that
forked parts share count once, so the sum is what the build costs the machine.
Beside it the largest single process (its maximum resident set size).

`--source DIR` benchmarks another checkout of the project (e.g. the state before a
change, from `git archive`), so before and after are measured by the same script.
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
import threading
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


def run(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, int]:
    """Wall time in seconds, the largest process's peak memory and the peak of the memory
    summed over the command's processes (PSS), both in MiB, of one command."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    sampler = PeakMemory(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - begin
    sampler.stop()
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024, sampler.peak // 1024


class PeakMemory(threading.Thread):
    """The highest PSS (KiB) summed over a process and its descendants, sampled."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(_pss(p) for p in _descendants(self.pid)))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    """`root` and every process below it (from each process's parent in /proc/<pid>/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines()
                 if line.startswith("Pss:")), 0)


def district_project(base: Path, records: int, languages: str | None = None,
                     source_root: Path = ROOT) -> Path:
    project = base / "district"
    project.mkdir()
    for name in COPIED:
        source = source_root / name
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


def build(project: Path) -> tuple[float, int, int]:
    clean(project)
    return invoke_build(project)


def invoke_build(project: Path) -> tuple[float, int, int]:
    """`invoke build` in the copy, with the copy's own core package (not the installed one)."""
    return run([sys.executable, "-m", "invoke", "build"], project,
               dict(ENV, PYTHONPATH=str(project / "plugins")))


def measure(records: int, rounds: int, languages: str | None, source_root: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        district = district_project(Path(tmp), records, languages, source_root)
        baseline = None
        pelican = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s",
                   "pelicanconf.py", "-q"]
        times: dict[str, list[float]] = {"district": [], "baseline": []}
        memory = summed = 0
        for _ in range(rounds):
            elapsed, peak, pss = build(district)
            times["district"].append(elapsed)
            memory, summed = max(memory, peak), max(summed, pss)
            if baseline is None:  # as many pages as the district site has
                pages = sum(1 for _ in (district / "output").rglob("*.html"))
                baseline = baseline_project(Path(tmp), pages)
            clean(baseline)
            times["baseline"].append(run(pelican, baseline)[0])
        unchanged = statistics.median(
            invoke_build(district)[0] for _ in range(rounds))
        offer = district / "data" / "offers" / "angebot-1.yaml"
        changed = []
        for i in range(rounds):
            offer.write_text(offer.read_text().replace("title: ", f"title: {i} ", 1))
            changed.append(invoke_build(district)[0])
        begin = time.perf_counter()
        validate(district / "data", today=date(2026, 11, 21))
        validation = time.perf_counter() - begin
        output = district / "output"
        files = [p for p in output.rglob("*") if p.is_file()]
        search = [p for p in files if "suche" in p.parts and p.suffix != ".html"]
        full = statistics.median(times["district"])
        return {
            "records": records, "languages": languages or "as configured", "pages": pages,
            "full": full,
            "baseline": statistics.median(times["baseline"]),
            "unchanged": unchanged, "changed": statistics.median(changed),
            "validation": validation, "memory": memory, "pss": summed,
            "output": sum(p.stat().st_size for p in files) / 1e6,
            "search": sum(p.stat().st_size for p in search) / 1e3,
        }


def table(results: list[dict]) -> str:
    lines = [
        "| records | languages | HTML pages | full build (s) | plain Pelican (s) | ratio "
        "| rebuild, nothing changed | rebuild, one record changed | validation (s per 1,000) "
        "| peak memory, all processes (PSS, MiB) | largest process (MiB) | output (MB) "
        "| search files (KB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['records']} | {r['languages']} | {r['pages']} | {r['full']:.2f} "
            f"| {r['baseline']:.2f} "
            f"| {r['full'] / r['baseline']:.2f} | {r['unchanged']:.2f} s "
            f"({r['unchanged'] / r['full']:.0%}) | {r['changed']:.2f} s "
            f"({r['changed'] / r['full']:.0%}) | {r['validation'] / r['records'] * 1000:.2f} "
            f"| {r['pss']} | {r['memory']} | {r['output']:.1f} | {r['search']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--languages", help="site languages, comma-separated, e.g. de "
                        "(default: QUARTIER_LANGUAGES of pelicanconf.py)")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the checkout of the project to build (default: this one)")
    args = parser.parse_args()
    results = [measure(int(n), args.rounds, args.languages, args.source.resolve())
               for n in args.sizes.split(",")]
    report = table(results)
    print(report)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
