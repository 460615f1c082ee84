"""Outputs: CSV cells that a spreadsheet would run as formulas are neutralised, numbers stay numbers.

Finding 10: `=HYPERLINK(...)` in an option title and `@SUM(...)` in a criterion name were written
as they are to 13 report CSVs and to `--format csv` output.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from factories import CRITERIA, option_text, run_cli, write_project
from trilat_opt.output import frame_to_csv

TITLE = """'=HYPERLINK("http://evil.example","click")'"""  # YAML single-quoted
NAME = "\"@SUM(1+1)*cmd|' /C calc'!A0\""  # YAML double-quoted
DANGER = ("=", "+", "-", "@", "\t", "\r")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _formulas(text: str) -> list[str]:
    """Cells that a spreadsheet would evaluate: text starting with a formula character."""
    rows = list(csv.reader(io.StringIO(text)))
    return [c for row in rows for c in row if c.startswith(DANGER) and not _number(c)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("csv")
    alpha = option_text("alpha").replace("title: Option alpha", f"title: {TITLE}")
    criteria = CRITERIA.replace("name: Deterrence", f"name: {NAME}")
    return write_project(root, {"alpha": alpha, "beta": option_text("beta")}, criteria)


def test_report_csvs_hold_no_formula(hostile, tmp_path, capsys):
    code, _, err = run_cli(capsys, "--project", str(hostile), "report", "--samples", "30", "--out", str(tmp_path / "r"))
    assert code == 0, err
    files = sorted((tmp_path / "r").glob("*.csv"))
    assert len(files) >= 13
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    assert {n: _formulas(t) for n, t in texts.items() if _formulas(t)} == {}
    assert any("'=HYPERLINK" in t for t in texts.values()) and any("'@SUM(1+1)" in t for t in texts.values())


@pytest.mark.parametrize("args", [["options", "list"], ["rank"], ["optimize"], ["argue", "alpha"]])
def test_format_csv_holds_no_formula(hostile, capsys, args):
    code, out, err = run_cli(capsys, "--project", str(hostile), *args, "--format", "csv")
    assert code == 0, err
    assert _formulas(out) == []


def test_numbers_stay_numbers():
    df = pd.DataFrame({"value": [-0.5, 1e-3], "note": ["-3 dB", "+1"]}, index=pd.Index(["=a", "b"], name="id"))
    back = pd.read_csv(io.StringIO(frame_to_csv(df)))
    assert list(back["value"]) == [-0.5, 0.001]
    assert list(back["note"]) == ["'-3 dB", "'+1"] and list(back["id"]) == ["'=a", "b"]
