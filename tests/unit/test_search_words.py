"""How the search reads words in each site language (quartier.render.search_words).

That the browser reads them alike is tested in Chromium (tests/browser/test_search.py, over
word lists of every language); here: what each language's analysis does, and that the word
lists shipped for Python are the browser's.
"""

from __future__ import annotations

import json
import re

import pytest

from quartier.render import search_words as sw
from support import PROJECT

JS = PROJECT / "theme" / "static" / "js"


def stems(code: str, text: str) -> list[str]:
    who = sw.analyser(code)
    return [pair[1] for token in sw.tokens(text) if (pair := who.word_and_stem(token))]


def test_tokens_drop_combining_marks_before_splitting():
    assert sw.tokens("عامًا") == ["عاما"]  # tanween would otherwise split the word
    assert sw.tokens("İstanbul") == ["istanbul"]  # the dot of a lower-case "İ"
    assert sw.tokens("Ga\u0308rten, Senior:innen") == ["gärten", "senior", "innen"]


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("de", "Gärten und Gaerten für Familien", ["gart", "gart", "famili"]),
    ("en", "Counselling for the children", ["counsel", "children"]),
    ("ru", "Консультации, приёмные часы и дети", ["консультац", "приемн", "час", "дет"]),
    ("ar", "للأطفال والأطفال أطفال", ["اطفال", "اطفال", "اطفال"]),
    ("ar", "استشارة الاستشارات في المدرسة", ["استشار", "استشار", "مدرس"]),
    ("ar", "الألمانية ألمانية", ["المان", "المان"]),  # the hamza keeps "أل" from the article
    ("uk", "Консультації й допомога для дітей", ["консультаціі", "допомога", "дітеи"]),
    ("tr", "Çocuklar için Danışmanlık", ["cocuklar", "danismanlik"]),
    ("fa", "Kurs", ["kurs"]),  # no analyser of its own: folding only
])
def test_each_language_folds_drops_stop_words_and_stems(code, text, expected):
    assert stems(code, text) == expected


def test_russian_stop_words_are_those_of_lunr_ru():
    source = (JS / "vendor" / "lunr.ru.min.js").read_text(encoding="utf-8")
    listed = re.search(r'StopWordFilter\("([^"]*)"', source)[1].split()
    assert set(listed) == sw.ANALYSERS["ru"].stop_words


def test_english_stop_words_are_those_of_lunr_js():
    source = (JS / "vendor" / "lunr.min.js").read_text(encoding="utf-8")
    listed = json.loads(re.search(r"stopWordFilter=\w+\.generateStopWordFilter\((\[[^]]*\])",
                                  source)[1])
    assert set(listed) == sw.ANALYSERS["en"].stop_words


@pytest.mark.parametrize(("code", "name"), [("ar", "ARABIC_STOP_WORDS"), ("uk", "uk"),
                                            ("tr", "tr")])
def test_search_js_lists_the_same_stop_words(code, name):
    source = (JS / "search.js").read_text(encoding="utf-8")
    if code == "ar":
        block = re.search(r"ARABIC_STOP_WORDS = new Set\(\((.*?)\)\.split", source, re.S)[1]
    else:
        block = re.search(rf"\n    {name}: {{.*?new Set\((.*?)\s*\.split", source, re.S)[1]
    listed = "".join(re.findall(r'"([^"]*)"', block)).split()
    assert set(listed) == sw.ANALYSERS[code].stop_words
