"""Named runs, reports/index.html, common flags and exit codes of `report` (issue 17, items 4, 5 and 7)."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest

from factories import run_cli, shipped_copy
from trilat_opt.report.data import run_name
from trilat_opt.report.runs import index_html, list_runs, write_index


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return shipped_copy(tmp_path_factory.mktemp("runs") / "p")


def _report(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--project", str(project), "report", "--quick", "--samples", "50", *args)


def test_default_names_say_the_profile_objective_and_weights():
    name = run_name("seoul", "robust", {"a": 0.35, "b": 0.65}, {"scenario": None}, {"a": 0.35})
    assert name.startswith("seoul-robust-a-0.35-") and len(name.rsplit("-", 1)[1]) == 8


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


def test_the_index_escapes_text_and_leaves_a_foreign_index_alone(tmp_path):
    (tmp_path / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    assert write_index(tmp_path) is None
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>mine</p>"
    run = tmp_path / "r"
    run.mkdir()
    manifest = {"profile_name": "<b>x</b>", "objective": "value", "generated": "2026-01-02T00:00:00Z"}
    (run / "results.json").write_text(json.dumps({"manifest": manifest, "summary": {}}), encoding="utf-8")
    page = index_html(list_runs(tmp_path))
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page and "<script" not in page


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
