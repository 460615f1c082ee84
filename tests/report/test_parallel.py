"""The report with its slow analyses in worker processes (`trilat_opt.workers`): the same tables as
without workers, and the core index solved in parts equal to `Evaluation.core_index`."""

from __future__ import annotations

import multiprocessing

import pytest

from trilat_opt import workers
from trilat_opt.report import build
from trilat_opt.workers import Jobs

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="worker processes are forked; this platform cannot"
)


@needs_fork
def test_a_report_is_the_same_with_and_without_workers(small_cat, monkeypatch):
    """Every table equal, to the last bit, whether the analyses ran in workers or one by one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(workers, "cores", lambda: 2)
    started: list[Jobs] = []
    real_init = Jobs.__init__

    def spy(self, *a, **k):
        real_init(self, *a, **k)
        started.append(self)

    monkeypatch.setattr(Jobs, "__init__", spy)
    parallel = build(small_cat, samples=200, seed=3)
    assert started and started[0].workers == 2
    assert {"roadmap", "frontier", "criticality", "portfolio stability", "core 1"} <= set(started[0].jobs)
    assert any(name.startswith("consensus best ") for name in started[0].jobs)
    assert any(name.startswith("capital ") for name in started[0].jobs)
    monkeypatch.setattr(workers, "cores", lambda: 1)
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
