"""`report`: run the whole pipeline and write the HTML report, results.json and one CSV per table."""

from __future__ import annotations

import time
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .. import load
from ..errors import InputError
from ..output import probe_folder
from ..report import DEFAULT_SAMPLES, build, write
from ..report.write import check_target
from ..weights import parse_overrides
from .common import (
    OBJECTIVE,
    PROFILE,
    SOLVER,
    WEIGHT,
    Objective,
    Solver,
    State,
    console_err,
    samples_option,
    score_warnings,
    seed_option,
)
from .sources_cmd import SOURCES
from .terminal import clean

__all__ = ["register", "watched_files"]


def register(app: typer.Typer) -> None:
    """Add `report` to `app`."""
    app.command("report")(report)


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
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: Objective = OBJECTIVE,
    scenario: str | None = typer.Option(
        None, "--scenario", metavar="ID", help="Value options under this scenario (see criteria.yaml)."
    ),
    samples: int = samples_option(DEFAULT_SAMPLES, "SMAA weight samples, at most 1,000,000."),
    seed: int = seed_option("Random seed, 0 to 2**32-1; the same seed gives a byte-identical report."),
    solver: Solver = SOLVER,
    open_page: bool = typer.Option(False, "--open", help="Open the report in the default browser when written."),
    watch: bool = typer.Option(False, "--watch", help="Re-render when criteria.yaml or an option file changes."),
    timings: bool = typer.Option(False, "--timings", help="Record step timings in the report (breaks byte-identity)."),
    quick: bool = typer.Option(
        False, "--quick", help="Skip the slow analyses (core index, risk-value frontier, critical arguments)."
    ),
    sources: Path | None = SOURCES,
) -> None:
    """Run the whole pipeline and write index.html, results.json and one CSV per table.

    The page is one self-contained HTML file: it opens from disk with no network access. The run
    folder's name comes from the profile, objective and a hash of the weights and settings, so a
    weight tweak gets its own folder. Progress goes to stderr; the path of index.html to stdout.

    Each quote is shown inside its sentence, read from the source articles (--sources, else
    $TRILAT_SOURCES, else ../shared/sources); without them the page says so and shows bare quotes.

    Example:

        trilat-opt report
        trilat-opt report --profile seoul --weight deterrence=0.35 --open
        trilat-opt report --objective consensus --out reports/consensus --watch
        trilat-opt report --quick --watch
        trilat-opt report --quick --sources ../shared/sources
    """
    state: State = ctx.obj
    settings = dict(
        profile=profile,
        overrides=parse_overrides(weight or []),
        objective=str(objective),
        scenario=scenario,
        samples=samples,
        seed=seed,
        solver=str(solver),
        timings=timings,
        full=not quick,
        sources=sources,
    )
    index = _render_once(state.project, out, settings)
    typer.echo(clean(index))
    if open_page:
        webbrowser.open(index.absolute().as_uri())  # the link, which later writes keep current
    if watch:
        _watch(state.project, index.parent, settings)


def _render_once(project: str, out: Path | None, settings: dict) -> Path:
    """Load, build and write one report; return the path of its index.html.

    The output location is checked before the computation, so a folder that is not ours or not
    writable costs no time (the default folder's own name depends on the settings, and `write`
    checks it again).
    """
    cat = load(project)
    if out is not None:
        check_target(out)
    else:
        probe_folder(Path(project) / "reports", ".run-name-12345678.XXXXXXXX.report")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console_err,
        transient=True,
    ) as bar:
        task = bar.add_task("report", total=1)

        def progress(label: str, i: int, n: int) -> None:
            bar.update(task, description=label, completed=i, total=n)

        start = time.perf_counter()
        with score_warnings():
            data = build(cat, progress=progress, **settings)
    target = out if out is not None else Path(project) / "reports" / data.run_name
    index = write(data, target)
    console_err.print(clean(f"wrote {target} in {time.perf_counter() - start:.1f} s"), markup=False)
    return index


def watched_files(project: str | Path) -> Iterator[Path]:
    """The inputs a report depends on: criteria.yaml, sources.yaml, recommendations.yaml and options/*.yaml."""
    root = Path(project)
    for name in ("criteria.yaml", "sources.yaml", "recommendations.yaml"):
        if (root / name).exists():
            yield root / name
    if (root / "options").is_dir():
        yield from sorted(p for p in (root / "options").iterdir() if p.suffix in (".yaml", ".yml"))


def _snapshot(project: str) -> dict[Path, float]:
    return {p: p.stat().st_mtime_ns for p in watched_files(project)}


def _watch(project: str, folder: Path, settings: dict, interval: float = 0.5) -> None:
    """Poll the inputs and re-render into the same folder on every change, until Ctrl-C.

    Bad input while watching prints its errors and waits for the next save, so a typo never
    ends the session; the last good report stays in place.
    """
    console_err.print(f"watching {project} for changes (Ctrl-C to stop)", markup=False)
    seen = _snapshot(project)
    try:
        while True:
            time.sleep(interval)
            now = _snapshot(project)
            if now == seen:
                continue
            seen = now
            try:
                _render_once(project, folder, settings)
            except InputError as exc:
                for line in str(exc).splitlines():
                    console_err.print(clean(line), markup=False, highlight=False, soft_wrap=True)
    except KeyboardInterrupt:
        console_err.print("stopped watching", markup=False)
