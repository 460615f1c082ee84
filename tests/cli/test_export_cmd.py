"""`trilat-opt export`: usage mistakes exit 2 before any computation and write nothing; each
format lands where --out says (or on stdout); a run with no portfolio still writes and exits 1."""

from __future__ import annotations

import json
import shutil

import pytest

from factories import CRITERIA, EPOCH, hostile_project, run_cli, write_project
from trilat_opt.export.aif import aif_problems


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return hostile_project(tmp_path_factory.mktemp("export"))


def _export(capsys, root, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--project", str(root), "export", "--samples", "30", *args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "xlsx"], "--to xlsx: give --out FILE.xlsx"),
        (["--to", "xlsx", "--out", "{tmp}/a.xlsx", "--option", "alpha"], "--option: only argdown, aif and dot"),
        (["--to", "argdown", "--out", "{tmp}/a.argdown", "--option", "alpah"], "did you mean 'alpha'"),
        (["--to", "xlsx", "--out", "{tmp}"], "is a folder; give a file name"),
        (["--to", "dot", "--out", "{tmp}/file.txt"], "is a file; --to dot writes a folder"),
        (["--to", "pdf", "--out", "{tmp}/a.pdf"], "Invalid value for '--to'"),
        (["--to", "aif", "--out", "{tmp}/a.json", "--profile", "pyongyang"], "--profile 'pyongyang': unknown profile"),
        (
            ["--to", "aif", "--out", "{tmp}/a.json", "--include", "alpha", "--exclude", "alpha"],
            "forced both in and out",
        ),
    ],
)
def test_mistakes_exit_2_and_write_nothing(root, tmp_path, capsys, args, message):
    (tmp_path / "file.txt").write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = _export(capsys, root, *[a.format(tmp=tmp_path) for a in args])
    assert code == 2 and message in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_argdown_and_aif_go_to_stdout_or_a_file_byte_identical_across_runs(root, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, out, err = _export(capsys, root, "--to", "argdown")
    assert code == 0, err
    assert out.startswith("===\n") and "\n# Option beta {" in out and "-> <alpha-con>" in out
    code, _, err = _export(capsys, root, "--to", "argdown", "--out", str(tmp_path / "m.argdown"))
    assert code == 0 and f"wrote {tmp_path / 'm.argdown'}" in err
    assert (tmp_path / "m.argdown").read_text(encoding="utf-8") == out
    code, out, _ = _export(capsys, root, "--to", "aif", "--option", "beta")
    doc = json.loads(out)
    assert aif_problems(doc) == [] and {n["timestamp"] for n in doc["nodes"]} == {"2026-01-01 00:00:00"}
    assert any(n["text"] == "It costs resilience." for n in doc["nodes"])  # alpha's con, rebutted by beta


def test_dot_writes_one_map_per_option_and_its_svg(root, tmp_path, capsys):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed (apt-get install graphviz); no SVG to check")
    code, _, err = _export(capsys, root, "--to", "dot", "--out", str(tmp_path / "maps"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["alpha.dot", "alpha.svg", "beta.dot", "beta.svg"]
    assert "wrote" in err and "2 argument maps" in err


def test_dot_without_graphviz_writes_dot_and_says_why_there_is_no_svg(root, tmp_path, capsys, monkeypatch):
    import trilat_opt.export.dot as dot

    monkeypatch.setattr(dot, "dot_available", lambda: False)
    code, _, err = _export(capsys, root, "--to", "dot", "--out", str(tmp_path / "maps"), "--option", "alpha")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["alpha.dot"]
    assert "Graphviz is not installed (apt-get install graphviz)" in err
    code, out, _ = _export(capsys, root, "--to", "dot")
    assert code == 0 and out.count("digraph ") == 2


def test_no_portfolio_still_writes_the_workbook_and_exits_1(tmp_path, capsys):
    project = write_project(tmp_path / "p", criteria=CRITERIA.replace("min_options: 0", "min_options: 3"))
    book = tmp_path / "run.xlsx"
    code, _, err = _export(capsys, project, "--to", "xlsx", "--out", str(book), "--quick")
    assert code == 1 and "lower the minimum of 3 options by 1" in err and "the exported files say the same" in err
    assert book.stat().st_size > 0
