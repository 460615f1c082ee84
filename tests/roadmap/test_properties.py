"""Property tests of roadmaps on random instances too large to enumerate.

- No per-period limit, cap on new initiatives or horizon-wide rule is broken, and every
  requirement is delivered (or started, in parallel) before its dependent starts: checked by the
  brute-force oracle's own rule checks.
- Raising an event's reversal probability never makes an option start earlier before it:
  for options that share no rule it holds option by option (an option under way at the event
  after the rise starts where it started before); with shared rules it holds for the plan as a
  whole: the value the event puts at risk, weighted by how much more each option now loses,
  does not grow (the exchange argument of monotone comparative statics).
"""

from __future__ import annotations

import dataclasses
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oracles.portfolio import Instance, feasible
from oracles.roadmap import Timed, valid
from oracles.timed import timed
from trilat_opt.roadmap import RoadmapModel, solve_roadmap, terms_of

SETTINGS = settings(
    max_examples=int(os.environ.get("ROADMAP_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(tm=timed(max_options=12, max_periods=6), objective=st.sampled_from(["value", "expected"]))
def test_no_rule_is_broken_and_requirements_come_first(tm, objective):
    result = solve_roadmap(tm.roadmap(), objective, "highs", timing=False)
    if not result.feasible:
        return
    plan = tuple(result.starts.get(o, -1) for o in tm.inst.options)
    assert valid(tm, plan), "a per-period limit, cap or requirement in time is broken"
    assert feasible(tm.inst, np.array([[1.0 if s >= 0 else 0.0 for s in plan]]))[0]
    assert (result.budgets["slack"] >= -1e-7).all()
    assert (result.horizon["slack"] >= -1e-7).all()


def _starts(rp) -> np.ndarray | None:
    sol = RoadmapModel(rp, "expected", "highs").solve()
    return sol.starts


@st.composite
def independent(draw):
    """Options that share no rule: each its own values, leads, durability; events in one country."""
    n = draw(st.integers(1, 6))
    opts = [f"o{k}" for k in range(n)]
    values = [draw(st.floats(0.1, 2.0)) for _ in opts]
    T, L = draw(st.integers(2, 6)), 6
    tm = Timed(
        inst=Instance(opts, values, ["d"] * n),
        T=T,
        L=L,
        lead=[float(draw(st.sampled_from([3, 6, 9, 12, 18]))) for _ in opts],
        countries=[["US"]] * n,
        durability=[draw(st.floats(0.0, 0.95)) for _ in opts],
        discount=draw(st.sampled_from([0.0, 0.05, 0.2])),
    )
    for _ in range(draw(st.integers(1, 3))):
        tm.events.append((draw(st.floats(0.0, T * L - 0.01)), "US", draw(st.floats(0.05, 0.6))))
    return tm, draw(st.integers(0, len(tm.events) - 1)), draw(st.floats(0.05, 0.9))


@SETTINGS
@given(case=independent())
def test_a_riskier_event_never_draws_an_option_earlier_before_it(case):
    tm, which, rise = case
    rp = tm.roadmap()
    event = rp.events[which]
    higher = dataclasses.replace(event, reversal=min(1.0, event.reversal + rise))
    riskier = dataclasses.replace(rp, events=tuple(higher if e is event else e for e in rp.events))
    before, after = _starts(rp), _starts(riskier)
    at_risk = terms_of(riskier, "expected").at_risk[rp.events.index(event)]
    for k, o in enumerate(rp.options):
        for t in np.nonzero(after[k] > 0.5)[0]:
            if at_risk[k, t]:
                assert before[k, t] > 0.5, (
                    f"{o} moved to {rp.periods[t]}, under way at {event.id}, once it grew riskier"
                )


@SETTINGS
@given(tm=timed(max_options=8, max_periods=5), data=st.data())
def test_a_riskier_event_never_puts_more_weighted_value_at_risk(tm, data):
    if not tm.events:
        tm.events = [(float(tm.L * tm.T) / 2, "US", 0.2)]
    rp = tm.roadmap()
    which = data.draw(st.integers(0, len(rp.events) - 1))
    event = rp.events[which]
    p2 = min(1.0, event.reversal + data.draw(st.floats(0.05, 0.9)))
    riskier = dataclasses.replace(
        rp, events=tuple(dataclasses.replace(e, reversal=p2) if e is event else e for e in rp.events)
    )
    before, after = _starts(rp), _starts(riskier)
    if before is None or after is None:
        assert (before is None) == (after is None)
        return
    terms = terms_of(rp, "expected")
    bite1, bite2 = event.reversal * (1 - rp.durability), p2 * (1 - rp.durability)
    extra = np.where(bite1 < 1, 1 - (1 - bite2) / np.where(bite1 < 1, 1 - bite1, 1), 0.0)  # share newly lost
    weight = terms.at_risk[which] * terms.coef * extra[:, None]
    assert (weight * after).sum() <= (weight * before).sum() + 1e-7 * max(1.0, abs(terms.coef).sum())


def test_a_durable_option_goes_first_before_an_election():
    """Two options alike but for durability and one start slot a half-year before an election
    that catches whatever starts then: the durable one takes the slot before it."""
    tm = Timed(
        inst=Instance(["fragile", "sturdy"], [1.0, 1.0], ["d", "d"]),
        T=2, L=6, lead=[9.0, 9.0], countries=[["KR"], ["KR"]], durability=[0.1, 0.9],
        initiatives={"KR": [1.0, 1.0]}, events=[(7.0, "KR", 0.5)], discount=0.2,
    )  # fmt: skip
    result = solve_roadmap(tm.roadmap(), "expected", "cbc")
    assert result.starts == {"sturdy": 0}, "the fragile option started before the election, or both did"
    assert result.events.loc["e0", "at_risk"] == "sturdy"
    assert result.events.loc["e0", "value_at_risk"] == pytest.approx(0.8**0.75 * 0.5 * 0.1)
