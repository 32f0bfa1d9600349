"""Abuse resistance of the validator and the date form (issue #21): bounded work on any input,
one-line messages, single-line fields, invisible characters.

How long things take is measured in bench/hostile_bench.py (each worst case at the limit,
against an ordinary text of the same length); the tests here check what is refused and what is
accepted, and that the limits hold together.
"""

from __future__ import annotations

import json
import re

import pytest

from quartier.contract import markup, schema
from quartier.contract.characters import invisible, remove_invisible, visible
from quartier.contract.problems import format_github, format_text
from quartier.tools.submission import form, submit
from quartier.tools.submission.freetext import EMAIL, URL, find_phone
from quartier.tools.submission.record import _LONGEST
from support import TODAY

OFFER = "title: X\nactor: qm-ost\ncategories: [beratung]\nsummary: S.\n"
CONSENT = "- [X] Ich darf diesen Termin veröffentlichen."


def _strings(value, where=""):
    """(place, schema) of every schema object that takes a string."""
    if isinstance(value, dict):
        types = value.get("type")
        if types == "string" or (isinstance(types, list) and "string" in types):
            yield where, value
        for key, sub in value.items():
            yield from _strings(sub, f"{where}/{key}")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, f"{where}/{i}")


_BOUNDED_PATTERN = re.compile(r"\^[^*+]*\$")  # no repetition without an upper bound


@pytest.mark.parametrize("kind", sorted(schema.SCHEMA_FILES))
def test_every_text_field_has_a_length_limit(kind):
    for where, sub in _strings(schema._inlined(kind)):
        parts = [sub, *sub.get("allOf", [])]
        limited = any("maxLength" in part or "enum" in part or
                      _BOUNDED_PATTERN.fullmatch(part.get("pattern", "")) for part in parts)
        assert limited, f"{kind}{where} has no maxLength"


def test_the_limits_agree_across_validator_markdown_check_and_form():
    common = schema._documents()["common.schema.json"]["$defs"]
    assert common["markdown"]["maxLength"] == markup.MAX_LENGTH == 20_000
    assert _LONGEST[form.DESCRIPTION] == markup.MAX_LENGTH
    assert _LONGEST[form.TITLE] == common["text"]["maxLength"]


def _patterns():
    for name, text in schema.source_texts().items():
        document = json.loads(text)
        for where, sub in _strings(document):
            if "pattern" in sub and sub.get("examples"):
                yield f"{name}{where}", sub["pattern"], sub["examples"][0]


@pytest.mark.parametrize(("where", "pattern", "example"), list(_patterns()))
def test_no_pattern_lets_a_trailing_line_break_through(where, pattern, example):
    regex = schema._ecma_regex(pattern)
    assert regex.search(example), where
    assert not regex.search(example + "\n"), where
    assert not re.search(pattern, example + "\u2029") or "\\n" not in pattern, where


@pytest.mark.parametrize("title", ['"T\\n"', "|\n  T\n", '"T\\u2028U"', '"T\\r"'])
def test_a_single_line_field_refuses_a_line_break(data, title):
    problems = data.problems("offers/o.yaml", OFFER.replace("title: X", f"title: {title}"))
    assert [p.rule for p in problems] in (["single-line"], ["control-character"]), problems
    assert "⏎" in problems[0].message or "U+" in problems[0].message


def test_a_title_with_a_line_break_never_reaches_the_calendar(data):
    """The build failed with icalendar's AssertionError; now there is no data set."""
    data.write("dates/d.yaml", 'title: "T\\n"\nstart: 2026-12-02 18:00\n')
    assert data.validate().dataset is None


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2067", "\u2069", "\u200b",
                                  "\u2060", "\ufeff", "\u200c", "\u200d", "\U000e0041"])
@pytest.mark.parametrize("field", ["title", "summary", "description", "actor"])
def test_bidi_controls_and_zero_width_characters_are_refused_in_every_field(data, char, field):
    value = {"title": "X", "summary": "S.", "actor": "qm-ost"}.get(field, "Text")
    text = OFFER + ("description: Text\n" if field == "description" else "")
    text = text.replace(f"{field}: {value}", f"{field}: {value[:1]}{char}{value[1:]}")
    problems = data.problems("offers/o.yaml", text)
    assert "invisible-character" in [p.rule for p in problems], problems
    p = next(p for p in problems if p.rule == "invisible-character")
    assert (p.line, p.field) == (text.split("\n").index(next(
        line for line in text.split("\n") if char in line)) + 1, field)
    assert f"U+{ord(char):04X}" in p.message


