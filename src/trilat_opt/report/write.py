"""Write a report folder all at once: `index.html`, `results.json` and one CSV per table.

Everything is rendered in memory first, then published by `publish.publish`: the folder's name
always leads to the previous or the new complete report, interrupted writes leave nothing that
the next write does not remove, and only folders trilat-opt wrote itself are ever replaced (a
manifest says which files are its own), so `--out` can never wipe a user's folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..output import dumps_json, frame_to_csv
from .data import ReportData
from .publish import check_target, publish
from .render import render_html

__all__ = ["REPORT_FILES", "check_target", "render_files", "write"]

REPORT_FILES = ("index.html", "results.json")


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Index columns as ordinary columns, so CSV and JSON keep them (also for a MultiIndex)."""
    return df.reset_index() if any(n is not None for n in df.index.names) else df.reset_index(drop=True)


def render_files(data: ReportData) -> dict[str, str]:
    """File name -> text of every file of the report, in a fixed order."""
    tables = {name: _flat(df) for name, df in sorted(data.tables.items())}
    files = {"index.html": render_html(data)}
    files["results.json"] = dumps_json({**data.results(), "tables": tables})
    files.update({f"{name}.csv": frame_to_csv(df) for name, df in tables.items()})
    return files


def write(data: ReportData, out_dir: str | os.PathLike[str]) -> Path:
    """Write the report into `out_dir` (replacing an earlier report there) and return its index.html.

    Raises `InputError` before rendering when `out_dir` is not ours to replace or not writable.
    """
    target = Path(out_dir)
    check_target(target)
    files = render_files(data)
    publish(target, {name: text.encode("utf-8") for name, text in files.items()})
    return target / "index.html"
