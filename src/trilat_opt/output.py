"""Deterministic, atomic output: the same inputs give the same bytes, and a failed run leaves
no half-written file behind (write to a temporary file beside the target, then rename)."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["atomic_write", "dumps_json", "frame_to_csv", "jsonable"]


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def jsonable(value: Any) -> Any:
    """Plain JSON-ready data from DataFrames, Series, dataclasses, numpy scalars and NaN."""
    if isinstance(value, pd.DataFrame):
        return (
            [{str(k): jsonable(v) for k, v in row.items()} for row in value.reset_index().to_dict(orient="records")]
            if value.index.name
            else [{str(k): jsonable(v) for k, v in row.items()} for row in value.to_dict(orient="records")]
        )
    if isinstance(value, pd.Series):
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


def dumps_json(value: Any) -> str:
    """Stable JSON text: sorted keys, rounded floats, newline at the end."""
    return json.dumps(jsonable(value), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def frame_to_csv(df: pd.DataFrame) -> str:
    """CSV with a fixed float format so that runs compare byte for byte."""
    return df.to_csv(index=df.index.name is not None, float_format="%.10g", lineterminator="\n")
