"""`trilat-opt roadmap`: formats, exit codes, messages and determinism."""

from __future__ import annotations

import json

import pytest

from factories import CRITERIA, option_text, write_project
from factories import run_cli as run

ROADMAP = """\
roadmap:
  start: 2026H1
  end: 2027H2
  limits: {money: 2}
  new_initiatives: {US: 1}
  events:
    - {id: vote, name: A vote, date: "2026-09-01", country: JP, reversal: 0.5, basis: "assumption: test"}
"""


@pytest.fixture
def project(tmp_path):
    # alpha 6 months, beta 12, gamma none; each carries US and JP, costs 2: one start a half-year
    options = {
        "alpha": option_text("alpha", extra="lead_time: {months: 6}\n"),
        "beta": option_text("beta", extra="lead_time: {months: 12}\n"),
        "gamma": option_text("gamma"),
    }
    return str(write_project(tmp_path / "p", options, CRITERIA + ROADMAP))


def test_json_holds_a_schedule_within_the_limits(capsys, project):
    code, out, err = run(capsys, "--project", project, "roadmap", "--format", "json")
    assert code == 0 and "cbc: optimal" in err
    data = json.loads(out)
    assert data["periods"] == ["2026H1", "2026H2", "2027H1", "2027H2"]
    starts = {row["option"]: row["start"] for row in data["schedule"]}
    assert len(set(starts.values())) == len(starts), "one new US initiative a half-year"
    assert all(b["used"] <= b["limit"] + 1e-9 for b in data["budgets"])
    assert [e["event"] for e in data["events"]] == ["vote"]
    assert {"lock_in", "delays", "horizon_rules", "objective", "objective_value", "status"} <= set(data)
    assert (data["kind"], data["version"]) == ("trilat-opt roadmap", 1) and data["objective"] in ("value", "expected")


def test_output_is_byte_identical_and_the_table_names_every_part(capsys, project):
    first = run(capsys, "--project", project, "roadmap", "-f", "json")[1]
    assert first == run(capsys, "--project", project, "roadmap", "-f", "json")[1]
    code, out, _ = run(capsys, "--project", project, "roadmap")
    assert code == 0
    for part in ("Start and delivery", "Budget use per period", "What each leadership event puts at risk", "Lock in"):
        assert part in out


def test_csv_has_one_row_per_start_budget_and_event(capsys, project):
    code, out, _ = run(capsys, "--project", project, "roadmap", "-f", "csv")
    assert code == 0
    sections = [line.split(",")[0] for line in out.splitlines()[1:]]
    assert sections.count("event") == 1 and sections.count("budget") == 4 * 2 and "start" in sections


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--horizon", "2026H1"], "--horizon '2026H1': write FIRST-LAST"),
        (["--horizon", "2027H2-2026H1"], "ends before it starts"),
        (["--periods", "7"], "--periods: 24 months do not divide into 7 whole-month periods"),
        (["--objective", "robust"], "robust"),
    ],
)
def test_bad_command_lines_exit_2_and_say_why(capsys, project, args, message):
    code, out, err = run(capsys, "--project", project, "roadmap", *args)
    assert code == 2 and out == ""
    assert message in err


def test_a_plan_that_cannot_be_made_exits_1_with_what_to_check(capsys, tmp_path):
    options = {"alpha": option_text("alpha", extra="lead_time: {months: 30}\n")}
    criteria = CRITERIA.replace("min_options: 0", "min_options: 1") + ROADMAP
    project = str(write_project(tmp_path / "q", options, criteria))
    code, _, err = run(capsys, "--project", project, "roadmap")
    assert code == 1
    assert "no roadmap satisfies every rule" in err and "lead times against the horizon" in err
