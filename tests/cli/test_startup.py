"""Start-up: `--help` and `validate` load no heavy library, and the root help tells the truth.

The root group lists commands from a static table so that it need not import every command's
module (pandas, PuLP, SciPy, jinja2 cost about 1.5 s on a 2-core machine). These tests run the
CLI in a fresh interpreter and look at what it imported: behaviour, not timing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from trilat_opt.cli import COMMANDS

HEAVY = ("pandas", "numpy", "scipy", "pulp", "jinja2", "highspy", "altair", "vl_convert", "xlsxwriter", "openpyxl")

_PROBE = """
import json, sys
from trilat_opt.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def _imports(project_root, *args: str) -> dict:
    probe = _PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe, "--project", str(project_root), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args", [["--help"], ["validate"], ["validate", "--format", "json"], ["options", "show", "leader-summits"]]
)
def test_light_commands_import_no_heavy_library(project_root, args):
    seen = _imports(project_root, *args)
    assert seen["code"] in (0, None), seen
    assert seen["heavy"] == [], f"{args} imported {seen['heavy']}"


def test_a_heavy_command_still_gets_its_libraries(project_root):
    seen = _imports(project_root, "rank", "--format", "json")
    assert seen["code"] in (0, None) and "pandas" in seen["heavy"]


def test_every_registered_command_is_listed():
    """A command a module registers but COMMANDS forgets would be unreachable."""
    import typer

    from trilat_opt.cli import _SETTINGS, command_module

    for module in {m for m, _ in COMMANDS.values()}:
        sub = typer.Typer(**_SETTINGS)
        mod = command_module(next(n for n, (m, _) in COMMANDS.items() if m == module))
        mod.register(sub)
        for name in typer.main.get_group(sub).commands:
            assert COMMANDS.get(name, ("",))[0] == module, name
