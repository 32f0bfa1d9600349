"""Benchmark: load and validate N generated record files, against plain PyYAML parsing.

    python bench/validate_bench.py [--records 2000] [--rounds 7]

Generates a data set in the contract's format (a third each actors, offers and
dates, a third of the dates recurring) in a temporary folder, then alternates
two runs and prints their medians:
  - baseline: read every file and parse it with PyYAML's C loader (no checks)
  - validate: the full pipeline (strict loader, schema, Markdown, records, cross checks)
Absolute times drift on shared machines; the ratio to the baseline is the figure.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml
from synthetic import generate

from quartier.contract.validate import validate


def baseline(data: Path) -> None:
    for file in data.rglob("*.yaml"):
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.records)
        data = Path(tmp) / "data"
        result = validate(data, today=date(2026, 11, 21))
        assert not result.errors, result.errors[:3]
        times: dict[str, list[float]] = {"baseline": [], "validate": []}
        for _ in range(args.rounds):
            for name, run in (("baseline", lambda: baseline(data)),
                              ("validate", lambda: validate(data, today=date(2026, 11, 21)))):
                begin = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - begin)
    base, full = (statistics.median(times[k]) for k in ("baseline", "validate"))
    print(f"| records | PyYAML C loader only (s) | validate (s) | ratio |\n|---|---|---|---|\n"
          f"| {args.records} | {base:.3f} | {full:.3f} | {full / base:.2f} |")


if __name__ == "__main__":
    main()
