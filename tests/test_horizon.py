"""Periods, the roadmap frame's validation, and its messages located by file and line."""

from __future__ import annotations

import datetime

import pytest

from factories import CRITERIA, option_text, write_project
from trilat_opt.errors import InputError
from trilat_opt.horizon import Horizon, parse_horizon

ROADMAP = """\
roadmap:
  start: 2026H1
  end: 2027H2
  durability: resilience
  limits: {money: 2}
  periods:
    - {period: 2026H2, limits: {money: 1}}
  events:
    - {id: vote, name: A vote, date: "2026-09-01", country: JP, reversal: 0.5, basis: "assumption: test"}
"""


def load_with(tmp_path, roadmap: str = ROADMAP, extra: str = ""):
    import trilat_opt

    options = {"alpha": option_text("alpha", extra=extra), "beta": option_text("beta")}
    return trilat_opt.load(write_project(tmp_path / "p", options, CRITERIA + roadmap))


def test_periods_and_times():
    h = Horizon.parse("2026H1", "2030H2", 6)
    assert (len(h), h.labels[0], h.labels[-1]) == (10, "2026H1", "2030H2")
    assert h.offset(datetime.date(2028, 11, 7)) == pytest.approx(34 + 6 / 30)
    assert h.period_of(34.2) == 5 and h.period_of(60.0) is None and h.period_of(-0.1) is None
    assert Horizon.parse("2026Q3", "2027Q2", 3).labels == ("2026Q3", "2026Q4", "2027Q1", "2027Q2")
    assert Horizon.parse("2026", "2028", 12).labels == ("2026", "2027", "2028")
    assert h.resized(2).labels == ("2026-01..2028-06", "2028-07..2030-12")
    with pytest.raises(ValueError, match="whole number of 12-month periods"):
        Horizon.parse("2026H1", "2026H1", 12)
    assert parse_horizon("2026H1-2030H2") == ("2026H1", "2030H2") == parse_horizon("2026H1:2030H2")
    assert parse_horizon("2026-2028") == ("2026", "2028")
    with pytest.raises(InputError, match="write FIRST-LAST"):
        parse_horizon("2026H1")


def test_a_valid_frame_loads(tmp_path):
    cat = load_with(tmp_path)
    rm = cat.frame.roadmap
    assert rm is not None and rm.events[0].day == datetime.date(2026, 9, 1) and rm.limits == {"money": 2}


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("limits: {money: 2}", "limits: {monie: 2}", 38, "unknown budget 'monie'; did you mean 'money'?"),
        ("durability: resilience", "durability: resilince", 37, "unknown criterion 'resilince'"),
        ("period: 2026H2", "period: 2029H1", 40, "2029H1 lies outside the horizon 2026H1-2027H2"),
        ("period: 2026H2", "period: 2026Q3", 40, "2026Q3 is not a 6-month period label"),
        ('date: "2026-09-01"', 'date: "2026-09-31"', 42, "'2026-09-31' is not a date"),
        ('basis: "assumption: test"', 'basis: "elections"', 42, "needs a `basis` that says 'assumption: ...'"),
        ('basis: "assumption: test"', "source: nowhere, paragraph: 2", 42, "unknown source 'nowhere'"),
        ("reversal: 0.5", "reversal: 1.5", 42, "less than or equal to 1"),
        ("end: 2027H2", "end: 2025H2", 36, "ends before it starts"),
        ("start: 2026H1", "start: 2026X1", 35, "is not a period"),
    ],
)
def test_each_mistake_is_located(tmp_path, old, new, line, message):
    """criteria.yaml's 33 lines of the test frame come first; `roadmap:` is line 34."""
    assert old in ROADMAP
    with pytest.raises(InputError) as info:
        load_with(tmp_path, ROADMAP.replace(old, new))
    found = [e for e in info.value.errors if message in e.message]
    assert found, [str(e) for e in info.value.errors]
    assert found[0].file == "criteria.yaml" and found[0].line == line


def test_option_fields_of_the_roadmap_are_checked(tmp_path):
    with pytest.raises(InputError) as info:
        load_with(tmp_path, extra="requires: [beta]\nparallel: [gamma]\ncost_profile: [0.5, 0.6]\n")
    text = str(info.value)
    assert "options/alpha.yaml" in text
    assert "cost_profile sums to 1.1" in text
    with pytest.raises(InputError, match="'gamma' is not in `requires`"):
        load_with(tmp_path / "b", extra="requires: [beta]\nparallel: [gamma]\n")


def test_an_event_outside_the_horizon_is_a_warning(tmp_path):
    cat = load_with(tmp_path, ROADMAP.replace('"2026-09-01"', '"2031-01-05"'))
    assert any("vote (2031-01-05) lies outside the horizon" in w for w in cat.warnings)
