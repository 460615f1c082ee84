"""Write a report folder all at once: `index.html`, `results.json` and one CSV per table.

Everything is rendered in memory first, then published by `publish.publish`: the folder's name
always leads to the previous or the new complete report, interrupted writes leave nothing that
the next write does not remove, and only folders trilat-opt wrote itself are ever replaced (a
manifest says which files are its own), so `--out` can never wipe a user's folder.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from ..output import dumps_json, frame_to_csv
from .data import ReportData
from .publish import check_target, publish
from .render import render_html, watch_script

__all__ = ["REPORT_FILES", "check_target", "flat_table", "render_files", "write"]

REPORT_FILES = ("index.html", "results.json")


def flat_table(df: pd.DataFrame) -> pd.DataFrame:
    """Index columns as ordinary columns, so CSV, JSON and workbook keep them (also for a MultiIndex)."""
    return df.reset_index() if any(n is not None for n in df.index.names) else df.reset_index(drop=True)


def render_files(data: ReportData, watch: str | None = None, excel: bool = False) -> dict[str, str]:
    """File name -> text of every file of the report, in a fixed order.

    `watch` (report --watch) names the report's folder and adds watch.js, which the page polls
    to reload itself when a later rendering replaces this one; its stamp is a hash of results.json.
    `excel` starts each CSV with a byte-order mark, by which Excel knows it is UTF-8."""
    tables = {name: flat_table(df) for name, df in sorted(data.tables.items())}
    results = dumps_json({**data.results(), "tables": tables})
    stamp = hashlib.sha256(results.encode("utf-8")).hexdigest()[:16] if watch else None
    files = {"index.html": render_html(data, watch=(stamp, watch)) if stamp and watch else render_html(data)}
    files["results.json"] = results
    files.update({f"{name}.csv": frame_to_csv(df, excel=excel) for name, df in tables.items()})
    if stamp:
        files["watch.js"] = watch_script(stamp)
    return files


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
