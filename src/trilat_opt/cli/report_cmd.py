"""`report`: run the whole pipeline and write the HTML report, results.json and one CSV per table."""

from __future__ import annotations

import contextlib
import threading
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from .. import load
from ..errors import InputError, NoPortfolioError, OutputError
from ..evaluation import Evaluation
from ..limits import parse_limits
from ..model import Catalogue
from ..output import probe_folder
from ..report import DEFAULT_SAMPLES, ReportData, build, write
from ..report.data import check_run_name
from ..report.memo import Memo
from ..report.render import warm
from ..report.runs import write_index
from ..report.write import check_target
from ..weights import parse_overrides
from .common import (
    BUDGET,
    CAP,
    EXCLUDE,
    INCLUDE,
    OBJECTIVE,
    PROFILE,
    SOLVER,
    WEIGHT,
    Objective,
    Solver,
    State,
    console_err,
    excel_csv,
    samples_option,
    score_warnings,
    seed_option,
    step_progress,
    warn,
)
from .sources_cmd import SOURCES
from .terminal import clean
from .watching import Snapshot, changes, snapshot, watched_files

__all__ = [
    "QUICK",
    "RUN_SAMPLES",
    "RUN_SCENARIO",
    "RUN_SEED",
    "build_with_progress",
    "checked_catalogue",
    "register",
    "require_portfolio",
    "run_settings",
    "watched_files",
]


def register(app: typer.Typer) -> None:
    """Add `report` to `app`."""
    app.command("report")(report)


# The options that choose a run, shared with `export` (which writes the same run in other formats).
RUN_SCENARIO = typer.Option(
    None, "--scenario", metavar="ID", help="Value options under this scenario (see criteria.yaml)."
)
RUN_SAMPLES = samples_option(DEFAULT_SAMPLES, "SMAA weight samples, at most 1,000,000.")
RUN_SEED = seed_option("Random seed, 0 to 2**32-1; the same seed gives byte-identical files.")
QUICK = typer.Option(
    False, "--quick", help="Skip the slow analyses (core index, risk-value frontier, critical arguments)."
)


def run_settings(
    *,
    profile: str | None,
    weight: list[str] | None,
    objective: Objective | str,
    scenario: str | None,
    include: list[str] | None,
    exclude: list[str] | None,
    samples: int,
    cap: list[str] | None = None,
    budget: list[str] | None = None,
    seed: int,
    solver: Solver | str,
    quick: bool,
    sources: Path | None,
    **more: Any,
) -> dict[str, Any]:
    """The keyword arguments of `trilat_opt.report.build` for the options of a run."""
    return dict(
        profile=profile,
        overrides=parse_overrides(weight or []),
        objective=str(objective),
        scenario=scenario,
        caps=parse_limits(cap or [], "--cap"),
        budgets=parse_limits(budget or [], "--budget"),
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        samples=samples,
        seed=seed,
        solver=str(solver),
        full=not quick,
        sources=sources,
        **more,
    )


def checked_catalogue(project: str, settings: dict[str, Any]) -> Catalogue:
    """The project's catalogue, with the run's settings checked against it by the `Evaluation` that
    `build` will make, so that a mistake costs no time (exit 2 before any computation)."""
    cat = load(project)
    Evaluation(cat, **{k: v for k, v in settings.items() if k in QUESTION})  # computes nothing yet
    return cat


QUESTION = (
    "profile",
    "overrides",
    "objective",
    "scenario",
    "solver",
    "semantics",
    "include",
    "exclude",
    "caps",
    "budgets",
)
"""The settings of a run that are `Evaluation`'s (the rest are the report's own: samples, seed, ...)."""


def build_with_progress(cat: Catalogue, settings: dict[str, Any], memo: Memo | None = None) -> ReportData:
    """`build` with a progress bar on stderr (on a terminal), the scoring warnings, and a warning for
    each weight outside its bounds (the bounds rule of trilat_opt.weights, as for every command)."""
    with step_progress("report") as progress, score_warnings():
        data = build(cat, progress=progress, memo=memo, **settings)
    for line in data.manifest.get("outside_bounds") or []:
        warn(line)
    return data


