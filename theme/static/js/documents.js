/* Enhances the documents listing: combined filters over every document,
   applied in place. Without JS the per-facet pages do the same job. */
(function () {
  "use strict";
  var form = document.getElementById("doc-filter");
  var list = document.getElementById("doc-list");
  var count = document.getElementById("doc-count");
  if (!form || !list || !window.fetch) return;
  var docs = null;
  form.hidden = false;
  var keys = { loai: "k", "co-quan": "i", "linh-vuc": "f", nam: "y" };

  function matches(d, key, value) {
    var v = d[keys[key]];
    if (Array.isArray(v)) return v.indexOf(value) !== -1;
    return String(v) === value;
  }

  function fmt(iso) {
    if (!iso) return "";
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }

  function render() {
    var chosen = [];
    Object.keys(keys).forEach(function (k) {
      var v = form.elements[k].value;
      if (v) chosen.push([k, v]);
    });
    var rows = docs.filter(function (d) {
      return chosen.every(function (c) { return matches(d, c[0], c[1]); });
    });
    if (form.elements["sap-xep"].value === "cu-nhat") rows = rows.slice().reverse();
    list.textContent = "";
    rows.forEach(function (d) {
      var li = document.createElement("li");
      li.className = "item item-document";
      var h = document.createElement("h3");
      h.className = "item-title";
      var a = document.createElement("a");
      a.href = d.u;
      a.textContent = (d.k ? d.k + " " : "") + (d.n ? d.n + ": " : "") + d.t;
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "item-meta";
      meta.textContent = [fmt(d.d), d.i, d.s].filter(Boolean).join(" · ");
      li.appendChild(h);
      li.appendChild(meta);
      list.appendChild(li);
    });
    count.textContent = rows.length + " văn bản phù hợp.";
    var pager = document.querySelector(".pagination");
    if (pager) pager.hidden = true;
  }

  form.addEventListener("change", function () {
    if (docs) { render(); return; }
    fetch(form.getAttribute("data-source")).then(function (r) { return r.json(); }).then(function (data) {
      docs = data;
      render();
    }).catch(function () {
      count.textContent = "Không tải được dữ liệu lọc; hãy dùng các liên kết lọc bên dưới.";
    });
  });
})();
