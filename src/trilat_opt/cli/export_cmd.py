"""`export`: a run as an Excel workbook, or its argument maps as Argdown, AIF or Graphviz DOT."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from ..errors import InputError
from ..model import Catalogue
from ..output import atomic_write, check_file_target, probe_folder
from ..report import ReportData
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
    warn,
)
from .report_cmd import (
    QUICK,
    RUN_SAMPLES,
    RUN_SCENARIO,
    RUN_SEED,
    build_with_progress,
    checked_catalogue,
    require_portfolio,
    run_settings,
)
from .sources_cmd import SOURCES
from .terminal import clean

__all__ = ["register"]


class To(StrEnum):
    xlsx = "xlsx"
    argdown = "argdown"
    aif = "aif"
    dot = "dot"


MAPS = (To.argdown, To.aif, To.dot)


def register(app: typer.Typer) -> None:
    """Add `export` to `app`."""
    app.command("export")(export)


def export(
    ctx: typer.Context,
    to: To = typer.Option(..., "--to", "-t", help="xlsx | argdown | aif | dot.", case_sensitive=False),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        metavar="PATH",
        help="File to write (a folder for dot: one OPTION.dot, and OPTION.svg with Graphviz, per option). "
        "Without it argdown, aif and dot go to stdout; xlsx needs it.",
    ),
    option: list[str] | None = typer.Option(
        None, "--option", metavar="ID", help="Only this option's argument map (argdown, aif, dot). Repeatable."
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
    quick: bool = QUICK,
    sources: Path | None = SOURCES,
) -> None:
    """Write the run into the tools analysts use: an Excel workbook, or the argument maps as Argdown, AIF or DOT.

    The run is the one `report` makes with the same options, and the files hold its numbers.

    xlsx: a front sheet with the settings and the command that makes the workbook again, then
    one sheet per report table (the same values as the report's CSV files), with frozen headers,
    filters, number formats with units and pro/con colours.

    argdown: every option's argument map for the Argdown tools: the claim on each criterion, pro
    and con arguments with their quotes cited (source, paragraph), rebuttals as attacks.

    aif: the same maps in the Argument Interchange Format JSON of AIFdb and OVA.

    dot: one Graphviz digraph per option; with --out DIR also drawn as SVG where Graphviz is
    installed (apt-get install graphviz).

    The argument maps need only the scores and the portfolio, so they skip the slow analyses as
    --quick does. When no portfolio satisfies the rules the file is still written, and the
    command exits with code 1 after printing the diagnosis.

    Example:

        trilat-opt export --to xlsx --out run.xlsx
        trilat-opt export --to xlsx --out tokyo.xlsx --profile tokyo --weight deterrence=0.35 --quick
        trilat-opt export --to argdown --out maps.argdown
        trilat-opt export --to aif --option leader-summits > leader-summits.json
        trilat-opt export --to dot --out maps/
    """
    state: State = ctx.obj
    _check_usage(to, out, option)
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
        quick=quick or to in MAPS,
        sources=sources,
        command_head=_head(to, out, option),
    )
    cat = checked_catalogue(state.project, settings)
    if option:
        from ..export import argument_map

        argument_map(cat, options=option)  # an unknown --option id: exit 2 before the computation
    data = build_with_progress(cat, settings)
    if to == To.xlsx:
        from ..export.xlsx import write_xlsx

        assert out is not None
        write_xlsx(data, out)
        _wrote(out)
    else:
        _maps(cat, data, to, out, option)
    require_portfolio(data, "the exported files say the same" if out else "the export says the same")


def _check_usage(to: To, out: Path | None, option: list[str] | None) -> None:
    """Refuse, before any computation, what cannot work: xlsx without --out or with --option, and
    an --out that cannot be written."""
    if to == To.xlsx:
        if out is None:
            raise InputError("--to xlsx: give --out FILE.xlsx; a workbook does not go to the terminal")
        if option:
            raise InputError("--option: only argdown, aif and dot export one option's map; a workbook holds them all")
    if out is None:
        return
    if to == To.dot:
        if out.exists() and not out.is_dir():
            raise InputError(f"--out {out}: is a file; --to dot writes a folder of .dot and .svg files")
        probe_folder(out, ".trilat-export.XXXXXXXX.dot", shown=out)
    else:
        check_file_target(out)


def _head(to: To, out: Path | None, option: list[str] | None) -> str:
    """The start of the command line that makes this export again (the run's options follow)."""
    parts = ["trilat-opt export", f"--to {to}"]
    parts += [f"--option {o}" for o in option or ()]
    if out is not None:
        parts.append(f"--out {out}")
    return " ".join(parts)


def _maps(cat: Catalogue, data: ReportData, to: To, out: Path | None, option: list[str] | None) -> None:
    """Write the argument maps in format `to`: to `out` or stdout."""
    from ..export import argument_map_of
    from ..export.aif import to_aif
    from ..export.argdown import to_argdown
    from ..export.dot import dot_available, to_dot, to_svg

    amap = argument_map_of(cat, data, options=option)
    if to == To.dot:
        files = {f"{o.id}.dot": to_dot(amap, o.id) for o in amap.options}
        if out is None:
            sys.stdout.write("".join(files.values()))
            return
        if not dot_available():
            warn("Graphviz is not installed (apt-get install graphviz): wrote the .dot files without SVG")
        for name, text in files.items():
            atomic_write(out / name, text)
            if dot_available():
                atomic_write(out / name.replace(".dot", ".svg"), to_svg(text))
        _wrote(out, f"{len(files)} argument maps")
        return
    if to == To.argdown:
        text = to_argdown(amap, f"{data.title}: argument maps ({data.run_name})")
    else:
        stamp = data.manifest.get("generated", "1970-01-01T00:00:00Z").replace("T", " ").removesuffix("Z")
        text = json.dumps(to_aif(amap, stamp), indent=1, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        _wrote(out)


def _wrote(path: Path, what: str = "") -> None:
    console_err.print(clean(f"wrote {path}" + (f" ({what})" if what else "")), markup=False, soft_wrap=True)
