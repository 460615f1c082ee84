"""`trilat-opt report`: writes the folder, prints the page's path, rejects bad input with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from trilat_opt.cli import main
from trilat_opt.cli.report_cmd import watched_files


def _run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_report_writes_the_folder_and_prints_the_page(project_root, tmp_path, capsys):
    out = tmp_path / "r"
    code = _run(["--project", str(project_root), "report", "--samples", "50", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.strip() == str(out / "index.html")
    assert {"index.html", "results.json", "portfolio.csv"} <= {p.name for p in out.iterdir()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--objective", "best"], "Invalid value for '--objective'"),
        (["--weight", "deterrence=2"], "--weight deterrence=2.0: a weight must lie in [0, 1]"),
        (["--profile", "pyongyang"], "--profile 'pyongyang': unknown profile"),
        (["--cap", "china-coercion=-1"], "--cap china-coercion=-1: input should be greater than or equal to 0"),
        (["--cap", "pyongyang=1"], "--cap 'pyongyang': unknown political risk (known: history-flareup,"),
        (["--budget", "public-funding"], "--budget 'public-funding': expected id=value"),
        (["--budget", "public-funding=2e12"], "--budget public-funding=2e+12: input should be less than or equal to"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(project_root, tmp_path, capsys, args, message):
    out = tmp_path / "r"
    code = _run(["--project", str(project_root), "report", "--out", str(out), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_watch_follows_criteria_and_option_files(project_root):
    files = list(watched_files(project_root))
    assert project_root / "criteria.yaml" in files
    assert project_root / "recommendations.yaml" in files
    top = {"criteria.yaml", "sources.yaml", "recommendations.yaml"}
    assert {p.parent.name for p in files if p.name not in top} == {"options"}
    assert len([p for p in files if p.parent.name == "options"]) == len(list((project_root / "options").glob("*.yaml")))


def test_every_report_option_has_help_with_an_example(capsys):
    assert _run(["report", "--help"]) == 0
    text = capsys.readouterr().out
    assert "Example:" in text
    flags = ["--out", "--profile", "--weight", "--cap", "--budget", "--objective"]
    for flag in [*flags, "--samples", "--seed", "--open", "--watch"]:
        assert flag in text


def test_default_folder_is_named_from_the_settings(project_root, tmp_path, capsys, monkeypatch):
    """Without --out the report lands in reports/<profile>-<objective>-<hash>/ of the project."""
    import shutil

    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copy(project_root / "criteria.yaml", proj)
    shutil.copytree(project_root / "options", proj / "options")
    assert _run(["--project", str(proj), "report", "--samples", "20", "--profile", "tokyo"]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.parent.parent == proj / "reports"
    assert printed.parent.name.startswith("tokyo-value-")
