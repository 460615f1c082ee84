"""Which solver should the report page carry? HiGHS (WebAssembly) against YALPS (pure JavaScript).

The page re-solves the portfolio programme on every slider move (`assets/whatif-solve.js`, the
same rows, objective and tie-breaking as `PortfolioModel`). This drives that code in headless
Chromium with each backend and compares with Python (`PortfolioModel`, HiGHS, gap 0):

1. the shipped catalogue (value and expected objectives), random weights within the bounds, and
   one slider dragged across its range (41 steps), which is how the page is used;
2. random programmes of 40, 120 and 200 options shaped like a catalogue (bench_optimize's
   instances), each with a random net-score matrix over 7 criteria, so values are linear in the
   weights.

Prints per backend: agreement (same portfolio; objective within 1e-9 relative), time per full
re-solve in the page (main solve plus tie-breaking) and per single MILP solve, and the asset's
size as the page would carry it (gzip + base64 for the WebAssembly). YALPS gets 5 s per solve.

HiGHS is the one vendored in the package (assets/highs.js, assets/highs.wasm.gz); YALPS comes
from npm: `npm install yalps@0.6.4` in a folder given by --node-modules (default ./node_modules).
Needs Playwright with Chromium at /usr/bin/chromium.

Run: python benchmarks/bench_whatif.py [--samples N] [--node-modules DIR]
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import trilat_opt
from trilat_opt.analysis.sampling import sample_weights, weight_space_of
from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import PortfolioModel, problem_from_catalogue
from trilat_opt.optimize.programme import programme
from trilat_opt.values import ValueModel

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "src" / "trilat_opt" / "report" / "assets"
sys.path.insert(0, str(Path(__file__).parent))

YALPS_BACKEND = """
function yalpsBackend(Y) {
  return {
    name: "YALPS",
    solve: function (model) {
      var cons = new Map(), vars = new Map(), bins = [];
      model.rows.forEach(function (r, k) {
        var c = {};
        if (r.lo !== -Infinity) { c.min = r.lo; }
        if (r.hi !== Infinity) { c.max = r.hi; }
        cons.set("r" + k, c);
      });
      for (var j = 0; j < model.cols; j++) {
        var coef = new Map([["obj", model.cost[j]]]);
        if (j >= model.integers) { coef.set("u" + j, 1); cons.set("u" + j, { max: 1 }); } else { bins.push("c" + j); }
        vars.set("c" + j, coef);
      }
      model.rows.forEach(function (r, k) {
        r.cols.forEach(function (c, t) { vars.get("c" + c).set("r" + k, r.coef[t]); });
      });
      var sol = Y.solve({ direction: model.sense === "max" ? "maximize" : "minimize", objective: "obj",
                          constraints: cons, variables: vars, binaries: bins },
                        { tolerance: 0, includeZeroVariables: true, timeout: 5000 });
      if (sol.status === "infeasible") { return { status: "infeasible" }; }
      if (sol.status !== "optimal") { return { status: "not solved" }; }
      var x = new Float64Array(model.cols);
      sol.variables.forEach(function (p) { x[Number(p[0].slice(1))] = p[1]; });
      return { status: "optimal", x: x };
    }
  };
}
"""

RUNNER = """
async function bench(cases) {
  var raw = Uint8Array.from(atob(document.getElementById("wasm").textContent), c => c.charCodeAt(0));
  var results = {};
  var t0 = performance.now();
  var bytes = new Uint8Array(await new Response(new Blob([raw]).stream()
      .pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  var highs = await Module({ instantiateWasm: function (imports, done) {
    WebAssembly.instantiate(bytes, imports).then(function (r) { done(r.instance); });
    return {};
  } });
  var load = performance.now() - t0;
  var backends = [TrilatSolve.highsBackend(highs), yalpsBackend(YALPS)];
  var out = { load_ms: load, results: results };
  for (const be of backends) {
    for (const c of cases) {
      var solver = new TrilatSolve.Solver(c.prog, be), rows = [];
      var solve = be.solve, milp = [];
      solver.solve({ objective: c.objective, column: "base", weights: c.weights[0] });  // warm up
      be.solve = function (m) {
        var t = performance.now(), r = solve(m);
        milp.push(performance.now() - t);
        return r;
      };
      for (const w of c.weights) {
        var s = performance.now();
        var r = solver.solve({ objective: c.objective, column: "base", weights: w });
        var ms = performance.now() - s;
        var sel = r.x ? c.prog.options.filter((o, i) => r.x[i] > 0.5) : null;
        rows.push({ ms: ms, solves: solver.solves, selected: sel, objective: r.objective ?? null, status: r.status });
      }
      be.solve = solve;
      results[be.name + "|" + c.name] = { rows: rows, milp: milp };
    }
  }
  return out;
}
"""


def shipped_cases(samples: int, seed: int) -> list[dict]:
    cat = trilat_opt.load(ROOT)
    scores = criterion_scores(cat).scores.reindex(index=cat.option_ids, columns=cat.criterion_ids)
    scores = scores.fillna(cat.frame.neutral_base)
    vm = ValueModel.of(cat, scores)
    problem = problem_from_catalogue(cat, scores, cat.weights())
    prog = programme(problem, vm.net, vm.factors)
    weights = sample_weights(weight_space_of(cat), samples, seed)
    return [
        {
            "name": f"shipped {objective}",
            "objective": objective,
            "prog": prog,
            "problem": problem,
            "vm": vm,
            "weights": [[float(v) for v in w] for w in weights],
        }
        for objective in ("value", "expected")
    ]


def drag_case(case: dict, criterion: int = 0, steps: int = 41) -> dict:
    """A slider dragged across its range (each step rescales the others, as --weight does):
    successive re-solves start from the last answer, as in the page."""
    base = np.array(_run_weights())
    weights = []
    for v in np.linspace(0.05, 0.45, steps):
        w = base * (1 - v) / (base.sum() - base[criterion])
        w[criterion] = v
        weights.append([float(x) for x in w])
    return {**case, "name": "shipped drag", "weights": weights}


def _run_weights() -> list[float]:
    cat = trilat_opt.load(ROOT)
    return [cat.weights()[c] for c in cat.criterion_ids]


def large_case(n: int, samples: int, seed: int) -> dict:
    """bench_optimize's random instance of `n` options with values linear in 7 criterion weights."""
    from bench_optimize import instance

    base = instance(n)
    rng = np.random.default_rng(seed)
    crits = [f"c{k}" for k in range(7)]
    net = rng.uniform(-0.3, 0.4, (n, 7)) * (rng.random((n, 7)) < 0.4)
    net = pd.DataFrame(net.round(4), index=list(base.options), columns=crits)
    vm = ValueModel(net, {s: {c: float(rng.choice([0.7, 1.0, 1.2])) for c in crits} for s in base.scenarios})
    w0 = np.full(7, 1 / 7)
    values = base.values.copy()
    for col, v in vm.values(w0).items():
        values[col] = v.to_numpy()
    problem = dataclasses.replace(base, values=values)
    prog = programme(problem, vm.net, vm.factors)
    weights = rng.dirichlet(np.ones(7), samples)
    return {
        "name": f"{n} options value",
        "objective": "value",
        "prog": prog,
        "problem": problem,
        "vm": vm,
        "weights": [[float(v) for v in w] for w in weights],
    }


def python_reference(case: dict) -> list[tuple[tuple[str, ...], float, float]]:
    model = PortfolioModel(case["problem"], case["objective"], "highs")
    out = []
    for w in case["weights"]:
        values = case["vm"].values(np.array(w))["base"]
        start = time.perf_counter()
        r = model.solve(values)
        out.append((r.selected, float(r.objective_value), time.perf_counter() - start))
    return out


def page(cases: list[dict], modules: Path) -> Path:
    packed = base64.b64encode((ASSETS / "highs.wasm.gz").read_bytes()).decode("ascii")
    scripts = [
        (ASSETS / "highs.js").read_text(encoding="utf-8"),
        (modules / "yalps" / "dist" / "index.min.js").read_text(encoding="utf-8"),
        (ASSETS / "whatif-solve.js").read_text(encoding="utf-8"),
        YALPS_BACKEND,
        RUNNER,
    ]
    data = [{k: c[k] for k in ("name", "objective", "prog", "weights")} for c in cases]
    html = "<!doctype html><meta charset=utf-8><body>"
    html += f'<script type="application/octet-stream" id="wasm">{packed}</script>'
    html += "".join(f"<script>{s}</script>" for s in scripts)
    html += f'<script type="application/json" id="cases">{json.dumps(data)}</script>'
    folder = Path(tempfile.mkdtemp(prefix="bench-whatif-"))
    (folder / "index.html").write_text(html, encoding="utf-8")
    return folder / "index.html"


def run_page(path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        pg = b.new_page()
        pg.goto(path.as_uri())
        out = pg.evaluate("() => bench(JSON.parse(document.getElementById('cases').textContent))")
        b.close()
    return out


def report(refs: dict, out: dict, modules: Path) -> None:
    print(f"HiGHS WebAssembly start-up in the page (gunzip + instantiate): {out['load_ms']:.0f} ms")
    print(
        f"{'backend':>28} | {'case':<18} | agree | same set | re-solve median / p90 / max ms | MILPs | MILP median ms"
    )
    for key, found in out["results"].items():
        backend, name = key.split("|")
        rows, ref = found["rows"], refs[name]
        agree = same = 0
        for r, (sel, obj, _) in zip(rows, ref, strict=True):
            ok = r["objective"] is not None and abs(r["objective"] - obj) <= 1e-9 * max(1.0, abs(obj))
            agree += ok
            same += ok and tuple(r["selected"]) == tuple(sel)
        ms = sorted(r["ms"] for r in rows)
        p90 = ms[int(0.9 * (len(ms) - 1))]
        print(
            f"{backend:>28} | {name:<18} | {agree:>2}/{len(rows):<2} | {same:>3}/{len(rows):<3}  | "
            f"{statistics.median(ms):>8.1f} / {p90:>7.1f} / {ms[-1]:>8.1f} | "
            f"{statistics.mean(r['solves'] for r in rows):>5.1f} | {statistics.median(found['milp']):>8.1f}"
        )
    for name, ref in refs.items():
        median = 1000 * statistics.median(t for *_, t in ref)
        print(f"{'Python PortfolioModel HiGHS':>28} | {name:<18} | re-solve median {median:.1f} ms")
    packed = math.ceil((ASSETS / "highs.wasm.gz").stat().st_size / 3) * 4
    js = (ASSETS / "highs.js").stat().st_size
    yalps = (modules / "yalps" / "dist" / "index.min.js").stat().st_size
    print(f"page bytes: HiGHS {js + packed:,} (highs.js {js:,} + wasm gzip base64 {packed:,}); YALPS {yalps:,}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--node-modules", type=Path, default=Path("node_modules"))
    args = ap.parse_args()
    few = max(10, args.samples // 5)
    shipped = shipped_cases(args.samples, 1)
    cases = [*shipped, drag_case(shipped[0]), *(large_case(n, few, 2) for n in (40, 120, 200))]
    refs = {c["name"]: python_reference(c) for c in cases}
    out = run_page(page(cases, args.node_modules))
    report(refs, out, args.node_modules)


if __name__ == "__main__":
    main()
