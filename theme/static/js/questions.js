/* The question form, enhanced: while the title is typed, answers already
   published in the Q&A that match it are suggested, so the same question is
   not asked twice. Uses the site's own search index through CCHCSearch
   (search.js, loaded before this file). Without JS, or if the index cannot be
   loaded, the form simply works as is. Plain ES2017, no dependencies. */
(function () {
  "use strict";
  var DEBOUNCE_MS = 300;
  var SHOWN = 5;
  var MIN_CHARS = 8;

  function start() {
    var form = document.getElementById("question-form");
    var title = document.getElementById("tieu_de");
    var out = document.getElementById("goi-y-cau-hoi");
    if (!form || !title || !out || !window.fetch || !window.CCHCSearch) return;
    var manifest = form.getAttribute("data-index");
    if (!manifest) return;
    var index = window.CCHCSearch.createIndex(manifest, function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
        return r.json();
      });
    });
    var timer = null;
    var seq = 0;

    function clear() {
      while (out.firstChild) out.removeChild(out.firstChild);
    }

    function show(hits) {
      clear();
      if (!hits.length) return;
      var p = document.createElement("p");
      p.className = "hint";
      p.textContent = "Các câu hỏi đã được trả lời có thể giống câu hỏi của quý vị:";
      var list = document.createElement("ul");
      hits.forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = h.url;
        a.textContent = h.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      out.appendChild(p);
      out.appendChild(list);
    }

    function run() {
      var q = title.value.trim();
      var mine = ++seq;
      if (q.length < MIN_CHARS) {
        clear();
        return;
      }
      // Every word must match, so a long title may find nothing: then its
      // first words are tried, and failing that the last suggestions stay.
      var words = q.split(/\s+/);
      var tries = [q];
      if (words.length > 4) tries.push(words.slice(0, 4).join(" "));
      (function attempt(i) {
        if (i >= tries.length) return;
        // Rank over the whole site, keep the Q&A pages.
        index.search(tries[i], 0, 50).then(function (res) {
          if (mine !== seq) return;
          var hits = res.hits.filter(function (h) {
            return h.url.indexOf("/hoi-dap/") === 0 && h.url !== "/hoi-dap/";
          }).slice(0, SHOWN);
          if (hits.length) show(hits);
          else attempt(i + 1);
        }).catch(function () {
          if (mine === seq) clear(); // no suggestions; the form still works
        });
      })(0);
    }

    title.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, DEBOUNCE_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
