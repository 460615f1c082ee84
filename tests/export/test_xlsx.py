"""The Excel workbook: every sheet holds what the run's CSV holds, no cell is a formula, and the
layout (frozen header, filter, widths, number formats with units, stance styles) is there."""

from __future__ import annotations

import io
import math
import shlex
import subprocess
import sys
import time

import numpy as np
import openpyxl
import pandas as pd
import pytest

from factories import EPOCH, HOSTILE_CLAIM, HOSTILE_QUOTE, HOSTILE_TITLE, run_cli
from trilat_opt.export.cells import TEXT_WIDTH
from trilat_opt.export.xlsx import FRONT, SHEETS, workbook_bytes
from trilat_opt.output import safe_cell
from trilat_opt.report import build
from trilat_opt.report.write import render_files

RUN = ["--samples", "100", "--seed", "3", "--quick", "--profile", "tokyo", "--weight", "deterrence=0.3"]


def _norm(value) -> str:
    """A cell as text for comparison: missing is empty, text as the CSV writes it (`safe_cell`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    return f"{float(value):.10g}"


def assert_sheet_is_csv(name: str, sheet: pd.DataFrame, csv: pd.DataFrame) -> None:
    """Same headers, rows and values; numbers to the CSV's ten significant digits."""
    assert [safe_cell(str(c)) for c in sheet.columns] == [str(c) for c in csv.columns], name
    assert len(sheet) == len(csv), name
    for a, b in zip(sheet.columns, csv.columns, strict=True):
        left, right = sheet[a], csv[b]
        numeric = all(pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s) for s in (left, right))
        if numeric:
            np.testing.assert_allclose(left.astype(float), right.astype(float), rtol=1e-9, atol=1e-12, err_msg=name)
        else:
            assert [_norm(v) for v in left] == [_norm(v) for v in right], f"{name}.{b}"


def _sheets(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None)


def test_every_sheet_holds_what_the_runs_csv_holds(project_root, tmp_path, capsys, monkeypatch):
    """The report and the export of one run, each from the command line, read back and compared."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, _, err = run_cli(capsys, "--project", str(project_root), "report", "--out", str(tmp_path / "r"), *RUN)
    assert code == 0, err
    book = tmp_path / "run.xlsx"
    code, _, err = run_cli(capsys, "--project", str(project_root), "export", "--to", "xlsx", "--out", str(book), *RUN)
    assert code == 0, err
    sheets = _sheets(book.read_bytes())
    csvs = {p.stem: p for p in (tmp_path / "r").glob("*.csv")}
    assert set(sheets) == set(csvs) | {FRONT}
    assert list(sheets)[:4] == [FRONT, "portfolio", "constraints", "exposure"]
    for name, path in csvs.items():
        assert_sheet_is_csv(name, sheets[name], pd.read_csv(path))


@pytest.fixture(scope="module")
def hostile_run(hostile):
    """A full run (frontier, core index, critical arguments) of the hostile project."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build(hostile, samples=60, seed=1, full=True)


def test_a_full_run_gets_every_analysis_and_matches_its_csv(hostile_run):
    sheets = _sheets(workbook_bytes(hostile_run))
    assert {"frontier", "core", "criticality", "stability", "smaa", "arguments", "evidence"} <= set(sheets)
    files = render_files(hostile_run)
    for name in hostile_run.tables:
        assert_sheet_is_csv(name, sheets[name], pd.read_csv(io.StringIO(files[f"{name}.csv"])))


def test_no_cell_is_a_formula_and_formula_like_text_stays_text(hostile_run):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(hostile_run)))
    risky = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s" and cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
                    risky.append(cell.value)
    assert HOSTILE_TITLE in risky and HOSTILE_QUOTE in risky and "@SUM(1+1) [bracketed] #tag" in risky
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert HOSTILE_CLAIM in texts


@pytest.fixture(scope="module")
def shipped_book(shipped):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        data = build(shipped, samples=100, seed=3, full=False)
    return data, openpyxl.load_workbook(io.BytesIO(workbook_bytes(data)))


def _column(ws, header: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == header)


def _width(ws, column: int) -> float:
    """A column's width; a `<col>` element may cover a run of equally wide columns."""
    return next(d.width for d in ws.column_dimensions.values() if d.min <= column <= d.max)


