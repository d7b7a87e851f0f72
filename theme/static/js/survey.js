/* Survey forms, progressive enhancement: every form works without this file.
 * With it: questions hidden by show_if disappear, a progress line counts the
 * required questions answered, answers are checked with the server's own rules
 * and messages (the #survey-rules JSON from survey-core), and on forms marked
 * data-autosave the draft is saved a few seconds after each change. Answers
 * not yet confirmed by the server are kept in localStorage and restored on the
 * next visit when they are newer than the server's draft. No dependencies. */
(function () {
  'use strict';

  var rulesEl = document.getElementById('survey-rules');
  var form = document.querySelector('form.survey-form');
  if (!rulesEl || !form || !window.JSON) { return; }
  var rules;
  try { rules = JSON.parse(rulesEl.textContent); } catch (e) { return; }
  var questions = rules.questions || [];
  var byId = {};
  questions.forEach(function (q) { byId[q.id] = q; });
  var box = form.closest('[data-autosave]');
  var progress = document.getElementById('survey-progress');
  var storageKey = 'cchc-draft:' + location.pathname;
  var AUTOSAVE_DELAY = 3000;

  /* ---- reading the form ---- */

  function values(name) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name !== name || el.disabled) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) { out.push(el.value); }
      } else if (el.value !== '') {
        out.push(el.value);
      }
    });
    return out;
  }

  function first(name) { return (values(name)[0] || '').trim(); }

  function shown(q) {
    if (!q.show_if) { return true; }
    var src = byId[q.show_if.question];
    if (!src || !shown(src)) { return false; }
    return values(src.field).some(function (v) { return q.show_if.values.indexOf(v) >= 0; });
  }

  function answered(q) {
    if (q.type === 'matrix') {
      return (q.rows || []).every(function (r) { return values(r.field).length > 0; });
    }
    return values(q.field).length > 0;
  }

  /* The same checks, in the same order, as survey-core's parse_submission. */
  function problem(q) {
    if (!shown(q)) { return null; }
    var m = q.messages || {};
    var v = values(q.field);
    var t = first(q.field);
    switch (q.type) {
      case 'single_choice':
      case 'rating':
        if (q.required && !v.length) { return m.required; }
        if (v[0] === (rules.fields || {}).other_value && q.other && !first(q.other_field)) { return m.other_required; }
        return null;
      case 'multiple_choice':
        if (q.required && !v.length) { return m.required; }
        if (q.min && v.length && v.length < q.min) { return m.too_few; }
        if (q.max && v.length > q.max) { return m.too_many; }
        if (v.indexOf((rules.fields || {}).other_value) >= 0 && !first(q.other_field)) { return m.other_required; }
        return null;
      case 'matrix':
        if (!q.required) { return null; }
        for (var i = 0; i < (q.rows || []).length; i++) {
          if (!values(q.rows[i].field).length) { return q.rows[i].required_message; }
        }
        return null;
      case 'short_text':
      case 'long_text':
        if (q.required && !t) { return m.required; }
        if (Array.from(t).length > q.max_length) { return m.too_long; }
        return null;
      case 'number':
        if (!t) { return q.required ? m.required : null; }
        var n = Number(t.replace(',', '.'));
        if (!isFinite(n)) { return m.not_a_number; }
        if (q.integer && !Number.isInteger(n)) { return m.not_an_integer; }
        if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) { return m.out_of_range; }
        return null;
      case 'date':
        if (!t) { return q.required ? m.required : null; }
        if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) { return m.invalid_date; }
        if ((q.min && t < q.min) || (q.max && t > q.max)) { return m.out_of_range; }
        return null;
    }
    return null;
  }

  /* ---- show_if and progress ---- */

  function wrapper(q) { return form.querySelector('[data-question="' + q.id + '"]'); }

  function refresh() {
    var total = 0;
    var done = 0;
    questions.forEach(function (q) {
      var w = wrapper(q);
      var visible = shown(q);
      if (w) { w.hidden = !visible; }
      if (visible && q.required) {
        total += 1;
        if (answered(q)) { done += 1; }
      }
    });
    if (progress && total) {
      progress.hidden = false;
      progress.textContent = 'Đã trả lời ' + done + '/' + total + ' câu bắt buộc.';
    }
  }

  /* ---- errors before review ---- */

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.js-error'), function (el) { el.remove(); });
  }

  function showErrors(list) {
    var summary = document.createElement('div');
    summary.className = 'error-summary js-error';
    summary.setAttribute('role', 'alert');
    summary.setAttribute('tabindex', '-1');
    var h = document.createElement('h2');
    h.className = 'error-summary-title';
    h.textContent = 'Có lỗi cần sửa';
    var ul = document.createElement('ul');
    ul.className = 'error-summary-list';
    list.forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + e.q.field;
      a.textContent = e.message;
      li.appendChild(a);
      ul.appendChild(li);
      var w = wrapper(e.q);
      if (w) {
        var p = document.createElement('p');
        p.className = 'error-message js-error';
        p.textContent = e.message;
        w.insertBefore(p, w.firstChild.nextSibling);
      }
    });
    summary.appendChild(h);
    summary.appendChild(ul);
    form.insertBefore(summary, form.firstChild);
    summary.focus();
  }

  form.addEventListener('submit', function (ev) {
    var button = ev.submitter;
    if (!button || button.value === 'draft') { return; }
    clearErrors();
    var list = [];
    questions.forEach(function (q) {
      var msg = problem(q);
      if (msg) { list.push({ q: q, message: msg }); }
    });
    if (list.length) {
      ev.preventDefault();
      showErrors(list);
    }
  });

  /* ---- local copy and autosave ---- */

  function snapshot() {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf('q_') !== 0) { return; }
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) { return; }
      pairs.push([el.name, el.value]);
    });
    return pairs;
  }

  function keepLocally() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ at: new Date().toISOString(), fields: snapshot() }));
    } catch (e) { /* private mode or full: the server copy is enough */ }
  }

  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.fields) { return false; }
    var serverAt = Date.parse(box.getAttribute('data-saved-at') || '');
    if (!isNaN(serverAt) && Date.parse(saved.at) <= serverAt) {
      localStorage.removeItem(storageKey);
      return false;
    }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf('q_') !== 0) { return; }
      var mine = saved.fields.filter(function (p) { return p[0] === el.name; });
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = mine.some(function (p) { return p[1] === el.value; });
      } else {
        el.value = mine.length ? mine[0][1] : '';
      }
    });
    return true;
  }

  var status = null;
  function say(text) {
    if (!status) {
      status = document.createElement('p');
      status.className = 'survey-autosave muted';
      status.setAttribute('role', 'status');
      var actions = form.querySelector('.form-actions');
      form.insertBefore(status, actions);
    }
    status.textContent = text;
  }

  var timer = null;
  var stopped = false;
  function saveSoon() {
    if (stopped) { return; }
    clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_DELAY);
  }

  function save() {
    var body = new URLSearchParams(new FormData(form));
    body.set('_action', 'draft');
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (res) {
      return res.json().then(function (data) { return { res: res, data: data }; });
    }).then(function (r) {
      if (r.res.ok) {
        localStorage.removeItem(storageKey);
        box.setAttribute('data-saved-at', r.data.saved_at || '');
        say('Đã tự động lưu bản nháp lúc ' + new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }) + '.');
      } else if (r.res.status === 422) {
        say('Chưa lưu được bản nháp: có câu trả lời chưa hợp lệ. Câu trả lời vẫn được giữ trên máy này.');
      } else {
        stopped = true;
        say((r.data && r.data.message) || 'Không lưu được bản nháp.');
      }
    }).catch(function () {
      say('Mất kết nối: câu trả lời được giữ tạm trên máy này và sẽ lưu khi có mạng.');
    });
  }

  function changed() {
    refresh();
    if (box) {
      keepLocally();
      saveSoon();
    }
  }

  if (box && restore()) {
    say('Đã khôi phục các câu trả lời chưa kịp lưu trên máy này.');
    saveSoon();
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  window.addEventListener('online', function () { if (box && localStorage.getItem(storageKey)) { saveSoon(); } });
  refresh();
}());
