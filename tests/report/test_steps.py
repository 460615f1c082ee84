"""The report's steps (report/steps.py), checked through what `report.build` returns: each table
of a four-option project against numbers worked out here, without the pipeline's own functions.

The oracles: DF-QuAD by hand (no argument attacks another), weighted net values written out,
every subset of the four options enumerated for the portfolio, the capitals' optima and the
frontier, and the survival formula 1 - exposure x likelihood applied by hand.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from trilat_opt.report import build
from trilat_opt.report.steps import FULL_ONLY, NO_PORTFOLIO

from .conftest import SMALL_OPTIONS, write_small

BASE = 0.5  # factories.CRITERIA's neutral base
LIKELIHOOD, CAP, LIMIT = 0.3, 1.0, 10.0  # risk history and budget money of factories.CRITERIA
OPTIONS = sorted(SMALL_OPTIONS)


def hand_scores() -> pd.DataFrame:
    rows = {}
    for oid, (_, _, args) in SMALL_OPTIONS.items():
        row = {"deterrence": BASE, "resilience": BASE, "burden": BASE}
        for _, criterion, stance, s in args:
            row[criterion] = BASE + BASE * s if stance == "pro" else BASE - BASE * s
        rows[oid] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


def hand_values(cat, weights: dict[str, float]) -> dict[str, float]:
    """Weighted net value: weight x (score - neutral base), the sign flipped for burden (to minimise)."""
    scores, sign = hand_scores(), {c.id: (-1 if c.direction == "min" else 1) for c in cat.criteria}
    return {o: sum(weights.get(c, 0.0) * sign[c] * (scores.loc[o, c] - BASE) for c in sign) for o in OPTIONS}


def feasible() -> list[tuple[str, ...]]:
    """Every subset within the budget of 10 and the history cap of 1 (no other rule binds)."""
    out = []
    for k in range(len(OPTIONS) + 1):
        for subset in itertools.combinations(OPTIONS, k):
            cost = sum(SMALL_OPTIONS[o][0] for o in subset)
            exposure = sum(SMALL_OPTIONS[o][1] for o in subset)
            if cost <= LIMIT + 1e-9 and exposure <= CAP + 1e-9:
                out.append(subset)
    return out


def optima(values: dict[str, float]) -> tuple[float, list[set[str]]]:
    """The best total value over feasible subsets and every subset that reaches it."""
    totals = {s: sum(values[o] for o in s) for s in feasible()}
    best = max(totals.values())
    return best, [set(s) for s, v in totals.items() if v >= best - 1e-9]


def criteria_weights(cat) -> dict[str, float]:
    return normalised({c.id: c.weight for c in cat.criteria})


# ---------------------------------------------------------------------------- inputs and scores


def test_the_frame_tables_say_what_the_inputs_say(small, small_cat):
    crit = small.tables["criteria"]
    assert list(crit.index) == ["deterrence", "resilience", "burden"]
    assert crit["weight"].to_dict() == pytest.approx({"deterrence": 0.5, "resilience": 1 / 3, "burden": 1 / 6})
    assert crit["base_weight"].to_dict() == pytest.approx(crit["weight"].to_dict())  # no profile, no override
    assert list(crit["direction"]) == ["max", "max", "min"]
    assert (crit["low"] == 0).all() and (crit["high"] == 1).all()  # no bounds: SMAA samples all of [0, 1]
    opts = small.tables["options"]
    assert opts["arguments"].to_dict() == {o: len(SMALL_OPTIONS[o][2]) for o in OPTIONS}
    assert opts["countries"].eq("US/JP").all()
    (art,) = small.summary["bibliography"]
    assert (art["key"], art["citations"]) == ("art", sum(len(a) for *_, a in SMALL_OPTIONS.values()))


def test_scores_are_dfquad_by_hand_and_net_values_are_signed_by_direction(small, small_cat):
    scores = small.tables["scores"]
    expected = hand_scores().loc[list(scores.index), list(scores.columns)]
    pd.testing.assert_frame_equal(scores, expected, check_names=False, atol=1e-12)
    net = small.tables["net"]
    assert net.loc["delta", "burden"] == pytest.approx(-(0.85 - BASE))  # a pro on burden counts against
    assert net.loc["alpha", "deterrence"] == pytest.approx(0.95 - BASE)
    w = criteria_weights(small_cat)
    contributions = small.tables["contributions"]
    for o in OPTIONS:
        for c in w:
            assert contributions.loc[o, c] == pytest.approx(net.loc[o, c] * w[c], abs=1e-12)
    assert contributions.sum(axis=1).to_dict() == pytest.approx(hand_values(small_cat, w))


def test_ranking_values_are_the_weighted_sums_and_mark_the_portfolio(small, small_cat):
    ranking = small.tables["ranking"]
    values = hand_values(small_cat, criteria_weights(small_cat))
    assert ranking["value"].to_dict() == pytest.approx(values)
    assert ranking["rank_additive"].to_dict() == {o: 1 + sum(values[p] > values[o] for p in OPTIONS) for o in OPTIONS}
    assert set(ranking.index[ranking["selected"]]) == set(small.tables["portfolio"].index)


# ---------------------------------------------------------------------------- the portfolio


def test_the_portfolio_is_the_best_feasible_subset(small, small_cat):
    values = hand_values(small_cat, criteria_weights(small_cat))
    best, winners = optima(values)
    assert winners == [{"alpha", "beta", "delta"}]  # unique, so the tie rule plays no part
    port = small.tables["portfolio"]
    assert set(port.index) == winners[0]
    assert small.summary["objective_value"] == pytest.approx(best)
    assert port["value"].to_dict() == pytest.approx({o: values[o] for o in port.index})
    assert port["survival"].to_dict() == pytest.approx({o: 1 - SMALL_OPTIONS[o][1] * LIKELIHOOD for o in port.index})
    assert port["cost:money"].to_dict() == {o: SMALL_OPTIONS[o][0] for o in port.index}
    assert small.summary["status"] == "optimal"


def test_constraints_state_use_limit_and_slack_of_the_chosen_options(small):
    chosen = list(small.tables["portfolio"].index)
    rows = small.tables["constraints"].set_index("name")
    used_money = sum(SMALL_OPTIONS[o][0] for o in chosen)
    used_risk = sum(SMALL_OPTIONS[o][1] for o in chosen)
    assert rows.loc["budget money", ["label", "kind"]].tolist() == ["Money", "budget"]
    assert rows.loc["budget money", ["used", "limit", "slack"]].tolist() == pytest.approx(
        [used_money, LIMIT, LIMIT - used_money]
    )
    assert rows.loc["risk history", "label"] == "History flare-up"
    assert rows.loc["risk history", ["used", "limit", "slack"]].tolist() == pytest.approx(
        [used_risk, CAP, CAP - used_risk]
    )
    exposure = small.tables["exposure"].set_index("name")
    assert exposure.loc["history", "used"] == pytest.approx(used_risk)
    assert exposure.loc["JP", "label"] == "all risks living in JP"


def test_scenario_outcomes_are_survival_times_value(small, small_cat):
    """Crisis doubles the history likelihood: an option survives with 1 - level x min(1, 0.3 x 2)."""
    chosen = list(small.tables["portfolio"].index)
    values = hand_values(small_cat, criteria_weights(small_cat))
    survival = {o: 1 - SMALL_OPTIONS[o][1] * min(1.0, LIKELIHOOD * 2.0) for o in chosen}
    crisis = small.tables["scenarios"].loc["crisis"]
    assert (crisis["name"], crisis["probability"]) == ("Crisis", 0.2)
    assert crisis["value"] == pytest.approx(sum(values[o] for o in chosen))
    assert crisis["survival"] == pytest.approx(sum(survival.values()) / len(chosen))
    assert crisis["expected"] == pytest.approx(sum(values[o] * survival[o] for o in chosen))


def test_each_capital_gets_its_own_best_and_the_consensus_its_least_satisfied(small, small_cat):
    caps = small.tables["capitals"]
    flags = small.tables["capital_portfolios"]
    profiles = {p.id: p for p in small_cat.frame.profiles}
    own: dict[str, dict[str, float]] = {}
    for pid, p in profiles.items():
        own[pid] = hand_values(small_cat, normalised(dict(p.weights)))
        best, winners = optima(own[pid])
        assert caps.loc[pid, "value"] == pytest.approx(best), pid
        picked = {o for o in flags.index if flags.loc[o, p.name]}
        assert picked in winners, pid  # seoul ties ({gamma} and {beta, gamma} are worth the same)
        assert caps.loc[pid, "satisfaction"] == pytest.approx(caps.loc[pid, "consensus_value"] / best)
    # The consensus maximises the least satisfaction, each capital's value over its own best.
    bests = {pid: optima(v)[0] for pid, v in own.items()}
    least = max(min(sum(own[p][o] for o in s) / bests[p] for p in profiles) for s in feasible())
    assert caps.loc["consensus", "satisfaction"] == pytest.approx(least)
    assert caps.loc["consensus", "satisfaction"] == pytest.approx(caps.loc[list(profiles), "satisfaction"].min())
    assert flags["this run"].to_dict() == {o: o in small.tables["portfolio"].index for o in flags.index}


# ---------------------------------------------------------------------------- robustness


def test_stability_intervals_keep_the_top_option_and_end_where_it_changes(small, small_cat):
    def top(criterion: str, weight: float) -> str:
        base = criteria_weights(small_cat)
        rest = sum(v for c, v in base.items() if c != criterion)
        moved = {c: weight if c == criterion else v * (1 - weight) / rest for c, v in base.items()}
        values = hand_values(small_cat, moved)
        return max(OPTIONS, key=lambda o: (values[o], -OPTIONS.index(o)))

    stab = small.tables["stability"]
    assert stab["name"].to_dict() == {
        "deterrence": "Deterrence",
        "resilience": "Resilience",
        "burden": "Administrative burden",
    }
    ends = 0
    for c, row in stab.iterrows():
        assert row["low"] <= row["weight"] <= row["high"]
        assert top(c, row["weight"]) == row["top"] == top(c, (row["low"] + row["high"]) / 2)
        if row["low"] > 1e-6:
            ends += 1
            assert top(c, row["low"] + 1e-6) == row["top"] != top(c, row["low"] - 1e-3), c
        if row["high"] < 1 - 1e-6:
            ends += 1
            assert top(c, row["high"] - 1e-6) == row["top"] != top(c, row["high"] + 1e-3), c
    assert ends >= 2  # the check above is not vacuous


def test_smaa_acceptabilities_are_shares_of_the_samples(small):
    acc = small.tables["acceptability"]
    assert list(acc.columns) == ["1", "2", "3", "4"]
    assert acc.sum(axis=1).tolist() == pytest.approx([1.0] * 4)  # every sample ranks every option
    assert acc.sum(axis=0).tolist() == pytest.approx([1.0] * 4)  # and gives every rank to one option
    smaa = small.tables["smaa"]
    assert smaa["first"].to_dict() == acc["1"].to_dict()
    assert smaa["title"].to_dict() == {o: f"Option {o}" for o in smaa.index}
    assert list(smaa["first"]) == sorted(smaa["first"], reverse=True)


def test_the_frontier_is_the_pareto_set_of_feasible_portfolios(small, small_cat):
    values = hand_values(small_cat, criteria_weights(small_cat))
    points = {s: (sum(values[o] for o in s), sum(SMALL_OPTIONS[o][1] for o in s)) for s in feasible()}

    def dominated(v: float, r: float) -> bool:
        return any(v2 >= v - 1e-9 and r2 <= r + 1e-9 and (v2 > v + 1e-9 or r2 < r - 1e-9) for v2, r2 in points.values())

    pareto = sorted({(round(v, 9), round(r, 9)) for v, r in points.values() if not dominated(v, r)}, reverse=True)
    frontier = small.tables["frontier"]
    assert [(round(v, 9), round(r, 9)) for v, r in zip(frontier["value"], frontier["risk"], strict=True)] == pareto
    for _, point in frontier.iterrows():
        chosen = tuple(point["selected"].split(", ")) if point["selected"] else ()
        assert points[tuple(sorted(chosen))] == pytest.approx((point["value"], point["risk"]))
        assert point["size"] == len(chosen)
    (chosen,) = frontier.loc[frontier["chosen"], "selected"]
    assert chosen == ", ".join(small.tables["portfolio"].index)


def test_the_core_index_marks_the_chosen_options(small):
    core = small.tables["core"]
    assert set(core.index) == set(OPTIONS)
    assert core["core"].between(0, 1).all()
    assert set(core.index[core["selected"]]) == set(small.tables["portfolio"].index)
    assert list(core["core"]) == sorted(core["core"], reverse=True)
    assert small.manifest["core_samples"] == 200


# ---------------------------------------------------------------------------- what is missing, and why


def test_quick_reports_skip_the_slow_analyses_and_say_so(small_cat):
    quick = build(small_cat, samples=50, seed=1, full=False)
    for section in ("frontier", "core", "criticality"):
        assert section not in quick.tables and quick.missing[section] == FULL_ONLY
    assert "portfolio_low" not in quick.tables["stability"]  # the portfolio intervals re-solve too


def test_a_project_without_scenarios_or_profiles_says_so(tmp_path):
    import trilat_opt

    from .conftest import SMALL_CRITERIA

    plain = SMALL_CRITERIA[: SMALL_CRITERIA.index("profiles:")] + SMALL_CRITERIA[SMALL_CRITERIA.index("risks:") :]
    plain = plain[: plain.index("scenarios:")] + plain[plain.index("budgets:") :]
    data = build(trilat_opt.load(write_small(tmp_path, plain)), samples=50, full=False)
    assert data.missing["scenarios"] == "criteria.yaml defines no scenarios."
    assert data.missing["capitals"] == "criteria.yaml defines no capital profiles."
    assert "scenarios" not in data.tables and "capitals" not in data.tables


def test_no_portfolio_leaves_the_analyses_that_re_solve_it_empty_and_says_why(small_cat):
    forced = build(small_cat, samples=50, seed=1, include=OPTIONS)  # costs 13 against a budget of 10
    assert forced.summary["status"] == "infeasible" and forced.tables["portfolio"].empty
    for section in ("stability", "frontier", "core"):
        assert forced.missing[section] == NO_PORTFOLIO
    assert "scenarios" not in forced.tables
