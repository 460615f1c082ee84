"""Help texts that read well at 80 columns: prose reflowed, examples never broken inside a token.

Docstrings are wrapped for the source file, at about 100 columns; typer's rich help keeps their
line breaks, so at 80 columns every other line is ragged. `tidy` joins the lines of each prose
paragraph (the terminal wraps them again, at its own width) and leaves example blocks (lines
indented four spaces or more) as written, except that an example too long for the terminal is
split before one of its options, with a shell continuation (`\\`), so it still runs as pasted.

Type labels: typer labels a flag `<bool>` and an option `<str>` or `<list[Path]>`, which says
how Python sees a value, not what to type. `plain_labels` drops the label of every flag (a flag
takes no value); the options themselves name what to type with `metavar` (ID, FILE, N, ...).
"""

from __future__ import annotations

import inspect
import re
import shutil
from typing import Any

__all__ = ["help_width", "plain_labels", "split_example", "tidy"]

EXAMPLE_INDENT = 4
_CONTINUATION = " \\"


def help_width() -> int:
    """The width typer's help will be printed at: $COLUMNS, else the terminal's, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def tidy(text: str | None, width: int | None = None) -> str | None:
    """`text` with prose paragraphs on one line each and examples split to fit `width`.

    >>> print(tidy('''Rank the options.
    ...
    ...     Rows are sorted
    ...     by rank.
    ...
    ...     Example:
    ...
    ...         trilat-opt rank --method topsis --profile tokyo --out ranking.csv
    ...     ''', width=50))
    Rank the options.
    <BLANKLINE>
    Rows are sorted by rank.
    <BLANKLINE>
    Example:
    <BLANKLINE>
        trilat-opt rank --method topsis \\
            --profile tokyo --out ranking.csv
    """
    if text is None:
        return None
    paragraphs = inspect.cleandoc(text).split("\n\n")
    width = width or help_width()
    out = []
    for para in paragraphs:
        lines = para.split("\n")
        if all(line.startswith(" " * EXAMPLE_INDENT) for line in lines if line.strip()):
            out.append("\n".join(part for line in lines for part in split_example(line, width - 2)))
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def split_example(line: str, width: int) -> list[str]:
    """An example command as lines of at most `width`, split only before an option (`--x`, `-x`)
    or a redirection, each line but the last ending in a continuation; one line when it fits.

    >>> split_example("    trilat-opt optimize --include leader-summits --format json", 40)
    ['    trilat-opt optimize \\\\', '        --include leader-summits \\\\', '        --format json']
    """
    if len(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    groups = _groups(line.strip())
    lines = [indent + groups[0]]
    for group in groups[1:]:
        if len(lines[-1]) + 1 + len(group) + len(_CONTINUATION) <= width:
            lines[-1] += " " + group
        else:
            lines[-1] += _CONTINUATION
            lines.append(indent + " " * EXAMPLE_INDENT + group)
    return lines


def _groups(command: str) -> list[str]:
    """Words grouped so that an option keeps its value: ['cmd sub', '--flag value', '> file']."""
    groups: list[str] = []
    for word in command.split():
        starts = bool(re.match(r"^(-{1,2}[A-Za-z]|[<>|])", word))
        if groups and not starts:
            groups[-1] += " " + word
        else:
            groups.append(word)
    return groups


def plain_labels(command: Any) -> None:
    """Drop typer's `<bool>` label from every flag of `command` and its subcommands, `--help` too,
    and the `<str>` or `<path>` label of every argument.

    The help option is made on demand by the command, so its maker is wrapped to label the
    option it returns."""
    for param in getattr(command, "params", []):
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif param.param_type_name == "argument":
            # Its name (ID, OPTION, A) already says what to type; typer would add <str> or <path>.
            param.display_type_rich = lambda ctx: None
    make_help = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make_help(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option
    for sub in getattr(command, "commands", {}).values():
        plain_labels(sub)
