"""Export benchmarks: the workbook writer against openpyxl doing the same cells, and the argument-map
formats on the shipped catalogue. Prints figures and ratios measured in this one run.

    python benchmarks/bench_export.py

What it measured when XlsxWriter was chosen (issue 20): import 38 ms against 172 ms, and the 23
tables written in 59 ms against 153 ms. The openpyxl side writes less (no widths, wrapping, stance
styles or front sheet), so the ratio favours it. Aims: a workbook of the shipped run well under
the run itself (about 1.5 s with --quick), and every map format of all 49 options under 1 s
without SVG.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

import trilat_opt
from timing import best_of
from trilat_opt.export import argument_map_of, dot_available, to_aif, to_argdown, to_dot, to_svg
from trilat_opt.export.cells import column_format
from trilat_opt.export.xlsx import workbook_bytes
from trilat_opt.report import build
from trilat_opt.report.write import flat_table

ROOT = Path(__file__).resolve().parents[1]


def import_cost(module: str) -> float:
    """Seconds that `import module` adds to a fresh interpreter (best of 5, less a bare start)."""

    def run(code: str) -> float:
        return best_of(lambda: subprocess.run([sys.executable, "-c", code], check=True), 5)

    return run(f"import {module}") - run("pass")


def openpyxl_book(data) -> bytes:
    """The same cells with openpyxl: values, number formats, bold header, frozen row, filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    units = data.summary.get("budget_units", {})
    for name, table in sorted(data.tables.items()):
        df = flat_table(table)
        ws = wb.create_sheet(name[:31])
        ws.append([str(c) for c in df.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in df.itertuples(index=False):
            ws.append([None if isinstance(v, float) and v != v else v for v in row])
        for j, col in enumerate(df.columns, start=1):
            if pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col]):
                fmt = column_format(name, str(col), units, pd.api.types.is_integer_dtype(df[col]))
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.number_format = fmt
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    cat = trilat_opt.load(ROOT)
    start = time.perf_counter()
    data = build(cat, full=False)
    run = time.perf_counter() - start
    cells = sum(t.size for t in data.tables.values())
    print(f"shipped run (--quick): {run:.2f} s, {len(data.tables)} tables, {cells:,} cells")

    xw = best_of(lambda: workbook_bytes(data))
    print(f"workbook, XlsxWriter: {xw * 1000:.0f} ms ({xw / run:.1%} of the run)")
    try:
        op = best_of(lambda: openpyxl_book(data))
        print(f"same cells, openpyxl: {op * 1000:.0f} ms; XlsxWriter is {op / xw:.1f}x faster")
        ix, io_ = import_cost("xlsxwriter"), import_cost("openpyxl")
        print(f"import: xlsxwriter {ix * 1000:.0f} ms, openpyxl {io_ * 1000:.0f} ms ({io_ / ix:.1f}x)")
    except ImportError:
        print("openpyxl is not installed (pip install -e '.[test]'): no comparison")

    amap = argument_map_of(cat, data)
    ad = best_of(lambda: to_argdown(amap))
    aif = best_of(lambda: json.dumps(to_aif(amap)))
    dot = best_of(lambda: [to_dot(amap, o.id) for o in amap.options])
    print(f"argdown {ad * 1000:.1f} ms, aif {aif * 1000:.1f} ms, dot x{len(amap.options)} {dot * 1000:.1f} ms")
    if dot_available():
        texts = [to_dot(amap, o.id) for o in amap.options]
        svg = best_of(lambda: [to_svg(t) for t in texts], repeat=1)
        print(f"svg x{len(texts)} (Graphviz): {svg:.2f} s, {svg / len(texts) * 1000:.0f} ms per option")
    else:
        print("Graphviz is not installed: no SVG timing")


if __name__ == "__main__":
    main()
