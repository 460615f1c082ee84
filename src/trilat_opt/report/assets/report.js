/* trilat-opt report: sortable and filterable tables, and live re-ranking under the additive model.
   No network, no eval, no innerHTML with data: every text node is set with textContent. */
(function () {
  "use strict";
  var TIE = 1e-12;

  function cellValue(td) {
    var v = td.getAttribute("data-v");
    if (v !== null && v !== "" && !isNaN(Number(v))) { return Number(v); }
    return (td.textContent || "").trim().toLowerCase();
  }

  function sortTable(table, col, th) {
    var body = table.tBodies[0];
    // First click: best first, so a score column starts high and a rank column low; then toggles.
    var first = th.classList.contains("num") && th.getAttribute("data-best") !== "low" ? "descending" : "ascending";
    var now = th.getAttribute("aria-sort");
    var dir = now ? (now === "ascending" ? "descending" : "ascending") : first;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) { return [r, i]; });
    rows.sort(function (a, b) {
      var x = cellValue(a[0].cells[col]), y = cellValue(b[0].cells[col]);
      var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
      if (c === 0) { c = a[1] - b[1]; return c; }
      return dir === "ascending" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r[0]); });
  }

  function initTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      if (!table.tHead) { return; }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.tabIndex = 0;
        th.addEventListener("click", function () { sortTable(table, col, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortTable(table, col, th); }
        });
      });
    });
    document.querySelectorAll("input[data-filter-for]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-filter-for"));
      if (!table) { return; }
      var empty = input.parentNode.parentNode.querySelector(".filter-empty");
      input.addEventListener("input", function () {
        var q = input.value.trim().toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
          r.hidden = q !== "" && (r.textContent || "").toLowerCase().indexOf(q) < 0;
          if (!r.hidden) { shown += 1; }
        });
        if (empty) {
          empty.hidden = shown > 0;
          empty.textContent = "No row contains \u201c" + input.value.trim() + "\u201d.";
        }
      });
    });
  }

  function liveRanking() {
    var holder = document.getElementById("live-data");
    var list = document.getElementById("live-ranking");
    if (!holder || !list) { return; }
    var data = JSON.parse(holder.textContent);
    var sliders = data.criteria.map(function (c) { return document.getElementById("w-" + c.id); });
    var items = {};
    Array.prototype.forEach.call(list.children, function (li) { items[li.getAttribute("data-option")] = li; });
    var initialRank = {};
    data.options.forEach(function (o) { initialRank[o.id] = o.rank; });
    var cmd = document.getElementById("live-cmd");

    function update() {
      var raw = sliders.map(function (s) { return Number(s.value); });
      var total = raw.reduce(function (a, b) { return a + b; }, 0);
      var w = raw.map(function (r) { return total > 0 ? r / total : 1 / raw.length; });
      // The bounds rule (weights.py): a weight outside its bounds is used, and said to be outside.
      var outside = [];
      data.criteria.forEach(function (c, j) {
        var out = w[j] < c.low - 1e-9 || w[j] > c.high + 1e-9;
        document.getElementById("wn-" + c.id).textContent = (100 * w[j]).toFixed(1) + "%" + (out ? " *" : "");
        if (out) {
          outside.push(c.name + " " + (100 * w[j]).toFixed(1) + "% (bounds " + (100 * c.low).toFixed(0) +
            "\u2013" + (100 * c.high).toFixed(0) + "%)");
        }
      });
      var note = document.getElementById("live-bounds");
      if (note) {
        note.hidden = outside.length === 0;
        note.textContent = "* Outside its bounds in criteria.yaml: " + outside.join("; ") +
          ". The weights are used as set; SMAA and the core index sample only within the bounds.";
      }
      var scored = data.options.map(function (o) {
        var v = 0;
        for (var j = 0; j < w.length; j++) { v += w[j] * o.net[j]; }
        return { id: o.id, value: v };
      });
      scored.sort(function (a, b) {
        if (Math.abs(a.value - b.value) > TIE) { return b.value - a.value; }
        return a.id < b.id ? -1 : (a.id > b.id ? 1 : 0);
      });
      var top = scored.reduce(function (m, s) { return Math.max(m, Math.abs(s.value)); }, 0) || 1;
      scored.forEach(function (s, i) {
        var li = items[s.id];
        li.setAttribute("data-value", String(s.value));
        var bar = li.querySelector(".bar");
        bar.style.width = (6 * Math.abs(s.value) / top).toFixed(2) + "rem";
        bar.className = s.value < 0 ? "bar neg" : "bar";
        li.querySelector(".v").textContent = s.value.toFixed(4);
        var moved = initialRank[s.id] - (i + 1);
        li.querySelector(".moved").textContent = moved > 0 ? "\u25B2" + moved : (moved < 0 ? "\u25BC" + (-moved) : "");
        list.appendChild(li);
      });
      if (cmd) {
        var parts = [data.command];
        data.criteria.slice(0, -1).forEach(function (c, j) {
          parts.push("--weight " + c.id + "=" + (Math.floor(w[j] * 10000) / 10000).toFixed(4));
        });
        cmd.textContent = parts.join(" ");
      }
    }
    sliders.forEach(function (s) { s.addEventListener("input", update); });
    var reset = document.getElementById("live-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        data.criteria.forEach(function (c, j) { sliders[j].value = String(c.weight); });
        update();
      });
    }
    update();
  }

  function drawCharts() {
    var holder = document.getElementById("chart-specs");
    if (!holder || typeof window.vegaEmbed !== "function") { return; }
    var specs = JSON.parse(holder.textContent);
    var opts = { actions: false, renderer: "svg", ast: true };
    document.querySelectorAll("div.vega[data-chart]").forEach(function (div) {
      var spec = specs[div.getAttribute("data-chart")];
      if (!spec) { return; }
      div.textContent = "";
      window.vegaEmbed(div, spec, opts).then(function (res) {
        var svg = div.querySelector("svg");
        if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
        div.setAttribute("data-rendered", "true");
        return res;
      }).catch(function (err) {
        div.setAttribute("data-rendered", "failed");
        var p = document.createElement("p");
        p.className = "missing";
        p.textContent = "This chart could not be drawn (" + String(err && err.message || err) + ").";
        div.appendChild(p);
      });
    });
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    while (el) { if (el.tagName === "DETAILS") { el.open = true; } el = el.parentElement; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    initTables();
    liveRanking();
    drawCharts();
    openTarget();
    window.addEventListener("hashchange", openTarget);
    window.addEventListener("beforeprint", function () {
      // Print the chosen options' arguments, not all of them, and not the all-arguments table:
      // the page on screen and arguments.csv have the rest (and a printed copy stays short).
      document.querySelectorAll("details").forEach(function (d) {
        d.open = !d.classList.contains("alltable") && (!d.classList.contains("option") || d.classList.contains("chosen"));
      });
    });
  });
})();