def test_headers_stay_in_view_and_every_column_filters_and_fits(shipped_book):
    data, book = shipped_book
    for name in data.tables:
        ws = book[name]
        assert ws.freeze_panes in ("A2", "B2"), name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{max(ws.max_row, 2)}", name
        for cell in ws[1]:
            width = _width(ws, cell.column)
            assert len(str(cell.value)) < width <= TEXT_WIDTH + 1, f"{name}.{cell.value}: {width}"
    claim = book["arguments"][f"{_column(book['arguments'], 'claim')}2"]
    assert claim.alignment.wrap_text and len(claim.value) > TEXT_WIDTH


def test_numbers_carry_their_units(shipped_book):
    _, book = shipped_book
    port = book["portfolio"]
    assert port[f"{_column(port, 'cost:jp-investment')}2"].number_format == '0.00" USD bn"'
    assert port[f"{_column(port, 'cost:political-capital-us')}2"].number_format == '0.00" points"'
    assert port[f"{_column(port, 'survival')}2"].number_format == "0.0%"
    assert book["options"][f"{_column(book['options'], 'lead_time_months')}2"].number_format == '0" months"'
    assert book["ranking"][f"{_column(book['ranking'], 'rank_additive')}2"].number_format == "0"
    cons = book["constraints"]
    used = _column(cons, "used")
    formats = {cons[f"C{r}"].value: cons[f"{used}{r}"].number_format for r in range(2, cons.max_row + 1)}
    assert formats["budget jp-investment"] == '0.00" USD bn"'
    assert formats["budget political-capital-jp"] == '0.00" points"'
    assert formats["risk history-flareup"] == "0.00"
    assert formats["max options"] == '0" options"'


def test_stance_is_a_cell_style(shipped_book):
    _, book = shipped_book
    ws = book["arguments"]
    col = _column(ws, "stance")
    fills = {}
    for r in range(2, ws.max_row + 1):
        fills.setdefault(ws[f"{col}{r}"].value, set()).add(ws[f"{col}{r}"].fill.fgColor.rgb)
    assert set(fills) == {"pro", "con"} and all(len(f) == 1 for f in fills.values())
    assert fills["pro"] != fills["con"] and "00000000" not in fills["pro"] | fills["con"]


def test_the_front_sheet_states_the_settings_and_links_every_sheet(shipped_book):
    data, book = shipped_book
    ws = book[FRONT]
    pairs = {r[0].value: r[1].value for r in ws.iter_rows(max_col=2) if r[0].value}
    assert pairs["Run"] == data.run_name and pairs["Objective"] == "value"
    assert pairs["Made again by"] == data.manifest["command"]
    assert pairs["Analyses"].startswith("quick")
    weights = {k: pairs[k] for k in data.manifest["weights"]}
    assert weights == pytest.approx(data.manifest["weights"])
    links = {c.value: c.hyperlink.location for c in ws["A"] if c.hyperlink}
    assert links == {name: f"'{name}'!A1" for name in data.tables}
    assert all(name in SHEETS for name in data.tables), "a new report table needs its line in SHEETS"


def test_the_front_sheets_command_makes_the_same_workbook_again(project_root, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    args = ["export", "--to", "xlsx", "--out", "first.xlsx", "--objective", "expected", *RUN]
    code, _, err = run_cli(capsys, "--project", str(project_root), *args)
    assert code == 0, err
    first = (tmp_path / "first.xlsx").read_bytes()
    front = openpyxl.load_workbook(io.BytesIO(first))[FRONT]
    command = next(r[1].value for r in front.iter_rows(max_col=2) if r[0].value == "Made again by")
    argv = shlex.split(command)
    assert argv[:2] == ["trilat-opt", "export"] and "--objective" in argv and "--quick" in argv
    (tmp_path / "first.xlsx").rename(tmp_path / "kept.xlsx")
    time.sleep(1.1)  # a clock read anywhere in the workbook would now show
    code, _, err = run_cli(capsys, "--project", str(project_root), *argv[1:])
    assert code == 0, err
    assert (tmp_path / "first.xlsx").read_bytes() == first


def test_writing_a_workbook_imports_no_spreadsheet_library_before_it_is_needed():
    probe = "import sys, trilat_opt.export; print(sorted(m for m in ('xlsxwriter', 'openpyxl') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
