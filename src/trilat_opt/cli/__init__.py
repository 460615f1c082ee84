"""The `trilat-opt` command: a thin skin over the library.

Each command parses its options, calls one public function and formats what it returns. Errors
are caught once, here: `InputError` prints `file:line:col: field: message` lines and exits 2;
anything unexpected prints one line and a hint to re-run with `--debug`.
"""

from __future__ import annotations

import gc
import importlib
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import TrilatError
from .common import State, console_err, set_excel
from .helptext import plain_labels, tidy
from .terminal import clean

__all__ = ["app", "main"]

# Each command's module and the line `trilat-opt --help` shows for it (the first paragraph of its
# docstring; a test keeps the two the same). The module is imported only when its command runs or
# shows its own help, so `--help` and `validate` start without pandas, PuLP, SciPy or jinja2.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("catalogue", "Check every input file and print a summary; exit 2 with file:line messages on errors."),
    "options": ("catalogue", "List and inspect policy options."),
    "schema": ("catalogue", "Print or write the JSON Schema of the input files and the run record."),
    "sources": ("sources_cmd", "Verify quotes against the source articles; show how evenly they are used."),
    "argue": ("argue_cmd", "Show why an option scores as it does, argument by argument."),
    "rank": ("rank_cmd", "Rank the options: net value over the neutral base (additive), TOPSIS and PROMETHEE II."),
    "optimize": ("optimize_cmd", "Choose the best portfolio of options under budgets, risk caps and portfolio rules."),
    "sensitivity": (
        "analyze",
        "How robust is the choice? Weight stability, SMAA-2, core index and argument criticality.",
    ),
    "frontier": ("analyze", "Every Pareto-optimal portfolio trading value against total political-risk exposure."),
    "diff": (
        "analyze",
        "Compare two runs: weight changes, rank moves, options entering and leaving, objective change.",
    ),
    "roadmap": ("roadmap_cmd", "When to start each option, across the leadership windows of the three capitals."),
    "report": ("report_cmd", "Run the whole pipeline and write index.html, results.json and one CSV per table."),
    "elicit": ("elicit_cmd", "Derive criterion weights from rankings, swing ratings or AHP pairwise comparisons."),
    "export": (
        "export_cmd",
        "Write the run into the tools analysts use: an Excel workbook, or the argument maps as Argdown, AIF or DOT.",
    ),
}

_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": "rich",
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def command_module(name: str) -> Any:
    """The module that implements command `name` (imported now)."""
    return importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")


def real_command(name: str) -> TyperCommand | TyperGroup:
    """Command `name` as typer builds it from its module, its help tidied for the terminal."""
    sub = typer.Typer(**_SETTINGS)
    command_module(name).register(sub)
    found = typer.main.get_group(sub).commands.get(name)
    if found is None:
        raise KeyError(f"{COMMANDS[name][0]} does not register {name!r}")
    _tidy_help(found)
    plain_labels(found)
    return found


def _tidy_help(command: Any) -> None:
    """Reflow the help of `command` and its subcommands (helptext.py says why)."""
    command.help = tidy(command.help)
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)


class _LazyCommand(TyperCommand):
    """Stands in for a command in the root group: its name and one line of help, nothing imported.

    Click makes the context of the command it is about to run with `make_context`; this one
    builds the real command there and hands over, so parsing, help and invocation are the real
    command's own.
    """

    def __init__(self, name: str):
        super().__init__(name, help=COMMANDS[name][1], short_help=COMMANDS[name][1])

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        return real_command(str(self.name)).make_context(info_name, args, parent=parent, **extra)


class _LazyGroup(TyperGroup):
    """The root group: lists every command from `COMMANDS` and loads one only when it runs."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> TyperCommand | None:
        return _LazyCommand(cmd_name) if cmd_name in COMMANDS else None

    def get_help_option(self, ctx: typer.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""  # a flag: no <bool> label (helptext.py)
        return option


app = typer.Typer(
    cls=_LazyGroup,
    name="trilat-opt",
    help=(
        "Evaluate US-Japan-ROK trilateral cooperation options: cited arguments -> criterion "
        "scores -> an optimal portfolio under budgets and political-risk caps -> an HTML report."
    ),
    no_args_is_help=True,
    **_SETTINGS,
)


@app.callback()
def _root(
    ctx: typer.Context,
    project: str | None = typer.Option(
        None,
        "--project",
        "-p",
        metavar="DIR",
        help="Project folder holding criteria.yaml and options/ (default: the nearest folder upward from here "
        "that holds criteria.yaml, as git finds its repository).",
        envvar="TRILAT_PROJECT",
    ),
    debug: bool = typer.Option(False, "--debug", metavar="", help="Show the full traceback on internal errors."),
    excel: bool = typer.Option(
        False,
        "--excel",
        metavar="",
        envvar="TRILAT_EXCEL",
        help="Write every CSV for Excel: UTF-8 with a byte-order mark, so curly quotes and ¶ open intact.",
    ),
) -> None:
    ctx.obj = State(given=project, debug=debug)
    set_excel(excel)


GC_THRESHOLD = (100_000, 50, 100)
"""Cyclic garbage collection for a command's short-lived process: a young generation of 100,000
objects instead of 700. A run allocates millions of containers that live to its end (parsed
files, models, tables), which the default rescans thousands of times: 23 -> 21 s for a quick
report at 2,000 options; no change at the shipped catalogue's size."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn errors into messages and exit codes.

    Run as the `trilat-opt` command (no `argv`), it sets the process's `GC_THRESHOLD` first; called
    from Python with arguments, it leaves the caller's collector alone."""
    if argv is None:
        gc.set_threshold(*GC_THRESHOLD)
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        app(args=argv, prog_name="trilat-opt")
    except TrilatError as exc:
        for line in str(exc).splitlines():
            console_err.print(clean(line), markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console_err.print("aborted", markup=False)
        sys.exit(130)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            console_err.print(
                clean(f"internal error: {type(exc).__name__}: {exc} (re-run with --debug for the traceback)"),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        sys.exit(1)
