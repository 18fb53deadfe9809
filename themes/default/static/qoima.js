/* qoima catalogue: search and register filters. No fetch(), no modules: works from file://. */
(function () {
  "use strict";
  // Must stay identical to `fold` in src/search.rs.
  function fold(w) { return w.toLowerCase().replace(/ё/g, "е"); }
  function words(text) {
    return text.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length >= 2; }).map(fold);
  }
  function lowerBound(terms, prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < prefix) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function search(index, query) {
    var result = null;
    words(query).forEach(function (w) {
      var hits = new Set();
      for (var i = lowerBound(index.terms, w); i < index.terms.length && index.terms[i].startsWith(w); i++) {
        index.postings[i].forEach(function (d) { hits.add(d); });
      }
      result = result === null ? hits : new Set(Array.from(result).filter(function (d) { return hits.has(d); }));
    });
    return result === null ? [] : Array.from(result).sort(function (a, b) { return a - b; });
  }
  // The index comes in several files (a few systems each); a page is found in any of them.
  // Hits are listed by title in the page's language, then by link.
  function searchAll(parts, query) {
    var docs = [];
    parts.forEach(function (part) {
      search(part, query).forEach(function (d) { docs.push(part.docs[d]); });
    });
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    return docs.sort(function (a, b) { return collator.compare(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
  }
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