def report(
    ctx: typer.Context,
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        metavar="DIR",
        help="Folder to write into (default: reports/<run-name>/ in the project); only a new or empty folder, "
        "or one trilat-opt wrote, is accepted.",
        callback=lambda v: (check_target(v), v)[1] if v is not None else v,
    ),
    name: str | None = typer.Option(
        None,
        "--name",
        "-n",
        metavar="NAME",
        help="Name the run: write reports/NAME/ instead of a name made from the settings.",
        callback=lambda v: check_run_name(v) if v is not None else v,
    ),
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: Objective = OBJECTIVE,
    scenario: str | None = RUN_SCENARIO,
    cap: list[str] | None = CAP,
    budget: list[str] | None = BUDGET,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    samples: int = RUN_SAMPLES,
    seed: int = RUN_SEED,
    solver: Solver = SOLVER,
    open_page: bool = typer.Option(False, "--open", help="Open the report in the default browser when written."),
    watch: bool = typer.Option(
        False,
        "--watch",
        help="Re-render into the same folder on every save of an input file; the open page reloads itself.",
    ),
    timings: bool = typer.Option(False, "--timings", help="Record step timings in the report (breaks byte-identity)."),
    quick: bool = QUICK,
    sources: Path | None = SOURCES,
) -> None:
    """Run the whole pipeline and write index.html, results.json and one CSV per table.

    The page is one self-contained HTML file: it opens from disk with no network access. It lands
    in reports/NAME/ of the project: --name NAME, or by default a name made of the profile,
    objective, --weight overrides and scenario and a hash of every setting, so a weight tweak gets
    a folder of its own. reports/index.html then lists every run with its settings, date and
    headline. Progress goes to stderr; the path of index.html to stdout.

    Each report states when it was generated; set SOURCE_DATE_EPOCH to fix that time, and the
    same inputs, settings and seed give byte-identical files.

    With --watch, each save of criteria.yaml, sources.yaml, recommendations.yaml or an option file
    re-renders into the same folder for the whole session (so the open page stays current and
    reloads itself); bad input prints its errors and the last good report stays.

    When no portfolio satisfies the rules the report is still written, explaining why, and the
    command exits with code 1 after printing the diagnosis.

    The page's what-if panel re-optimises the portfolio in the browser as weights, risk caps and
    budgets move (value and expected objectives); its "copy command" button gives the report
    command, with --weight, --cap and --budget, that reproduces what it shows.

    Each quote is shown inside its sentence, read from the source articles (--sources, else
    $TRILAT_SOURCES, else ../shared/sources); without them the page says so and shows bare quotes.

    Example:

        trilat-opt report
        trilat-opt report --profile seoul --weight deterrence=0.35 --open
        trilat-opt report --name tokyo-deterrence-up --profile tokyo --weight deterrence=0.35
        trilat-opt report --objective consensus --out reports/consensus --watch
        trilat-opt report --quick --include leader-summits --exclude trusted-cloud
        trilat-opt report --quick --sources ../shared/sources
        trilat-opt report --cap china-coercion=2 --budget public-funding=60
    """
    state: State = ctx.obj
    if out is not None and name is not None:
        raise InputError("--out and --name: give one (--name NAME writes reports/NAME/, --out DIR writes DIR)")
    settings = run_settings(
        profile=profile,
        weight=weight,
        objective=objective,
        scenario=scenario,
        cap=cap,
        budget=budget,
        include=include,
        exclude=exclude,
        samples=samples,
        seed=seed,
        solver=solver,
        quick=quick,
        sources=sources,
        timings=timings,
        name=name,
    )
    project = state.project
    seen = snapshot(project)  # before rendering, so a save during the first rendering is not lost
    memo = Memo() if watch else None
    first = _render_once(project, out, settings, watch, memo)
    typer.echo(clean(first.index))
    if open_page:
        _open(first.index)
    if watch and memo is not None:
        _watch(project, first, out, settings, seen, memo)
    else:
        _require_portfolio(first)


@dataclass(frozen=True)
class Rendered:
    """One report as written: the path of its page and what it holds."""

    index: Path
    data: ReportData


