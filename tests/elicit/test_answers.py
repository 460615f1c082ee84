"""Answers files: every mistake is located and names the answer; good files read back what was written."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trilat_opt.elicit.answers import (
    AhpAnswer,
    Analyst,
    AnswerSet,
    RankAnswer,
    SwingAnswer,
    dump_answers,
    read_answers,
)
from trilat_opt.elicit.scale import SCALE
from trilat_opt.errors import InputError

C = ["deterrence", "resilience", "speed"]
AHP = """\
method: ahp
comparisons:
  deterrence: {resilience: 3, speed: 5}
  resilience: {speed: 2}
"""


def read(tmp_path, text: str, method: str = "ahp", name: str = "answers.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_answers([path], method, C)


def problems(tmp_path, text: str, method: str = "ahp") -> list[str]:
    with pytest.raises(InputError) as exc:
        read(tmp_path, text, method)
    return [str(e) for e in exc.value.errors]


def test_a_good_ahp_file_gives_one_analysts_judgements(tmp_path):
    got = read(tmp_path, AHP)
    assert got.method == "ahp" and len(got.analysts) == 1
    assert got.analysts[0].answer.judgements == {
        ("deterrence", "resilience"): 3,
        ("deterrence", "speed"): 5,
        ("resilience", "speed"): 2,
    }


def test_a_judgement_may_be_written_either_way_round_and_as_a_fraction(tmp_path):
    got = read(tmp_path, AHP.replace("resilience: {speed: 2}", 'speed: {resilience: "1/2"}'))
    assert got.analysts[0].answer.judgements[("resilience", "speed")] == pytest.approx(2)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("speed: 5}", "speed: 12}", "answers.yaml:3:38: comparisons.deterrence.speed: 12 lies outside Saaty's scale"),
        ("speed: 5}", "speed: 1/10}", "comparisons.deterrence.speed: '1/10' lies outside Saaty's scale"),
        ("speed: 5}", "speed: lots}", "comparisons.deterrence.speed: 'lots' is not a judgement"),
        ("  resilience: {speed: 2}\n", "", "comparisons: missing comparison: resilience vs speed"),
        ("resilience: {speed: 2}", "resilience: {speed: 2, deterrence: 3}",
         "comparisons.resilience.deterrence: disagrees with comparisons.deterrence.resilience: deterrence over "
         "resilience is 3 there and 1/3 here"),
        ("speed: 5}", "speed: 5, sped: 2}", "comparisons.deterrence.sped: unknown criterion 'sped'; did you mean "
         "'speed'? (known: deterrence, resilience, speed)"),
        ("speed: 5}", "speed: 5, deterrence: 1}", "deterrence is compared with itself"),
        ("method: ahp", "method: swing", "method: this file answers 'swing' questions, not 'ahp'; run trilat-opt "
         "elicit swing"),
        ("comparisons:", "ratings: {}\ncomparisons:", "'ratings' answers swing questions; ahp expects comparisons"),
    ],
    ids=["above-9", "below-1/9", "not-a-number", "missing-pair", "reciprocal", "unknown", "itself", "method",
         "other-method"],
)  # fmt: skip
def test_bad_ahp_answers_are_named(tmp_path, old, new, expected):
    assert old in AHP
    found = problems(tmp_path, AHP.replace(old, new, 1))
    assert any(expected in p for p in found), found


def test_both_directions_that_agree_are_accepted(tmp_path):
    got = read(tmp_path, AHP.replace("resilience: {speed: 2}", "resilience: {speed: 2, deterrence: 0.33}"))
    assert got.analysts[0].answer.judgements[("deterrence", "resilience")] == 3


def test_every_problem_of_every_file_is_listed_at_once(tmp_path):
    found = problems(tmp_path, AHP.replace("speed: 5}", "speed: 0}").replace("resilience: {speed: 2}", "x: {y: 1}"))
    assert len(found) >= 4  # the judgement, two unknown ids, a missing pair


RANK = "method: rank\norder: [speed, [deterrence, resilience]]\n"


def test_a_ranking_with_equals(tmp_path):
    assert read(tmp_path, RANK, "rank").analysts[0].answer.order == (("speed",), ("deterrence", "resilience"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("method: rank\norder: [speed, deterrence]\n", "order: the ranking leaves out resilience"),
        ("method: rank\norder: [speed, deterrence, resilience, speed]\n", "order[3]: 'speed' is ranked twice"),
        ("method: rank\norder: [speed, [deterrence, resilence]]\n", "order[1][1]: unknown criterion 'resilence'"),
        ("method: rank\norder: speed\n", "order: expected a list of criteria"),
    ],
)
def test_bad_rankings_are_named(tmp_path, text, expected):
    found = problems(tmp_path, text, "rank")
    assert any(expected in p for p in found), found


SWING = "method: swing\norder: [deterrence, speed, resilience]\nratings: {deterrence: 100, resilience: 30, speed: 60}\n"


def test_swing_ratings(tmp_path):
    assert read(tmp_path, SWING, "swing").analysts[0].answer.ratings == {
        "deterrence": 100,
        "resilience": 30,
        "speed": 60,
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("speed: 60", "speed: 160", "ratings.speed: rating 160: expected a number from 0 to 100"),
        ("deterrence: 100", "deterrence: 90", "ratings.deterrence: the top swing is rated 100"),
        ("resilience: 30", "resilience: 70", "ratings.resilience: rating 70 is above the rating of speed (60)"),
        (", speed: 60", "", "ratings: no rating for speed"),
        ("speed: 60", 'speed: "60"', "ratings.speed: rating '60': expected a number"),
    ],
)
def test_bad_swing_ratings_are_named(tmp_path, old, new, expected):
    found = problems(tmp_path, SWING.replace(old, new), "swing")
    assert any(expected in p for p in found), found


def test_a_workshop_file_holds_several_analysts(tmp_path):
    text = (
        "method: rank\nanalysts:\n  - analyst: Kim\n    order: [speed, deterrence, resilience]\n"
        "  - order: [deterrence, speed, resilience]\n"
    )
    got = read(tmp_path, text, "rank")
    assert [a.name for a in got.analysts] == ["Kim", "analyst 2"]
    one_short = text.replace("  - order: [deterrence, speed, resilience]", "  - order: [deterrence]")
    found = problems(tmp_path, one_short, "rank")
    assert any("analysts[1].order: the ranking leaves out" in p for p in found), found


answer_sets = st.one_of(
    st.permutations(C).map(lambda o: ("rank", RankAnswer(tuple((c,) for c in o)))),
    st.tuples(st.permutations(C), st.lists(st.integers(0, 100), min_size=2, max_size=2)).map(
        lambda t: ("swing", SwingAnswer(dict(zip(t[0], [100.0, *sorted(t[1], reverse=True)], strict=True))))
    ),
    st.lists(st.sampled_from(SCALE), min_size=3, max_size=3).map(
        lambda vs: ("ahp", AhpAnswer(dict(zip(itertools.combinations(C, 2), vs, strict=True))))
    ),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(answer_sets, min_size=1, max_size=3).filter(lambda xs: len({m for m, _ in xs}) == 1))
def test_dumped_answers_read_back_to_the_same_answers(tmp_path, items):
    method = items[0][0]
    written = AnswerSet(method, tuple(Analyst(f"analyst {k}", a) for k, (_, a) in enumerate(items, 1)))
    got = read(tmp_path, dump_answers(written, C), method)
    for w, g in zip(written.analysts, got.analysts, strict=True):
        assert w.name == g.name
        if method == "ahp":
            assert g.answer.judgements == pytest.approx(w.answer.judgements, rel=1e-9)
        elif method == "swing":
            assert g.answer.ratings == w.answer.ratings
        else:
            assert g.answer == w.answer
