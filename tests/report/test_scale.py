"""Large catalogues: the report does not depend on the chart library's row limit, and stays small.

Finding 3: `report` failed from 71 options up: the rank-acceptability chart had options² rows and
altair refuses more than 5,000 (MaxRowsError).
"""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from factories import run_cli, scaled_project
from trilat_opt.report import charts
from trilat_opt.report.charts import CHART_OPTIONS, HEATMAP_SIZE


def test_a_report_of_75_options_is_written_with_bounded_charts(tmp_path, capsys):
    root = scaled_project(tmp_path / "p", 75)
    out = tmp_path / "r"
    code, _, err = run_cli(capsys, "--project", str(root), "report", "--quick", "--samples", "200", "--out", str(out))
    assert code == 0, err
    page = (out / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>', page, re.S)
    specs = json.loads(found.group(1))
    rows = [len(v) for spec in specs.values() for v in spec.get("datasets", {}).values()]
    assert rows and max(rows) <= max(HEATMAP_SIZE**2, CHART_OPTIONS * 10)
    assert "the 30 leading of 75 options" in page
    acc = pd.read_csv(out / "acceptability.csv")
    assert acc.shape == (75, 76)  # the tables stay complete


def test_to_spec_ignores_the_row_limit_and_leaves_it_in_place():
    before = dict(alt.data_transformers.options)
    big = pd.DataFrame({"x": range(6000), "y": range(6000)})
    spec = charts.to_spec(alt.Chart(big).mark_point().encode(x="x:Q", y="y:Q"))
    assert sum(len(v) for v in spec["datasets"].values()) == 6000
    assert dict(alt.data_transformers.options) == before
