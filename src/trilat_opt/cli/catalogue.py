"""`validate`, `options list`, `options show` and `schema`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import typer
from rich.console import RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import InputError
from ..ids import unknown
from ..output import atomic_write, check_file_target, dumps_json
from ..schema import SCHEMAS, json_schema
from ..summary import option_detail, options_table, validation_summary
from ..weights import WeightSet
from .common import FORMAT, OUT, Format, catalogue_of, console_err, console_out, emit, warn
from .layout import Column, fit, fixed
from .terminal import plain

__all__ = ["register"]

options_app = typer.Typer(help="List and inspect policy options.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.add_typer(options_app, name="options")
    app.command()(schema)


def validate(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """Check every input file and print a summary; exit 2 with file:line messages on errors.

    Every problem in every file is listed at once, as file:line:col: field: message. Weights in
    criteria.yaml and in the profiles are relative: they are used divided by their sum. When they
    do not sum to 1, the summary shows the effective (normalised) weights, which --weight sets.

    Example:

        trilat-opt validate
        trilat-opt --project . validate --format json
    """
    summary = validation_summary(catalogue_of(ctx))
    if fmt != Format.table:
        emit(summary, Format.json)
        return
    for w in summary.warnings:
        warn(w)
    grid = Table.grid(padding=(0, 2))
    for name in ("criteria", "profiles", "risks", "scenarios", "budgets", "options", "arguments"):
        grid.add_row(name, str(getattr(summary, name)))
    grid.add_row("  inferred", str(summary.inferred))
    grid.add_row("rebuttals", str(summary.rebuttals))
    grid.add_row("recommendations", str(summary.recommendations))
    if summary.periods:
        grid.add_row("roadmap periods", str(summary.periods))
        grid.add_row("  leadership events", str(summary.events))
    console_out.print(Panel(grid, title="valid", expand=False))
    rescaled = [s for s in summary.weights if not s.sums_to_one]
    if rescaled:
        console_out.print(_effective_weights(rescaled))


def _effective_weights(sets: list[WeightSet]) -> RenderableType:
    """Stated and effective weights of each set that does not sum to 1: what a weight means."""
    ids = list(sets[0].stated)
    columns = [Column("criterion", tuple(ids))]
    for s in sets:
        columns.append(Column(f"{s.name} stated", fixed([s.stated[c] for c in ids]), numeric=True))
        columns.append(Column("used", fixed([s.effective[c] for c in ids], 3), numeric=True))
    sums = "; ".join(f"{s.name} sum to {s.total:g}" for s in sets)
    note = (
        f"Weights are relative: each is used divided by its set's sum ({sums}). "
        "--weight ID=VALUE sets a used (normalised) weight directly."
    )
    return fit(columns, "Weights as stated and as used", console_out.width, note)


@options_app.command("list")
def options_list(ctx: typer.Context, fmt: Format = FORMAT, out: Path | None = OUT) -> None:
    """List the options: id, title, domain, countries, argument counts and (in JSON and CSV) the
    cost per budget.

    The terminal table leaves the six cost columns out so the menu stays readable; `options show
    ID` has one option's costs with their basis, and JSON or CSV have them all.

    Example:

        trilat-opt options list
        trilat-opt options list --format csv > options.csv
    """
    table = options_table(catalogue_of(ctx))
    if fmt != Format.table:
        emit(table, fmt, out, title="Policy options")
        return
    # Each option's title indented under its id, wrapped to the id column's width, so the table
    # needs no column of its own for prose.
    room = max([20, *map(len, table.index)]) - 2
    titled = [
        "\n".join([i, *textwrap.wrap(t, room, initial_indent="  ", subsequent_indent="  ")])
        for i, t in zip(table.index, table["title"], strict=True)
    ]
    columns = [
        Column("option, title", tuple(titled)),
        Column("domain", tuple(table["domain"])),
        Column("countries", tuple(table["countries"])),
        Column("args", fixed(table["arguments"].tolist()), numeric=True),
        Column("con", fixed(table["con"].tolist()), numeric=True),
    ]
    note = "args: arguments, con: of which con. Costs: 'options show ID', or --format csv for every option."
    emit(None, fmt, out, table=fit(columns, f"Policy options ({len(table)})", console_out.width, note))


@options_app.command("show")
def options_show(
    ctx: typer.Context,
    option_id: str = typer.Argument(..., metavar="ID", help="Option id (the file name without .yaml)."),
    fmt: Format = FORMAT,
) -> None:
    """Show one option in full: summary, costs, exposures and its arguments.

    Costs come with their budget's unit and their basis; arguments with their strength, claim,
    any inference and their quotes.

    Example:

        trilat-opt options show trilateral-economic-security-council
    """
    cat = catalogue_of(ctx)
    try:
        opt = cat.option(option_id)
    except KeyError:
        raise InputError("options show: " + unknown("option", option_id, cat.option_ids, where="options/")) from None
    if fmt == Format.json:
        emit(option_detail(opt), Format.json)
        return
    # Text objects throughout: titles, bases and claims are user text, never markup (terminal.py).
    # Padding indents wrapped lines under their first, so each fact stays one block at any width.
    say = console_out.print
    units = {b.id: b.unit for b in cat.frame.budgets}
    say(Text.assemble(plain(opt.title, "bold"), f"  ({opt.id}, {opt.domain}, {'/'.join(opt.countries)})"))
    say(plain(opt.summary))
    for b, c in opt.costs.items():
        say(_fact(f"cost {b}: {c.amount:g} {units.get(b, '')}".rstrip(), c.basis))
    if opt.lead_time:
        say(_fact(f"lead time: {opt.lead_time.months:g} months", opt.lead_time.basis))
    for r, e in opt.exposures.items():
        say(_fact(f"exposure {r}: {e.level:g}", e.basis))
    for rel in ("requires", "excludes"):
        if getattr(opt, rel):
            say(Padding(plain(f"{rel}: {', '.join(getattr(opt, rel))}"), (0, 0, 0, 2)))
    for a in opt.arguments:
        colour = "green" if a.stance == "pro" else "red"
        say(Text.assemble("- ", (a.stance, colour), f" {a.criterion} (strength {a.strength:g}) ", plain(a.id, "bold")))
        say(Padding(plain(a.claim), (0, 0, 0, 4)))
        if a.inferred:
            base = cat.base_of(a)[0]
            say(Padding(plain(f"inferred (counts {base:g}): {a.inference}"), (0, 0, 0, 4)))
        for ev in a.evidence:
            say(Padding(plain(f"\u201c{ev.quote}\u201d  [{ev.source} \u00b6{ev.paragraph}]"), (0, 0, 0, 4)))


def _fact(head: str, basis: str) -> Padding:
    """One number of an option with its basis, dimmed, indented as a block."""
    return Padding(Text.assemble(plain(head), "  ", plain(basis, "dim")), (0, 0, 0, 2))


def schema(
    out: Path | None = typer.Option(
        None, "--out", "-o", metavar="DIR", help="Folder to write <name>.schema.json files into."
    ),
    name: str = typer.Option(
        "all", "--name", metavar="NAME", help="criteria, option, sources, recommendations, run or all."
    ),
) -> None:
    """Print or write the JSON Schema of the input files and the run record.

    The schemas of criteria.yaml, option files, sources.yaml and recommendations.yaml, which
    editors use to validate as you type, and of the run record that optimize --format json and a
    report's results.json write (run.schema.json).

    The shipped YAML files point at `schema/*.schema.json` with a yaml-language-server comment.

    Example:

        trilat-opt schema --out schema
    """
    names = list(SCHEMAS) if name == "all" else [name]
    if any(n not in SCHEMAS for n in names):
        raise InputError(f"--name {name!r}: expected one of {', '.join(SCHEMAS)}, all")
    if out is not None:
        for n in names:
            check_file_target(Path(out) / f"{n}.schema.json", "--out")
    if out is None:
        data = {n: json_schema(n) for n in names}
        typer.echo(dumps_json(data if len(names) > 1 else data[names[0]]), nl=False)
        return
    for n in names:
        atomic_write(Path(out) / f"{n}.schema.json", json.dumps(json_schema(n), indent=2, sort_keys=True) + "\n")
        console_err.print(f"wrote {Path(out) / f'{n}.schema.json'}", markup=False)
