"""The report's files: byte-identical reruns, atomic writes, JSON and CSV that agree with the page."""

from __future__ import annotations

import importlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from trilat_opt.errors import InputError
from trilat_opt.report import build, write

from .conftest import EPOCH, SAMPLES

write_mod = importlib.import_module("trilat_opt.report.write")  # the module, not the function


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(shipped, report_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = write(build(shipped, samples=SAMPLES, seed=7), tmp_path / "again").parent
    first, second = _files(report_dir), _files(again)
    assert list(first) == list(second)
    assert [n for n in first if first[n] != second[n]] == []
    assert {"index.html", "results.json", "ranking.csv", "portfolio.csv", "arguments.csv"} <= set(first)


def test_every_report_states_when_it_was_generated(shipped, report_data, monkeypatch):
    """The clock's time, unless SOURCE_DATE_EPOCH fixes it so that reruns are byte-identical."""
    assert report_data.manifest["generated"] == "2026-01-01T00:00:00Z"
    assert "generated 2026-01-01T00:00:00Z" in write_mod.render_files(report_data)["index.html"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(tz=UTC).replace(microsecond=0)
    now = build(shipped, samples=50, seed=7, full=False).manifest["generated"]
    assert before <= datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) <= datetime.now(tz=UTC)


def test_csv_and_json_carry_the_same_tables(report_dir):
    results = json.loads((report_dir / "results.json").read_text(encoding="utf-8"))
    for name in ("ranking", "portfolio", "constraints", "arguments"):
        csv = pd.read_csv(report_dir / f"{name}.csv")
        js = pd.DataFrame(results["tables"][name])
        assert sorted(csv.columns) == sorted(js.columns), name
        assert len(csv) == len(js), name
    ranking = pd.read_csv(report_dir / "ranking.csv").set_index("option")
    assert results["selected"] == list(pd.read_csv(report_dir / "portfolio.csv")["option"])
    assert set(results["selected"]) == set(ranking.index[ranking["selected"]])


def test_refuses_to_replace_a_folder_that_is_not_a_report(report_data, tmp_path):
    precious = tmp_path / "project"
    precious.mkdir()
    (precious / "criteria.yaml").write_text("keep me")
    with pytest.raises(InputError, match="not a report folder"):
        write(report_data, precious)
    assert [p.name for p in precious.iterdir()] == ["criteria.yaml"]


def test_failed_render_leaves_no_folder_and_keeps_the_old_report(report_data, tmp_path, monkeypatch):
    target = tmp_path / "run"
    write(report_data, target)
    before = _files(target)

    def boom(data):
        raise RuntimeError("render failed")

    monkeypatch.setattr(write_mod, "render_html", boom)
    with pytest.raises(RuntimeError):
        write(report_data, target)
    with pytest.raises(RuntimeError):
        write(report_data, tmp_path / "fresh")
    assert _files(target) == before
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert visible == ["run"] and hidden == [os.readlink(target)]  # the report's own store, nothing else
