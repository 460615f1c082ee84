"""Lock-in and delay values: what a slip costs, the rest of the plan unchanged."""

from __future__ import annotations

import math

import pytest

from oracles.portfolio import Instance
from oracles.roadmap import Timed
from trilat_opt.roadmap import solve_roadmap


def test_a_delay_costs_the_lateness_discount_of_its_period():
    """One option, 6-month lead, discount 0.2 a year, an election at month 3 that would halve it:
    it starts after the election (period 2026H2, delivering at month 12, worth 0.8); a further
    delay delivers at month 18, worth 0.8 ** 1.5."""
    tm = Timed(Instance(["a"], [1.0], ["d"]), T=3, L=6, lead=[6.0], countries=[["US"]], durability=[0.0],
               events=[(3.0, "US", 0.5)], discount=0.2)  # fmt: skip
    result = solve_roadmap(tm.roadmap(), "expected", "cbc")
    assert result.starts == {"a": 1}
    assert result.objective_value == pytest.approx(0.8)
    assert result.delays.loc["a", "value_lost"] == pytest.approx(0.8 - 0.8**1.5)
    assert result.delays.loc["a", "new_start"] == "2027H1"
    assert result.lock_in.empty, "nothing starts before the election"
    assert result.events.loc["e0", "at_risk"] == ""


def test_lock_in_names_what_waiting_would_cost_and_what_cannot_wait():
    """b needs a delivered first; both are worth starting before a late election. Waiting costs
    b its discount; a cannot wait at all: b, unchanged, would start before a delivers."""
    tm = Timed(Instance(["a", "b"], [1.0, 1.0], ["d", "d"], requires=[("b", "a")]), T=4, L=6, lead=[6.0, 6.0],
               countries=[["JP"], ["JP"]], durability=[0.0, 0.0], events=[(20.0, "JP", 0.9)], discount=0.2)  # fmt: skip
    result = solve_roadmap(tm.roadmap(), "expected", "highs")
    assert result.starts == {"a": 0, "b": 1}
    lock = result.lock_in.set_index("option")
    assert math.isnan(lock.loc["a", "value_lost"]) and lock.loc["a", "instead"] == "cannot wait"
    # b waits until after month 20: period 2027H2 (month 18) starts before it, so 2028H1 is too late
    # to deliver within the horizon; b is dropped, losing its value 0.8 ** 1
    assert lock.loc["b", "value_lost"] == pytest.approx(0.8) and lock.loc["b", "instead"] == "dropped"
