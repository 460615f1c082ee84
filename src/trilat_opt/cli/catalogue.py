"""`validate`, `options list`, `options show` and `schema`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import InputError
from ..output import atomic_write, check_file_target, dumps_json
from ..schema import SCHEMAS, json_schema
from ..summary import option_detail, options_table, validation_summary
from .common import FORMAT, OUT, Format, catalogue_of, console_err, console_out, emit
from .terminal import plain

__all__ = ["register"]

options_app = typer.Typer(help="List and inspect policy options.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.add_typer(options_app, name="options")
    app.command()(schema)


def validate(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """Check every input file and print a summary; exit 2 with file:line messages on errors.

    Example:

        trilat-opt validate
        trilat-opt --project my-study validate --format json
    """
    summary = validation_summary(catalogue_of(ctx))
    if fmt != Format.table:
        emit(summary, Format.json)
        return
    for w in summary.warnings:
        console_err.print(plain(f"warning: {w}"), soft_wrap=True)
    grid = Table.grid(padding=(0, 2))
    for name in ("criteria", "profiles", "risks", "scenarios", "budgets", "options", "arguments", "rebuttals"):
        grid.add_row(name, str(getattr(summary, name)))
    console_out.print(Panel(grid, title="valid", expand=False))


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
    if fmt == Format.table:
        table = table.drop(columns=[c for c in table.columns if c.startswith("cost:")])
    emit(table, fmt, out, title="Policy options")


@options_app.command("show")
def options_show(
    ctx: typer.Context,
    option_id: str = typer.Argument(..., metavar="ID", help="Option id (the file name without .yaml)."),
    fmt: Format = FORMAT,
) -> None:
    """Show one option in full: summary, costs, exposures and its arguments.

    Example:

        trilat-opt options show trilateral-economic-security-council
    """
    cat = catalogue_of(ctx)
    try:
        opt = cat.option(option_id)
    except KeyError:
        raise InputError(f"options show: unknown option {option_id!r}; see 'trilat-opt options list'") from None
    if fmt == Format.json:
        emit(option_detail(opt), Format.json)
        return
    # Text objects throughout: titles, bases and claims are user text, never markup (terminal.py).
    say = console_out.print
    say(Text.assemble(plain(opt.title, "bold"), f"  ({opt.id}, {opt.domain}, {'/'.join(opt.countries)})"))
    say(plain(opt.summary))
    for b, c in opt.costs.items():
        say(Text.assemble(f"  cost {b}: {c.amount:g}  ", plain(c.basis, "dim")))
    if opt.lead_time:
        say(Text.assemble(f"  lead time: {opt.lead_time.months:g} months  ", plain(opt.lead_time.basis, "dim")))
    for r, e in opt.exposures.items():
        say(Text.assemble(f"  exposure {r}: {e.level:g}  ", plain(e.basis, "dim")))
    for rel in ("requires", "excludes"):
        if getattr(opt, rel):
            say(plain(f"  {rel}: {', '.join(getattr(opt, rel))}"))
    for a in opt.arguments:
        colour = "green" if a.stance == "pro" else "red"
        say(Text.assemble("- ", (a.stance, colour), f" {a.criterion} ({a.strength:g}) {a.id}: ", plain(a.claim)))
        for ev in a.evidence:
            say(plain(f"    \u201c{ev.quote}\u201d  [{ev.source} \u00b6{ev.paragraph}]"))


def schema(
    out: Path | None = typer.Option(None, "--out", "-o", help="Folder to write <name>.schema.json files into."),
    name: str = typer.Option("all", "--name", help="criteria, option, sources or all."),
) -> None:
    """Print or write the JSON Schema of criteria.yaml and option files, for editor validation.

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
