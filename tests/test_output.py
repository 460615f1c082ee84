"""Outputs: CSV cells that a spreadsheet would run as formulas are neutralised, numbers stay numbers.

Finding 10: `=HYPERLINK(...)` in an option title and `@SUM(...)` in a criterion name were written
as they are to 13 report CSVs and to `--format csv` output.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import CRITERIA, option_text, run_cli, write_project
from trilat_opt.output import BOM, frame_to_csv

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


def test_excel_csv_starts_with_a_byte_order_mark_and_is_otherwise_the_same(hostile, tmp_path, capsys, monkeypatch):
    """Issue 20: Excel reads UTF-8 without a BOM as the local code page and garbles ¶ and curly quotes."""
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    args = ["report", "--samples", "30", "--quick"]
    assert run_cli(capsys, "--project", str(hostile), *args, "--out", str(plain))[0] == 0
    assert run_cli(capsys, "--project", str(hostile), "--excel", *args, "--out", str(excel))[0] == 0
    files = sorted(p.name for p in plain.glob("*.csv"))
    assert files and files == sorted(p.name for p in excel.glob("*.csv"))
    for name in files:
        raw = (excel / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and not (plain / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8-sig") == (plain / name).read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "--project", str(hostile), "rank", "--format", "csv")
    assert code == 0 and not out.startswith(BOM)
    monkeypatch.setenv("TRILAT_EXCEL", "1")
    code, excel_out, _ = run_cli(capsys, "--project", str(hostile), "rank", "--format", "csv")
    assert code == 0 and excel_out == BOM + out


def test_index_names_and_multiindex_labels_are_neutralised_too():
    numeric = pd.DataFrame({"v": [1.0]}, index=pd.Index([7], name="=cmd"))
    assert _formulas(frame_to_csv(numeric)) == []
    columns = pd.MultiIndex.from_tuples([("=a", "+b"), ("ok", "@c")], names=["-n", "m"])
    wide = pd.DataFrame([[1, 2]], columns=columns)
    assert _formulas(frame_to_csv(wide)) == []


_TEXT = st.text(st.sampled_from("=+-@\t\r\uff1d a1.,;\"'\n"), max_size=6)


@given(
    cells=st.lists(st.one_of(_TEXT, st.floats(-1e12, 1e12)), min_size=1, max_size=5),
    header=_TEXT,
    ids=st.lists(_TEXT, min_size=5, max_size=5),
)
def test_no_text_anywhere_in_a_csv_starts_a_formula(cells, header, ids):
    """Any text in a cell, a header or an index label: what a spreadsheet reads is never a formula;
    numbers, also negative ones, stay numbers."""
    df = pd.DataFrame({header or "h": cells}, index=pd.Index(ids[: len(cells)], name="id"))
    text = frame_to_csv(df)
    assert _formulas(text) == []
    back = list(csv.reader(io.StringIO(text)))
    assert [len(row) for row in back] == [2] * (len(cells) + 1)  # no cell broke its row
    for row, value in zip(back[1:], cells, strict=True):
        if isinstance(value, float):
            assert float(row[1]) == pytest.approx(value, rel=1e-9, abs=1e-300)  # %.10g: ten digits
