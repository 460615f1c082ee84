"""Jobs in worker processes (trilat_opt.workers): results that really come from the workers, every
failure falling back to the caller's process, where its error is raised as it would be without
workers; and the report and the frontier the same with workers as without."""

from __future__ import annotations

import os
import pickle
from types import SimpleNamespace

import pytest

from trilat_opt import workers as jobs
from trilat_opt.workers import Jobs

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


def _slow(run):
    import time

    time.sleep(30)
    return "late"


@needs_fork
def test_leaving_with_jobs_still_running_stops_them_at_once():
    """An interrupted or failed caller must not wait for the work it no longer needs."""
    import time

    if not os.path.isdir("/proc"):
        pytest.skip("reads process states from /proc")

    run = SimpleNamespace(label="x", parent=os.getpid())
    start = time.monotonic()
    with Jobs(run, {"slow": _slow, "also": _slow}, workers=2) as started:
        pids = [p.pid for p in started._pool._processes.values()]
        time.sleep(0.3)  # both running
    assert time.monotonic() - start < 5
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    """Whether the process runs (gone, or a zombie waiting to be reaped, is not running)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
