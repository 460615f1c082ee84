"""`Evaluation`: each stage equals the functional pipeline's, is computed once, and `with_` keeps
only what a change of setting leaves valid; bad settings fail before any computation."""

from __future__ import annotations

import pandas as pd
import pytest

import trilat_opt
from factories import option_text, write_project
from trilat_opt import Evaluation, InputError
from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.ranking import rank
from trilat_opt.report import build
from trilat_opt.values import option_values
from trilat_opt.weights import resolve_weights


@pytest.fixture
def cat(tmp_path):
    options = {o: option_text(o) for o in ("alpha", "beta", "gamma")}
    return trilat_opt.load(write_project(tmp_path / "p", options))


def test_each_stage_is_the_functional_pipelines(cat):
    ev = Evaluation(cat, profile="tokyo", objective="expected", scenario="crisis")
    weights = resolve_weights(cat, "tokyo")
    assert ev.weights == weights and ev.setup.profile == "tokyo"
    scores = criterion_scores(cat).scores
    pd.testing.assert_frame_equal(ev.scores, scores.reindex(index=cat.option_ids, columns=cat.criterion_ids))
    problem = problem_from_catalogue(cat, scores, weights, scenario="crisis")
    pd.testing.assert_frame_equal(ev.problem.values, problem.values)
    expected = optimize(problem, "expected")
    assert ev.portfolio == expected.selected and ev.result.objective_value == expected.objective_value
    pd.testing.assert_frame_equal(ev.ranking(), rank(cat, weights, method="all", scores=scores))
    base = option_values(scores, weights, cat.frame.neutral_base, signs={"deterrence": 1.0, "resilience": 1.0})
    assert ev.with_(scenario=None).option_values.to_dict() == base.to_dict()


def test_stages_are_computed_once_and_with_keeps_what_is_still_valid(cat):
    ev = Evaluation(cat)
    assert ev.scores is ev.scores and ev.problem is ev.problem and ev.result is ev.result
    same_question = ev.with_(objective="robust")
    assert same_question.criterion_scores is ev.criterion_scores and same_question.problem is ev.problem
    tokyo = ev.with_(profile="tokyo")
    assert tokyo.criterion_scores is ev.criterion_scores and tokyo.problem is not ev.problem
    assert tokyo.weights == resolve_weights(cat, "tokyo")
    euler = ev.with_(semantics="euler")
    assert euler.criterion_scores is not ev.criterion_scores and euler.weights == ev.weights
    # Weights carried over are kept to the bit, not re-normalised.
    assert ev.with_(solver="highs").setup.weights == ev.setup.weights


def test_capitals_alone_ignore_the_runs_overrides(cat):
    ev = Evaluation(cat, overrides={"deterrence": 0.9})
    alone = ev.with_(profile="tokyo", overrides={})
    assert alone.weights == resolve_weights(cat, "tokyo")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"objective": "best"}, "--objective 'best': expected one of value, expected"),
        ({"solver": "gurobi"}, "--solver 'gurobi': expected one of cbc, highs"),
        ({"semantics": "dfquad-2"}, "unknown semantics"),
        ({"scenario": "war"}, "--scenario 'war': unknown scenario"),
        ({"include": ["delta"]}, "--include 'delta': unknown option"),
        ({"profile": "paris"}, "--profile 'paris': unknown profile"),
        ({"caps": {"history": -1}}, "--cap history=-1"),
        ({"weights": {"speed": 1.0}}, "weights 'speed': unknown criterion"),
        ({"weights": {"deterrence": -0.5}}, "weights deterrence=-0.5: a weight must be"),
    ],
)
def test_bad_settings_fail_before_any_computation(cat, settings, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Evaluation(cat, **settings)


def test_overridden_limits_reach_the_problem_and_the_given_catalogue_stays(cat):
    ev = Evaluation(cat, caps={"history": 0.5}, budgets={"money": 4})
    assert ev.problem.caps["history"] == 0.5 and ev.problem.limits["money"] == 4
    assert ev.given is cat and cat.frame.risks[0].cap == 1.0
    assert len(ev.portfolio) == 1  # one option (exposure 0.4, cost 2) fits under both


def test_a_report_is_built_from_an_evaluation_or_settings_not_both(cat):
    ev = Evaluation(cat, profile="tokyo")
    data = build(ev, samples=20, full=False)
    assert list(data.tables["portfolio"].index) == list(ev.portfolio)
    assert data.manifest["profile"] == "tokyo"
    with pytest.raises(TypeError, match="settings"):
        build(ev, profile="tokyo")


def test_evaluate_loads_the_project(tmp_path):
    root = write_project(tmp_path / "p")
    ev = trilat_opt.evaluate(root, objective="expected")
    assert ev.catalogue.option_ids == ["alpha", "beta"] and ev.goal.name == "expected"
    assert "objective='expected'" in repr(ev)


def test_long_analyses_report_each_step_to_a_progress_callback(cat):
    from trilat_opt.analysis import diff_override, sensitivity

    seen: list[tuple[str, int, int]] = []
    ev = Evaluation(cat)
    result = sensitivity(ev, ("smaa", "stability"), samples=50, progress=lambda *a: seen.append(a))
    assert seen == [("weight stability", 0, 2), ("SMAA-2", 1, 2)]  # in the package's order
    assert result.stability is not None and result.smaa is not None and result.core is None
    seen.clear()
    diff_override(ev, resolve_weights(cat, "tokyo"), labels=("A", "B"), progress=lambda *a: seen.append(a))
    assert seen == [("A", 0, 2), ("B", 1, 2)]
