"""What the commands share: global state, common options, output formatting."""

from __future__ import annotations

import io
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console, RenderableType

from .. import load as _load
from ..errors import NoPortfolioError
from ..guards import MAX_SAMPLES, MAX_SEED
from ..load import find_project
from ..model import Catalogue
from ..names import OBJECTIVES, SOLVERS
from ..output import atomic_write, check_file_target, dumps_json, frame_to_csv
from ..weights import outside_bounds, parse_overrides
from .layout import frame_table
from .terminal import clean, plain

if TYPE_CHECKING:
    import pandas as pd

    from ..evaluation import Evaluation

__all__ = [
    "BUDGET",
    "CAP",
    "EXCLUDE",
    "GAP",
    "INCLUDE",
    "MAX_SAMPLES",
    "MAX_SEED",
    "OBJECTIVE",
    "SCENARIO",
    "SEMANTICS",
    "SOLVER",
    "TIME_LIMIT",
    "Format",
    "Objective",
    "Solver",
    "State",
    "catalogue_of",
    "checked_out",
    "console_err",
    "console_out",
    "emit",
    "evaluation_of",
    "excel_csv",
    "in_range",
    "no_portfolio",
    "samples_option",
    "score_warnings",
    "seed_option",
    "set_excel",
    "step_progress",
    "warn",
    "warn_bounds",
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
    """What the root command hands each command: the project as named (None: look for it) and
    whether to show tracebacks; the project folder and catalogue are found once, when needed."""

    given: str | None = None
    debug: bool = False
    _root: str | None = None
    _catalogue: Catalogue | None = None

    @property
    def project(self) -> str:
        """The project folder: --project or TRILAT_PROJECT, else found upward from here (`find_project`)."""
        if self._root is None:
            self._root = str(find_project(self.given))
        return self._root


def catalogue_of(ctx: typer.Context) -> Catalogue:
    """Load the project once per command invocation."""
    state: State = ctx.obj
    if state._catalogue is None:
        state._catalogue = _load(state.project)
    return state._catalogue


def no_portfolio(result: Any, shown: bool) -> None:
    """Raise `NoPortfolioError` (exit 1) when `result` holds no portfolio; its message is the
    diagnosis, or a pointer to it when the output just `shown` on the terminal already holds it."""
    if result.feasible:
        return
    if result.diagnosis is None:
        raise NoPortfolioError("no portfolio found within the time limit; raise --time-limit or allow a --gap")
    if shown:
        raise NoPortfolioError("no portfolio satisfies every rule; the diagnosis above says what to relax")
    raise NoPortfolioError(str(result.diagnosis))


def warn(message: str) -> None:
    """One warning on stderr, never wrapped, so `file:line:col:` stays at the start of its line for editors."""
    console_err.print(plain(f"warning: {message}"), highlight=False, soft_wrap=True)


def evaluation_of(ctx: typer.Context, profile: str | None, weight: list[str] | None, **settings: Any) -> Evaluation:
    """The command's `Evaluation` of the project (settings as `Evaluation` takes them), with a
    warning for each weight outside its bounds."""
    from ..evaluation import Evaluation

    ev = Evaluation(catalogue_of(ctx), profile=profile, overrides=parse_overrides(weight or []), **settings)
    warn_bounds(ev.catalogue, ev.weights)
    return ev


def warn_bounds(cat: Catalogue, weights: Mapping[str, float]) -> None:
    """The bounds rule (`trilat_opt.weights`): weights outside their bounds are used, with a warning."""
    for item in outside_bounds(cat, weights):
        warn(str(item))


FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)


def in_range(flag: str, low: int, high: int) -> Any:
    """A callback refusing integers outside [low, high] (exit 2, naming the flag).

    A callback rather than typer's min/max, whose help label `<int range> [0<=x<=4294967295]` says
    how Python checks the value rather than what to type."""

    def check(value: int | None) -> int | None:
        if value is not None and not low <= value <= high:
            raise typer.BadParameter(f"expected an integer from {low:,} to {high:,}, got {value}", param_hint=flag)
        return value

    return check


def seed_option(help: str) -> Any:
    """`--seed N`, checked to lie in 0 to 2**32-1."""
    return typer.Option(0, "--seed", metavar="N", callback=in_range("--seed", 0, MAX_SEED), help=help)


def samples_option(default: int | None, help: str) -> Any:
    """`--samples N`, checked to lie in 1 to 1,000,000."""
    return typer.Option(default, "--samples", metavar="N", callback=in_range("--samples", 1, MAX_SAMPLES), help=help)


