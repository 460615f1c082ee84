"""Deterministic, atomic output: the same inputs give the same bytes, and a failed run leaves
no half-written file behind (write to a temporary file beside the target, then rename)."""

from __future__ import annotations

import math
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, OutputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BOM",
    "atomic_write",
    "check_file_target",
    "csv_text",
    "dumps_json",
    "file_mode",
    "frame_to_csv",
    "jsonable",
    "probe_folder",
    "safe_cell",
]


def file_mode(base: int = 0o666) -> int:
    """`base` less the process umask: the mode open(2) would give a new file or folder.

    Temporary files start at 0600 whatever the umask; outputs are chmod-ed to this so that a
    report is as readable as any other file the user makes.
    """
    mask = os.umask(0)
    os.umask(mask)
    return base & ~mask


def probe_folder(folder: Path, example: str, flag: str = "--out", shown: str | os.PathLike[str] | None = None) -> None:
    """Raise `InputError` unless files named like `example` can be created in `folder` (or in its
    nearest existing ancestor, where the missing folders would be made).

    The probe makes and removes a hidden folder there, which tells the truth where permission
    bits do not (a read-only mount, or a superuser on a read-only file system).
    """
    shown = folder if shown is None else shown
    base = Path(folder) if str(folder) else Path(".")
    while not base.exists() and base != base.parent:
        base = base.parent
    if not base.is_dir():
        raise InputError(f"{flag} {shown}: {base} is not a folder")
    try:
        limit = os.pathconf(base, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    if len(example.encode("utf-8")) > limit:
        raise InputError(f"{flag} {shown}: the name is too long for this file system (at most {limit - 20} bytes)")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".trilat-probe.", dir=base))
    except OSError as exc:
        raise InputError(f"{flag} {shown}: cannot write there ({exc.strerror or exc})") from None


def check_file_target(path: str | os.PathLike[str], flag: str = "--out") -> Path:
    """Raise `InputError` now, before any computation, if `atomic_write(path, ...)` would fail:
    `path` is a folder, its name is too long, or its folder is not writable."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{flag} {target}: is a folder; give a file name")
    if target.name in ("", ".", ".."):
        raise InputError(f"{flag} {target}: give a file name")
    probe_folder(target.parent, f".{target.name}.XXXXXXXX.tmp", flag, target)
    return target


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename.

    The file gets the mode a plain `open` would give it (0666 less the umask). A failure to
    write (a full disk) is an `OutputError` and leaves any earlier file at `path` unchanged.
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}; nothing was changed") from None
        raise
    return target


def jsonable(value: Any) -> Any:
    """Plain JSON-ready data from DataFrames, Series, dataclasses, numpy scalars and NaN."""
    pd = sys.modules.get("pandas")  # a value can only be a DataFrame if pandas was imported
    if pd is not None and isinstance(value, pd.DataFrame):
        frame = value.reset_index() if value.index.name else value
        names = [str(c) for c in frame.columns]
        columns = [_json_column(frame.iloc[:, k]) for k in range(frame.shape[1])]
        return (
            [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
            if names
            else [{} for _ in range(len(frame))]
        )
    if pd is not None and isinstance(value, pd.Series):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {k: jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v) for v in items]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 12)
    return value


def _json_column(col: pd.Series) -> list[Any]:
    """One column as JSON-ready values, column-wise: a table of a million cells (the rank
    acceptability of 1,000 options) took seconds cell by cell. Same values as `jsonable`."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_float_dtype(col):
        out: list[Any] = [round(x, 12) for x in col.to_numpy(dtype=float).tolist()]
        for i in np.flatnonzero(~np.isfinite(col.to_numpy(dtype=float))):
            out[i] = None
        return out
    if (pd.api.types.is_bool_dtype(col) or pd.api.types.is_integer_dtype(col)) and not col.hasnans:
        return col.to_numpy().tolist()
    return [v if isinstance(v, str) else None if v is pd.NA else jsonable(v) for v in col.tolist()]


def display_text(value: Any) -> str:
    """A non-numeric table cell as people read it, in the terminal and in the report alike:
    missing values blank, booleans yes/no, lists comma-separated.

    >>> display_text(None), display_text(float("nan")), display_text(True), display_text(["a", "b"])
    ('', '', 'yes', 'a, b')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def dumps_json(value: Any) -> str:
    """Stable JSON text: sorted keys, rounded floats, two-space indents, newline at the end.

    Written by orjson: the standard library's encoder runs in Python once it indents, which took
    5 s for the 100 MB results.json of a 2,000-option report (orjson: under 1 s). Floats are
    written in their shortest round-trip form (0.00007 rather than 7e-05).
    """
    import orjson

    options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    return orjson.dumps(jsonable(value), option=options).decode("utf-8")


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Leading characters that make a spreadsheet read a cell as a formula (OWASP's list, plus the
full-width forms some spreadsheets also accept)."""


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, prefixed with an apostrophe; anything else as is.

    Numbers stay numbers: only text is touched, so a negative value in a numeric column is kept.

    >>> safe_cell("=1+2"), safe_cell("@SUM(A1)"), safe_cell(-0.5), safe_cell("plain")
    ("'=1+2", "'@SUM(A1)", -0.5, 'plain')
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA) else value


BOM = "\ufeff"
"""The byte-order mark: the first character of a CSV meant for Excel, which otherwise reads UTF-8
text as the local code page and garbles curly quotes, dashes and the paragraph sign."""


def csv_text(value: Any) -> Any:
    """A CSV cell: `safe_cell`, with carriage returns made line feeds first.

    The CSV's line ends are line feeds, so a field holding a bare carriage return went out
    unquoted, and a spreadsheet broke the row there: `x\\r=1+1` became a new row whose first cell
    was a formula. A line feed makes the writer quote the field.

    >>> csv_text("x\\r=1+1"), csv_text("\\r\\n@A1"), csv_text(2.5)
    ('x\\n=1+1', '\\n@A1', 2.5)
    """
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return safe_cell(value)


def frame_to_csv(df: pd.DataFrame, excel: bool = False) -> str:
    """CSV with a fixed float format so that runs compare byte for byte, and no cell, header or
    index label that a spreadsheet would run as a formula or split across rows (`csv_text`).
    `excel` puts a byte-order mark first, so that Excel opens the file as UTF-8 (`--excel`)."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(csv_text)
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = pd.MultiIndex.from_tuples(
            [tuple(map(csv_text, t)) for t in out.columns], names=[csv_text(n) for n in out.columns.names]
        )
    else:
        out.columns = [csv_text(c) for c in out.columns]
    if out.index.name is not None:
        if not pd.api.types.is_numeric_dtype(out.index):
            out.index = out.index.map(csv_text)
        out.index = out.index.rename(csv_text(out.index.name))
    text = out.to_csv(index=df.index.name is not None, float_format="%.10g", lineterminator="\n")
    return BOM + text if excel else text
