"""`report --watch` keeps the analyses' results while only words change (report/memo.py): a text
edit re-renders from them and gives what a fresh report of the edited project gives; a change
of any number, or of a setting, computes everything again."""

from __future__ import annotations

from pathlib import Path

import pytest

import trilat_opt
from trilat_opt.report import build
from trilat_opt.report.memo import Memo

from .conftest import write_small

ANALYSES = {"smaa", "consensus", "roadmap", "portfolio stability", "frontier", "criticality", "core 1"}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return write_small(tmp_path / "small")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same(a, b) -> None:
    assert a.tables.keys() == b.tables.keys()
    for name in a.tables:
        assert a.tables[name].equals(b.tables[name]), name
    assert a.summary == b.summary and a.missing == b.missing and a.options == b.options


def test_a_second_rendering_of_the_same_inputs_takes_every_analysis_from_the_memo(project):
    memo = Memo()
    first = build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    assert memo.reused == []
    again = build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    assert set(memo.reused) >= ANALYSES
    assert any(name.startswith("capital ") for name in memo.reused)
    _same(again, first)


def test_a_text_edit_reuses_the_analyses_and_matches_a_fresh_report(project):
    memo = Memo()
    build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    options = project / "options"
    _edit(options / "alpha.yaml", "title: Option alpha", "title: Alpha, renamed")
    _edit(options / "beta.yaml", "summary: A test option.", "summary: Reworded.")
    _edit(options / "gamma.yaml", "claim: It deters.", "claim: It deters, reworded.")
    edited = build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    assert set(memo.reused) >= ANALYSES
    fresh = build(trilat_opt.load(project), samples=200, seed=2)
    _same(edited, fresh)
    assert "Alpha, renamed" in edited.tables["options"]["title"].tolist()


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("options/alpha.yaml", "strength: 0.9", "strength: 0.35"),  # an argument's base
        ("options/beta.yaml", "money: {amount: 3", "money: {amount: 6"),  # a cost
        ("criteria.yaml", "weight: 0.4", "weight: 0.9"),  # a criterion weight
    ],
)
def test_a_number_edit_computes_everything_again(project, file, old, new):
    memo = Memo()
    build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    _edit(project / file, old, new)
    edited = build(trilat_opt.load(project), samples=200, seed=2, memo=memo)
    assert memo.reused == []
    _same(edited, build(trilat_opt.load(project), samples=200, seed=2))


def test_other_settings_compute_everything_again(project):
    memo = Memo()
    cat = trilat_opt.load(project)
    build(cat, samples=200, seed=2, memo=memo)
    build(cat, samples=200, seed=3, memo=memo)
    assert memo.reused == []
    build(cat, samples=200, seed=3, objective="expected", memo=memo)
    assert memo.reused == []
