"""Write a report folder all at once: `index.html`, `results.json` and one CSV per table.

Everything is rendered in memory first, then written into a fresh temporary folder beside the
target, which replaces the target by rename. A failure at any point leaves the previous report
(or nothing) in place, never a half-written folder. A target that exists but does not look like
a report folder is refused rather than replaced, so `--out .` cannot wipe a project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..output import dumps_json, frame_to_csv
from .data import ReportData
from .render import render_html

__all__ = ["REPORT_FILES", "render_files", "write"]

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


def _is_report_folder(folder: Path) -> bool:
    names = {p.name for p in folder.iterdir()}
    return not names or all(n in names for n in REPORT_FILES)


def write(data: ReportData, out_dir: str | os.PathLike[str]) -> Path:
    """Write the report into `out_dir` (replacing an earlier report there) and return its index.html."""
    target = Path(out_dir)
    if target.exists() and (not target.is_dir() or not _is_report_folder(target)):
        raise InputError(
            f"--out {target}: exists and is not a report folder (no index.html and results.json); "
            "choose a new or empty folder"
        )
    files = render_files(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = None
    try:
        tmp.chmod(0o755)
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            old.rmdir()
            target.rename(old)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not target.exists():
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target / "index.html"
