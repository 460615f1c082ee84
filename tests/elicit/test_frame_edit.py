"""Writing into criteria.yaml: every comment and untouched line kept, the result loads, or nothing is written."""

from __future__ import annotations

import math
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trilat_opt.elicit.frame_edit import FrameEdit, apply_edit, rounded, write_edit
from trilat_opt.errors import InputError
from trilat_opt.load import load_frame

ELICITED = {"method": "ahp", "date": "2026-01-01", "answers": ["answers/kim.yaml"], "analysts": 2,
            "consistency_ratio": 0.041}  # fmt: skip


@pytest.fixture
def shipped_text(project_root) -> str:
    return (project_root / "criteria.yaml").read_text(encoding="utf-8")


@pytest.fixture
def criteria(project_root) -> list[str]:
    return [c.id for c in load_frame(project_root / "criteria.yaml").criteria]


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def weights_of(criteria: list[str]) -> dict[str, float]:
    raw = {c: k + 1.0 for k, c in enumerate(criteria)}
    return {c: w / sum(raw.values()) for c, w in raw.items()}


def loaded(tmp_path, text: str):
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    return load_frame(tmp_path / "criteria.yaml")


def test_an_empty_edit_gives_back_the_file_byte_for_byte(shipped_text, criteria):
    assert apply_edit(shipped_text, FrameEdit(), criteria) == shipped_text


@pytest.mark.parametrize("profile", ["washington", "tokyo", "seoul", "new-capital"])
def test_writing_a_profile_keeps_every_comment_and_every_other_line(tmp_path, shipped_text, criteria, profile):
    edit = FrameEdit(profile=profile, weights=weights_of(criteria), elicited=ELICITED)
    new = apply_edit(shipped_text, edit, criteria)
    assert comments(new) == comments(shipped_text)
    frame = loaded(tmp_path, new)
    p = next(p for p in frame.profiles if p.id == profile)
    assert p.weights == rounded(weights_of(criteria))
    assert p.elicited is not None and p.elicited.model_dump() == {**ELICITED, "answers": ("answers/kim.yaml",)}
    old = loaded(tmp_path, shipped_text)
    for q in old.profiles:
        if q.id != profile:
            assert next(x for x in frame.profiles if x.id == q.id) == q
        else:
            assert (p.name, p.country, p.basis) == (q.name, q.country, q.basis)
    kept = set(shipped_text.splitlines())
    changed = [line for line in new.splitlines() if line not in kept]
    assert len(changed) <= len(criteria) + 8  # the weights, the record, a new profile's id and name


def test_writing_a_profile_twice_replaces_its_record(tmp_path, shipped_text, criteria):
    edit = FrameEdit(profile="tokyo", weights=weights_of(criteria), elicited=ELICITED)
    once = apply_edit(shipped_text, edit, criteria)
    twice = apply_edit(once, FrameEdit(profile="tokyo", weights=weights_of(criteria), elicited={**ELICITED,
                       "method": "swing", "consistency_ratio": None}), criteria)  # fmt: skip
    assert twice.count("elicited:") == 1 and comments(twice) == comments(shipped_text)
    assert next(p for p in loaded(tmp_path, twice).profiles if p.id == "tokyo").elicited.method == "swing"


def test_weight_order_and_bounds_are_replaced_in_place(tmp_path, shipped_text, criteria):
    order = [(criteria[0], criteria[1]), (criteria[1], criteria[2])]
    bounds = {c: (0.01, 0.5) for c in criteria}
    new = apply_edit(shipped_text, FrameEdit(order=order, bounds=bounds), criteria)
    assert comments(new) == comments(shipped_text)
    frame = loaded(tmp_path, new)
    assert frame.weight_order == tuple(order)
    assert all(c.bounds == (0.01, 0.5) for c in frame.criteria)


def test_an_edit_that_would_not_load_writes_nothing(tmp_path, project_root, criteria):
    shutil.copyfile(project_root / "criteria.yaml", tmp_path / "criteria.yaml")
    before = (tmp_path / "criteria.yaml").read_bytes()
    with pytest.raises(InputError) as exc:
        write_edit(tmp_path, FrameEdit(bounds={criteria[0]: (0.6, 0.5)}), criteria)
    assert "criteria.yaml" in str(exc.value) and "not written" in str(exc.value)
    assert (tmp_path / "criteria.yaml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml"]


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=20).filter(lambda w: sum(w) > 1e-6))
def test_rounded_weights_keep_three_decimals_and_sum_to_exactly_one(raw):
    got = rounded({f"c{k}": w for k, w in enumerate(raw)})
    assert sum(round(v * 1000) for v in got.values()) == 1000
    assert math.fsum(got.values()) == pytest.approx(1, abs=1e-12)
    assert all(abs(got[f"c{k}"] - w / sum(raw)) <= 0.001 for k, w in enumerate(raw))
