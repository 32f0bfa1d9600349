/* The site search on /suche/ (theme/templates/search.html); no other page loads it.
 *
 * plugins/quartier/search_index.py builds one lunr index and cuts it by term into shards.
 * This script fetches meta.json, the shards the query's words fall into, and one small file
 * per result it shows. Words are analysed as search_index.py does – keep `words` and `fold`
 * in step with it: lower case, no stop words or single letters, accents and umlauts folded,
 * then lunr-languages' German Snowball stemmer.
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
  const text = box.dataset; // the UI texts, translated by the template
  const metaUrl = new URL(text.index, location.href);
  const PAGE = 20; // results shown at a time
  const EXACT = 10; // the word's stem weighs ten times the longer words it begins
  const { OPTIONAL, REQUIRED, PROHIBITED } = lunr.Query.presence;

  /* --- Words, as search_index.words and search_index.stem see them ------------------- */

  const UNFOLD = { ae: "ä", oe: "ö", ue: "ü", ss: "ß" };

  function isStopWord(word) {
    return [word, word.replace(/ae|oe|ue|ss/g, (m) => UNFOLD[m])]
      .some((w) => !lunr.de.stopWordFilter(new lunr.Token(w)));
  }

  function fold(word) {
    return word.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/ß/g, "ss")
      .replace(/ae|oe|ue/g, (m) => m[0]);
  }

  function words(value) {
    const found = value.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter((w) => ([...w].length > 1 || /^\p{N}$/u.test(w)) && !isStopWord(w))
      .map(fold);
  }

  const stem = (word) => lunr.de.stemmer(new lunr.Token(word)).toString();

  /* --- Fetching: meta.json, shards as lunr indexes, result files ---------------------- */

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

  /* The shard numbers whose terms may lie between `low` and `high`. */
  function shardsBetween(m, low, high) {
    const lastAtOrBefore = (term) => {
      let lo = 0;
      let hi = m.shards.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (m.shards[mid] <= term) lo = mid + 1; else hi = mid;
      }
      return Math.max(0, lo - 1);
    };
    const numbers = [];
    for (let n = lastAtOrBefore(low); n <= lastAtOrBefore(high); n += 1) numbers.push(n);
    return numbers;
  }

  /* --- Queries ------------------------------------------------------------------------- */

  class BadQuery extends Error {}

  /* lunr's query syntax, each word a clause of its own: {term, prefix, editDistance, ...,
     low, high}, where low…high are the terms it may match. A word finds its stem and, from
     `m.prefix` letters on, the longer words it begins as typed ("Kurs" finds "Kurse" and
     "Deutschkurs…" but not "kurz", though its stem is "kur"); all these lie in one shard,
     so lunr scores the word there as in the whole index. Typos (~1) are looked for among
     words with the same first letters. Throws BadQuery for what lunr cannot parse and for
     wildcards other than at the end of a word of `m.prefix` letters or more. */
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
        const prefix = words(clause.term.slice(0, -1));
        if (/\*./.test(clause.term) || prefix.length !== 1 || prefix[0].length < m.prefix) {
          throw new BadQuery(clause.term);
        }
        found.push({ ...common, prefix: prefix[0], low: prefix[0], high: `${prefix[0]}\uffff` });
        continue;
      }
      for (const word of words(clause.term)) {
        const term = stem(word);
        if (clause.editDistance) {
          const low = term.slice(0, m.prefix);
          found.push({ ...common, term, editDistance: clause.editDistance, low,
            high: `${low}\uffff` });
        } else if (term.length >= m.prefix && word.startsWith(term)) {
          found.push({ ...common, term, prefix: word, low: term, high: `${word}\uffff` });
        } else {
          found.push({ ...common, term, low: term, high: term });
        }
      }
    }
    return found;
  }

  /* Score of each document for one clause, from the shards that hold its terms. */
  async function scores(m, clause) {
    const indexes = await Promise.all(shardsBetween(m, clause.low, clause.high).map(
      (n) => indexFile(m, `${n}.json`, (terms) => lunrIndex(m, terms))));
    const found = new Map();
    for (const index of indexes) {
      const matches = index.query((q) => {
        if (clause.term) {
          const exact = { usePipeline: false, boost: EXACT * clause.boost, fields: clause.fields };
          if (clause.editDistance) exact.editDistance = clause.editDistance;
          q.term(clause.term, exact);
        }
        if (clause.prefix) {
          q.term(clause.prefix, { usePipeline: false, boost: clause.boost, fields: clause.fields,
            wildcard: lunr.Query.wildcard.TRAILING });
        }
      });
      for (const { ref, score } of matches) found.set(ref, (found.get(ref) || 0) + score);
    }
    return { presence: clause.presence, found };
  }

  /* Refs by summed score; with `everyWord`, only documents that match every plain word. */
  function rank(groups, everyWord) {
    const wanted = groups.filter((g) => g.presence !== PROHIBITED);
    const must = wanted.filter((g) => g.presence === REQUIRED || (everyWord && g.presence === OPTIONAL));
    const banned = groups.filter((g) => g.presence === PROHIBITED);
    const total = new Map();
    for (const g of wanted) {
      for (const [ref, score] of g.found) total.set(ref, (total.get(ref) || 0) + score);
    }
    return [...total]
      .filter(([ref]) => must.every((g) => g.found.has(ref)) && !banned.some((g) => g.found.has(ref)))
      .sort((a, b) => b[1] - a[1] || parseInt(a[0], 36) - parseInt(b[0], 36))
      .map(([ref]) => ref);
  }

  /* --- Showing results ------------------------------------------------------------------ */

  let latest = 0; // the newest search; older ones stop showing anything
  let results = [];
  let shown = 0;

  const say = (message) => { status.textContent = message; };

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
    kind.textContent = `(${text[`kind${doc.k.toUpperCase()}`] || ""})`;
    li.append(link, " ", kind);
    for (const line of [doc.w, doc.s]) {
      if (line) {
        const p = document.createElement("p");
        p.textContent = line;
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

  async function search(query) {
    const mine = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    say(text.loading);
    try {
      const m = await loadMeta();
      const groups = await Promise.all(clauses(query, m).map((clause) => scores(m, clause)));
      let found = rank(groups, true);
      const partial = !found.length && groups.filter((g) => g.presence === OPTIONAL).length > 1;
      if (partial) found = rank(groups, false);
      if (mine !== latest) return;
      results = found;
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      await showMore(m, mine);
      if (mine !== latest) return;
      say(!found.length ? text.none
        : partial ? `${count(found.length)}. ${text.partial}` : count(found.length));
    } catch (error) {
      if (mine !== latest) return;
      list.replaceChildren();
      more.hidden = true;
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
