"""Every command's `--help`, in one test: it renders at 80 columns, has an example that survives the
reflow, and its line in `trilat-opt --help` is its own first paragraph.

The root group lists commands from the static `COMMANDS` table so that `--help` need not import
every command's module; this test keeps that table and the commands' docstrings the same. At 80
columns, help texts used to keep the docstrings' 100-column line breaks and to break an example
between a flag and its value (issue 17, item 1).
"""

from __future__ import annotations

import pytest

from factories import assert_fits, run_cli
from trilat_opt.cli import COMMANDS, real_command

FLAGS_SHOWN = {
    ("optimize",): ["--export-model"],
    ("rank",): ["--method"],
    ("report",): [
        *("--out", "--profile", "--weight", "--cap", "--budget", "--objective"),
        *("--samples", "--seed", "--open", "--watch"),
    ],
}
"""Options a command's help must list, beyond what every command shows."""

TYPE_LABELS = ("<bool>", "<str>", "<path>", "<float>", "<int", "list[", "[[", "x<=")
"""Click's type labels, which read as noise to a policy analyst (cli/helptext.py)."""


def _all_commands() -> list[tuple[str, ...]]:
    """The root, every command and every subcommand, each built as it runs (the root lists lazily)."""
    out: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        sub = getattr(real_command(name), "commands", {})
        out += [(name,), *((name, s) for s in sub)]
    return out


def _command(path: tuple[str, ...]):
    command = real_command(path[0])
    return command.commands[path[1]] if len(path) > 1 else command


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "root")
def test_help(capsys, narrow, path):
    code, out, _ = run_cli(capsys, *path, "--help")
    assert code == 0 and "Usage" in out
    assert_fits(out, f"{' '.join(path)} --help")
    for label in TYPE_LABELS:
        assert label not in out, f"{path}: type label {label!r} in help"
    for flag in FLAGS_SHOWN.get(path, []):
        assert flag in out, f"{path}: {flag} missing from help"
    if not path:
        assert all(name in out for name in COMMANDS)
        return
    command = _command(path)
    if len(path) == 1:
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert first == COMMANDS[path[0]][1], "COMMANDS and the command's docstring disagree"
    if getattr(command, "commands", None):
        return  # a group: its subcommands carry the examples
    assert command.help and len(command.help) > 20, f"{' '.join(path)} has no help"
    assert "Example:" in command.help and "Example:" in out, f"{' '.join(path)} help has no Example block"
    documented = _examples(command.help, indent=4)
    assert any(e.startswith(f"trilat-opt {' '.join(path)}") for e in documented), documented
    rendered = _examples(out)
    for example in documented:
        assert example in rendered, f"{path}: example {example!r} broken in help:\n{out}"


def test_the_walk_finds_every_command():
    """The parametrisation above is built by walking the commands; an empty walk would pass vacuously."""
    paths = _all_commands()
    assert {p[0] for p in paths if p} == set(COMMANDS)
    assert {p for p in paths if len(p) == 2} >= {("options", "list"), ("sources", "check")}


def _examples(help_text: str, indent: int = 5) -> list[str]:
    """Example commands, continuation lines joined; each must keep its indent (4 in a docstring,
    5 in rendered help, which pads by one)."""
    lines = [line.rstrip() for line in help_text.splitlines()]
    found, current = [], ""
    for line in lines:
        if current:
            current += " " + line.strip()
        elif "trilat-opt " in line and line.startswith(" " * indent) and not line.lstrip().startswith("Usage"):
            current = line.strip()
        else:
            continue
        if current.endswith("\\"):
            current = current[:-1].rstrip()
        else:
            found.append(" ".join(current.split()))
            current = ""
    return found
