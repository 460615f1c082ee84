/* trilat-opt report: sortable and filterable tables, and the charts (whatif.js drives the what-if panel).
   No network, no eval, no innerHTML with data: every text node is set with textContent. */
(function () {
  "use strict";

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
