"""How the site search reads words, in each site language: one `Analyser` per language code.

A text becomes index terms in three steps, and `theme/static/js/search.js` repeats them for
every query, so both must agree exactly (tests/browser/test_search.py compares them over
word lists in Chromium):

1. `tokens`: Unicode NFC, lower case, combining marks dropped (Arabic short vowels, the
   dot of a lower-case Turkish "İ"), then runs of letters and digits.
2. `Analyser.fold`, per language: German and the Latin-script languages fold accents and
   umlauts ("Gärten", "Gaerten" -> "garten"; Turkish "ı" -> "i"); Russian writes "ё" as
   "е" (as its stemmer does); Arabic drops the tatweel and unifies the alef forms, alif
   maqsura and taa marbuta. Stop words and single letters are left out.
3. `Analyser.stem`, per language, the stemmer that the browser has in the same form:
   - de: Snowball German, nltk here, lunr-languages' `lunr.de` there;
   - ru: Snowball Russian, nltk here, lunr-languages' `lunr.ru` there (they differ on one
     word of the 457 of the Russian catalog and data, "следующая");
   - en: Snowball English (Porter2), nltk's here, snowball-stemmer.jsx's `EnglishStemmer`
     there (lunr-languages has no English; lunr's own Porter stemmer differs from nltk's
     and even from lunr.py's on words like "days");
   - ar: a light stemmer (after Larkey's "light10"): the conjunction "و" and the article
     in its forms "ال", "لل", "وال", "بال", "كال", "فال" come off the front, common plural,
     dual and pronoun endings off the back, so "أطفال" and "للأطفال" meet in "اطفال".
     Neither nltk's Snowball Arabic nor lunr-languages' `lunr.ar` (a root stemmer) has a
     twin on the other side – they disagree on 147 of 437 words of the Arabic catalog –
     so this one is written out in both places, in a few lines each;
   - uk, tr and any other language: folding only; prefix search finds the endings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS
from nltk.stem.snowball import SnowballStemmer

HERE = Path(__file__).resolve().parent

_TOKEN = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u0640]")


def word_list(name: str) -> frozenset[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def tokens(text: str) -> list[str]:
    """The lower-case words of a text, without combining marks (step 1)."""
    plain = _MARKS.sub("", unicodedata.normalize("NFC", text).lower())
    return _TOKEN.findall(unicodedata.normalize("NFC", plain))


def written_tokens(text: str) -> list[tuple[str, str]]:
    """(token, as written) for each of `tokens(text)`: "Nähkurs" for "nähkurs"."""
    lower = tokens(text)
    written = _TOKEN.findall(unicodedata.normalize("NFC", _MARKS.sub(
        "", unicodedata.normalize("NFC", text))))
    if len(written) != len(lower):  # lower-casing changed a word's letters; rare
        written = lower
    return list(zip(lower, written, strict=True))


def fold_latin(word: str) -> str:
    """Without accents and umlauts: "gärten", "gaerten" -> "garten"; "ß" -> "ss"; "ı" -> "i"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word)
                    if unicodedata.category(c) != "Mn")
    return re.sub("ae|oe|ue", lambda m: m[0][0], plain.replace("ß", "ss").replace("ı", "i"))


def fold_cyrillic(word: str) -> str:
    return word.replace("ё", "е")


_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                 "ؤ": "و", "ئ": "ي"})
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_ENDINGS = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def fold_arabic(word: str) -> str:
    return word.translate(_ARABIC_LETTERS)


def stem_arabic(word: str) -> str:
    """Light stemming of a word as written (before folding, so that the hamza of "ألمانية"
    keeps it from being read as the article): front clitics, then endings, each only while
    at least two letters stay."""
    if len(word) >= 4 and word.startswith("و"):
        word = word[1:]
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article):]
            break
    word = fold_arabic(word)
    for ending in _ARABIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[:-len(ending)]
    return word


_UNFOLD = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}


@dataclass(frozen=True)
class Analyser:
    """One language's steps 2 and 3; `terms` of a text is what the index holds for it."""

    code: str
    fold: Callable[[str], str]
    stop_words: frozenset[str]
    stemmer: Callable[[str], str] | None = None
    #: Arabic stems the word as written; the others stem the folded word.
    stems_unfolded: bool = False

    def is_stop_word(self, word: str) -> bool:
        """A lower-case word is a stop word as written; German also with ae/oe/ue/ss as
        ä/ö/ü/ß ("fuer" like "für")."""
        if word in self.stop_words:
            return True
        return self.code == "de" and re.sub(
            "ae|oe|ue|ss", lambda m: _UNFOLD[m[0]], word) in self.stop_words

    def words(self, text: str) -> list[str]:
        """The folded words of a text that are worth indexing: no stop words, no single
        letters (single digits count)."""
        return [w for token in tokens(text) if (w := self._indexed(token))]

    def word_and_stem(self, token: str) -> tuple[str, str] | None:
        """A lower-case token as (folded word, stem), or None if it is not indexed."""
        word = self._indexed(token)
        return (word, self.stem_token(token, word)) if word else None

    def stem(self, word: str) -> str:
        """The stem of a folded word."""
        return self._stem(word)

    def stem_token(self, token: str, word: str) -> str:
        return stem_arabic(token) if self.stems_unfolded else self._stem(word)

    def __post_init__(self) -> None:
        # Per analyser, for the whole process: a build meets the same words again and again.
        object.__setattr__(self, "_indexed", functools.lru_cache(maxsize=None)(self._index))
        object.__setattr__(self, "_stem", functools.lru_cache(maxsize=None)(
            self.stemmer or (lambda word: word)))

    def clear_caches(self) -> None:
        self._indexed.cache_clear()
        self._stem.cache_clear()

    def _index(self, token: str) -> str:
        """A lower-case token folded, or "" if it is not indexed."""
        if (len(token) < 2 and not token.isnumeric()) or self.is_stop_word(token):
            return ""
        word = self.fold(token)
        return "" if self.is_stop_word(word) and self.code != "de" else word


_GERMAN = SnowballStemmer("german").stem
_RUSSIAN = SnowballStemmer("russian").stem
_ENGLISH = SnowballStemmer("english").stem
ARABIC_STOP_WORDS = word_list("search_stopwords_ar.txt")

ANALYSERS = {
    "de": Analyser("de", fold_latin, word_list("search_stopwords_de.txt"), _GERMAN),
    "en": Analyser("en", fold_latin, frozenset(ENGLISH_STOP_WORDS), _ENGLISH),
    "ru": Analyser("ru", fold_cyrillic, word_list("search_stopwords_ru.txt"), _RUSSIAN),
    "ar": Analyser("ar", fold_arabic, ARABIC_STOP_WORDS, stems_unfolded=True),
    # Ukrainian and Turkish: a few conjunctions and prepositions, also in search.js.
    "uk": Analyser("uk", fold_latin, frozenset({"та", "на", "до", "для", "що", "як", "або",
                                               "від", "за", "по", "при", "чи"})),
    "tr": Analyser("tr", fold_latin, frozenset({"ve", "ile", "bir", "bu", "icin", "de", "da",
                                               "mi", "veya", "ya"})),
}


def analyser(code: str) -> Analyser:
    """The analyser of a language; a language without its own folds as Latin script does."""
    return ANALYSERS.get(code) or Analyser(code, fold_latin, frozenset())
