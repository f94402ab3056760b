// The findings table of loclint's HTML report: reads the findings from the JSON data island,
// filters them and shows one page of rows at a time, so a report of 100,000 findings opens as
// fast as one of ten. Every piece of finding text reaches the page through textContent, never
// as markup. The filters live in the URL's fragment (#rule=DE002&market=DE), so the summary's
// links and a copied address open the table filtered.
(function () {
  "use strict";
  var PAGE = 100;
  var FILTERS = ["market", "rule", "severity", "fix", "path", "record", "q"];
  var SEVERITIES = { error: 3, warning: 2, info: 1 };

  var data = JSON.parse(document.getElementById("loclint-findings").textContent);
  var rules = JSON.parse(document.getElementById("loclint-rules").textContent);
  var rows = data.rows;
  var col = {};
  data.columns.forEach(function (name, i) { col[name] = i; });
  // paths and messages written once (html.py: STRINGS_SHARED) are numbers in the rows
  [col.path, col.message].forEach(function (index) {
    for (var i = 0; i < rows.length; i++) {
      if (typeof rows[i][index] === "number") rows[i][index] = data.strings[rows[i][index]];
    }
  });

  var controls = {};
  FILTERS.forEach(function (name) { controls[name] = document.getElementById("f-" + name); });
  var body = document.getElementById("findings-body");
  var status = document.getElementById("findings-status");
  var prev = document.getElementById("page-prev");
  var next = document.getElementById("page-next");
  var shown = [];
  var page = 0;
  var haystacks = new Array(rows.length); // lower-cased searchable text of each row
  var indexed = 0; // rows whose haystack is built: in slices after the page shows, or at the first search

  // What Python's visible() escapes (text/escapes.py): controls, bidi overrides and isolates,
  // lone surrogates; shown as escapes so copy cannot reorder or hide itself.
  var UNSEEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  var NAMED = { 9: "\\t", 10: "\\n", 13: "\\r" };
  function escape(match) {
    var code = match.charCodeAt(0);
    if (NAMED[code]) return NAMED[code];
    var digits = code.toString(16);
    return code < 0x100 ? "\\x" + ("0" + digits).slice(-2) : "\\u" + ("000" + digits).slice(-4);
  }
  function visible(text) {
    return text === null || text === undefined ? "" : String(text).replace(UNSEEN, escape);
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = visible(text);
    if (className) node.className = className;
    return node;
  }

  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : ""; }

  function fillSelect(select, counts, order) {
    var values = Object.keys(counts).sort(order);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = visible(value === "" ? "(none)" : value) + " (" + counts[value] + ")";
      select.appendChild(option);
    });
  }

  function countBy(index) {
    var counts = {};
    for (var i = 0; i < rows.length; i++) {
      var key = rows[i][index] === null ? "" : String(rows[i][index]);
      counts[key] = (counts[key] || 0) + 1;
    }
    return counts;
  }

  function haystack(row) {
    var parts = [row[col.rule], (rules[row[col.rule]] || {}).name, row[col.market], row[col.path], row[col.record],
                 row[col.field], row[col.text], row[col.message]];
    (row[col.suggestions] || []).forEach(function (s) { parts.push(s.replacement); });
    return parts.join("\u0001").toLowerCase();
  }

  function buildIndex(upTo) {
    for (; indexed < upTo; indexed++) haystacks[indexed] = haystack(rows[indexed]);
  }

  function indexInBackground() {
    buildIndex(Math.min(rows.length, indexed + 5000));
    if (indexed < rows.length) setTimeout(indexInBackground, 0);
  }

  function wanted() {
    var want = {};
    FILTERS.forEach(function (name) { want[name] = controls[name].value; });
    want.path = want.path.toLowerCase();
    want.record = want.record.toLowerCase();
    want.q = want.q.trim().toLowerCase();
    return want;
  }

  function apply() {
    var want = wanted();
    if (want.q) buildIndex(rows.length);
    shown = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (want.market && row[col.market] !== want.market) continue;
      if (want.rule && row[col.rule] !== want.rule) continue;
      if (want.severity && row[col.severity] !== want.severity) continue;
      if (want.fix && row[col.fix] !== want.fix) continue;
      if (want.path && String(row[col.path]).toLowerCase().indexOf(want.path) < 0) continue;
      if (want.record && String(row[col.record]).toLowerCase().indexOf(want.record) < 0) continue;
      if (want.q && haystacks[i].indexOf(want.q) < 0) continue;
      shown.push(i);
    }
    page = 0;
    render();
  }

  function sourceCell(row) {
    var info = rules[row[col.rule]] || {};
    var source = info.source || {};
    var td = el("td");
    var url = safeUrl(source.url);
    if (url) {
      var link = el("a", source.title || url);
      link.href = url;
      link.rel = "noopener noreferrer";
      td.appendChild(link);
    } else if (source.title) {
      td.textContent = visible(source.title);
    }
    return td;
  }

  function rowElement(row) {
    var tr = document.createElement("tr");
    var severity = el("td");
    severity.appendChild(el("span", row[col.severity], "sev sev-" + row[col.severity]));
    tr.appendChild(severity);
    var rule = el("td", null, "code");
    var info = rules[row[col.rule]] || {};
    var anchor = document.getElementById("page-" + row[col.rule]);
    var code = el(anchor ? "a" : "span", row[col.rule]);
    if (anchor) code.href = "#page-" + row[col.rule];
    code.title = visible(info.name || "");
    rule.appendChild(code);
    tr.appendChild(rule);
    tr.appendChild(el("td", row[col.market]));
    var where = el("td");
    where.appendChild(el("div", row[col.path] + ":" + row[col.line] + ":" + row[col.column], "code path"));
    where.appendChild(el("div", "record " + row[col.record] + (row[col.field] ? " · " + row[col.field] : ""), "muted"));
    tr.appendChild(where);
    var excerpt = el("td", null, "excerpt");
    var context = row[col.context] || {};
    if (row[col.field] === null && !row[col.text]) {
      excerpt.appendChild(el("span", "(the record: something is missing)", "muted"));
    } else {
      excerpt.appendChild(document.createTextNode(visible(context.before)));
      excerpt.appendChild(el("mark", row[col.text]));
      excerpt.appendChild(document.createTextNode(visible(context.after)));
    }
    tr.appendChild(excerpt);
    tr.appendChild(el("td", row[col.message]));
    var rewrite = el("td");
    (row[col.suggestions] || []).forEach(function (s) {
      var line = el("div");
      line.appendChild(el("span", "→ " + s.replacement));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", "(" + s.applicability + ")", "fix fix-" + s.applicability));
      rewrite.appendChild(line);
    });
    tr.appendChild(rewrite);
    tr.appendChild(sourceCell(row));
    return tr;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    var start = page * PAGE;
    var end = Math.min(shown.length, start + PAGE);
    var fragment = document.createDocumentFragment();
    for (var i = start; i < end; i++) fragment.appendChild(rowElement(rows[shown[i]]));
    body.replaceChildren(fragment);
    status.textContent = shown.length
      ? "Findings " + (start + 1).toLocaleString("en") + "–" + end.toLocaleString("en") + " of " +
        shown.length.toLocaleString("en") + " shown (" + rows.length.toLocaleString("en") + " in the report), page " +
        (page + 1) + " of " + pages
      : "No finding matches (" + rows.length.toLocaleString("en") + " in the report)";
    status.setAttribute("data-shown", String(shown.length));
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  function fromHash() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) {
      var target = hash && document.getElementById(decodeURIComponent(hash));
      if (target && target.tagName === "DETAILS") target.open = true;
      return false;
    }
    var params = new URLSearchParams(hash);
    FILTERS.forEach(function (name) { controls[name].value = params.get(name) || ""; });
    return true;
  }

  function toHash() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (controls[name].value) params.set(name, controls[name].value); });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  fillSelect(controls.market, countBy(col.market));
  fillSelect(controls.rule, countBy(col.rule));
  fillSelect(controls.severity, countBy(col.severity), function (a, b) { return SEVERITIES[b] - SEVERITIES[a]; });
  fillSelect(controls.fix, countBy(col.fix));

  var timer = null;
  FILTERS.forEach(function (name) {
    var control = controls[name];
    control.addEventListener(control.tagName === "SELECT" ? "change" : "input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { apply(); toHash(); }, control.tagName === "SELECT" ? 0 : 120);
    });
  });
  prev.addEventListener("click", function () { page -= 1; render(); });
  next.addEventListener("click", function () { page += 1; render(); });
  window.addEventListener("hashchange", function () {
    if (fromHash()) {
      apply();
      document.getElementById("findings-section").scrollIntoView();
    }
  });
  fromHash();
  apply();
  setTimeout(indexInBackground, 0);
  performance.mark("loclint-ready"); // benchmarks/html_report.py reads it: parsed, filtered, first page shown
  document.documentElement.setAttribute("data-ready", "true");
})();
