/* trilat-opt what-if: the portfolio programme of the report, re-solved exactly in the page.
   The same programme PortfolioModel builds in Python (optimize/model.py) for the value and
   expected objectives: the same rows, the same objective, the same deterministic tie-breaking
   (least total budget share, then the earliest option ids), so the page and `trilat-opt report`
   choose the same portfolio. The solver is a "backend" ({solve(model)}): HiGHS compiled to
   WebAssembly in the page. No DOM here: the benchmark and the tests drive it directly. */
var TrilatSolve = (function () {
  "use strict";

  /* Correctly rounded sum of floats (Shewchuk), as Python's math.fsum: the page normalises the
     weights exactly as trilat_opt.weights.normalise does, to the last bit. */
  function fsum(xs) {
    var partials = [];
    for (var n = 0; n < xs.length; n++) {
      var x = xs[n], i = 0;
      for (var k = 0; k < partials.length; k++) {
        var y = partials[k];
        if (Math.abs(x) < Math.abs(y)) { var t = x; x = y; y = t; }
        var hi = x + y, lo = y - (hi - x);
        if (lo !== 0) { partials[i++] = lo; }
        x = hi;
      }
      partials.length = i;
      partials.push(x);
    }
    var m = partials.length;
    if (m === 0) { return 0; }
    var total = partials[--m], lost = 0;
    while (m > 0) {
      var a = total, b = partials[--m];
      total = a + b;
      lost = b - (total - a);
      if (lost !== 0) { break; }
    }
    if (m > 0 && ((lost < 0 && partials[m - 1] < 0) || (lost > 0 && partials[m - 1] > 0))) {
      var twice = lost * 2, sum = total + twice;
      if (twice === sum - total) { total = sum; }
    }
    return total;
  }

  /* Option values of one value column under weights w: sum_j net[i][j] * factor[j] * w[j]. */
  function values(prog, column, w) {
    var f = prog.factors[column], out = new Float64Array(prog.net.length);
    for (var i = 0; i < prog.net.length; i++) {
      var row = prog.net[i], v = 0;
      for (var j = 0; j < w.length; j++) { v += (row[j] * f[j]) * w[j]; }
      out[i] = v;
    }
    return out;
  }

  /* The objective f(x) = a.x + b.(x_i x_j over the synergy pairs), as objectives.outcomes builds it. */
  function objective(prog, kind, column, w) {
    var v = values(prog, column, w), pairs = prog.pairs;
    var a = new Float64Array(v.length), b = new Float64Array(pairs.length);
    var q = prog.survival[column] || prog.survival.base;
    for (var i = 0; i < v.length; i++) { a[i] = kind === "expected" ? v[i] * q[i] : v[i]; }
    for (var k = 0; k < pairs.length; k++) {
      var s = pairs[k][2];
      b[k] = kind === "expected" ? s * q[pairs[k][0]] * q[pairs[k][1]] : s;
    }
    return { a: a, b: b, values: v };
  }

  function at(f, x, pairs) {
    var s = 0;
    for (var i = 0; i < x.length; i++) { s += f.a[i] * x[i]; }
    for (var k = 0; k < pairs.length; k++) { s += f.b[k] * x[pairs[k][0]] * x[pairs[k][1]]; }
    return s;
  }

  /* Rows over n option columns then one column per synergy pair: {cols, coef, lo, hi}. */
  function baseRows(prog, rhs) {
    var n = prog.options.length, rows = [];
    prog.pairs.forEach(function (p, k) {
      var y = n + k;
      rows.push({ cols: [y, p[0]], coef: [1, -1], lo: -Infinity, hi: 0 });
      rows.push({ cols: [y, p[1]], coef: [1, -1], lo: -Infinity, hi: 0 });
      rows.push({ cols: [y, p[0], p[1]], coef: [1, -1, -1], lo: -1, hi: Infinity });
    });
    prog.rows.forEach(function (r, k) {
      var b = rhs && rhs[k] !== undefined ? rhs[k] : r.rhs;
      rows.push({ cols: r.cols, coef: r.coef, lo: r.sense === "<=" ? -Infinity : b, hi: r.sense === ">=" ? Infinity : b });
    });
    return rows;
  }

  function dense(n, m, a, b) {
    var c = new Float64Array(n + m);
    for (var i = 0; i < n; i++) { c[i] = a ? a[i] : 0; }
    for (var k = 0; k < m; k++) { c[n + k] = b ? b[k] : 0; }
    return c;
  }

  function rowOf(c, lo, hi) {
    var cols = [], coef = [];
    for (var i = 0; i < c.length; i++) { if (c[i] !== 0) { cols.push(i); coef.push(c[i]); } }
    return { cols: cols, coef: coef, lo: lo, hi: hi };
  }

  /* Sum over budgets of each option's share of the budget (model.py _cost_weights). */
  function costWeights(prog, rhs) {
    var n = prog.options.length, w = new Float64Array(n), any = false;
    prog.rows.forEach(function (r, k) {
      if (r.kind !== "budget") { return; }
      var limit = rhs && rhs[k] !== undefined ? rhs[k] : r.rhs;
      if (!(limit > 0)) { return; }
      r.cols.forEach(function (c, t) { w[c] += r.coef[t] / limit; any = true; });
    });
    return any ? w : null;
  }

  /* The last portfolio, with its pair columns, as a start for the next main solve: a slider moves
     the optimum a little, and HiGHS with a good incumbent prunes early (measured: a drag's
     re-solves take less than half the time). Only where the solver starts; never what it returns. */
  function startOf(x, pairs, m) {
    var start = new Float64Array(x.length + m);
    start.set(x);
    pairs.forEach(function (p, k) { start[x.length + k] = x[p[0]] * x[p[1]]; });
    return start;
  }

  function Solver(prog, backend) {
    this.prog = prog;
    this.backend = backend;
    this.n = prog.options.length;
    this.m = prog.pairs.length;
    this.solves = 0;
  }

  Solver.prototype.run = function (sense, cost, rows, start) {
    this.solves++;
    var model = { sense: sense, cost: cost, rows: rows, integers: this.n, cols: this.n + this.m, start: start };
    var out = this.backend.solve(model);
    if (out.x) {
      var x = new Float64Array(this.n);
      for (var i = 0; i < this.n; i++) { x[i] = out.x[i] > 0.5 ? 1 : 0; }
      out.x = x;
    }
    return out;
  };

  /* The optimal portfolio under `settings` {objective, column, weights, rhs (row index -> limit)}. */
  Solver.prototype.solve = function (settings) {
    var prog = this.prog, n = this.n, m = this.m;
    this.solves = 0;
    var f = objective(prog, settings.objective, settings.column, settings.weights);
    var rows = baseRows(prog, settings.rhs);
    var guide = dense(n, m, f.a, f.b);
    var out = this.run("max", guide, rows, this.start);
    if (out.status !== "optimal") { return { status: out.status, values: f.values, solves: this.solves }; }
    var x = out.x;
    this.start = startOf(x, prog.pairs, m);
    if (n <= prog.tie.max) { x = this.breakTies(x, f, rows, guide, settings.rhs); }
    return { status: "optimal", x: x, objective: at(f, x, prog.pairs), values: f.values, f: f, solves: this.solves };
  };

  /* Is there a portfolio other than x within `rows` whose objective is at least `low`? Asked as
     "the best other portfolio" (as model.py _tied asks it) rather than as feasibility within the
     tie region: the same answer, found faster by HiGHS (measured: about 40% less time), and the
     last runner-up is a good start for the next. */
  Solver.prototype.another = function (x, rows, guide, f, low) {
    var flip = new Float64Array(this.n + this.m), count = 0;
    for (var i = 0; i < this.n; i++) { flip[i] = x[i] > 0.5 ? -1 : 1; count += x[i]; }
    var out = this.run("max", guide, rows.concat([rowOf(flip, 1 - count, Infinity)]), this.second);
    if (out.x) { this.second = startOf(out.x, this.prog.pairs, this.m); }
    return out.x !== undefined && at(f, out.x, this.prog.pairs) >= low;
  };

  /* model.py _break_ties: among portfolios within TIE_TOL of the optimum, the least total cost
     share, then the one selecting the earliest option id where they differ. */
  Solver.prototype.breakTies = function (x, f, rows, guide, rhs) {
    var prog = this.prog, n = this.n, m = this.m, tie = prog.tie;
    var best = at(f, x, prog.pairs), low = best - tie.tol * Math.max(1, Math.abs(best));
    if (!this.another(x, rows, guide, f, low)) { return x; }
    var region = rows.concat([rowOf(guide, low, Infinity)]);
    var cost = costWeights(prog, rhs);
    if (cost) {
      var out = this.run("min", dense(n, m, cost, null), region);
      if (!out.x) { return x; }
      x = out.x;
      var c = 0;
      for (var i = 0; i < n; i++) { c += cost[i] * x[i]; }
      region = region.concat([rowOf(dense(n, m, cost, null), -Infinity, c + tie.tol * Math.max(1, c))]);
      if (n > tie.block && !this.another(x, region, guide, f, low)) { return x; }
    }
    return this.lexicographic(x, region);
  };

  Solver.prototype.lexicographic = function (x, region) {
    var prog = this.prog, n = this.n, m = this.m, block = prog.tie.block;
    var order = prog.options.map(function (o, k) { return k; });
    order.sort(function (p, q) { return prog.options[p] < prog.options[q] ? -1 : (prog.options[p] > prog.options[q] ? 1 : 0); });
    var fixed = [];
    for (var s = 0; s < order.length; s += block) {
      var part = order.slice(s, s + block), w = new Float64Array(n + m);
      part.forEach(function (k, r) { w[k] = Math.pow(2, part.length - 1 - r); });
      var out = this.run("max", w, region.concat(fixed));
      if (!out.x) { return x; }
      x = out.x;
      part.forEach(function (k) {
        var unit = new Float64Array(n + m);
        unit[k] = 1;
        fixed.push(rowOf(unit, x[k], x[k]));
      });
    }
    return x;
  };

  /* HiGHS options: gap 0 as in Python (optimize/solve.py), and without the sub-MIP heuristics
     (feasibility jump, RINS, RENS) and restarts, which on programmes of this size cost more than
     they save (measured in benchmarks/bench_whatif.py: about three times faster on the shipped
     catalogue, same optima; analysis/resolve.py turns the same heuristics off for the same
     reason). The cheap root heuristics stay: without them 120 and 200 options took 2-3x longer. */
  var HIGHS_OPTIONS = {
    output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9, mip_allow_restart: false, mip_heuristic_effort: 0,
    mip_heuristic_run_feasibility_jump: false, mip_heuristic_run_rins: false, mip_heuristic_run_rens: false
  };

  /* HiGHS (highs-js) as a backend: one fresh model per solve. A model is {sense, cost, rows, cols,
     integers (the first `integers` columns are 0/1) or integer (a 0/1 flag per column), upper}. */
  function highsBackend(highs) {
    var inf = highs.infinity, K = highs.constants;
    return {
      name: "HiGHS " + highs.version.string + " (WebAssembly)",
      solve: function (model) {
        var starts = [0], index = [], value = [], lo = [], hi = [];
        model.rows.forEach(function (r) {
          for (var t = 0; t < r.cols.length; t++) { index.push(r.cols[t]); value.push(r.coef[t]); }
          starts.push(index.length);
          lo.push(r.lo === -Infinity ? -inf : r.lo);
          hi.push(r.hi === Infinity ? inf : r.hi);
        });
        var integrality = new Int32Array(model.cols);
        for (var i = 0; i < model.cols; i++) {
          var isInt = model.integer ? model.integer[i] : i < model.integers;
          integrality[i] = isInt ? K.variableType.integer : K.variableType.continuous;
        }
        var h = highs.createModel({
          numCols: model.cols,
          numRows: model.rows.length,
          sense: model.sense === "max" ? K.objectiveSense.maximize : K.objectiveSense.minimize,
          colCost: model.cost,
          colLower: new Float64Array(model.cols),
          colUpper: model.upper || new Float64Array(model.cols).fill(1),
          rowLower: lo,
          rowUpper: hi,
          matrix: { format: "csr", numRows: model.rows.length, numCols: model.cols, starts: starts, indices: index, values: value },
          integrality: integrality
        });
        try {
          h.options.set(HIGHS_OPTIONS);
          if (model.start) { h.setSolution({ colValue: model.start }); }
          h.run();
          var status = h.getModelStatus();
          if (status === K.modelStatus.optimal) { return { status: "optimal", x: h.getSolution().colValue }; }
          if (status === K.modelStatus.infeasible) { return { status: "infeasible" }; }
          return { status: "not solved" };
        } finally {
          h.dispose();
        }
      }
    };
  }

  /* ------------------------------------------------------------------ diagnosis (optimize/diagnose.py) */

  var FORCED = { include: true, exclude: true };

  function worstViolation(r, rhs) {
    var pos = 0, neg = 0;
    r.coef.forEach(function (c) { if (c > 0) { pos += c; } else { neg += c; } });
    return r.sense === "<=" ? pos - rhs : rhs - neg;
  }

  /* Python's "%.6g" of round(v, 9). */
  function num(v) {
    v = Math.round(v * 1e9) / 1e9;
    if (v === 0) { return "0"; }
    var exp = Number(v.toExponential(5).split("e")[1]);
    var strip = function (t) { return t.indexOf(".") < 0 ? t : t.replace(/0+$/, "").replace(/\.$/, ""); };
    if (exp < -4 || exp >= 6) {
      var parts = v.toExponential(5).split("e"), e = Number(parts[1]);
      return strip(parts[0]) + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    return strip(v.toFixed(Math.max(0, 5 - exp)));
  }

  function relaxationMessage(rule, rhs, by) {
    var k = rule.kind, ref = rule.ref;
    if (k === "budget") { return "budget " + ref + " short by " + num(by) + " (limit " + num(rhs) + ", needs " + num(rhs + by) + ")"; }
    if (k === "risk") { return "risk cap " + ref + " too tight by " + num(by) + " (cap " + num(rhs) + ", needs " + num(rhs + by) + ")"; }
    if (k === "country") { return ref + " exposure cap too tight by " + num(by) + " (cap " + num(rhs) + ", needs " + num(rhs + by) + ")"; }
    if (k === "cardinality" || k === "domain") {
      var what = k === "cardinality" ? "options" : ref + " options", r = Math.trunc(rhs), b = Math.trunc(by);
      if (rule.sense === ">=") {
        if (by >= rhs) { return "drop the minimum of " + r + " " + what; }
        return "lower the minimum of " + r + " " + what + " by " + b + " (to " + Math.trunc(rhs - by) + ")";
      }
      return "raise the maximum of " + r + " " + what + " by " + b + " (to " + Math.trunc(rhs + by) + ")";
    }
    if (k === "requires" || k === "excludes") { return "drop the rule that " + rule.name; }
    return "drop --" + k + " " + ref;
  }

  /* The fewest rules to relax, then the smallest relaxation: the elastic model of diagnose.py. */
  Solver.prototype.diagnose = function (rhs) {
    var prog = this.prog, n = this.n, soft = [], rows = [], at = {};
    var limit = function (r, k) { return rhs && rhs[k] !== undefined ? rhs[k] : r.rhs; };
    prog.rows.forEach(function (r, k) {
      var wv = worstViolation(r, limit(r, k));
      if (wv > 1e-7) { at[k] = soft.length; soft.push({ k: k, wv: wv }); }
    });
    var m = soft.length, cols = n + 2 * m;
    prog.rows.forEach(function (r, k) {
      var b = limit(r, k), c = r.cols.slice(), v = r.coef.slice();
      if (at[k] !== undefined) {
        var t = at[k];
        rows.push({ cols: [n + t, n + m + t], coef: [1, -soft[t].wv], lo: -Infinity, hi: 0 });
        c.push(n + t);
        v.push(r.sense === "<=" ? -1 : 1);
      }
      rows.push({ cols: c, coef: v, lo: r.sense === "<=" ? -Infinity : b, hi: r.sense === ">=" ? Infinity : b });
    });
    var integer = new Int32Array(cols), upper = new Float64Array(cols).fill(1);
    for (var i = 0; i < n; i++) { integer[i] = 1; }
    soft.forEach(function (s, t) { integer[n + m + t] = 1; upper[n + t] = s.wv; });
    var heavy = 1 + m, weight = soft.map(function (s) { return FORCED[prog.rows[s.k].kind] ? heavy : 1; });
    var backend = this.backend;
    var solve = function (cost, extra) {
      return backend.solve({ sense: "min", cost: cost, rows: rows.concat(extra), cols: cols, integer: integer, upper: upper });
    };
    var count = new Float64Array(cols);
    weight.forEach(function (w, t) { count[n + m + t] = w; });
    var first = solve(count, []);
    if (!first.x) { return { relaxations: [], note: "the elastic model could not be solved (" + first.status + "); check the rules by hand" }; }
    var amounts = soft.map(function (s, t) { return first.x[n + t]; });
    var fewest = 0;
    amounts.forEach(function (a, t) { if (a > 1e-6) { fewest += weight[t]; } });
    var scaled = new Float64Array(cols);
    soft.forEach(function (s, t) { scaled[n + t] = 1 / s.wv; });
    var second = solve(scaled, [rowOf(count, -Infinity, fewest + 0.5)]);
    if (second.x) { amounts = soft.map(function (s, t) { return second.x[n + t]; }); }
    var out = [];
    amounts.forEach(function (a, t) {
      if (!(a > 1e-6)) { return; }
      var rule = prog.rows[soft[t].k], b = limit(rule, soft[t].k);
      var by = rule.kind === "budget" || rule.kind === "risk" || rule.kind === "country" ? Math.round(a * 1e9) / 1e9 : Math.round(a);
      out.push({ rule: rule.name, kind: rule.kind, by: by, message: relaxationMessage(rule, b, by) });
    });
    return { relaxations: out, note: "" };
  };

  return {
    fsum: fsum,
    values: values,
    objective: objective,
    at: at,
    baseRows: baseRows,
    Solver: Solver,
    highsBackend: highsBackend,
    relaxationMessage: relaxationMessage,
    num: num
  };
})();