def _render_once(
    project: str, out: Path | None, settings: dict[str, Any], watch: bool = False, memo: Memo | None = None
) -> Rendered:
    """Load, build and write one report; update reports/index.html when the run lands there.

    The output location is checked before the computation, so a folder that is not ours or not
    writable costs no time (the default folder's own name depends on the settings, and `write`
    checks it again). CSVs start with a byte-order mark under `trilat-opt --excel`. `memo` keeps
    the analyses' results for the next rendering of a watch session.
    """
    cat = checked_catalogue(project, settings)
    reports = Path(project) / "reports"
    if out is not None or settings.get("name"):
        check_target(out if out is not None else reports / settings["name"])
    else:
        probe_folder(reports, ".run-name-12345678.XXXXXXXX.report")
    start = time.perf_counter()
    threading.Thread(target=_warm_quietly, name="trilat-render-warm", daemon=True).start()
    data = build_with_progress(cat, settings, memo)
    target = out if out is not None else reports / data.run_name
    index = write(data, target, watch=watch, excel=excel_csv())
    kept = f" (analyses kept from the last rendering: {', '.join(memo.reused)})" if memo and memo.reused else ""
    console_err.print(clean(f"wrote {target} in {time.perf_counter() - start:.1f} s{kept}"), markup=False)
    if target.parent.resolve() == reports.resolve():
        listed = write_index(reports)
        if listed is not None:
            console_err.print(clean(f"updated {listed}, the list of every run"), markup=False)
    return Rendered(index, data)


def _warm_quietly() -> None:
    """`render.warm` in a thread: a failure there shows when the page is rendered, not twice."""
    with contextlib.suppress(Exception):
        warm()


def _require_portfolio(rendered: Rendered) -> None:
    """Exit 1 with the diagnosis when the report found no portfolio (it is written all the same)."""
    require_portfolio(rendered.data, f"the report at {rendered.index} says the same")


def require_portfolio(data: ReportData, written: str) -> None:
    """Raise `NoPortfolioError` (exit 1) with the diagnosis, then `written` (where the run's
    output, written all the same, says so), when the run found no portfolio."""
    status = data.summary.get("status")
    if status is None or status in ("optimal", "feasible"):
        return
    diagnosis = data.summary.get("diagnosis") or f"no portfolio was found (solver status: {status})"
    raise NoPortfolioError(f"{diagnosis}\n{written}")


def _open(index: Path) -> None:
    """Open the page (the link, which later writes keep current), or say that no browser could."""
    try:
        opened = webbrowser.open(index.absolute().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        warn(f"no web browser found to open the report; open {index} yourself")


def _watch(
    project: str,
    first: Rendered,
    out: Path | None,
    settings: dict[str, Any],
    seen: Snapshot,
    memo: Memo,
    interval: float = 0.5,
) -> None:
    """Poll the inputs and re-render into the first rendering's folder on every change, until Ctrl-C.

    One folder for the whole session, even when a change to criteria.yaml would give the run a
    different default name: the open page and its reload follow that folder. Bad input while
    watching prints its errors and waits for the next save, so a typo never ends the session; the
    last good report stays in place. A save that changes only words (claims, quotes, summaries)
    reuses the analyses' results (`memo`), so the page is back in about a second.
    """
    folder = first.index.parent
    settings = {**settings, "name": None if out is not None else first.data.run_name}
    console_err.print(
        clean(
            f"watching {project} for changes (Ctrl-C to stop); every save re-renders into {folder}, "
            "the same folder for the whole session, and the open page reloads itself"
        ),
        markup=False,
    )
    _note_portfolio(first)
    try:
        while True:
            time.sleep(interval)
            now = snapshot(project)
            if now == seen:
                continue
            what = changes(seen, now, project)
            seen = now  # before rendering: a save made while it runs is seen next time round
            console_err.print(clean(f"{'; '.join(what)}: re-rendering"), markup=False)
            try:
                _note_portfolio(_render_once(project, out, settings, watch=True, memo=memo))
            except (InputError, OutputError) as exc:  # a typo or a full disk: wait for the next save
                for line in str(exc).splitlines():
                    console_err.print(clean(line), markup=False, highlight=False, soft_wrap=True)
    except KeyboardInterrupt:
        console_err.print("stopped watching", markup=False)


def _note_portfolio(rendered: Rendered) -> None:
    """In watch mode a missing portfolio is a message, not an exit."""
    try:
        _require_portfolio(rendered)
    except NoPortfolioError as exc:
        for line in str(exc).splitlines():
            console_err.print(clean(line), markup=False, highlight=False, soft_wrap=True)
