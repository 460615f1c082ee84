"""From a small catalogue to criterion scores; expected numbers worked out by hand with DF-QuAD.

The project: criteria c1, c2 with neutral base 0.4. Option alpha has a pro (0.6) and a con (0.5,
range [0.3, 0.7]) on c1; option beta has a pro on c1 (0.8) that also attacks alpha's con; gamma
has no arguments at all.

DF-QuAD by hand: alpha-con = 0.5 * (1 - 0.8) = 0.1 (attacked by beta-pro 0.8); alpha::c1 has
vs = 0.6, va = 0.1, so 0.4 + 0.6 * 0.5 = 0.7; beta::c1 = 0.4 + 0.6 * 0.8 = 0.88.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trilat_opt
from factories import argument, option_text, write_project
from trilat_opt.argue import argument_tree, build_graph, claim_id, criterion_scores, sample_scores, tree_rows
from trilat_opt.errors import InputError

CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.4
criteria:
  - {id: c1, name: First, weight: 0.5}
  - {id: c2, name: Second, weight: 0.5}
"""


def option(oid: str, *arguments: dict) -> str:
    return option_text(oid, list(arguments), countries=["US"], costs={}, exposures={})


def pro_con(aid: str, stance: str, strength: float, **more) -> dict:
    """An argument on c1, as every argument of this project is."""
    quote = ("art", 3, f"quote of {aid}")
    return argument(aid, "c1", stance, strength, claim=f"Claim of {aid}.", evidence=[quote], **more)


def write(root, files: dict[str, str]):
    return trilat_opt.load(write_project(root, files, CRITERIA))


@pytest.fixture
def cat(tmp_path):
    return write(
        tmp_path,
        {
            "gamma": option("gamma"),
            "alpha": option(
                "alpha", pro_con("alpha-pro", "pro", 0.6), pro_con("alpha-con", "con", 0.5, range=[0.3, 0.7])
            ),
            "beta": option("beta", pro_con("beta-pro", "pro", 0.8, attacks=["alpha-con"])),
        },
    )


def test_scores_by_hand(cat):
    cs = criterion_scores(cat)
    assert list(cs.scores.index) == ["alpha", "beta", "gamma"] and list(cs.scores.columns) == ["c1", "c2"]
    assert cs.scores.loc["alpha", "c1"] == pytest.approx(0.7, abs=1e-12)
    assert cs.scores.loc["beta", "c1"] == pytest.approx(0.88, abs=1e-12)
    # No argument: the neutral base from criteria.yaml, flagged as no evidence.
    assert (cs.scores.loc[:, "c2"] == 0.4).all() and cs.scores.loc["gamma", "c1"] == 0.4
    assert cs.evidence.to_dict() == {
        "c1": {"alpha": True, "beta": True, "gamma": False},
        "c2": {"alpha": False, "beta": False, "gamma": False},
    }
    assert cs.semantics == "dfquad"


def test_argument_table_with_strength_bounds(cat):
    args = criterion_scores(cat).arguments
    assert list(args.index) == ["alpha-pro", "alpha-con", "beta-pro"]
    assert list(args.columns) == ["option", "criterion", "stance", "base", "strength", "low", "high", "scheme"]
    assert set(args["scheme"]) == {"exact"}  # no cycle of rebuttals here
    con = args.loc["alpha-con"]
    assert (con["option"], con["stance"], con["base"]) == ("alpha", "con", 0.5)
    assert (
        con["strength"] == pytest.approx(0.1)
        and con["low"] == pytest.approx(0.06)
        and con["high"] == pytest.approx(0.14)
    )
    assert args.loc["alpha-pro", "low"] == args.loc["alpha-pro", "high"] == 0.6


def score_bounds(cat) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each claim's lowest and highest score as argument bases range (the claims of the trees)."""
    claims = {(o, c.criterion): c for o in cat.option_ids for c in argument_tree(cat, o).claims}
    frame = lambda end: pd.DataFrame(  # noqa: E731
        [[getattr(claims[o, c], end) for c in cat.criterion_ids] for o in cat.option_ids],
        index=cat.option_ids,
        columns=cat.criterion_ids,
    )
    return frame("low"), frame("high")


def test_score_bounds_by_hand(cat):
    lower, upper = score_bounds(cat)
    # alpha::c1 with va in [0.06, 0.14]: 0.4 + 0.6 * (0.6 - va).
    assert lower.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * 0.46)
    assert upper.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * 0.54)
    assert lower.loc["beta", "c1"] == upper.loc["beta", "c1"] == pytest.approx(0.88)


