"""`trilat-opt report`: writes the folder, prints the page's path, rejects bad input with exit 2;
named runs, reports/index.html, common flags and exit codes (issue 17, items 4, 5 and 7)."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest

from factories import run_cli, shipped_copy
from trilat_opt.cli.report_cmd import watched_files
from trilat_opt.report.runs import list_runs


def test_report_writes_the_folder_and_prints_the_page(project_root, tmp_path, capsys):
    out = tmp_path / "r"
    code, stdout, _ = run_cli(capsys, "--project", str(project_root), "report", "--samples", "50", "--out", str(out))
    assert code == 0
    assert stdout.strip() == str(out / "index.html")
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
    code, _, err = run_cli(capsys, "--project", str(project_root), "report", "--out", str(out), *args)
    assert code == 2
    assert message in err
    assert not out.exists()


def test_watch_follows_criteria_and_option_files(project_root):
    files = list(watched_files(project_root))
    assert project_root / "criteria.yaml" in files
    assert project_root / "recommendations.yaml" in files
    top = {"criteria.yaml", "sources.yaml", "recommendations.yaml"}
    assert {p.parent.name for p in files if p.name not in top} == {"options"}
    assert len([p for p in files if p.parent.name == "options"]) == len(list((project_root / "options").glob("*.yaml")))


def test_default_folder_is_named_from_the_settings(project_root, tmp_path, capsys, monkeypatch):
    """Without --out the report lands in reports/<profile>-<objective>-<hash>/ of the project."""
    import shutil

    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copy(project_root / "criteria.yaml", proj)
    shutil.copytree(project_root / "options", proj / "options")
    code, stdout, _ = run_cli(capsys, "--project", str(proj), "report", "--samples", "20", "--profile", "tokyo")
    assert code == 0
    printed = Path(stdout.strip())
    assert printed.parent.parent == proj / "reports"
    assert printed.parent.name.startswith("tokyo-value-")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return shipped_copy(tmp_path_factory.mktemp("runs") / "p")


def _report(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--project", str(project), "report", "--quick", "--samples", "50", *args)


def test_named_runs_and_the_index_list_every_run(project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    code, out, err = _report(
        capsys, project, "--name", "tokyo-deterrence-up", "--profile", "Tokyo", "-w", "deterrence=0.3"
    )
    assert code == 0, err
    assert out.strip() == str(project / "reports" / "tokyo-deterrence-up" / "index.html")
    assert f"updated {project / 'reports' / 'index.html'}" in err
    code, out, err = _report(capsys, project, "--weight", "deterrence=0.3")
    assert code == 0, err
    assert Path(out.strip()).parent.name.startswith("base-value-deterrence-0.3-")
    runs = {r.name: r for r in list_runs(project / "reports")}
    assert set(runs) >= {"tokyo-deterrence-up", Path(out.strip()).parent.name}
    tokyo = runs["tokyo-deterrence-up"]
    assert tokyo.generated == "2026-01-01T00:00:00Z"
    assert tokyo.settings.startswith("Tokyo profile; --weight deterrence=0.3; objective value; quick")
    assert "--profile tokyo --weight deterrence=0.3" in tokyo.command
    assert "options chosen of 49" in tokyo.headline and "portfolio value" in tokyo.headline
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<a href="tokyo-deterrence-up/index.html">tokyo-deterrence-up</a>' in page
    results = json.loads((project / "reports" / "tokyo-deterrence-up" / "results.json").read_text())
    assert results["manifest"]["run_name"] == "tokyo-deterrence-up"


def test_a_run_name_must_be_a_plain_folder_name(project, capsys):
    for bad in ("../escape", ".hidden", "index.html", "a b"):
        code, out, err = _report(capsys, project, "--name", bad)
        assert code == 2 and out == "" and "--name" in err, bad
    code, _, err = _report(capsys, project, "--name", "x", "--out", str(project / "elsewhere"))
    assert code == 2 and "--out and --name: give one" in err


def test_report_takes_include_and_exclude_and_refuses_both_at_once(project, capsys):
    code, _, err = _report(capsys, project, "--include", "leader-summits", "--exclude", "trusted-cloud")
    assert code == 0, err
    code, out, err = _report(capsys, project, "--include", "leader-summits", "--exclude", "leader-summits")
    assert code == 2 and out == ""
    assert "--include leader-summits and --exclude leader-summits: an option cannot be forced both in and out" in err
    code, _, err = _report(capsys, project, "--include", "leader-summit")
    assert code == 2 and "did you mean 'leader-summits'?" in err and "starting" not in err


def test_no_portfolio_writes_the_report_then_exits_1_with_the_diagnosis(project, capsys):
    options = sorted(p.stem for p in (project / "options").glob("*.yaml"))[:24]
    forced = [x for o in options for x in ("--include", o)]
    code, out, err = _report(capsys, project, "--out", str(project / "forced"), *forced)
    assert code == 1
    assert out.strip() == str(project / "forced" / "index.html")
    assert "no portfolio satisfies every rule" in err and "raise the maximum of 20 options" in err
    assert (project / "forced" / "index.html").exists()


def test_open_says_so_when_no_browser_is_available(project, capsys, monkeypatch):
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    code, _, err = _report(capsys, project, "--out", str(project / "opened"), "--open")
    assert code == 0 and f"no web browser found to open the report; open {project / 'opened' / 'index.html'}" in err


def test_diff_labels_runs_a_and_b(project, capsys):
    a, b = project / "reports" / "a", project / "reports" / "b"
    assert _report(capsys, project, "--name", "a")[0] == 0
    assert _report(capsys, project, "--name", "b", "--profile", "seoul")[0] == 0
    code, out, err = run_cli(capsys, "diff", str(a), str(b))
    assert code == 0, err
    text = " ".join(out.split())
    assert text.startswith(f"A: {a}: run a, criteria.yaml weights, objective value, generated ")
    assert f" B: {b}: run b, Seoul profile, objective value" in text
    code, out, _ = run_cli(capsys, "diff", str(a), str(b), "--format", "json")
    assert json.loads(out)["label_a"].startswith(f"{a}: run a")
