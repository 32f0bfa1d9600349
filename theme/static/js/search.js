/* The site search on /suche/ (theme/templates/search.html); no other page loads it.
 *
 * plugins/quartier/render/search_index.py builds one lunr index per site language and cuts
 * it by term into shards. This script fetches meta.json, the shards the query's words fall
 * into, and one small file per result it shows. Words are analysed as
 * plugins/quartier/render/search_words.py does – keep `tokens`, `ANALYSERS` and `stemArabic`
 * in step with it: lower case without combining marks, folded and stemmed per language. On
 * a page in another language than German every word is also read as German, since the
 * records' texts are German where they have no translation.
 *
 * A word that finds nothing is split as a German compound ("Sozialberatung" → "sozial" +
 * "beratung", ranked by how many parts a record has), then looked up again with one or two
 * typing errors among the words of the index ("Meinten Sie …?"). The office's synonyms
 * (meta.json `syn`) find records at half the weight of the word itself.
 *
 * Text from the data only ever reaches the page through textContent, and nothing sets inline
 * styles or handlers: the site runs under a CSP without 'unsafe-inline'.
 */
(function () {
  "use strict";

  const box = document.getElementById("search");
  const form = document.querySelector("form.search");
  if (!box || !form || !window.lunr || !lunr.de) return;

  const input = form.elements.q;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const nothing = document.getElementById("search-none");
  const text = box.dataset; // the UI texts, translated by the template
  const metaUrl = new URL(text.index, location.href);
  const PAGE = 20; // results shown at a time
  const EXACT = 10; // the word's stem weighs ten times the longer words it begins
  const SYNONYM = 0.5; // a synonym weighs half the word itself
  const MIN_HEAD = 3; // compound parts, as search_index.MIN_HEAD and MIN_TAIL
  const MIN_TAIL = 4;
  const FEW = 5; // a word with fewer results also looks for its compound parts
  const { OPTIONAL, REQUIRED, PROHIBITED } = lunr.Query.presence;

  /* --- Words, as search_words.py sees them ------------------------------------------- */

  const MARKS = /[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u0640]/g;

  function tokens(value) {
    const plain = value.normalize("NFC").toLowerCase().replace(MARKS, "").normalize("NFC");
    return plain.match(/[\p{L}\p{N}]+/gu) || [];
  }

  const foldLatin = (word) => word.normalize("NFKD").replace(/\p{Mn}/gu, "")
    .replace(/ß/g, "ss").replace(/ı/g, "i").replace(/ae|oe|ue/g, (m) => m[0]);
  const ARABIC_LETTERS = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و",
    "ئ": "ي" };
  const foldArabic = (word) => word.replace(/[أإآٱىةؤئ]/g, (c) => ARABIC_LETTERS[c]);
  const ARABIC_ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  const ARABIC_ENDINGS = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
  /* search_stopwords_ar.txt */
  const ARABIC_STOP_WORDS = new Set(("في من الي علي عن مع او ام ثم حتي هذا هذه ذلك تلك هناك " +
    "هنا التي الذي الذين كل بعد قبل حول دون بين عند لدي ما ماذا لا لم لن قد كان كانت يكون هو " +
    "هي هم هن نحن انت انا انتم يا ان اذا لكن بل غير ايضا").split(" "));

  function stemArabic(token) {
    let word = token;
    if ([...word].length >= 4 && word.startsWith("و")) word = word.slice(1);
    const article = ARABIC_ARTICLES.find((a) => word.startsWith(a) && word.length - a.length >= 2);
    if (article) word = word.slice(article.length);
    word = foldArabic(word);
    for (const ending of ARABIC_ENDINGS) {
      if (word.endsWith(ending) && word.length - ending.length >= 2) {
        word = word.slice(0, -ending.length);
      }
    }
    return word;
  }

  const filtered = (filter) => (word) => !filter(new lunr.Token(word));
  const stemmed = (stemmer) => (word) => stemmer(new lunr.Token(word)).toString();
  const listed = (words) => (word) => words.has(word);
  const UNFOLD = { ae: "ä", oe: "ö", ue: "ü", ss: "ß" };
  const germanStop = filtered(lunr.de.stopWordFilter);

  /* One analyser per language, as search_words.ANALYSERS. */
  const ANALYSERS = {
    de: { fold: foldLatin, stem: stemmed(lunr.de.stemmer),
      stop: (w) => germanStop(w) || germanStop(w.replace(/ae|oe|ue|ss/g, (m) => UNFOLD[m])) },
    en: { fold: foldLatin, stop: filtered(lunr.stopWordFilter) },
    ar: { fold: foldArabic, stemToken: stemArabic, stop: listed(ARABIC_STOP_WORDS) },
    uk: { fold: foldLatin, stop: listed(new Set("та на до для що як або від за по при чи"
      .split(" "))) },
    tr: { fold: foldLatin, stop: listed(new Set("ve ile bir bu icin de da mi veya ya"
      .split(" "))) },
  };
  if (window.EnglishStemmer) { // vendor/english-stemmer.global.min.js, on English pages
    const english = new window.EnglishStemmer();
    ANALYSERS.en.stem = (word) => english.stemWord(word);
  }
  if (lunr.ru) {
    ANALYSERS.ru = { fold: (w) => w.replace(/ё/g, "е"), stem: stemmed(lunr.ru.stemmer),
      stop: filtered(lunr.ru.stopWordFilter) };
  }

  function analyser(code) {
    return ANALYSERS[code] || { fold: foldLatin, stop: () => false };
  }

  /* A token as {word, stem, lang}, or null where search_words leaves it out. */
  function analyse(token, code) {
    const a = analyser(code);
    if (([...token].length < 2 && !/^\p{N}$/u.test(token)) || a.stop(token)) return null;
    const word = a.fold(token);
    if (code !== "de" && a.stop(word)) return null;
    const stem = a.stemToken ? a.stemToken(token) : a.stem ? a.stem(word) : word;
    return { word, stem, lang: code };
  }

  /* For tests/browser/test_search.py, which compares this analysis with the build's. */
  window.quartierSearchWords = Object.freeze({ tokens, analyse });

  /* --- Fetching: meta.json, shards as lunr indexes, vocabulary and result files ------- */

  let meta = null;
  const files = new Map();

  function fetchJson(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json();
    });
  }

  function loadMeta() {
    meta = meta || fetch(metaUrl, { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`${metaUrl}: HTTP ${response.status}`);
      return response.json();
    }).catch((error) => { meta = null; throw error; });
    return meta;
  }

  /* One file of the index, fetched once; `make` turns its JSON into what is kept. */
  function indexFile(m, name, make) {
    if (!files.has(name)) {
      const url = new URL(`${name}?v=${m.v}`, metaUrl);
      files.set(name, fetchJson(url).then(make).catch((error) => {
        files.delete(name);
        throw error;
      }));
    }
    return files.get(name);
  }

  /* A shard in lunr's serialised form: search_index.shards sends each posting once,
     as gaps between document numbers and scores times 1000. */
  function lunrIndex(m, terms) {
    const vectors = new Map();
    const invertedIndex = terms.map(([term, byField], number) => {
      const posting = { _index: number };
      for (const field of m.fields) {
        posting[field] = {};
        const [gaps, scores] = byField[field] || [[], []];
        let doc = 0;
        gaps.forEach((gap, i) => {
          doc += gap;
          const ref = doc.toString(36);
          const key = `${field}/${ref}`;
          posting[field][ref] = {};
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push(number, scores[i] / 1000);
        });
      }
      return [term, posting];
    });
    return lunr.Index.load({
      version: m.lunr, fields: m.fields, pipeline: m.pipeline,
      invertedIndex, fieldVectors: [...vectors],
    });
  }

  /* The numbers of the files whose first entries (`starts`) may hold `low`…`high`. */
  function filesBetween(starts, low, high) {
    const lastAtOrBefore = (term) => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= term) lo = mid + 1; else hi = mid;
      }
      return Math.max(0, lo - 1);
    };
    const numbers = [];
    for (let n = lastAtOrBefore(low); n <= lastAtOrBefore(high); n += 1) numbers.push(n);
    return starts.length ? numbers : [];
  }

  /* --- Queries ------------------------------------------------------------------------- */

  class BadQuery extends Error {}

  /* What one analysed word looks for: its stem ten times, and from `m.prefix` letters on
     the longer words it begins as typed ("Kurs" finds "Kurse" and "Deutschkurs…" but not
     "kurz", though its stem is "kur"); Arabic stems, which drop the front of a word too,
     by the stem. All of it lies in one shard, so lunr scores it there as in the whole
     index. */
  function lookup(m, found, weight) {
    const { word, stem, lang } = found;
    const begins = lang === "ar" ? (stem.length >= m.prefix ? stem : null)
      : (stem.length >= m.prefix && word.startsWith(stem) ? word : null);
    return { term: stem, prefix: begins, weight, low: stem,
      high: begins ? `${begins}\uffff` : stem };
  }

  /* The folded German words of the synonym group a German word is in, but that word. */
  function synonyms(m, found) {
    const german = analyser("de");
    for (const group of m.syn || []) {
      if (group.some((w) => w === found.word || german.stem(w) === found.stem)) {
        return group.filter((w) => german.stem(w) !== found.stem)
          .map((w) => ({ word: w, stem: german.stem(w), lang: "de" }));
      }
    }
    return [];
  }

  /* The readings of a token: in the page's language and in German, each with its synonyms. */
  function readings(m, token) {
    const languages = [...new Set([m.lang || "de", "de"])];
    const found = languages.map((code) => analyse(token, code)).filter(Boolean);
    const seen = new Set();
    const looks = [];
    const add = (look) => {
      const key = `${look.term} ${look.prefix}`;
      if (!seen.has(key)) { seen.add(key); looks.push(look); }
    };
    for (const f of found) add(lookup(m, f, 1));
    for (const f of found.filter((r) => r.lang === "de")) {
      for (const s of synonyms(m, f)) add(lookup(m, s, SYNONYM));
    }
    return { token, found, looks };
  }

  /* lunr's query syntax, each word a clause of its own: {presence, boost, fields, words},
     where words are readings of the clause's tokens (or one wildcard or fuzzy look). Throws
     BadQuery for what lunr cannot parse and for wildcards other than at the end of a word
     of `m.prefix` letters or more. */
  function clauses(query, m) {
    const parsed = new lunr.Query(m.fields);
    try {
      new lunr.QueryParser(query, parsed).parse();
    } catch (error) {
      if (error instanceof lunr.QueryParseError) throw new BadQuery(error.message);
      throw error;
    }
    const found = [];
    for (const clause of parsed.clauses) {
      const common = { boost: clause.boost, fields: clause.fields, presence: clause.presence };
      if (clause.term.includes("*")) {
        const prefix = tokens(clause.term.slice(0, -1)).map((t) => analyse(t, m.lang || "de"))
          .filter(Boolean);
        if (/\*./.test(clause.term) || prefix.length !== 1 || prefix[0].word.length < m.prefix) {
          throw new BadQuery(clause.term);
        }
        const { word } = prefix[0];
        found.push({ ...common, token: word, looks: [{ prefix: word, weight: 1, low: word,
          high: `${word}\uffff` }], fixed: true });
        continue;
      }
      for (const token of tokens(clause.term)) {
        const reading = readings(m, token);
        if (!reading.found.length) continue;
        if (clause.editDistance) {
          reading.looks = reading.found.map(({ stem }) => ({ term: stem, weight: 1,
            editDistance: clause.editDistance, low: stem.slice(0, m.prefix),
            high: `${stem.slice(0, m.prefix)}\uffff` }));
          reading.fixed = true;
        }
        found.push({ ...common, ...reading });
      }
    }
    return found;
  }

  /* Score of each document for one look, from the shards that hold its terms. */
  async function lookScores(m, look, clause) {
    const indexes = await Promise.all(filesBetween(m.shards, look.low, look.high).map(
      (n) => indexFile(m, `${n}.json`, (terms) => lunrIndex(m, terms))));
    const found = new Map();
    for (const index of indexes) {
      const matches = index.query((q) => {
        if (look.term) {
          const exact = { usePipeline: false, boost: EXACT * clause.boost, fields: clause.fields };
          if (look.editDistance) exact.editDistance = look.editDistance;
          q.term(look.term, exact);
        }
        if (look.prefix) {
          q.term(look.prefix, { usePipeline: false, boost: clause.boost, fields: clause.fields,
            wildcard: lunr.Query.wildcard.TRAILING });
        }
      });
      for (const { ref, score } of matches) {
        found.set(ref, (found.get(ref) || 0) + score * look.weight);
      }
    }
    return found;
  }

  /* A word's score per document: the best of its looks. */
  async function wordScores(m, looks, clause) {
    const found = new Map();
    for (const scores of await Promise.all(looks.map((look) => lookScores(m, look, clause)))) {
      for (const [ref, score] of scores) found.set(ref, Math.max(found.get(ref) || 0, score));
    }
    return found;
  }

  /* A German compound split where the index knows both parts, the longest known tail first:
     {found, hits} with how many parts each document has, or null. A head ending in the
     joining "s" ("Nachbarschafts…") is also tried without it. */
  async function compoundParts(m, word, clause) {
    const german = analyser("de");
    let best = null;
    for (let i = MIN_HEAD; i <= word.length - MIN_TAIL; i += 1) {
      const tail = analyse(word.slice(i), "de");
      if (!tail) continue;
      const tailFound = await wordScores(m, [lookup(m, tail, 1)], clause);
      if (!tailFound.size) continue;
      const heads = [word.slice(0, i)];
      if (heads[0].endsWith("s") && i - 1 >= MIN_HEAD) heads.push(word.slice(0, i - 1));
      const headLooks = heads.map((h) => ({ prefix: h, term: german.stem(h), weight: 1, low: h,
        high: `${h}\uffff` }));
      const headFound = await wordScores(m, headLooks, clause);
      const parts = { found: new Map(), hits: new Map() };
      for (const part of [headFound, tailFound]) {
        for (const [ref, score] of part) {
          parts.found.set(ref, (parts.found.get(ref) || 0) + score);
          parts.hits.set(ref, (parts.hits.get(ref) || 0) + 1);
        }
      }
      if (headFound.size) return parts;
      best = best || parts;
    }
    return best && { ...best, partial: true };
  }

  /* Optimal string alignment distance, at most `limit` + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* Words of the index one typing error away (two from 9 letters on; none below 5) that
     begin with the same two letters: the closest, most frequent first. */
  async function corrections(m, reading) {
    const found = [];
    for (const { word } of reading.found) {
      const length = [...word].length;
      if (length < 5) continue;
      const limit = length >= 9 ? 2 : 1;
      const start = word.slice(0, 2);
      const chunks = await Promise.all(filesBetween(m.words || [], start, `${start}\uffff`)
        .map((n) => indexFile(m, `v/${n}.json`, (entries) => entries)));
      for (const [known, count, written] of chunks.flat()) {
        if (!known.startsWith(start) || known === word) continue;
        const d = distance(word, known, limit);
        if (d <= limit) found.push({ known, count, written: written || known, d });
      }
    }
    found.sort((a, b) => a.d - b.d || b.count - a.count);
    return found.filter((f) => f.d === (found[0] || {}).d).slice(0, 3);
  }

  /* Scores of one clause: its word and, where that finds fewer than `FEW` documents, its
     compound parts (documents with the whole word first, then those with both parts, then
     those with one); where the word finds nothing, its corrections. */
  async function clauseScores(m, clause) {
    const result = { presence: clause.presence, found: await wordScores(m, clause.looks, clause) };
    if (result.found.size >= FEW || clause.fixed || clause.presence === PROHIBITED) return result;
    const german = clause.found.find((f) => f.lang === "de");
    const parts = german && german.word.length >= MIN_HEAD + MIN_TAIL
      ? await compoundParts(m, german.word, clause) : null;
    if (result.found.size) {
      if (!parts || parts.partial) return result;
      const whole = 3; // more than the two parts
      const hits = new Map([...parts.hits, ...[...result.found.keys()].map((r) => [r, whole])]);
      return { ...result, found: new Map([...parts.found, ...result.found]), hits };
    }
    if (parts && !parts.partial) return { ...result, ...parts };
    const fixes = await corrections(m, clause);
    if (fixes.length) {
      const looks = fixes.flatMap((f) => readings(m, f.known).looks);
      const found = await wordScores(m, looks, clause);
      if (found.size) return { ...result, found, corrected: fixes[0].written, token: clause.token };
    }
    return parts ? { ...result, ...parts } : result;
  }

  /* Refs best first: by how many words (and compound parts) they match, then by summed
     score; with `everyWord`, only documents that match every plain word. */
  function rank(groups, everyWord) {
    const wanted = groups.filter((g) => g.presence !== PROHIBITED);
    const must = wanted.filter((g) => g.presence === REQUIRED || (everyWord && g.presence === OPTIONAL));
    const banned = groups.filter((g) => g.presence === PROHIBITED);
    const total = new Map();
    const hits = new Map();
    for (const g of wanted) {
      for (const [ref, score] of g.found) {
        total.set(ref, (total.get(ref) || 0) + score);
        hits.set(ref, (hits.get(ref) || 0) + (g.hits ? g.hits.get(ref) : 1));
      }
    }
    return [...total]
      .filter(([ref]) => must.every((g) => g.found.has(ref)) && !banned.some((g) => g.found.has(ref)))
      .sort((a, b) => hits.get(b[0]) - hits.get(a[0]) || b[1] - a[1]
        || parseInt(a[0], 36) - parseInt(b[0], 36))
      .map(([ref]) => ref);
  }

  /* --- Showing results ------------------------------------------------------------------ */

  let latest = 0; // the newest search; older ones stop showing anything
  let results = [];
  let shown = 0;

  function say(message, suggestion) {
    status.replaceChildren(message);
    if (suggestion) {
      const link = document.createElement("a");
      const url = new URL(location.href);
      url.searchParams.set("q", suggestion);
      link.href = url.pathname + url.search;
      link.textContent = suggestion;
      const [before, after] = text.suggest.split("{q}");
      status.append(" ", before, link, after);
    }
  }

  function count(n) {
    return (n === 1 ? text.one : text.many)
      .replace("{n}", n.toLocaleString(document.documentElement.lang || undefined));
  }

  function item(doc) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = `${text.site}/${doc.u}`;
    link.textContent = doc.t;
    const kind = document.createElement("small");
    kind.className = "kind";
    kind.textContent = `(${text[`kind${doc.k.toUpperCase()}`] || ""})`;
    li.append(link, " ", kind);
    for (const [line, label] of [[doc.w, text.next], [doc.p, text.where], [doc.s, ""]]) {
      if (line) {
        const p = document.createElement("p");
        if (label) {
          const strong = document.createElement("span");
          strong.className = "label";
          strong.textContent = `${label} `;
          p.append(strong);
        }
        p.append(line);
        li.append(p);
      }
    }
    return li;
  }

  /* Adds the next page of results; returns its first item, or null when outdated. */
  async function showMore(m, search) {
    const page = results.slice(shown, shown + PAGE);
    const docs = await Promise.all(page.map((ref) => indexFile(m, `r/${ref}.json`, (d) => d)));
    if (search !== latest) return null;
    const items = docs.map(item);
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= results.length;
    return items[0] || null;
  }

  function clear() {
    list.replaceChildren();
    more.hidden = true;
    if (nothing) nothing.hidden = true;
  }

  /* The query with each corrected word replaced by its correction. */
  function correctedQuery(query, groups) {
    let fixed = query;
    for (const g of groups.filter((c) => c.corrected)) {
      fixed = fixed.replace(new RegExp(g.token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu"),
        g.corrected);
    }
    return fixed === query ? null : fixed;
  }

  async function search(query) {
    const mine = ++latest;
    if (!query.trim()) {
      clear();
      say("");
      return;
    }
    say(text.loading);
    try {
      const m = await loadMeta();
      const groups = await Promise.all(clauses(query, m).map((clause) => clauseScores(m, clause)));
      let found = rank(groups, true);
      const partial = !found.length && groups.filter((g) => g.presence === OPTIONAL).length > 1;
      if (partial) found = rank(groups, false);
      if (mine !== latest) return;
      results = found;
      shown = 0;
      clear();
      await showMore(m, mine);
      if (mine !== latest) return;
      const suggestion = correctedQuery(query, groups);
      if (!found.length) {
        say(text.none, suggestion);
        if (nothing) nothing.hidden = false;
      } else {
        say(partial ? `${count(found.length)}. ${text.partial}` : count(found.length), suggestion);
      }
    } catch (error) {
      if (mine !== latest) return;
      clear();
      say(error instanceof BadQuery ? text.bad : text.error);
    }
  }

  /* --- Wiring: the query in the URL, typing, the form and the "more" button ------------ */

  function remember(query) {
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    history.replaceState(null, "", url);
  }

  let typing = 0;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      remember(input.value);
      search(input.value);
    }, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    remember(input.value);
    search(input.value);
  });
  more.addEventListener("click", async () => {
    const first = await showMore(await loadMeta(), latest);
    if (first) first.querySelector("a").focus();
  });

  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
}());