def checked_out(value: Path | None) -> Path | None:
    """Check an --out file before any computation: not a folder, a writable place, a sane name."""
    if value is not None:
        check_file_target(value, "--out")
    return value


OUT = typer.Option(
    None,
    "--out",
    "-o",
    metavar="FILE",
    help="Write to this file instead of stdout (atomically).",
    callback=checked_out,
)
PROFILE = typer.Option(
    None,
    "--profile",
    metavar="NAME",
    help="Use a capital's weight profile, by id or name, in any case (see criteria.yaml).",
)
OBJECTIVE = typer.Option(
    "value",
    "--objective",
    metavar="NAME",
    help="value | expected (value x survival of political risks) | robust (best worst scenario) | "
    "regret (least maximum regret) | consensus (least satisfied capital).",
    case_sensitive=False,
)
SOLVER = typer.Option("cbc", "--solver", help="cbc (bundled with PuLP) or highs (needs highspy).", case_sensitive=False)
SCENARIO = typer.Option(
    None,
    "--scenario",
    metavar="ID",
    help="Scenario for the value and expected objectives (default: base likelihoods).",
)
SEMANTICS = typer.Option(
    "dfquad",
    "--semantics",
    "-s",
    metavar="NAME",
    help="Argumentation semantics for criterion scores: dfquad, quadratic-energy, euler.",
)
GAP = typer.Option(
    0.0, "--gap", metavar="FRACTION", help="Relative optimality gap at which to stop; 0 proves optimality."
)
TIME_LIMIT = typer.Option(
    None, "--time-limit", metavar="SECONDS", help="Wall-clock seconds for the whole optimisation."
)
INCLUDE = typer.Option(None, "--include", metavar="ID", help="Force this option into the portfolio. Repeatable.")
EXCLUDE = typer.Option(None, "--exclude", metavar="ID", help="Force this option out of the portfolio. Repeatable.")
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


_EXCEL: ContextVar[bool] = ContextVar("excel", default=False)
"""This invocation's `--excel`, set by the root command; read by `emit` for `--format csv`."""


def set_excel(on: bool) -> None:
    """Record the root command's `--excel` for this invocation."""
    _EXCEL.set(on)


def excel_csv() -> bool:
    """Whether this run writes CSV for Excel (`trilat-opt --excel` or TRILAT_EXCEL=1): a byte-order mark first."""
    return _EXCEL.get()


def _is_frame(data: Any) -> bool:
    """A pandas DataFrame? Asked without importing pandas: a command that never did cannot have one."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(data, pd.DataFrame)


def rich_table(
    df: pd.DataFrame,
    title: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
    note: str | None = None,
    stacked: bool = False,
) -> RenderableType:
    """`df` as a terminal table that fits the console's width and never cuts a cell (`layout.py`)."""
    width = console_out.width
    return frame_table(df, title, headers=headers, decimals=decimals, note=note, width=width, stacked=stacked)


def emit(data: Any, fmt: Format, out: Path | None = None, title: str | None = None, table: Any = None) -> None:
    """Print or write `data` (a DataFrame or plain data) as a table, JSON or CSV."""
    if fmt == Format.json:
        text = dumps_json(data)
    elif fmt == Format.csv:
        if not _is_frame(data):
            raise typer.BadParameter("this command has no CSV form; use --format json", param_hint="--format")
        text = frame_to_csv(data, excel=excel_csv())
    else:
        renderable = table if table is not None else (rich_table(data, title) if _is_frame(data) else data)
        if out is None:
            console_out.print(renderable)
            return
        buf = io.StringIO()
        Console(file=buf, width=console_out.width, highlight=False, markup=False, emoji=False).print(renderable)
        text = buf.getvalue()
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        console_err.print(f"wrote {clean(out)}", markup=False)


@contextmanager
def step_progress(title: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr while a long computation runs, when stderr is a terminal.

    Yields the callback the library's long functions take (`report.build`, `sensitivity`,
    `diff_override`): called with (step description, steps done, steps in all). Elsewhere (a
    pipe, a file, CI) nothing is drawn.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console_err, transient=True, disable=not console_err.is_terminal) as bar:
        task = bar.add_task(title, total=None)

        def advance(label: str, done: int, total: int) -> None:
            bar.update(task, description=f"{title}: {label}", completed=done, total=total)

        yield advance
