"""Benchmark `trilat-opt report` on the shipped catalogue, and the two ways of making charts offline.

Prints, from one run of this script:
- cold-start wall time of the CLI (a fresh Python process each time, default samples), against
  the 3 s aim, and the size of index.html and of the whole folder against the 4 MB aim (3 MB before
  the page carried the what-if solver, issue 16);
- time per pipeline step inside one process;
- the chart alternatives: the page's charts rendered to static SVG by vl-convert (engine start
  and per chart) against the vendored Vega runtime (its size, and what generating it costs).

Usage: python benchmarks/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AIM_SECONDS, AIM_BYTES = 3.0, 4_000_000


def cold_runs(runs: int) -> tuple[list[float], Path]:
    exe = Path(sys.executable).with_name("trilat-opt")
    out = Path(tempfile.mkdtemp(prefix="bench-report-")) / "run"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "--project", str(ROOT), "report", "--out", str(out)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times, out


def steps() -> tuple[dict[str, float], object]:
    import trilat_opt
    from trilat_opt.report import build
    from trilat_opt.report.write import render_files

    start = time.perf_counter()
    cat = trilat_opt.load(ROOT)
    out = {"load": time.perf_counter() - start}
    marks: list[tuple[str, float]] = []
    data = build(cat, progress=lambda label, i, n: marks.append((label, time.perf_counter())))
    for (label, t), (_, nxt) in itertools.pairwise(marks):
        out[label] = nxt - t
    start = time.perf_counter()
    render_files(data)
    out["render and serialise"] = time.perf_counter() - start
    return out, data


def chart_alternatives(data) -> None:
    import vl_convert as vlc

    from trilat_opt.report.charts import build_charts
    from trilat_opt.report.render import _asset

    charts = build_charts(data)
    start = time.perf_counter()
    vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{}]}})
    engine = time.perf_counter() - start
    per, svg_bytes = {}, 0
    for key, chart in charts.items():
        t = time.perf_counter()
        svg = vlc.vegalite_to_svg(chart.spec)
        per[key] = time.perf_counter() - t
        svg_bytes += len(svg.encode())
    start = time.perf_counter()
    bundle = vlc.javascript_bundle()
    bundling = time.perf_counter() - start
    specs = sum(len(str(c.spec)) for c in charts.values())
    vendored = len(_asset("vega-bundle.js").encode())
    print("\ncharts: static SVG (vl-convert) vs Vega runtime in the page")
    print(
        f"  SVG engine start {engine:.2f} s; {len(per)} charts {sum(per.values()):.2f} s; {svg_bytes / 1e6:.2f} MB SVG"
    )
    for k, v in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"    {k:<14} {v:.3f} s")
    print(f"  runtime: vendored bundle {vendored / 1e6:.2f} MB read from disk (generating it: {bundling:.2f} s,")
    print(f"           {len(bundle) / 1e6:.2f} MB); chart specs about {specs / 1e6:.2f} MB; build cost ~0 s")
    print(f"  ratio of chart build time, SVG / runtime: {(engine + sum(per.values())) / 0.01:.0f}x (runtime ~0.01 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times, out = cold_runs(args.runs)
    index = (out / "index.html").stat().st_size
    folder = sum(p.stat().st_size for p in out.iterdir())
    med = statistics.median(times)
    print(f"trilat-opt report, cold start, {args.runs} runs: min {min(times):.2f} s, median {med:.2f} s")
    print(f"  against the {AIM_SECONDS:.0f} s aim: {med / AIM_SECONDS:.2f}x")
    print(
        f"  index.html {index / 1e6:.2f} MB ({index / AIM_BYTES:.2f}x the 4 MB aim); whole folder {folder / 1e6:.2f} MB"
    )
    timing, data = steps()
    print("\nin-process time per step (warm imports):")
    for k, v in timing.items():
        print(f"  {k:<36} {v:.3f} s")
    chart_alternatives(data)


if __name__ == "__main__":
    main()
