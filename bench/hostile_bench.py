"""Benchmark: the worst inputs found, at the length limit, through the validator, the form and
the build's Markdown rendering – each must take well under a second.

    python bench/hostile_bench.py [--rounds 3] [--before]

Three tables, each against a baseline run side by side (absolute times drift on shared
machines; the ratio is the figure):
  - Markdown: each worst pattern (20,000 characters) through the validator's check and the
    build's `render`, against an ordinary description of the same length;
  - the date form: hostile answers through `submit` (reading, the record, writing the file,
    validating the data folder), against an ordinary form;
  - patterns: every regular expression that reads form answers, on a hostile text of n and
    4·n characters; linear time means a ratio near 4, quadratic near 16.
`--before` also times plain Python-Markdown on the bracket runs (5,000 and 10,000 characters),
to show what the check prevents. Exit status 1 if any case takes a second or more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from quartier.contract import markup
from quartier.tools.submission import form, freetext, location, submit
from support import DataFolder

N = markup.MAX_LENGTH
TODAY = date(2026, 11, 21)
LIMIT = 1.0

MARKDOWN = {
    "brackets [": "[" * N, "brackets and spaces": "[ " * (N // 2),
    "nested [[…]]": "[" * (N // 2) + "]" * (N // 2), "images ![": "![" * (N // 2),
    "open links [a](": "[a](" * (N // 4), "open parentheses": "[a](" + "(" * N,
    "CDATA": "<![CDATA[" * (N // 9), "open tags <a": "<a " * (N // 3),
    "autolinks <https://": "<https://a" * (N // 10), "mixed *[`_<&": "*[`_<&" * (N // 6),
    "backticks `": "`" * N, "backtick runs": "".join("`" * i + "a" for i in range(1, 190)),
    "emphasis *a": "*a" * (N // 2), "emphasis runs *_": "*_" * (N // 2),
    "strong **a": "**a" * (N // 3), "underscores _a": "_a" * (N // 2),
    "empty headings": "#\n" * (N // 2), "equal headings": "# h\n" * (N // 4),
    "setext headings": "a\n=\n" * (N // 4), "rules ---": "---\n" * (N // 4),
    "nested lists (indented)": "".join("    " * i + "- x\n" for i in range(100)),
    "nested list markers 1. 1.": "1. " * (N // 3), "nested quotes > >": "> " * (N // 2),
    "lists in quotes - >": "- > " * (N // 4), "list items": "- x\n" * (N // 4),
    "long link list": "".join(f"- [Partner {i}](https://example.org/{i})\n"
                              for i in range(N // 38)),
    "links inline": "[a](https://e.org) " * (N // 19), "references [a][b]": "[a][b] " * (N // 7),
    "html tags <b>": "<b>x</b>" * (N // 8), "entities &amp;": "&amp;" * (N // 5),
    "backslashes": "\\" * N, "escaped brackets \\[": "\\[" * (N // 2),
    "table": "| a | b |\n|---|---|\n" + "| x | y |\n" * (N // 10),
    "line breaks (two spaces)": "a  \n" * (N // 4), "blank lines": "\n" * N,
}
BASELINE = ("Ein ganz gewöhnlicher Absatz mit **fett**, *kursiv* und einem "
            "[Link](https://example.org/seite).\n\n") * (N // 100)


def _median(run, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _markdown(text: str) -> tuple[float, str]:
    text = text[:N]
    started = time.perf_counter()
    problems = markup.check_markdown(text)
    markup.render(text)
    return time.perf_counter() - started, ",".join(sorted({p[1] for p in problems})) or "ok"


def markdown_table(rounds: int) -> list[float]:
    base = _median(lambda: _markdown(BASELINE), rounds)
    print(f"\nMarkdown at {N} characters: check + render (median of {rounds}); "
          f"baseline {base:.3f} s")
    worst = []
    for name, text in MARKDOWN.items():
        seconds = _median(lambda t=text: _markdown(t), rounds)
        outcome = _markdown(text)[1]
        worst.append(seconds)
        print(f"  {name:28s} {seconds:7.3f} s  ×{seconds / base:5.1f}  {outcome}")
    return worst


FORM = {form.TITLE: "Frühstück", form.START: "10.03.2027 09:30", form.PLACE: "Naomi e. V.",
        form.CONSENT: "- [X] Ich darf diesen Termin veröffentlichen."}
HOSTILE_FORMS = {
    "60,000 [ in the description": {form.DESCRIPTION: "[" * 60_000},
    "19,000 [ in the description": {form.DESCRIPTION: "[" * 19_000},
    "60,000 a as contact (e-mail pattern)": {form.CONTACT: "a" * 60_000},
    "900 a as contact": {form.CONTACT: "a" * 900},
    "digits and spaces as contact": {form.CONTACT: "1 " * 450},
    "blank lines before the consent": {form.CONSENT: "\n" * 60_000},
    "place: 5-digit runs": {form.PLACE: "12345 " * 160},
    "start: digits and spaces": {form.START: "1 " * 450},
    "categories: 400 commas": {form.CATEGORIES: "Beratung, " * 90},
    "every field 1000 hidden characters": {label: "\u202e\u200b" * 500
                                           for label in form.LABELS},
}


def _body(answers: dict[str, str]) -> str:
    return "\n".join(f"### {label}\n\n{answers.get(label, '_No response_')}\n"
                     for label in form.LABELS)


def _submit(answers: dict[str, str]) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        data = DataFolder(Path(tmp))
        return submit(_body(answers), data.root / "data", today=TODAY).ok


def form_table(rounds: int) -> list[float]:
    base = _median(lambda: _submit(FORM), rounds)
    print(f"\nThe date form through submit() (median of {rounds}); baseline {base:.3f} s")
    worst = []
    for name, extra in HOSTILE_FORMS.items():
        answers = FORM | extra
        seconds = _median(lambda a=answers: _submit(a), rounds)
        worst.append(seconds)
        ok = _submit(answers)
        print(f"  {name:38s} {seconds:7.3f} s  ×{seconds / base:5.1f}  "
              f"{'accepted' if ok else 'refused'}")
    return worst


PATTERNS = {
    "EMAIL on a…": (lambda t: list(freetext.EMAIL.finditer(t)), "a"),
    "EMAIL on a@": (lambda t: list(freetext.EMAIL.finditer(t)), "a@"),
    "EMAIL on a.": (lambda t: list(freetext.EMAIL.finditer(t)), "a@b."),
    "URL on http://": (lambda t: list(freetext.URL.finditer(t)), "http://"),
    "phone on 1(": (freetext.find_phone, "1("),
    "phone on 1 ": (freetext.find_phone, "1 "),
    "times on 1 ": (freetext.find_times, "1 "),
    "time span on 1 - ": (lambda t: freetext._TIME_SPAN.search(t), "1 -"),
    "German date on 1.": (lambda t: freetext._GERMAN_DATE.search(t), "1."),
    "postcode and city": (lambda t: location._POSTCODE_CITY.search(t), "12345 "),
    "street": (lambda t: location._STREET.fullmatch(t + "xx"), "a 1"),
    "headings in the body": (form.read_form, "### Titel\n"),
}


def pattern_table(rounds: int, n: int = 20_000) -> list[float]:
    print(f"\nPatterns on form answers: {n} and {4 * n} characters (median of {rounds})")
    worst = []
    for name, (run, unit) in PATTERNS.items():
        small = (unit * n)[:n]
        large = (unit * 4 * n)[:4 * n]
        a = _median(lambda t=small, r=run: r(t), rounds)
        b = _median(lambda t=large, r=run: r(t), rounds)
        worst.append(b)
        print(f"  {name:22s} {a:8.4f} s  {b:8.4f} s  ratio {b / max(a, 1e-6):5.1f}")
    return worst


def before() -> None:
    import markdown

    print("\nPlain Python-Markdown, without the check (what it prevents):")
    for n in (5_000, 10_000):
        for name in ("brackets [", "nested [[…]]"):
            text = MARKDOWN[name][:n] if name == "brackets [" else (
                "[" * (n // 2) + "]" * (n // 2))
            started = time.perf_counter()
            markdown.markdown(text)
            print(f"  {name:16s} {n:6d} characters: {time.perf_counter() - started:7.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()
    worst = markdown_table(args.rounds) + form_table(args.rounds) + pattern_table(args.rounds)
    if args.before:
        before()
    slowest = max(worst)
    print(f"\nslowest case: {slowest:.3f} s (limit {LIMIT:.1f} s)")
    return 0 if slowest < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
