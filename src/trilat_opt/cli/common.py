"""What the commands share: global state, common options, output formatting."""

from __future__ import annotations

import io
import math
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from .. import load as _load
from ..guards import MAX_SAMPLES, MAX_SEED
from ..model import Catalogue
from ..names import OBJECTIVES, SOLVERS
from ..output import atomic_write, check_file_target, dumps_json, frame_to_csv
from ..weights import parse_overrides, resolve_weights
from .terminal import clean, plain

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BUDGET",
    "CAP",
    "MAX_SAMPLES",
    "MAX_SEED",
    "OBJECTIVE",
    "SCENARIO",
    "SEMANTICS",
    "SOLVER",
    "Format",
    "Objective",
    "Solver",
    "State",
    "catalogue_of",
    "checked_out",
    "console_err",
    "console_out",
    "emit",
    "score_warnings",
    "warn",
    "weights_of",
]

# No markup, emoji codes or highlighting: user text must reach the terminal as written (terminal.py).
console_out = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
console_err = Console(stderr=True, highlight=False, markup=False, emoji=False)


Objective = StrEnum("Objective", {o: o for o in OBJECTIVES})
Solver = StrEnum("Solver", {s: s for s in SOLVERS})


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass
class State:
    project: str
    debug: bool = False
    _catalogue: Catalogue | None = None


def catalogue_of(ctx: typer.Context) -> Catalogue:
    """Load the project once per command invocation."""
    state: State = ctx.obj
    if state._catalogue is None:
        state._catalogue = _load(state.project)
    return state._catalogue


def warn(message: str) -> None:
    """One warning on stderr, never wrapped, so `file:line:col:` stays at the start of its line for editors."""
    console_err.print(plain(f"warning: {message}"), highlight=False, soft_wrap=True)


def weights_of(ctx: typer.Context, profile: str | None, weight: list[str] | None) -> dict[str, float]:
    return resolve_weights(catalogue_of(ctx), profile, parse_overrides(weight or []))


FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)


def checked_out(value: Path | None) -> Path | None:
    """Check an --out file before any computation: not a folder, a writable place, a sane name."""
    if value is not None:
        check_file_target(value, "--out")
    return value


OUT = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout (atomically).", callback=checked_out)
PROFILE = typer.Option(None, "--profile", help="Use a capital's weight profile (see criteria.yaml).")
OBJECTIVE = typer.Option(
    "value",
    "--objective",
    help="value | expected (value x survival of political risks) | robust (best worst scenario) | "
    "regret (least maximum regret) | consensus (least satisfied capital).",
    case_sensitive=False,
)
SOLVER = typer.Option("cbc", "--solver", help="cbc (bundled with PuLP) or highs (needs highspy).", case_sensitive=False)
SCENARIO = typer.Option(
    None, "--scenario", help="Scenario for the value and expected objectives (default: base likelihoods)."
)
SEMANTICS = typer.Option(
    "dfquad", "--semantics", "-s", help="Argumentation semantics for criterion scores: dfquad, quadratic-energy, euler."
)
WEIGHT = typer.Option(
    None,
    "--weight",
    "-w",
    metavar="ID=VALUE",
    help="Set one criterion's normalised weight; others are rescaled. Repeatable.",
)

CAP = typer.Option(
    None,
    "--cap",
    metavar="RISK=VALUE",
    help="Set one political risk's cap on summed exposure for this run (0 to 1,000,000, as in criteria.yaml). "
    "Repeatable.",
)
BUDGET = typer.Option(
    None,
    "--budget",
    metavar="ID=VALUE",
    help="Set one budget's limit for this run, in its unit (0 to 1e12, as in criteria.yaml). Repeatable.",
)


@contextmanager
def score_warnings() -> Iterator[None]:
    """Show the scoring methods' warnings (all options equal, ...) as plain `warning:` lines."""
    from ..score import ScoreWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScoreWarning)
        yield
    seen: set[str] = set()
    for w in caught:
        if not issubclass(w.category, ScoreWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
        elif str(w.message) not in seen:
            seen.add(str(w.message))
            console_err.print(f"warning: {w.message}", markup=False, highlight=False, soft_wrap=True)


def _is_frame(data: Any) -> bool:
    """A pandas DataFrame? Asked without importing pandas: a command that never did cannot have one."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(data, pd.DataFrame)


def rich_table(df: pd.DataFrame, title: str | None = None) -> Table:
    import pandas as pd

    table = Table(title=plain(title) if title else None, show_lines=False, header_style="bold")
    frame = df.reset_index() if df.index.name else df
    for i, col in enumerate(frame.columns):
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        # The id column never wraps, so rows stay easy to find and copy.
        table.add_column(plain(col), justify="right" if numeric else "left", no_wrap=i == 0)
    for row in frame.itertuples(index=False):
        table.add_row(*(plain(_cell(v)) for v in row))
    return table


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    return str(v)


def emit(data: Any, fmt: Format, out: Path | None = None, title: str | None = None, table: Any = None) -> None:
    """Print or write `data` (a DataFrame or plain data) as a table, JSON or CSV."""
    if fmt == Format.json:
        text = dumps_json(data)
    elif fmt == Format.csv:
        if not _is_frame(data):
            raise typer.BadParameter("this command has no CSV form; use --format json", param_hint="--format")
        text = frame_to_csv(data)
    else:
        renderable = (
            table if table is not None else (rich_table(data, title) if _is_frame(data) else data)
        )
        if out is None:
            console_out.print(renderable)
            return
        buf = io.StringIO()
        Console(file=buf, width=120, highlight=False, markup=False, emoji=False).print(renderable)
        text = buf.getvalue()
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        console_err.print(f"wrote {clean(out)}", markup=False)
