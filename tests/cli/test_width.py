"""At an 80-column terminal every table fits, no cell is cut, and help reads cleanly (issue 17, item 1).

Rich used to shrink wide tables by cutting cells to `0.…` and headers to `ra…`; help texts kept
the docstrings' 100-column line breaks and broke examples between a flag and its value. These
tests run every command that prints a table on the shipped catalogue, whose long option ids are
the hard case, at 80 columns; every command's --help is checked in test_help.py.
"""

from __future__ import annotations

import json

import pytest

from factories import assert_fits, run_cli
from trilat_opt.cli.helptext import split_example, tidy

TABLE_COMMANDS = [
    ["validate"],
    ["options", "list"],
    ["options", "show", "trilateral-economic-security-council"],
    ["sources", "coverage"],
    ["argue", "trilateral-economic-security-council"],
    ["rank"],
    ["rank", "--method", "promethee"],
    ["optimize"],
    ["optimize", "--objective", "consensus"],
    ["sensitivity", "--samples", "500"],
    ["sensitivity", "--core", "--samples", "20"],
    ["sensitivity", "--arguments"],
    ["frontier"],
    ["diff", "--weight", "deterrence=0.35"],
]


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
def test_every_table_fits_80_columns_and_cuts_no_cell(project_root, capsys, narrow, args):
    code, out, err = run_cli(capsys, "--project", str(project_root), *args)
    assert code == 0, err
    assert_fits(out, " ".join(args))


def test_numbers_keep_every_digit_the_json_has(project_root, capsys, narrow):
    """Fixed decimals per column: the rank table's values are the JSON's, rounded, never cut."""
    _, out, _ = run_cli(capsys, "--project", str(project_root), "rank")
    _, raw, _ = run_cli(capsys, "--project", str(project_root), "rank", "--format", "json")
    rows = json.loads(raw)
    for row in rows[:5]:
        line = next(x for x in out.splitlines() if x.startswith(row["option"] + " "))
        shown = [float(x) for x in line.split()[1:]]
        expected = [row[k] for k in ("value", "rank_additive", "topsis", "rank_topsis", "promethee", "rank_promethee")]
        assert all(len(x.split(".")[-1]) == 3 for x in line.split()[1::2]), line
        assert shown == pytest.approx(expected, abs=0.0005 + 1e-9), line


def test_diff_of_two_files_fits(project_root, capsys, narrow, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    base = ["--project", str(project_root), "optimize", "--format", "json", "--out"]
    assert run_cli(capsys, *base, str(a))[0] == 0
    assert run_cli(capsys, *base, str(b), "--weight", "deterrence=0.4")[0] == 0
    code, out, err = run_cli(capsys, "diff", str(a), str(b))
    assert code == 0, err
    assert_fits(out, "diff A B")
    assert out.startswith(f"A: {a}") and f"\nB: {b}" in out


# ---------------------------------------------------------------------------- help text


def test_examples_split_only_before_an_option():
    parts = split_example("    trilat-opt optimize --objective expected --include leader-summits", 48)
    assert parts == ["    trilat-opt optimize --objective expected \\", "        --include leader-summits"]
    assert all(len(p) <= 48 for p in parts)


def test_tidy_joins_prose_lines_and_keeps_examples():
    text = "First line.\n\n    Prose wrapped\n    at 100 columns.\n\n    Example:\n\n        trilat-opt rank\n"
    assert tidy(text, 80) == "First line.\n\nProse wrapped at 100 columns.\n\nExample:\n\n    trilat-opt rank"
