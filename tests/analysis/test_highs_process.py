"""HiGHS fixes its thread count per process at first run: every instance trilat-opt makes must agree,
or a re-solve after a PuLP-driven HiGHS solve fails ('Not Set') and forked workers can hang."""

from __future__ import annotations

import numpy as np

import trilat_opt
from trilat_opt.analysis.core import core_index
from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.optimize.resolve import Resolver
from trilat_opt.values import ValueModel


def test_resolves_and_workers_after_an_in_process_highs_solve(project_root):
    cat = trilat_opt.load(project_root)
    scores = criterion_scores(cat).scores
    problem = problem_from_catalogue(cat, scores, cat.weights())
    first = optimize(problem, solver="highs")
    assert first.status == "optimal"
    resolver = Resolver(problem, "value", "cbc")
    assert resolver.highs is not None  # the in-process engine, not the fallback
    values = ValueModel.of(cat, scores)
    w = np.array([cat.weights()[c] for c in cat.criterion_ids])
    assert resolver.optimum(values.values(w)[["base"]])[0] == first.selected
    # two forked workers after HiGHS has run in this process: must finish, and agree with one worker
    samples = np.tile(w, (4, 1))
    two = core_index(problem, values, samples, workers=2)
    one = core_index(problem, values, samples, workers=1)
    assert two.table["share"].equals(one.table["share"])
    assert set(two.table.index[two.table["share"] == 1.0]) == set(first.selected)
