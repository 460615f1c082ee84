"""The report's slow analyses in worker processes (report/jobs.py): the same report as without
workers, results that really come from the workers, and every failure falling back to the report's
own process, where its error is raised as it would be without workers."""

from __future__ import annotations

import os
import pickle
from types import SimpleNamespace

import pytest

from trilat_opt.report import build, jobs
from trilat_opt.report.jobs import Jobs

FORK = "fork" in __import__("multiprocessing").get_all_start_methods()
needs_fork = pytest.mark.skipif(not FORK, reason="worker processes are forked; this platform cannot fork")


def _pid(run):
    return os.getpid()


def _boom(run):
    raise ValueError(f"no good: {run.label}")


def _unpicklable(run):
    return lambda: run.label  # a lambda cannot travel back from a worker


def _die(run):
    if os.getpid() != run.parent:
        os._exit(3)  # a worker that dies without a word
    return "computed here"


@needs_fork
def test_results_come_from_the_workers():
    run = SimpleNamespace(label="x", parent=os.getpid())
    with Jobs(run, {"a": _pid, "b": _pid}, workers=2) as started:
        assert started.workers == 2
        a, b = started.result("a"), started.result("b")
    assert os.getpid() not in (a, b)


def test_one_worker_means_none_every_job_runs_when_asked():
    run = SimpleNamespace(label="x", parent=os.getpid())
    with Jobs(run, {"a": _pid, "b": _pid}, workers=1) as started:
        assert started.workers == 0
        assert started.result("a") == os.getpid()


@needs_fork
def test_a_failing_job_raises_its_own_error_in_the_report_process():
    run = SimpleNamespace(label="x", parent=os.getpid())
    with Jobs(run, {"boom": _boom, "fine": _pid}, workers=2) as started:
        with pytest.raises(ValueError, match="no good: x"):
            started.result("boom")
        assert started.result("fine") != os.getpid()


@needs_fork
def test_a_result_that_cannot_travel_back_is_computed_here():
    run = SimpleNamespace(label="here", parent=os.getpid())
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(_unpicklable(run))
    with Jobs(run, {"f": _unpicklable, "g": _pid}, workers=2) as started:
        assert started.result("f")() == "here"


@needs_fork
def test_a_worker_that_dies_leaves_the_job_to_the_report_process():
    run = SimpleNamespace(label="x", parent=os.getpid())
    with Jobs(run, {"die": _die, "other": _pid}, workers=2) as started:
        assert started.result("die") == "computed here"


@needs_fork
def test_jobs_left_uncollected_are_cancelled_on_leaving():
    run = SimpleNamespace(label="x", parent=os.getpid())
    with Jobs(run, {"a": _pid, "b": _pid, "c": _pid}, workers=2):
        pass
    assert jobs._SHARED == {}


@needs_fork
def test_a_report_is_the_same_with_and_without_workers(small_cat, monkeypatch):
    """Every table equal, to the last bit, whether the analyses ran in workers or one by one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(jobs, "cores", lambda: 2)
    started: list[Jobs] = []
    real_init = Jobs.__init__

    def spy(self, *a, **k):
        real_init(self, *a, **k)
        started.append(self)

    monkeypatch.setattr(Jobs, "__init__", spy)
    parallel = build(small_cat, samples=200, seed=3)
    assert started and started[0].workers == 2
    assert {"capitals", "roadmap", "frontier", "criticality", "portfolio stability", "core 1"} <= set(started[0].jobs)
    monkeypatch.setattr(jobs, "cores", lambda: 1)
    serial = build(small_cat, samples=200, seed=3)
    assert started[1].workers == 0
    assert parallel.tables.keys() == serial.tables.keys()
    for name, table in parallel.tables.items():
        assert table.equals(serial.tables[name]), name
    assert parallel.manifest == serial.manifest


def test_the_core_index_in_parts_is_the_evaluation_s(small, small_cat):
    """The report's core index, solved in parts of CORE_PART samples, equals `Evaluation.core_index`."""
    import trilat_opt
    from trilat_opt.report.steps import CORE_PART

    core = small.tables["core"]
    assert small.manifest["core_samples"] > CORE_PART  # several parts
    whole = trilat_opt.Evaluation(small_cat).core_index(small.manifest["core_samples"], 1).table
    assert core["core"].to_dict() == pytest.approx(whole["share"].round(12).to_dict(), abs=0)


def test_the_shipped_core_index_in_parts_is_the_evaluation_s(report_data, shipped):
    """The same on the shipped catalogue, where options are borderline and the parts matter."""
    import trilat_opt

    core = report_data.tables["core"]["core"]
    assert ((core > 0) & (core < 1)).any()
    whole = trilat_opt.Evaluation(shipped).core_index(report_data.manifest["core_samples"], 7).table
    assert core.to_dict() == whole["share"].round(12).to_dict()
