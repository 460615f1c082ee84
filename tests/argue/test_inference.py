"""Inferred arguments: the field makes them, the cap bounds their base, validate counts and warns.

An argument with `inference:` rests on the analyst's reasoning beyond its quotes. It must enter
every evaluation (scores, bounds, samples) at no more than criteria.yaml's `inference_cap`, and
`validate` must say where a file states more. The small project: one option with two pro
arguments on c1 under a neutral base of 0.4.
"""

from __future__ import annotations

import numpy as np
import pytest

import trilat_opt
from factories import INFERENCE_REASONING, inference_project
from trilat_opt.argue import argument_tree, criterion_scores, sample_scores
from trilat_opt.checks import MIN_REASONING_WORDS
from trilat_opt.model import Argument


def inferred(reasoning: str = INFERENCE_REASONING) -> dict[str, str]:
    return {"inference": reasoning}


def test_the_stripped_field_is_what_makes_an_argument_inferred():
    base = {"id": "a", "criterion": "c", "stance": "pro", "strength": 0.9, "claim": "x"}
    base["evidence"] = [{"source": "s", "paragraph": 1, "quote": "q"}]
    assert not Argument(**base).inferred
    assert not Argument(**base, inference="   \n ").inferred  # blank marks nothing, so it is not capped
    assert Argument(**base, inference="   \n ").capped(0.5) == (0.9, 0.9, 0.9)
    assert Argument(**base, inference=INFERENCE_REASONING).inferred
    assert Argument(**base, inference=INFERENCE_REASONING).capped(0.5) == (0.5, 0.5, 0.5)


def test_inferred_strength_is_capped_when_arguments_are_evaluated(tmp_path):
    capped = criterion_scores(trilat_opt.load(inference_project(tmp_path / "a", **inferred())))
    plain_at_cap = criterion_scores(trilat_opt.load(inference_project(tmp_path / "b", strength=0.5)))
    uncapped = criterion_scores(trilat_opt.load(inference_project(tmp_path / "c")))
    assert capped.arguments.loc["alpha-inferred", "base"] == 0.5
    assert capped.arguments.loc["alpha-sourced", "base"] == 0.6  # the sourced argument keeps its strength
    # DF-QuAD by hand: supporters 0.6 and 0.5 combine to 1 - 0.4 * 0.5 = 0.8; 0.4 + 0.6 * 0.8 = 0.88
    assert capped.scores.loc["alpha", "c1"] == pytest.approx(0.88)
    assert capped.scores.loc["alpha", "c1"] == pytest.approx(plain_at_cap.scores.loc["alpha", "c1"])
    assert uncapped.scores.loc["alpha", "c1"] > capped.scores.loc["alpha", "c1"]


def test_range_ends_are_capped_too(tmp_path):
    cat = trilat_opt.load(inference_project(tmp_path, strength=0.7, range=[0.3, 0.95], **inferred()))
    row = criterion_scores(cat).arguments.loc["alpha-inferred"]
    assert (row["base"], row["low"], row["high"]) == (0.5, 0.3, 0.5)
    (claim,) = argument_tree(cat, "alpha", "c1").claims
    plain = trilat_opt.load(inference_project(tmp_path / "plain", strength=0.5, range=[0.3, 0.5]))
    assert claim.high == pytest.approx(argument_tree(plain, "alpha", "c1").claims[0].high)
    draws = sample_scores(cat, 200, seed=1)[:, 0, 0]
    assert draws.max() <= claim.high + 1e-12 and np.ptp(draws) > 0


def test_criteria_yaml_sets_the_cap(tmp_path):
    cat = trilat_opt.load(inference_project(tmp_path, **inferred(), cap="inference_cap: 0.25\n"))
    assert cat.frame.inference_cap == 0.25
    assert criterion_scores(cat).arguments.loc["alpha-inferred", "base"] == 0.25


def test_a_strength_under_the_cap_is_left_alone(tmp_path):
    cat = trilat_opt.load(inference_project(tmp_path, strength=0.3, **inferred()))
    assert criterion_scores(cat).arguments.loc["alpha-inferred", "base"] == 0.3
    assert not [w for w in cat.warnings if "inference_cap" in w]


def test_validate_warns_on_a_range_above_the_cap(tmp_path):
    cat = trilat_opt.load(inference_project(tmp_path, strength=0.4, range=[0.3, 0.8], **inferred()))
    assert [w for w in cat.warnings if "range up to 0.8, above inference_cap 0.5" in w]
    assert [w for w in cat.warnings if "evaluated as [0.3, 0.5]" in w]


@pytest.mark.parametrize("reasoning", ["obvious", "We reason that it follows."])
def test_reasoning_must_say_why(tmp_path, reasoning):
    """A word or two, or the claim again, is a conclusion, not the reasoning that reaches it."""
    cat = trilat_opt.load(inference_project(tmp_path, strength=0.3, **inferred(reasoning)))
    assert [w for w in cat.warnings if "arguments[1].inference" in w and "should say why" in w]


def test_shipped_inferred_arguments_carry_reasoning_and_are_capped(project_root):
    cat = trilat_opt.load(project_root)
    thin = [w for w in cat.warnings if "should say why" in w]
    assert thin == [], "inferred arguments must say why the claim follows:\n" + "\n".join(thin)
    args = criterion_scores(cat).arguments
    cap = cat.frame.inference_cap
    for _, a in cat.arguments():
        if a.inferred:
            assert len(a.inference.split()) >= MIN_REASONING_WORDS
            # The base and its range are capped; supports may still lift the final strength.
            assert max(args.loc[a.id, "base"], *cat.base_of(a)) <= cap, a.id
