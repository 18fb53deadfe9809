/* qoima catalogue: search and register filters. No fetch(), no modules: works from file://. */
(function () {
  "use strict";
  // Must stay identical to `fold` in src/search.rs: lower case, ё → е and the Kazakh letters
  // to those a Russian keyboard types.
  var PLAIN = { "ё": "е", "ә": "а", "ө": "о", "ү": "у", "ұ": "у", "қ": "к", "ғ": "г", "ң": "н", "һ": "х", "і": "и" };
  function fold(w) { return w.toLowerCase().replace(/[ёәөүұқғңһі]/g, function (c) { return PLAIN[c]; }); }

  // The Snowball Russian stemmer (snowballstem.org/algorithms/russian), as the rust-stemmers
  // crate applies it in src/search.rs; tests/stemmer.rs checks that both agree.
  var RU = {
    vowels: "аеиоуыэюя",
    gerund1: ["в", "вши", "вшись"],
    gerund2: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"],
    adjective: ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого", "ему", "ому",
                "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"],
    participle1: ["ем", "нн", "вш", "ющ", "щ"],
    participle2: ["ивш", "ывш", "ующ"],
    reflexive: ["ся", "сь"],
    verb1: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
    verb2: ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено",
            "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"],
    noun: ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й", "иям", "ям", "ием",
           "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"],
    derivational: ["ост", "ость"],
    tidy: ["ейш", "ейше", "н", "ь"],
  };
  // The longest of `lists` that `w` ends with, starting at `limit` or later, and the list it
  // is in; or null.
  function among(w, limit, lists) {
    var best = null;
    lists.forEach(function (list, i) {
      list.forEach(function (s) {
        if ((!best || s.length > best.s.length) && w.length - s.length >= limit && w.slice(w.length - s.length) === s) best = { s: s, group: i };
      });
    });
    return best;
  }
  // Whether the letter before the ending `s` of `w` is а or я, at `limit` or later.
  function afterAYa(w, s, limit) {
    var i = w.length - s.length - 1;
    return i >= limit && (w[i] === "а" || w[i] === "я");
  }
  function snowballRussian(w) {
    var isV = function (c) { return RU.vowels.indexOf(c) >= 0; };
    // RV: after the first vowel; R2: the region after the second vowel-consonant pair.
    var n = w.length, rv = n, r2 = n, i = 0;
    while (i < n && !isV(w[i])) i++;
    if (i < n) {
      rv = i + 1;
      var j = rv;
      while (j < n && isV(w[j])) j++;
      j++;
      while (j < n && !isV(w[j])) j++;
      j++;
      while (j < n && isV(w[j])) j++;
      if (j < n) r2 = j + 1;
    }
    var cut = function (s) { w = w.slice(0, w.length - s.length); };
    // Step 1.
    var m = among(w, rv, [RU.gerund1, RU.gerund2]);
    if (m && (m.group === 1 || afterAYa(w, m.s, rv))) {
      cut(m.s);
    } else {
      m = among(w, rv, [RU.reflexive]);
      if (m) cut(m.s);
      m = among(w, rv, [RU.adjective]);
      if (m) {
        cut(m.s);
        m = among(w, rv, [RU.participle1, RU.participle2]);
        if (m && (m.group === 1 || afterAYa(w, m.s, rv))) cut(m.s);
      } else {
        m = among(w, rv, [RU.verb1, RU.verb2]);
        if (m && (m.group === 1 || afterAYa(w, m.s, rv))) {
          cut(m.s);
        } else {
          m = among(w, rv, [RU.noun]);
          if (m) cut(m.s);
        }
      }
    }
    // Step 2.
    if (w.length - 1 >= rv && w[w.length - 1] === "и") cut("и");
    // Step 3.
    m = among(w, rv, [RU.derivational]);
    if (m && w.length - m.s.length >= r2) cut(m.s);
    // Step 4.
    m = among(w, rv, [RU.tidy]);
    if (m) {
      var doubleN = function () { return w.length - 2 >= rv && w[w.length - 1] === "н" && w[w.length - 2] === "н"; };
      if (m.s === "ь") cut(m.s);
      else if (m.s === "н") { if (doubleN()) cut("н"); }
      else { cut(m.s); if (doubleN()) cut("н"); }
    }
    return w;
  }
  // Must stay identical to `stem` in src/search.rs.
  function stem(folded) {
    if (!/^[а-я]+$/.test(folded)) return folded;
    var s = snowballRussian(folded);
    return s.length >= 2 ? s : folded;
  }
  function words(text) {
    return text.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length >= 2; }).map(function (w) { return stem(fold(w)); });
  }
  // An identifier typed with punctuation, joined and folded (`identifiers` in src/search.rs).
  function joined(chunk) {
    var core = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (!/[^\p{L}\p{N}]/u.test(core) || !/[0-9]/.test(core)) return null;
    var j = fold(core.replace(/[^\p{L}\p{N}]+/gu, ""));
    return Array.from(j).length >= 2 ? j : null;
  }
  function lowerBound(terms, prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < prefix) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // The documents with a term that starts with `key`, each with 2 when a term is `key` itself.
  function lookup(index, key) {
    var hits = new Map();
    for (var i = lowerBound(index.terms, key); i < index.terms.length && index.terms[i].startsWith(key); i++) {
      var exact = index.terms[i] === key ? 2 : 1;
      index.postings[i].forEach(function (d) { hits.set(d, Math.max(hits.get(d) || 0, exact)); });
    }
    return hits;
  }
  // Every word of the query must match; an identifier typed with punctuation matches whole
  // when it can. Each document gets a score: exact terms count double.
  function search(index, query) {
    var result = null;
    query.split(/\s+/).forEach(function (chunk) {
      var id = joined(chunk);
      var hits = id ? lookup(index, id) : new Map();
      if (id) hits.forEach(function (v, d) { hits.set(d, v * 2); });
      if (hits.size === 0) {
        var ws = words(chunk);
        if (ws.length === 0) return;
        hits = null;
        ws.forEach(function (w) {
          var found = lookup(index, w);
          if (hits === null) { hits = found; return; }
          var both = new Map();
          hits.forEach(function (v, d) { if (found.has(d)) both.set(d, v + found.get(d)); });
          hits = both;
        });
      }
      if (result === null) { result = hits; return; }
      var kept = new Map();
      result.forEach(function (v, d) { if (hits.has(d)) kept.set(d, v + hits.get(d)); });
      result = kept;
    });
    return result === null ? new Map() : result;
  }
  // The index comes in several files (a few systems each); a page is found in any of them.
  // Hits are listed best first, then by title in the page's language, then by link.
  function searchAll(parts, query) {
    var docs = [];
    parts.forEach(function (part) {
      search(part, query).forEach(function (score, d) { docs.push({ doc: part.docs[d], score: score }); });
    });
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    return docs.sort(function (a, b) {
      return b.score - a.score || collator.compare(a.doc[0], b.doc[0]) || (a.doc[1] < b.doc[1] ? -1 : a.doc[1] > b.doc[1] ? 1 : 0);
    }).map(function (h) { return h.doc; });
  }
  window.QOIMA_SEARCH = { fold: fold, stem: stem, snowballRussian: snowballRussian, words: words, joined: joined, searchAll: searchAll };
  function runSearch() {
    var box = document.getElementById("q");
    var out = document.getElementById("results");
    var status = document.getElementById("search-status");
    if (!box || !out || !window.QOIMA_INDEX) return;
    var hits = searchAll(window.QOIMA_INDEX, box.value);
    out.textContent = "";
    hits.slice(0, 100).forEach(function (doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = doc[1]; a.textContent = doc[0];
      li.appendChild(a);
      if (doc[2]) { var s = document.createElement("span"); s.className = "note"; s.textContent = " — " + doc[2]; li.appendChild(s); }
      out.appendChild(li);
    });
    if (status) status.textContent = box.value.trim() ? String(hits.length) : "";
  }
  function filterRegister() {
    var table = document.querySelector("table.register");
    if (!table) return;
    var selects = document.querySelectorAll("select[data-filter]");
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var show = true;
      selects.forEach(function (s) {
        if (!s.value) return;
        var values = (tr.getAttribute("data-" + s.getAttribute("data-filter")) || "").split("|");
        if (values.indexOf(s.value) < 0) show = false;
      });
      tr.hidden = !show;
    });
  }
  // A table wider than the screen scrolls in its box: the box can then be reached and
  // scrolled from the keyboard, and is named by the heading before it.
  function markScrolling() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var h = box.previousElementSibling;
        while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
        var name = (h || document.querySelector("h1"));
        if (name) box.setAttribute("aria-label", name.textContent.trim());
      } else {
        box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("resize", markScrolling);
  document.addEventListener("DOMContentLoaded", function () {
    markScrolling();
    var box = document.getElementById("q");
    if (box) {
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) box.value = params.get("q");
      box.addEventListener("input", runSearch);
      runSearch();
    }
    document.querySelectorAll("select[data-filter]").forEach(function (s) { s.addEventListener("change", filterRegister); });
  });
})();
