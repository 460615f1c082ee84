/* trilat-opt what-if: criterion shares as the panel's sliders set them. A slider sets one share
   within criteria.yaml's bounds and the others rescale in proportion to their current shares, as
   --weight rescales them, stopping at their own bounds. Custom shares are whole millionths, so the
   command the panel writes states them exactly, and they are normalised with a correctly rounded
   sum, so the page's weights are those `--weight` gives, to the bit. No DOM here. */
var TrilatWeights = (function () {
  "use strict";
  var UNIT = 1e6;
  var fsum = window.TrilatSolve.fsum;

  function sharesOf(units) {
    var xs = units.map(function (u) { return u / UNIT; }), total = fsum(xs);
    return xs.map(function (x) { return x / total; });
  }

  function unitText(u) {
    var whole = Math.floor(u / UNIT), frac = String(u % UNIT).padStart(6, "0").replace(/0+$/, "");
    return frac ? whole + "." + frac : String(whole);
  }

  function boundsOf(crit) {
    return crit.map(function (c) {
      return [Math.ceil(c.low * UNIT - 1e-6), Math.floor(c.high * UNIT + 1e-6)];
    });
  }

  /* Shares x (summing to `rest`) proportional to `c`, each clamped to its bounds: the scale t
     with sum clamp(t c_j) = rest, found by bisection; exactly c * rest / sum(c) when no bound binds. */
  function proportional(c, lo, hi, rest) {
    var total = c.reduce(function (a, b) { return a + b; }, 0);
    var x = c.map(function (v) { return total > 0 ? v * rest / total : rest / c.length; });
    if (x.every(function (v, j) { return v >= lo[j] && v <= hi[j]; })) { return x; }
    var reach = c.reduce(function (a, v, j) { return a + (v > 0 ? hi[j] : lo[j]); }, 0);
    if (total <= 0 || reach < rest) { c = c.map(function () { return 1; }); }
    var clamp = function (t) { return c.map(function (v, j) { return Math.min(hi[j], Math.max(lo[j], t * v)); }); };
    var sum = function (xs) { return xs.reduce(function (a, b) { return a + b; }, 0); };
    var a = 0, b = 1;
    while (sum(clamp(b)) < rest && b < 1e300) { b *= 2; }
    for (var i = 0; i < 200; i++) { var mid = (a + b) / 2; if (sum(clamp(mid)) < rest) { a = mid; } else { b = mid; } }
    return clamp(b);
  }

  /* Whole units summing to `rest` within [lo, hi]: floors, then the largest remainders. */
  function whole(x, lo, hi, rest) {
    var u = x.map(function (v, j) { return Math.min(hi[j], Math.max(lo[j], Math.floor(v + 1e-9))); });
    var left = rest - u.reduce(function (a, b) { return a + b; }, 0);
    var order = x.map(function (v, j) { return j; }).sort(function (p, q) { return (x[q] - u[q]) - (x[p] - u[p]) || p - q; });
    for (var pass = 0; pass < 2 && left !== 0; pass++) {
      order.forEach(function (j) {
        if (left > 0 && u[j] < hi[j]) { var up = Math.min(hi[j] - u[j], pass ? left : 1); u[j] += up; left -= up; }
        if (left < 0 && u[j] > lo[j]) { var dn = Math.min(u[j] - lo[j], pass ? -left : 1); u[j] -= dn; left += dn; }
      });
    }
    return u;
  }

  /* Set criterion k's share to v: the others rescale in proportion to their current shares (as
     --weight rescales them), stopping at their bounds. Returns whole millionths. */
  function setShare(w, k, v, bounds) {
    var lo = bounds.map(function (b) { return b[0]; }), hi = bounds.map(function (b) { return b[1]; });
    var others = w.map(function (x, j) { return j; }).filter(function (j) { return j !== k; });
    var sumOf = function (a) { return others.reduce(function (s, j) { return s + a[j]; }, 0); };
    var vu = Math.round(v * UNIT);
    vu = Math.max(lo[k], UNIT - sumOf(hi), Math.min(hi[k], UNIT - sumOf(lo), vu));
    var pick = function (a) { return others.map(function (j) { return a[j]; }); };
    var x = proportional(pick(w.map(function (s) { return s * UNIT; })), pick(lo), pick(hi), UNIT - vu);
    var u = whole(x, pick(lo), pick(hi), UNIT - vu), out = new Array(w.length);
    out[k] = vu;
    others.forEach(function (j, t) { out[j] = u[t]; });
    return out;
  }

  return { UNIT: UNIT, sharesOf: sharesOf, unitText: unitText, boundsOf: boundsOf, setShare: setShare };
})();