def test_sample_scores_within_bounds_and_deterministic(cat):
    a = sample_scores(cat, 500, seed=3)
    assert a.shape == (500, 3, 2)
    assert np.array_equal(a, sample_scores(cat, 500, seed=3))
    assert not np.array_equal(a, sample_scores(cat, 500, seed=4))
    lower, upper = score_bounds(cat)
    assert (a >= lower.to_numpy() - 1e-12).all() and (a <= upper.to_numpy() + 1e-12).all()
    # The draws spread over the range: alpha::c1 = 0.4 + 0.6 * (0.6 - 0.2 * con) with con uniform in [0.3, 0.7].
    assert a[:, 0, 0].min() < 0.68 and a[:, 0, 0].max() > 0.72
    assert np.allclose(a[:, 1:, :], criterion_scores(cat).scores.to_numpy()[1:])


def test_base_override_and_graph_shape(cat):
    g = build_graph(cat, base={"beta-pro": 0.0})
    assert claim_id("alpha", "c1") == "alpha::c1" and g.base("alpha::c1") == 0.4
    assert g.attackers("alpha-con") == ["beta-pro"] and g.supporters("alpha::c1") == ["alpha-pro"]
    cs = criterion_scores(cat, base={"beta-pro": 0.0})
    assert cs.scores.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * (0.6 - 0.5))
    with pytest.raises(InputError, match="unknown argument 'nope'"):
        build_graph(cat, base={"nope": 0.5})


def test_semantics_choice_changes_scores(cat):
    qe = criterion_scores(cat, "quadratic-energy")
    # Quadratic energy by hand: alpha-con: E = -0.8, 0.5 - 0.5 h(0.8); claim: E = 0.6 - con.
    h = lambda x: x * x / (1 + x * x)  # noqa: E731
    con = 0.5 - 0.5 * h(0.8)
    assert qe.scores.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * h(0.6 - con), abs=1e-12)
    with pytest.raises(InputError, match="unknown semantics"):
        criterion_scores(cat, "dfquad-2")


def test_attribution_in_the_argument_tree(cat):
    t = tree_rows(argument_tree(cat, "alpha", "c1"))
    assert list(t["argument"]) == ["alpha-pro", "alpha-con", "beta-pro"]
    assert list(t["relation"]) == ["supports", "attacks", "attacks"] and list(t["depth"]) == [1, 1, 2]
    assert list(t["parent"]) == ["alpha::c1", "alpha::c1", "alpha-con"]
    # Removal by hand: without alpha-pro, 0.4 - 0.4 * 0.1; without alpha-con, 0.4 + 0.6 * 0.6;
    # without beta-pro, con = 0.5 and the claim is 0.4 + 0.6 * 0.1.
    assert list(t["contribution"]) == pytest.approx([0.7 - 0.36, 0.7 - 0.76, 0.7 - 0.46])
    assert list(t["option"]) == ["alpha", "alpha", "beta"]
    whole = tree_rows(argument_tree(cat, "alpha"))
    assert set(whole["criterion"]) == {"c1"}  # c2 has no arguments upstream
    with pytest.raises(InputError, match="unknown option 'alpah'; did you mean 'alpha'"):
        argument_tree(cat, "alpah")
    with pytest.raises(InputError, match="unknown criterion"):
        argument_tree(cat, "alpha", "c3")


def test_cross_option_cycle_of_rebuttals_converges(tmp_path):
    cat = write(
        tmp_path,
        {
            "alpha": option("alpha", pro_con("alpha-pro", "pro", 0.6, attacks=["beta-pro"])),
            "beta": option("beta", pro_con("beta-pro", "pro", 0.7, attacks=["alpha-pro"])),
        },
    )
    cs = criterion_scores(cat)
    # Mutual attack: a = 0.6 (1 - b), b = 0.7 (1 - a)  =>  a = 0.18 / 0.58.
    a = 0.18 / 0.58
    assert cs.arguments.loc["alpha-pro", "strength"] == pytest.approx(a, abs=1e-8)
    assert set(cs.arguments["scheme"]) == {"iteration"}
    assert cs.scores.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * a, abs=1e-8)


def test_self_attack_loads_with_a_warning_and_scores_its_fixed_point(tmp_path):
    # A self-loop is a cycle of one: validate accepts it (the engine evaluates it) but warns, since
    # in a catalogue it is more often a slip for another argument's id.
    cat = write(tmp_path, {"alpha": option("alpha", pro_con("alpha-pro", "pro", 0.6, attacks=["alpha-pro"]))})
    assert any("'alpha-pro' of option 'alpha' attacks itself" in w for w in cat.warnings)
    cs = criterion_scores(cat)
    # DF-QuAD fixed point: s = 0.6 (1 - s), so s = 0.375 (one pass would give 0.24).
    assert cs.arguments.loc["alpha-pro", "strength"] == pytest.approx(0.375, abs=1e-8)
    assert cs.scores.loc["alpha", "c1"] == pytest.approx(0.4 + 0.6 * 0.375, abs=1e-8)