def test_an_escape_written_in_quotes_is_refused_too(data):
    problems = data.problems("offers/o.yaml", OFFER.replace("title: X", 'title: "X\\u202eY"'))
    assert [p.rule for p in problems] == ["invisible-character"]


@pytest.mark.parametrize("text", [
    "می‌خواهم",  # Persian: ZWNJ between two letters
    "لا‌اله",  # Arabic with ZWNJ
    "क्‍ष",  # Devanagari with ZWJ
    "Familie 👩‍👧 und 👨‍👩‍👧‍👦",  # ZWJ inside emoji
    "Flagge 🏴󠁧󠁢󠁥󠁮󠁧󠁿",  # England's flag: tag characters
    "שלום\u200f!",  # a right-to-left mark
    "Zusammen\u00adarbeit",  # a soft hyphen
])
def test_the_characters_a_script_needs_are_accepted(data, text):
    problems = data.problems("offers/o.yaml", OFFER.replace("summary: S.", f"summary: {text}"))
    assert problems == []
    assert data.validate().dataset.offers["o"].summary == text


def test_a_joiner_in_a_latin_word_is_refused():
    assert list(invisible("Bera\u200ctung")) == [4]
    assert list(invisible("ab\u200dcd")) == [2]
    assert remove_invisible("Be\u202era\u200btung می‌خواهم") == "Beratung می‌خواهم"


def test_visible_shows_every_hidden_character_and_keeps_the_rest():
    assert visible("a\nb\tc\u202ed\u00a0e\x85f") == "a⏎b⟨U+0009⟩c⟨U+202E⟩d⟨U+00A0⟩e⟨U+0085⟩f"
    assert visible("Grüße, مرحبا 👩‍👧") == "Grüße, مرحبا 👩⟨U+200D⟩👧"


# --- messages ---------------------------------------------------------------------------------


def test_workflow_commands_in_a_description_stay_inside_their_message(data):
    """The issue's input: a link whose address holds a line break and `::error::`."""
    data.write("offers/o.yaml", OFFER + "description: |\n  [x](javascript:a\n  ::error::y)\n")
    problems = data.validate().problems
    assert problems and all(p.is_error for p in problems)
    for output in (format_text(problems), format_github(problems)):
        for line in output.split("\n"):
            assert not line.lstrip().startswith("::error::"), line
            assert line.startswith(("data/", "    Hinweis: ", "::error file=")), line


# --- Markdown in bounded time -----------------------------------------------------------------

