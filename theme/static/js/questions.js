/* The question form, enhanced: while the title is typed, answers already
   published in the Q&A that match it are suggested, so the same question is
   not asked twice. Uses the site's own search index through CCHCSearch
   (search.js, loaded before this file). Without JS, or if the index cannot be
   loaded, the form simply works as is. Plain ES2017, no dependencies.

   Attachments are checked as soon as they are chosen: a request over the
   limit would be refused before it reaches the server (a Lambda function
   takes 6 MB at most), with a generic error and the typed question lost. */
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

  function mb(bytes) {
    var s = (bytes / 1048576).toFixed(1);
    return s.replace(/\.0$/, "").replace(".", ",");
  }

  function startFiles() {
    var form = document.getElementById("question-form");
    var input = document.getElementById("tep");
    if (!form || !input || !input.files) return;
    var maxFiles = parseInt(input.getAttribute("data-max-files"), 10);
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (!maxFiles || !maxBytes) return;
    var hint = input.getAttribute("aria-describedby") || "";
    var error = document.createElement("p");
    error.id = "tep-loi";
    error.className = "error-message";
    error.setAttribute("role", "alert");
    error.hidden = true;
    input.parentNode.insertBefore(error, input);

    function problem() {
      var files = input.files;
      if (files.length > maxFiles) {
        return "Chỉ gửi được tối đa " + maxFiles + " tệp; quý vị đã chọn " + files.length + " tệp.";
      }
      var total = 0;
      for (var i = 0; i < files.length; i++) total += files[i].size;
      if (total > maxBytes) {
        return "Các tệp đã chọn có tổng dung lượng " + mb(total) + " MB, vượt quá giới hạn " +
          mb(maxBytes) + " MB. Vui lòng bỏ bớt tệp hoặc giảm dung lượng (ví dụ chụp ảnh ở độ phân giải thấp hơn).";
      }
      return "";
    }

    function check() {
      var msg = problem();
      error.textContent = msg ? "Lỗi: " + msg : "";
      error.hidden = !msg;
      if (msg) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", hint + " tep-loi");
      } else {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", hint);
      }
      return !msg;
    }

    input.addEventListener("change", check);
    form.addEventListener("submit", function (e) {
      if (!check()) {
        e.preventDefault();
        input.focus();
      }
    });
  }

  function startAll() {
    startFiles();
    start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
