/* trilat-opt what-if panel: weights, caps and budgets in; the exact optimal portfolio out.
   Every control means one thing: a weight slider sets that criterion's share of 100% within
   criteria.yaml's bounds and rescales the others in proportion, as --weight does; a cap or budget
   slider sets that one limit. The state lives in the URL fragment (#whatif&...), so a link reopens
   the same what-if, and "copy command" gives the trilat-opt report command that reproduces it.
   For tests and scripts the panel carries its live result in data-live-* attributes. No network,
   no eval, no innerHTML with data: text is set with textContent. */
(function () {
  "use strict";
  var S = window.TrilatSolve, W = window.TrilatWeights;
  var UNIT = W.UNIT, sharesOf = W.sharesOf, unitText = W.unitText, boundsOf = W.boundsOf, setShare = W.setShare;
  var BIND = 1e-9;         /* a rule binds when its slack is within this (relative) of zero */
  var SLOW = { robust: "one solve per scenario first", regret: "one solve per scenario first",
               consensus: "one solve per capital first" };

  function $(id) { return document.getElementById(id); }
  /* A fragment that holds a what-if ("#whatif&..."), not a link to an anchor such as #whatif-controls. */
  function isState(hash) { return /^#?whatif(&|$)/.test(hash); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function pct(w) { return (100 * w).toFixed(1) + "%"; }
  function fmt(v) {
    var a = Math.abs(v);
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return v.toFixed(1); }
    return v.toFixed(4);
  }
  /* A budget or exposure as the report's tables show it (render.fmt_num): 550, 12.3, 0.125, 7. */
  function amount(v) {
    var a = Math.abs(v);
    if (Number.isInteger(v)) { return String(v); }
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return v.toFixed(1); }
    return v.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
  }

  /* ---------------------------------------------------------------- state and the fragment */

  function Panel(root, data) {
    this.root = root;
    this.D = data;
    this.P = data.programme;
    this.crit = data.criteria;
    this.bounds = boundsOf(this.crit);
    this.initial = this.reportState();
    this.state = this.reportState();
    this.solver = null;
    this.queued = false;
    this.settled = Promise.resolve();
    this.result = null;
  }

  Panel.prototype.reportState = function () {
    return {
      source: "run",
      units: null,
      weights: this.crit.map(function (c) { return c.weight; }),
      objective: this.D.run.objective,
      scenario: this.D.run.scenario || "",
      limits: this.D.limits.map(function (l) { return l.value; })
    };
  };

  Panel.prototype.fragment = function () {
    var s = this.state, i = this.initial, parts = [];
    if (s.source !== "run") { parts.push("w=" + (s.units ? s.units.join(".") : s.source)); }
    if (s.objective !== i.objective) { parts.push("o=" + s.objective); }
    if (s.scenario !== i.scenario) { parts.push("s=" + (s.scenario || "base")); }
    var self = this;
    ["budget", "risk"].forEach(function (kind) {
      var changed = self.D.limits.map(function (l, j) { return [l, s.limits[j]]; })
        .filter(function (p) { return p[0].kind === kind && p[1] !== i.limits[self.D.limits.indexOf(p[0])]; })
        .map(function (p) { return p[0].id + ":" + p[1]; });
      if (changed.length) { parts.push((kind === "risk" ? "cap=" : "budget=") + changed.join(",")); }
    });
    return parts.length ? "whatif&" + parts.join("&") : "";
  };

  /* Read a fragment written by `fragment`; anything unreadable keeps the report's setting. */
  Panel.prototype.parse = function (text) {
    var s = this.reportState(), self = this;
    text.replace(/^#?whatif&?/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("="), key = part.slice(0, eq), value = decodeURIComponent(part.slice(eq + 1));
      if (key === "w") { self.readWeights(s, value); }
      if (key === "o" && self.D.objectives.indexOf(value) >= 0) { s.objective = value; }
      if (key === "s") { s.scenario = self.D.scenarios.some(function (x) { return x.id === value; }) ? value : ""; }
      if (key === "cap" || key === "budget") {
        value.split(",").forEach(function (pair) {
          var c = pair.lastIndexOf(":"), id = pair.slice(0, c), v = Number(pair.slice(c + 1));
          self.D.limits.forEach(function (l, j) {
            if (l.id === id && l.kind === (key === "cap" ? "risk" : "budget") && isFinite(v) && v >= l.min && v <= l.max) {
              s.limits[j] = v;
            }
          });
        });
      }
    });
    return s;
  };

  Panel.prototype.readWeights = function (s, value) {
    if (value === "run") { return; }
    if (value.indexOf("p:") === 0) {
      var p = this.D.profiles.filter(function (q) { return q.id === value.slice(2); })[0];
      if (p) { s.source = value; s.weights = p.weights.slice(); }
      return;
    }
    var units = value.split(".").map(Number), b = this.bounds;
    var ok = units.length === this.crit.length && units.every(function (u, j) {
      return Number.isInteger(u) && u >= b[j][0] && u <= b[j][1];
    }) && units.reduce(function (a, c) { return a + c; }, 0) === UNIT;
    if (ok) { s.source = "custom"; s.units = units; s.weights = sharesOf(units); }
  };

  Panel.prototype.writeFragment = function () {
    var frag = this.fragment(), here = location.hash.slice(1);
    if (frag === here || (!frag && !isState(here))) { return; }
    history.replaceState(null, "", frag ? "#" + frag : location.pathname + location.search);
  };

  /* ---------------------------------------------------------------- the command */

  Panel.prototype.command = function () {
    var s = this.state, D = this.D, parts = ["trilat-opt report"];
    if (s.source === "run") { parts = parts.concat(D.run.weight_args); }
    else if (s.source.indexOf("p:") === 0) { parts.push("--profile " + s.source.slice(2)); }
    else { this.crit.forEach(function (c, j) { parts.push("--weight " + c.id + "=" + unitText(s.units[j])); }); }
    if (s.objective !== "value") { parts.push("--objective " + s.objective); }
    if (s.scenario) { parts.push("--scenario " + s.scenario); }
    D.limits.forEach(function (l, j) {
      if (s.limits[j] !== l.yaml) { parts.push((l.kind === "risk" ? "--cap " : "--budget ") + l.id + "=" + String(s.limits[j])); }
    });
    return parts.concat(D.run.tail_args).join(" ");
  };

  /* ---------------------------------------------------------------- controls */

  Panel.prototype.bind = function () {
    var self = this;
    this.crit.forEach(function (c, k) {
      $("wi-w-" + c.id).addEventListener("input", function (e) {
        var units = setShare(self.state.weights, k, Number(e.target.value), self.bounds);
        self.state.source = "custom";
        self.state.units = units;
        self.state.weights = sharesOf(units);
        self.changed();
      });
    });
    this.root.querySelectorAll("button[data-preset]").forEach(function (b) {
      b.addEventListener("click", function () {
        var s = self.reportState(), keep = self.state;
        self.readWeights(s, b.getAttribute("data-preset"));
        keep.source = s.source; keep.units = s.units; keep.weights = s.weights;
        self.changed();
      });
    });
    this.D.limits.forEach(function (l, j) {
      $("wi-l-" + j).addEventListener("input", function (e) { self.state.limits[j] = Number(e.target.value); self.changed(); });
    });
    $("wi-objective").addEventListener("change", function (e) { self.state.objective = e.target.value; self.changed(); });
    $("wi-scenario").addEventListener("change", function (e) { self.state.scenario = e.target.value; self.changed(); });
    $("wi-reset").addEventListener("click", function () { self.state = self.reportState(); self.changed(); });
    $("wi-copy").addEventListener("click", function () { self.copy($("wi-cmd").textContent, "command"); });
    $("wi-link").addEventListener("click", function () { self.copy(location.href, "link"); });
  };

  Panel.prototype.copy = function (text, what) {
    var note = $("wi-copied");
    var done = function () { note.textContent = "Copied the " + what + "."; };
    var fallback = function () {
      var r = document.createRange();
      r.selectNodeContents($("wi-cmd"));
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      note.textContent = what === "command" ? "Selected the command: press Ctrl+C to copy it." : "Copy the address from the address bar.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
  };

  /* Show the state in the controls (after a preset, a link or a reset moved them). */
  Panel.prototype.showControls = function () {
    var s = this.state, self = this, outside = [];
    this.crit.forEach(function (c, j) {
      var input = $("wi-w-" + c.id), w = s.weights[j];
      // The bounds rule (weights.py): a run's own weight may lie outside its bounds; it is used as
      // given and said to be outside (the slider, which spans the bounds, shows it at the end).
      var out = w < c.low - 1e-9 || w > c.high + 1e-9;
      if (out) { outside.push(c.name + " " + pct(w) + " (bounds " + pct(c.low) + "\u2013" + pct(c.high) + ")"); }
      input.value = String(w);
      input.setAttribute("aria-valuetext", pct(w) + (out ? ", outside its bounds" : ""));
      $("wi-wo-" + c.id).textContent = pct(w) + (out ? " *" : "");
    });
    var note = $("wi-bounds");
    note.hidden = outside.length === 0;
    note.textContent = outside.length ? "* Outside its bounds in criteria.yaml: " + outside.join("; ") +
      ". The weight is used as set; moving a slider brings every share within its bounds." : "";
    this.root.querySelectorAll("button[data-preset]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-preset") === s.source));
    });
    this.D.limits.forEach(function (l, j) {
      var input = $("wi-l-" + j), text = String(s.limits[j]) + (l.unit ? " " + l.unit : "");
      input.value = String(s.limits[j]);
      input.setAttribute("aria-valuetext", text);
      $("wi-lo-" + j).textContent = String(s.limits[j]);
      $("wi-l-" + j).parentNode.classList.toggle("moved", s.limits[j] !== self.initial.limits[j]);
    });
    $("wi-objective").value = s.objective;
    $("wi-scenario").value = s.scenario;
    $("wi-cmd").textContent = this.command();
  };

  Panel.prototype.changed = function () {
    this.showControls();
    this.writeFragment();
    this.request();
  };

  /* ---------------------------------------------------------------- solving */

  Panel.prototype.settings = function () {
    var s = this.state, rhs = {};
    this.D.limits.forEach(function (l, j) { rhs[l.row] = s.limits[j]; });
    return { objective: s.objective, column: s.scenario || "base", weights: s.weights, rhs: rhs };
  };

  /* Solve the latest state once the browser has shown the last change; moves made meanwhile are
     coalesced into one solve. */
  Panel.prototype.request = function () {
    var self = this;
    if (this.queued) { return; }
    this.queued = true;
    this.settled = new Promise(function (resolve) {
      setTimeout(function () { self.queued = false; self.solve(); resolve(); }, 0);
    });
  };

  Panel.prototype.solve = function () {
    var st = this.settings(), s = this.state, live = this.D.live_objectives.indexOf(s.objective) >= 0;
    var values = S.values(this.P, st.column, st.weights), r;
    if (!live) {
      r = { status: "unsupported", values: values };
    } else if (!this.solver) {
      r = { status: this.failed ? "error" : "loading", values: values };
    } else {
      var t0 = performance.now();
      r = this.solver.solve(st);
      if (r.status === "infeasible") { r.diagnosis = this.solver.diagnose(st.rhs); }
      r.ms = performance.now() - t0;
    }
    this.result = r;
    this.show(r, st);
    return r;
  };

  /* ---------------------------------------------------------------- showing the result */

  Panel.prototype.show = function (r, st) {
    var s = this.state, D = this.D, P = this.P, root = this.root;
    var selected = r.x ? P.options.filter(function (o, i) { return r.x[i] > 0.5; }) : null;
    /* Until the solver runs, or where it cannot, the report's own settings show the report's answer. */
    if (r.status !== "optimal" && r.status !== "infeasible" && this.fragment() === "") { selected = D.run.selected.slice(); }
    var shares = {};
    this.crit.forEach(function (c, j) { shares[c.id] = s.weights[j]; });
    root.setAttribute("data-live-status", r.status);
    root.setAttribute("data-live-weights", JSON.stringify(shares));
    root.setAttribute("data-live-portfolio", JSON.stringify(selected));
    root.setAttribute("data-live-objective", r.status === "optimal" ? String(r.objective) : "");
    root.setAttribute("data-live-fragment", this.fragment());
    this.showStatus(r);
    $("wi-result").hidden = !selected;
    this.showPortfolio(selected, r);
    this.showBinding(selected ? P.options.map(function (o) { return selected.indexOf(o) >= 0 ? 1 : 0; }) : null, st.rhs);
    this.showDiagnosis(r.diagnosis);
    this.showLimits(r.status === "unsupported", selected !== null);
    this.showRanking(r.values, selected);
  };

  Panel.prototype.showStatus = function (r) {
    var text = {
      optimal: "Re-optimised: the exact optimum under these settings (" + (r.solves || 0) + " solves, " +
        Math.round(r.ms || 0) + " ms).",
      infeasible: "No portfolio satisfies every rule under these settings.",
      loading: "Starting the solver…",
      error: "The solver could not start in this browser; the ranking still follows the sliders.",
      unsupported: "Not re-solved in the page: see below.",
      "not solved": "The solver stopped without an answer."
    }[r.status] || r.status;
    $("wi-status").textContent = text;
  };

  Panel.prototype.showPortfolio = function (selected, r) {
    var D = this.D, titles = D.titles, P = this.P, list = $("wi-portfolio"), gone = $("wi-leaves");
    var report = D.run.selected, index = {};
    P.options.forEach(function (o, i) { index[o] = i; });
    list.textContent = "";
    gone.textContent = "";
    if (!selected) { $("wi-summary").textContent = ""; return; }
    selected.forEach(function (o) {
      var li = el("li"), a = el("a", "", titles[index[o]]);
      a.href = "#opt-" + o;
      li.appendChild(a);
      if (report.indexOf(o) < 0) { li.className = "enters"; li.appendChild(el("span", "badge enters", "enters")); }
      list.appendChild(li);
    });
    var leaving = report.filter(function (o) { return selected.indexOf(o) < 0; });
    leaving.forEach(function (o) {
      var li = el("li", "leaves"), a = el("a", "", titles[index[o]]);
      a.href = "#opt-" + o;
      li.appendChild(a);
      li.appendChild(el("span", "badge leaves", "leaves"));
      gone.appendChild(li);
    });
    $("wi-leaves-h").hidden = leaving.length === 0;
    var entering = selected.filter(function (o) { return report.indexOf(o) < 0; }).length;
    var parts = [selected.length + " options: " + entering + " enter, " + leaving.length + " leave the report's portfolio."];
    if (r.status === "optimal") {
      parts.push("Objective (" + this.state.objective + "): " + fmt(r.objective) + " here; " +
        (D.run.objective_value === null ? "the report found none" : fmt(D.run.objective_value) +
          " in the report (" + D.run.objective + (D.run.scenario ? ", " + D.run.scenario : "") + ")") + ".");
    }
    $("wi-summary").textContent = parts.join(" ");
  };

  Panel.prototype.showBinding = function (x, rhs) {
    var list = $("wi-binding"), D = this.D, names = {};
    D.limits.forEach(function (l) { names[l.kind + " " + l.id] = l.name; });
    list.textContent = "";
    if (!x) { return; }
    this.P.rows.forEach(function (r, k) {
      if (["budget", "risk", "country"].indexOf(r.kind) < 0) { return; }
      var b = rhs[k] !== undefined ? rhs[k] : r.rhs, used = 0;
      r.cols.forEach(function (c, t) { used += r.coef[t] * x[c]; });
      if (Math.abs(b - used) <= BIND * Math.max(1, Math.abs(b))) {
        var label = names[r.kind + " " + r.ref] || (r.kind === "country" ? "all risks living in " + r.ref : r.name);
        list.appendChild(el("li", "", label + ": " + amount(used) + " of " + amount(b)));
      }
    });
    if (!list.children.length) { list.appendChild(el("li", "muted", "none: every budget and cap has room left")); }
  };

  Panel.prototype.showDiagnosis = function (d) {
    var box = $("wi-diagnosis"), list = $("wi-diagnosis-list");
    box.hidden = !d;
    list.textContent = "";
    if (!d) { return; }
    d.relaxations.forEach(function (r) { list.appendChild(el("li", "", r.message)); });
    if (d.note) { list.appendChild(el("li", "muted", d.note)); }
  };

  Panel.prototype.showLimits = function (unsupported, shown) {
    var box = $("wi-limits"), s = this.state, D = this.D;
    box.hidden = !unsupported;
    if (!unsupported) { return; }
    var text = "The " + s.objective + " objective needs " + SLOW[s.objective] + ", which the page does not do: it " +
      "re-solves the value and expected objectives only. ";
    text += shown ? "Shown is the report's own " + s.objective + " portfolio." :
      (D.run.objective === s.objective ? "The report's " + s.objective + " portfolio was found under its own settings, not these." :
        "This report was built for the " + D.run.objective + " objective.") + " Run the command below for the answer.";
    $("wi-limits-text").textContent = text;
  };

  Panel.prototype.showRanking = function (values, selected) {
    var list = $("live-ranking"), P = this.P, items = {};
    Array.prototype.forEach.call(list.children, function (li) { items[li.getAttribute("data-option")] = li; });
    var order = P.options.map(function (o, i) { return i; });
    order.sort(function (p, q) {
      var a = Math.round(values[p] * 1e12), b = Math.round(values[q] * 1e12);
      return b - a || (P.options[p] < P.options[q] ? -1 : 1);
    });
    var top = order.reduce(function (m, i) { return Math.max(m, Math.abs(values[i])); }, 0) || 1;
    order.forEach(function (i) {
      var o = P.options[i], li = items[o], chosen = !!selected && selected.indexOf(o) >= 0;
      li.querySelector(".bar").style.width = (6 * Math.abs(values[i]) / top).toFixed(2) + "rem";
      li.querySelector(".bar").className = values[i] < 0 ? "bar neg" : "bar";
      li.querySelector(".v").textContent = values[i].toFixed(4);
      li.querySelector(".in").textContent = chosen ? "in portfolio" : "";
      li.classList.toggle("chosen", chosen);
      li.setAttribute("data-value", String(values[i]));
      list.appendChild(li);
    });
  };

  /* ---------------------------------------------------------------- the solver */

  function loadSolver(P) {
    var text = $("highs-wasm").textContent.trim(), raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (wasm) {
      return window.Module({
        instantiateWasm: function (imports, done) {
          WebAssembly.instantiate(wasm, imports).then(function (r) { done(r.instance); });
          return {};
        }
      });
    }).then(function (highs) { return new S.Solver(P, S.highsBackend(highs)); });
  }

  /* Internal links keep the what-if state in the address: while a what-if is shown, following a
     link scrolls to its target (opening the details around it) without replacing the fragment. */
  function keepFragment() {
    document.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
      if (!a || !isState(location.hash) || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!target) { return; }
      e.preventDefault();
      for (var p = target; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
      target.scrollIntoView();
      if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|SUMMARY)$/.test(target.tagName)) { target.tabIndex = -1; }
      target.focus({ preventScroll: true });
    });
  }

  function start() {
    var root = $("whatif-panel"), holder = $("whatif-data");
    if (!root || !holder || !S) { return; }
    var panel = new Panel(root, JSON.parse(holder.textContent));
    var ready;
    panel.bind();
    keepFragment();
    if (isState(location.hash)) { panel.state = panel.parse(location.hash); }
    panel.showControls();
    window.addEventListener("hashchange", function () {
      if (isState(location.hash) && location.hash.slice(1) !== panel.fragment()) {
        panel.state = panel.parse(location.hash);
        panel.showControls();
        panel.request();
      }
    });
    panel.solve();
    try {
      ready = loadSolver(panel.P).then(function (solver) { panel.solver = solver; return panel.solve(); }, function (err) {
        panel.failed = true;
        root.setAttribute("data-live-error", String(err && err.message || err));
        return panel.solve();
      });
    } catch (err) {
      panel.failed = true;
      ready = Promise.resolve(panel.solve());
    }
    /* For tests and scripts: `ready` settles after the first solve; `apply(fragment)` sets a
       what-if as a link would and resolves once it is solved; `idle()` once the last change is;
       `solveProgramme(programme, settings)` solves another programme (optimize.programme's
       format) with the page's solver, as the panel would. */
    window.trilatWhatIf = {
      ready: ready,
      solveProgramme: function (prog, settings) {
        return ready.then(function () {
          var r = new S.Solver(prog, panel.solver.backend).solve(settings);
          var chosen = r.x ? prog.options.filter(function (o, i) { return r.x[i] > 0.5; }) : null;
          return { status: r.status, selected: chosen, objective: r.status === "optimal" ? r.objective : null };
        });
      },
      idle: function () { return ready.then(function () { return panel.settled; }); },
      apply: function (fragment) {
        return ready.then(function () {
          panel.state = panel.parse(fragment);
          panel.showControls();
          panel.writeFragment();
          panel.solve();
          return JSON.parse(root.getAttribute("data-live-portfolio"));
        });
      }
    };
  }

  document.addEventListener("DOMContentLoaded", start);
})();