N = markup.MAX_LENGTH
#: The worst inputs found for Python-Markdown, at the length limit (bench/hostile_bench.py
#: measures each; before the check, 20,000 "[" took 67 s).
SLOW = {
    "brackets": "[" * N, "brackets and spaces": "[ " * (N // 2), "nested": "[" * (N // 2)
    + "]" * (N // 2), "images": "![" * (N // 2), "open links": "[a](" * (N // 4),
    "open parentheses": "[a](" + "(" * (N - 4), "brackets then text": "[" * 100 + "a" * (N - 100),
    "CDATA": "<![CDATA[" * (N // 9), "open tags": "<a " * (N // 3), "autolinks": "<https://a"
    * (N // 10), "empty headings": "#\n" * (N // 2), "equal headings": "# h\n" * (N // 4),
    "setext headings": "a\n=\n" * (N // 4), "rules": "---\n" * (N // 4),
    "nested list items": "1. " * (N // 3), "nested quotes in lists": "- > " * 30,
}
#: What a long real description looks like: it is accepted.
FAST = {
    "link list": "".join(f"- [Partner {i}](https://example.org/{i})\n" for i in range(500)),
    "paragraphs": ("Ein Absatz mit **fett**, *kursiv* und einem [Link](https://e.org).\n\n"
                   * 300),
    "nested list": "".join("  " * (i % 4) + f"- Punkt {i}\n" for i in range(800)),
    "table": "| a | b |\n|---|---|\n" + "| x | y |\n" * 1000,
    "headings": "".join(f"## Abschnitt {i}\n\nText.\n\n" for i in range(60)),
    "code and emphasis": "`a` _b_ *c* **d** " * 1000,
    "brackets in prose": "Die Zahl [sic] steht so im Text (siehe oben). " * 400,
}


@pytest.mark.parametrize("name", list(SLOW))
def test_the_worst_markdown_is_refused_before_rendering(name):
    text = SLOW[name][:N]
    problems = markup.check_markdown(text)
    assert [rule for _, rule, _, _ in problems] == ["markdown-too-complex"], name
    # The site never renders it as Markdown, whatever reached it.
    assert markup.render(text).startswith("<p>")


@pytest.mark.parametrize("name", list(FAST))
def test_long_real_descriptions_are_accepted(name):
    text = FAST[name][:N]
    assert markup.check_markdown(text) == [], name


def test_a_refused_description_is_reported_at_its_field_in_german(data):
    text = OFFER + 'description: "' + "[" * 5000 + '"\n'
    [p] = data.problems("offers/o.yaml", text)
    assert (p.field, p.rule, p.line) == ("description", "markdown-too-complex", 5)
    assert "eckige Klammern" in p.message


def test_a_description_over_the_limit_is_too_long_and_not_rendered(data):
    text = OFFER + "description: |\n  " + "[" * (N + 1) + "\n"
    [p] = data.problems("offers/o.yaml", text, max_file_bytes=10**6)
    assert p.rule == "too-long"


# --- the date form ----------------------------------------------------------------------------


def _body(**answers: str) -> str:
    parts = []
    for label in form.LABELS:
        parts += [f"### {label}", "", answers.get(label, "_No response_"), ""]
    return "\n".join(parts)


MINIMAL = {form.TITLE: "Frühstück", form.START: "10.03.2027 09:30", form.PLACE: "Naomi e. V.",
           form.CONSENT: CONSENT}


def test_the_form_refuses_sixty_thousand_brackets_in_german(data):
    result = submit(_body(**MINIMAL | {form.DESCRIPTION: "[" * 60_000}), data.root / "data",
                    today=TODAY)
    assert not result.ok
    assert [(m.label, m.text) for m in result.messages] == [
        (form.DESCRIPTION, "Die Angabe ist 60000 Zeichen lang, erlaubt sind höchstens 20000.")]


def test_the_form_refuses_the_worst_markdown_within_the_limit(data):
    result = submit(_body(**MINIMAL | {form.DESCRIPTION: "[" * 19_000}), data.root / "data",
                    today=TODAY)
    assert not result.ok
    assert [m.label for m in result.messages] == [form.DESCRIPTION]
    assert "eckige Klammern" in result.messages[0].text


def test_the_form_cleans_every_field_alike(data):
    hidden = "\u202e\u200b\u2066"
    answers = {label: f"{hidden[i % 3]}{value}" for i, (label, value) in
               enumerate((MINIMAL | {form.PLACE: "Eisenbahnstraße 49\n04315 Leipzig",
                                     form.SUMMARY: "Ein Satz.", form.COST: "kostenlos",
                                     form.CONTACT: "info@example.org"}).items())}
    answers[form.PLACE] = f"Eisen\u202ebahnstraße 49{hidden}, 04315 Leip\u200bzig"
    result = submit(_body(**answers), data.root / "data", today=TODAY)
    assert result.ok, result.messages
    assert not any(c in result.text for c in hidden)
    assert "Eisenbahnstraße 49" in result.text and "city: Leipzig" in result.text


def test_the_form_keeps_the_joiner_persian_needs(data):
    result = submit(_body(**MINIMAL | {form.SUMMARY: "می‌خواهم"}), data.root / "data",
                    today=TODAY)
    assert result.ok, result.messages
    assert "می‌خواهم" in result.text


def test_the_forms_patterns_find_what_they_found_before():
    text = "Anmeldung bis 5.3. per E-Mail an info@example.org. oder a.b@c.example.de, " \
           "Tel. 0341 123456 ab 14 Uhr, https://example.org/a?b=1)"
    assert [m.group() for m in EMAIL.finditer(text)] == ["info@example.org",
                                                         "a.b@c.example.de"]
    assert find_phone(text) == "0341 123456"
    assert find_phone("Raum 2, +49 (0)341 12345") == "+49 (0)341 12345"
    assert find_phone("Raum 12, Etage 3") is None
    assert URL.search(text).group() == "https://example.org/a?b=1"


def test_a_long_answer_is_refused_before_anything_parses_it(data):
    result = submit(_body(**MINIMAL | {form.CONTACT: "a" * 60_000, form.START: "1" * 5000}),
                    data.root / "data", today=TODAY)
    assert not result.ok
    assert {m.label for m in result.messages} == {form.CONTACT, form.START}
