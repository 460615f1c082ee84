"""Write a report folder all at once: `index.html`, `results.json` and one CSV per table.

Everything is rendered in memory first, then published by `publish.publish`: the folder's name
always leads to the previous or the new complete report, interrupted writes leave nothing that
the next write does not remove, and only folders trilat-opt wrote itself are ever replaced (a
manifest says which files are its own), so `--out` can never wipe a user's folder.
"""

from __future__ import annotations

import hashlib
import os
from functools import partial
from pathlib import Path

import pandas as pd

from ..output import dumps_json, frame_to_csv
from ..workers import Job, Jobs
from .data import ReportData
from .publish import check_target, publish
from .render import render_html, watch_script

__all__ = ["REPORT_FILES", "check_target", "flat_table", "render_files", "write"]

REPORT_FILES = ("index.html", "results.json")


def flat_table(df: pd.DataFrame) -> pd.DataFrame:
    """Index columns as ordinary columns, so CSV, JSON and workbook keep them (also for a MultiIndex)."""
    return df.reset_index() if any(n is not None for n in df.index.names) else df.reset_index(drop=True)


PARALLEL_CELLS = 500_000
"""Table cells from which results.json and the CSVs are written by worker processes while the page
renders (a 2,000-option report has four million: 6 -> 3 s); below it, forking costs more than it saves."""


def render_files(data: ReportData, watch: str | None = None, excel: bool = False) -> dict[str, str]:
    """File name -> text of every file of the report, in a fixed order.

    `watch` (report --watch) names the report's folder and adds watch.js, which the page polls
    to reload itself when a later rendering replaces this one; its stamp is a hash of results.json.
    `excel` starts each CSV with a byte-order mark, by which Excel knows it is UTF-8."""
    tables = {name: flat_table(df) for name, df in sorted(data.tables.items())}
    texts: dict[str, Job] = {"results.json": partial(_results, data=data)}
    texts.update({f"{name}.csv": partial(_csv, name=name, excel=excel) for name in tables})
    big = sum(df.size for df in tables.values()) >= PARALLEL_CELLS
    with Jobs(tables, texts, workers=None if big else 1) as written:
        if watch:
            stamp = hashlib.sha256(written.result("results.json").encode("utf-8")).hexdigest()[:16]
            page = render_html(data, watch=(stamp, watch))
        else:
            page = render_html(data)
        files = {"index.html": page, **{name: written.result(name) for name in texts}}
    if watch:
        files["watch.js"] = watch_script(stamp)
    return files


def _results(tables: dict[str, pd.DataFrame], data: ReportData) -> str:
    return dumps_json({**data.results(), "tables": tables})


def _csv(tables: dict[str, pd.DataFrame], name: str, excel: bool) -> str:
    return frame_to_csv(tables[name], excel=excel)


def write(data: ReportData, out_dir: str | os.PathLike[str], watch: bool = False, excel: bool = False) -> Path:
    """Write the report into `out_dir` (replacing an earlier report there) and return its index.html.

    `excel`: CSVs with a byte-order mark, for Excel (`render_files`).

    Raises `InputError` before rendering when `out_dir` is not ours to replace or not writable.
    """
    target = Path(out_dir)
    check_target(target)
    files = render_files(data, target.name if watch else None, excel=excel)
    publish(target, {name: text.encode("utf-8") for name, text in files.items()})
    return target / "index.html"
