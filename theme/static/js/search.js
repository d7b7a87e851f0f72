/* Site search in the browser, over the static index that the search crate
   (generator/search) writes under /tim-kiem/chi-muc/.

   It folds the query exactly as Rust does (NFD, drop U+0300–U+036F, đ → d,
   lowercase), so "thu tuc hanh chinh" finds "thủ tục hành chính"; fetches
   only the manifest, the shards holding the query's keys and the metadata
   chunks of the results shown; and ranks with the same integer arithmetic
   as SearchIndex::query, so both give the same order. Without JS, or if the
   index cannot be loaded, the form submits to the page's own fallback.

   Plain ES2017 script, no dependencies. Under Node (tests) it exports its
   functions instead of touching the page. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else if (root && root.document) {
    root.CCHCSearch = api;
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { api.enhance(root); });
    } else {
      api.enhance(root);
    }
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Constants shared with the Rust crate (query.rs, snippet.rs, tokenize.rs).
  var MAX_QUERY_TOKENS = 8;
  var EXACT_BONUS = 16777216; // 1 << 24
  var FULL_WEIGHT = 2;
  var COMPLETION_WEIGHT = 1;
  var SNIPPET_CHARS = 180;
  var LEAD_CHARS = 40;
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 250;

  // A token character is Unicode Alphabetic or Numeric, as Rust's
  // char::is_alphanumeric. Property escapes are ES2018 syntax, so the
  // pattern is built at run time, with a Latin/Greek/Cyrillic fallback.
  var ALNUM = (function () {
    try {
      return new RegExp("^[\\p{Alphabetic}\\p{N}]$", "u");
    } catch (e) {
      return /^[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff]$/;
    }
  })();

  function isTokenChar(ch) {
    return ALNUM.test(ch);
  }

  /** Folds text to its index key: NFD, drop U+0300–U+036F, đ → d, lowercase. */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  /** Token boundaries over an array of code points: [[start, end], …]. */
  function tokenSpans(cps) {
    var spans = [];
    var start = -1;
    for (var i = 0; i < cps.length; i++) {
      var t = isTokenChar(cps[i]);
      if (t && start < 0) start = i;
      if (!t && start >= 0) {
        spans.push([start, i]);
        start = -1;
      }
    }
    if (start >= 0) spans.push([start, cps.length]);
    return spans;
  }

  /** {tokens: [{form, key}], prefix}: as tokenize::parse_query. */
  function parseQuery(q) {
    var text = String(q || "").normalize("NFC");
    var cps = Array.from(text);
    var tokens = [];
    tokenSpans(cps).forEach(function (s) {
      var form = cps.slice(s[0], s[1]).join("").toLowerCase();
      var key = fold(form);
      if (key) tokens.push({ form: form, key: key });
    });
    var endsInWord = cps.length > 0 && isTokenChar(cps[cps.length - 1]);
    var prefix = endsInWord && tokens.length > 0 && tokens.length <= MAX_QUERY_TOKENS;
    return { tokens: tokens.slice(0, MAX_QUERY_TOKENS), prefix: prefix };
  }

  // --- The index's encodings (codec.rs) ---

  function charValue(c) {
    if (c >= 65 && c <= 90) return c - 65; // A–Z
    if (c >= 97 && c <= 122) return c - 71; // a–z
    if (c >= 48 && c <= 57) return c + 4; // 0–9
    return c === 45 ? 62 : 63; // - _
  }

  /** A posting string → {docs: Uint32Array, impacts: Uint8Array}. */
  function decodePostings(s) {
    var docs = [];
    var impacts = [];
    var prev = -1;
    var i = 0;
    while (i < s.length) {
      var head = charValue(s.charCodeAt(i++));
      var gap = 1;
      if (head & 32) {
        var v = 0;
        var shift = 0;
        var d;
        do {
          d = charValue(s.charCodeAt(i++));
          v += (d & 31) * Math.pow(2, shift);
          shift += 5;
        } while (d & 32);
        gap = v + 2;
      }
      prev += gap;
      docs.push(prev);
      impacts.push((head & 31) + 1);
    }
    return { docs: Uint32Array.from(docs), impacts: Uint8Array.from(impacts) };
  }

  /** A form set string over n postings → Uint8Array of 0/1 flags. */
  function decodeSet(s, n) {
    var out = new Uint8Array(n);
    if (!s) {
      out.fill(1);
      return out;
    }
    var tag = s[0];
    var i;
    if (tag === "b") {
      for (i = 0; i < n; i++) {
        out[i] = (charValue(s.charCodeAt(1 + Math.floor(i / 6))) >> (i % 6)) & 1;
      }
      return out;
    }
    var listed = tag === "s" ? 1 : 0;
    if (!listed) out.fill(1);
    var prev = -1;
    i = 1;
    while (i < s.length) {
      var v = 0;
      var shift = 0;
      var d;
      do {
        d = charValue(s.charCodeAt(i++));
        v += (d & 31) * Math.pow(2, shift);
        shift += 5;
      } while (d & 32);
      prev += v + 1;
      out[prev] = listed;
    }
    return out;
  }

  /** Snippet of `text` marking tokens whose key is in `keys` or starts with
      `prefix` (null when none): {text, marks: [[start, end] in code points]},
      as snippet.rs. */
  function snippet(text, keys, prefix) {
    var cps = Array.from(text || "");
    var spans = tokenSpans(cps);
    var matched = spans.filter(function (s) {
      var k = fold(cps.slice(s[0], s[1]).join("").toLowerCase());
      return keys.indexOf(k) >= 0 || (prefix !== null && k.indexOf(prefix) === 0);
    });
    var a = 0;
    var b = cps.length;
    if (cps.length > SNIPPET_CHARS) {
      var first = matched.length ? matched[0][0] : 0;
      a = Math.max(0, first - LEAD_CHARS);
      if (a > 0) {
        var from = spans.find(function (s) { return s[0] >= a; });
        a = from ? from[0] : first;
      }
      b = a + SNIPPET_CHARS;
      if (b >= cps.length) {
        b = cps.length;
      } else {
        var inside = spans.filter(function (s) { return s[0] >= a && s[1] <= b; });
        if (inside.length) b = inside[inside.length - 1][1];
      }
    }
    var lead = a > 0 ? 1 : 0;
    var out = (a > 0 ? "…" : "") + cps.slice(a, b).join("") + (b < cps.length ? "…" : "");
    var marks = matched
      .filter(function (s) { return s[0] >= a && s[1] <= b; })
      .map(function (s) { return [s[0] - a + lead, s[1] - a + lead]; });
    return { text: out, marks: marks };
  }

  function compareKeys(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** An index behind `manifestUrl`; `load(url)` resolves to parsed JSON
      (fetch in the browser, files in tests). Loaded files are kept. */
  function createIndex(manifestUrl, load) {
    var base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    var files = new Map();
    var manifestPromise = null;

    function get(url) {
      if (!files.has(url)) {
        var p = Promise.resolve(load(url)).catch(function (e) {
          files.delete(url); // let a later query retry
          throw e;
        });
        files.set(url, p);
      }
      return files.get(url);
    }

    function manifest() {
      if (!manifestPromise) {
        manifestPromise = get(manifestUrl).catch(function (e) {
          manifestPromise = null;
          throw e;
        });
      }
      return manifestPromise;
    }

    /** The shard whose key range holds `key`: the last first key ≤ key. */
    function locate(m, key) {
      var lo = 0;
      var hi = m.s.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (m.s[mid][0] <= key) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(0, lo - 1);
    }

    function shard(m, i) {
      return get(base + "s/" + m.s[i][1] + ".json").then(function (sh) {
        if (!sh.byKey) {
          sh.byKey = new Map();
          sh.k.forEach(function (e) { sh.byKey.set(e[0], e); });
        }
        return sh;
      });
    }

    function entry(m, key) {
      return shard(m, locate(m, key)).then(function (sh) { return sh.byKey.get(key) || null; });
    }

    /** Up to m.k longer keys starting with p, most documents first: from the
        shard p falls in, or its list for p when keys run on past it. */
    function completions(m, p) {
      var i = locate(m, p);
      return shard(m, i).then(function (sh) {
        var next = m.s[i + 1];
        if (next && next[0] !== p && next[0].indexOf(p) === 0) {
          return (sh.c && sh.c[p]) || [];
        }
        return sh.k
          .filter(function (e) { return e[0] !== p && e[0].indexOf(p) === 0; })
          .sort(function (a, b) { return b[1] - a[1] || compareKeys(a[0], b[0]); })
          .slice(0, m.k)
          .map(function (e) { return e[0]; });
      });
    }

    function postings(e) {
      if (!e.decoded) e.decoded = decodePostings(e[3]);
      return e.decoded;
    }

    /** Ranked matches: [[doc, score], …], as SearchIndex::rank. */
    function rank(m, parsed, terms) {
      var n = m.n;
      var total = new Float64Array(n);
      var matched = new Uint8Array(n);
      var best = new Float64Array(n);
      var exact = new Uint8Array(n);
      var last = parsed.tokens.length - 1;
      parsed.tokens.forEach(function (tok, ti) {
        best.fill(0);
        exact.fill(0);
        var prefix = parsed.prefix && ti === last;
        var neutral = tok.form === tok.key;
        terms[ti].forEach(function (tw) {
          var e = tw[0];
          var w = tw[1];
          var p = postings(e);
          var idf = e[2];
          for (var j = 0; j < p.docs.length; j++) {
            var s = w * idf * p.impacts[j];
            if (s > best[p.docs[j]]) best[p.docs[j]] = s;
          }
          if (neutral) return;
          e[4].forEach(function (f) {
            var hit = prefix ? f[0].indexOf(tok.form) === 0 : f[0] === tok.form;
            if (!hit) return;
            var flags = decodeSet(f[1], p.docs.length);
            for (var j2 = 0; j2 < flags.length; j2++) if (flags[j2]) exact[p.docs[j2]] = 1;
          });
        });
        for (var d = 0; d < n; d++) {
          if (best[d] > 0) {
            matched[d]++;
            total[d] += best[d] + (exact[d] ? EXACT_BONUS : 0);
          }
        }
      });
      var want = parsed.tokens.length;
      var out = [];
      for (var d2 = 0; d2 < n; d2++) if (matched[d2] === want) out.push([d2, total[d2]]);
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return out;
    }

    /** {total, hits: [{url, title, section, date, snippet, marks, score}]}. */
    async function search(q, offset, limit) {
      offset = offset || 0;
      limit = limit === undefined ? PAGE_SIZE : limit;
      var parsed = parseQuery(q);
      if (!parsed.tokens.length) return { total: 0, hits: [] };
      var m = await manifest();
      if (!m.s.length) return { total: 0, hits: [] };
      var last = parsed.tokens.length - 1;
      var found = await Promise.all(parsed.tokens.map(function (t) { return entry(m, t.key); }));
      var extra = [];
      if (parsed.prefix) {
        var keys = await completions(m, parsed.tokens[last].key);
        extra = await Promise.all(keys.map(function (k) { return entry(m, k); }));
      }
      var terms = found.map(function (e, i) {
        var list = e ? [[e, FULL_WEIGHT]] : [];
        if (parsed.prefix && i === last) {
          extra.forEach(function (x) { if (x) list.push([x, COMPLETION_WEIGHT]); });
        }
        return list;
      });
      var ranked = rank(m, parsed, terms);
      var page = ranked.slice(offset, offset + limit);
      var chunks = await Promise.all(page.map(function (r) {
        var c = Math.floor(r[0] / m.c);
        return get(base + "d/" + c + "." + m.d + ".json");
      }));
      var markKeys = parsed.tokens
        .filter(function (t, i) { return !(parsed.prefix && i === last); })
        .map(function (t) { return t.key; });
      var markPrefix = parsed.prefix ? parsed.tokens[last].key : null;
      var hits = page.map(function (r, i) {
        var row = chunks[i][r[0] % m.c];
        var sn = snippet(row[4], markKeys, markPrefix);
        return {
          url: row[0],
          title: row[1],
          section: row[2],
          date: row[3],
          snippet: sn.text,
          marks: sn.marks,
          score: r[1]
        };
      });
      return { total: ranked.length, hits: hits };
    }

    return { search: search };
  }

  // --- The page ---

  function fetchJson(url) {
    // The manifest is not content-hashed, so revalidate it; the rest is.
    var init = /manifest\.json$/.test(url) ? { cache: "no-cache" } : {};
    return fetch(url, init).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
      return r.json();
    });
  }

  function el(doc, tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function formatCount(n) {
    try {
      return n.toLocaleString("vi-VN");
    } catch (e) {
      return String(n);
    }
  }

  function renderHit(doc, hit) {
    var li = el(doc, "li", "search-hit");
    var h = el(doc, "h2", "search-hit-title");
    var a = el(doc, "a", null, hit.title);
    a.href = hit.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [hit.section, hit.date].filter(Boolean).join(" · ");
    if (meta) li.appendChild(el(doc, "p", "search-hit-meta", meta));
    if (hit.snippet) {
      var p = el(doc, "p", "search-hit-snippet");
      var cps = Array.from(hit.snippet);
      var at = 0;
      hit.marks.forEach(function (mk) {
        if (mk[0] > at) p.appendChild(doc.createTextNode(cps.slice(at, mk[0]).join("")));
        p.appendChild(el(doc, "mark", null, cps.slice(mk[0], mk[1]).join("")));
        at = mk[1];
      });
      if (at < cps.length) p.appendChild(doc.createTextNode(cps.slice(at).join("")));
      li.appendChild(p);
    }
    return li;
  }

  /** Wires the search page: runs ?q= on load, on submit and while typing. */
  function enhance(win) {
    var doc = win.document;
    var form = doc.getElementById("search-form");
    var input = doc.getElementById("search-q");
    var out = doc.getElementById("search-results");
    if (!form || !input || !out || !win.fetch || !form.getAttribute("data-index")) return;
    out.classList.add("search-results");
    var index = createIndex(new URL(form.getAttribute("data-index"), win.location.href).pathname, fetchJson);
    var seq = 0;
    var timer = null;
    var broken = false;

    function clear() {
      while (out.firstChild) out.removeChild(out.firstChild);
    }

    function showError() {
      broken = true;
      clear();
      out.removeAttribute("aria-busy");
      out.appendChild(el(doc, "p", "search-status",
        "Không tải được chỉ mục tìm kiếm. Hãy bấm “Tìm” để tìm trên máy chủ, hoặc thử lại sau."));
      // Hand the form back to the page's no-JS path.
      var fallback = form.getAttribute("data-fallback");
      if (fallback && !/^\/?tim-kiem$/.test(fallback)) form.action = fallback;
    }

    function run(q) {
      var mine = ++seq;
      q = q.trim();
      if (!q) {
        clear();
        out.removeAttribute("aria-busy");
        return;
      }
      out.setAttribute("aria-busy", "true");
      index.search(q, 0, PAGE_SIZE).then(function (res) {
        if (mine !== seq) return;
        clear();
        out.removeAttribute("aria-busy");
        var quoted = "“" + q + "”";
        if (!res.total) {
          out.appendChild(el(doc, "p", "search-status",
            "Không tìm thấy kết quả nào cho " + quoted + ". Hãy thử ít từ hơn hoặc từ khác."));
          return;
        }
        out.appendChild(el(doc, "p", "search-status",
          "Tìm thấy " + formatCount(res.total) + " kết quả cho " + quoted));
        var list = el(doc, "ol", "search-hits");
        res.hits.forEach(function (h) { list.appendChild(renderHit(doc, h)); });
        out.appendChild(list);
        addMore(q, list, res.total, res.hits.length, mine);
      }).catch(function (e) {
        if (mine !== seq) return;
        if (win.console) win.console.error(e);
        showError();
      });
    }

    function addMore(q, list, total, shown, mine) {
      if (shown >= total) return;
      var more = el(doc, "button", "button search-more", "Xem thêm kết quả");
      more.type = "button";
      more.addEventListener("click", function () {
        more.disabled = true;
        index.search(q, shown, PAGE_SIZE).then(function (res) {
          if (mine !== seq) return;
          more.remove();
          var firstNew = null;
          res.hits.forEach(function (h) {
            var li = renderHit(doc, h);
            if (!firstNew) firstNew = li.querySelector("a");
            list.appendChild(li);
          });
          if (firstNew) firstNew.focus();
          addMore(q, list, total, shown + res.hits.length, mine);
        }).catch(function () { more.disabled = false; });
      });
      out.appendChild(more);
    }

    function queryFromUrl() {
      return new URLSearchParams(win.location.search).get("q") || "";
    }

    form.addEventListener("submit", function (ev) {
      if (broken) return; // let the browser submit to the fallback
      ev.preventDefault();
      win.clearTimeout(timer);
      var q = input.value;
      if (q !== queryFromUrl()) {
        var url = new URL(win.location.href);
        url.searchParams.set("q", q);
        win.history.pushState({ q: q }, "", url.pathname + url.search + url.hash);
      }
      run(q);
    });
    input.addEventListener("input", function () {
      win.clearTimeout(timer);
      timer = win.setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    });
    win.addEventListener("popstate", function () {
      input.value = queryFromUrl();
      run(input.value);
    });
    var initial = queryFromUrl();
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  return {
    fold: fold,
    parseQuery: parseQuery,
    tokenSpans: tokenSpans,
    decodePostings: decodePostings,
    decodeSet: decodeSet,
    snippet: snippet,
    createIndex: createIndex,
    enhance: enhance,
    PAGE_SIZE: PAGE_SIZE
  };
});
