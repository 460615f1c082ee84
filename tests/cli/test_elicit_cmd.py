"""`trilat-opt elicit`: exit codes, messages, what is written and what is not."""

from __future__ import annotations

import io
import json

import pytest

from factories import elicit_project, run_cli
from trilat_opt import load

AHP_KIM = """\
method: ahp
analyst: Kim
comparisons:
  deterrence: {resilience: 2, speed: 5, legitimacy: 3}
  resilience: {speed: 3, legitimacy: 2}
  speed: {legitimacy: 1/2}
"""
AHP_SATO = AHP_KIM.replace("Kim", "Sato").replace("resilience: 2,", "resilience: 1/2,")
EPOCH = "1767225600"  # 2026-01-01


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = elicit_project(tmp_path / "p")
    (root / "answers").mkdir()
    (root / "answers" / "kim.yaml").write_text(AHP_KIM, encoding="utf-8")
    (root / "answers" / "sato.yaml").write_text(AHP_SATO, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def snapshot(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_weights_table_with_consistency(project, capsys):
    code, out, err = run_cli(capsys, "elicit", "ahp", "--answers", "answers/kim.yaml")
    assert code == 0, err
    assert "Weights by AHP pairwise comparisons" in out and "deterrence" in out
    assert "Consistency ratio" in out and "acceptable" in out


def test_a_profile_is_written_with_its_record_and_every_comment(project, capsys):
    before = (project / "criteria.yaml").read_text()
    code, _, err = run_cli(
        capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "-a", "answers/sato.yaml", "--save-profile", "workshop",
        "--profile-name", "Workshop", "--write-bounds",
    )  # fmt: skip
    assert code == 0, err
    assert "wrote criteria.yaml: profile workshop (weights and elicited), bounds of every criterion" in err
    after = (project / "criteria.yaml").read_text()
    for line in before.splitlines():
        if line.strip().startswith("#"):
            assert line in after
    cat = load(project)
    p = next(p for p in cat.frame.profiles if p.id == "workshop")
    assert p.name == "Workshop" and sum(p.weights.values()) == pytest.approx(1)
    assert p.elicited.method == "ahp" and p.elicited.date == "2026-01-01" and p.elicited.analysts == 2
    assert p.elicited.answers == ("answers/kim.yaml", "answers/sato.yaml")
    assert 0 <= p.elicited.consistency_ratio <= 0.1
    assert all(c.bounds is not None and c.bounds[0] <= p.weights[c.id] <= c.bounds[1] for c in cat.criteria)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("speed: 5,", "speed: 10,",
         "answers/kim.yaml:4:38: comparisons.deterrence.speed: 10 lies outside Saaty's scale"),
        ("  speed: {legitimacy: 1/2}\n", "", "comparisons: missing comparison: speed vs legitimacy"),
        ("speed: {legitimacy: 1/2}", "speed: {legitimacy: 1/2, resilience: 3}",
         "comparisons.speed.resilience: disagrees with comparisons.resilience.speed"),
        ("legitimacy: 3}", "legitimacy: 3, deterence: 2}", "unknown criterion 'deterence'; did you mean 'deterrence'?"),
    ],
    ids=["outside-scale", "missing-pair", "reciprocal", "unknown-criterion"],
)  # fmt: skip
def test_bad_answers_exit_2_naming_the_answer_and_nothing_is_written(project, capsys, old, new, expected):
    (project / "answers" / "kim.yaml").write_text(AHP_KIM.replace(old, new, 1), encoding="utf-8")
    before = snapshot(project)
    code, out, err = run_cli(
        capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "--save-profile", "tokyo", "--out", "w.json"
    )
    assert code == 2 and expected in err, err
    assert len(err.strip().splitlines()) == 1, "one mistake, one message"
    assert out == "" and snapshot(project) == before


def test_flags_feed_the_other_commands(project, capsys):
    code, out, _ = run_cli(capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "--format", "flags")
    assert code == 0 and out.startswith("--weight deterrence=")
    code, out, err = run_cli(capsys, "rank", *out.split(), "--format", "json")
    assert code == 0, err


def test_json_has_weights_each_analyst_spread_and_consistency(project, capsys):
    code, out, _ = run_cli(capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "-a", "answers/sato.yaml", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["method"] == "ahp" and [a["name"] for a in data["analysts"]] == ["Kim", "Sato"]
    assert data["spread"]["deterrence"]["low"] < data["spread"]["deterrence"]["high"]
    assert 0 <= data["cr"] <= 0.1 and sum(data["weights"].values()) == pytest.approx(1)


def test_rank_writes_weight_order_for_smaa(project, capsys):
    (project / "r.yaml").write_text("method: rank\norder: [speed, [deterrence, resilience], legitimacy]\n")
    code, _, err = run_cli(capsys, "elicit", "rank", "-a", "r.yaml", "--write-order")
    assert code == 0, err
    assert load(project).frame.weight_order == (
        ("speed", "deterrence"), ("speed", "resilience"), ("deterrence", "legitimacy"), ("resilience", "legitimacy")
    )  # fmt: skip


def test_bounds_need_a_group(project, capsys):
    before = snapshot(project)
    code, _, err = run_cli(capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "--write-bounds")
    assert code == 2 and "--write-bounds sets SMAA bounds from the spread between analysts" in err
    assert snapshot(project) == before


def test_an_interactive_session_from_stdin_saves_its_answers_and_profile(project, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n1\nu\n1\n2\n80\n60\n50\ny\n"))
    code, out, err = run_cli(
        capsys, "elicit", "swing", "--analyst", "Lee", "--save-answers", "answers/lee.yaml", "--save-profile", "seoul"
    )
    assert code == 0, err
    assert "undone" in err and "must" not in out
    saved = (project / "answers" / "lee.yaml").read_text()
    assert "analyst: Lee" in saved and "method: swing" in saved
    p = next(p for p in load(project).frame.profiles if p.id == "seoul")
    assert p.elicited.answers == ("answers/lee.yaml",) and p.elicited.method == "swing"
    assert max(p.weights, key=p.weights.get) == "resilience"
    code, out2, _ = run_cli(capsys, "elicit", "swing", "-a", "answers/lee.yaml", "-f", "json")
    assert code == 0 and json.loads(out2)["weights"] == pytest.approx({c: w for c, w in p.weights.items()}, abs=5e-4)


@pytest.mark.parametrize(("replies", "code", "message"), [("1\nq\n", 1, "quit"), ("1\n", 2, "input ended")])
def test_a_session_abandoned_writes_nothing(project, capsys, monkeypatch, replies, code, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(replies))
    before = snapshot(project)
    got, _, err = run_cli(capsys, "elicit", "rank", "--save-answers", "x.yaml", "--save-profile", "tokyo")
    assert got == code and message in err and "nothing was written" in err
    assert snapshot(project) == before


def test_contradictory_flags_are_refused_before_any_question(project, capsys):
    code, _, err = run_cli(capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "--save-answers", "x.yaml")
    assert code == 2 and "--save-answers keeps an interactive session's answers" in err
    code, _, err = run_cli(capsys, "elicit", "ahp", "-a", "answers/kim.yaml", "--save-profile", "Tokyo Bay")
    assert code == 2 and "--save-profile 'Tokyo Bay': a profile id is lower-case" in err
    code, _, err = run_cli(capsys, "elicit", "swing", "-a", "answers/kim.yaml")
    assert code == 2 and "this file answers 'ahp' questions, not 'swing'; run trilat-opt elicit ahp" in err
