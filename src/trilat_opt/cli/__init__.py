"""The `trilat-opt` command: a thin skin over the library.

Each command parses its options, calls one public function and formats what it returns. Errors
are caught once, here: `InputError` prints `file:line:col: field: message` lines and exits 2;
anything unexpected prints one line and a hint to re-run with `--debug`.
"""

from __future__ import annotations

import sys
import traceback

import typer

from ..errors import TrilatError
from . import analyze, argue_cmd, catalogue, optimize_cmd, rank_cmd, report_cmd, sources_cmd
from .common import State, console_err
from .terminal import clean

__all__ = ["app", "main"]

app = typer.Typer(
    name="trilat-opt",
    help=(
        "Evaluate US-Japan-ROK trilateral cooperation options: cited arguments -> criterion "
        "scores -> an optimal portfolio under budgets and political-risk caps -> an HTML report."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    project: str = typer.Option(
        ".",
        "--project",
        "-p",
        help="Project folder holding criteria.yaml and options/.",
        envvar="TRILAT_PROJECT",
        show_default=True,
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on internal errors."),
) -> None:
    ctx.obj = State(project=project, debug=debug)


for module in (catalogue, sources_cmd, argue_cmd, rank_cmd, optimize_cmd, analyze, report_cmd):
    module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn errors into messages and exit codes."""
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
