"""Weight resolution: criteria.yaml, profiles, --weight overrides (others rescaled), validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trilat_opt
from factories import BOUNDED_CRITERIA, weighted_project
from trilat_opt.errors import InputError
from trilat_opt.weights import (
    find_profile,
    normalise,
    outside_bounds,
    parse_overrides,
    resolve_weights,
    weight_sets,
)


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    return trilat_opt.load(weighted_project(tmp_path_factory.mktemp("w")))


def test_base_weights_are_normalised_in_criterion_order(cat):
    got = resolve_weights(cat)
    assert list(got) == ["deterrence", "resilience", "legitimacy"]
    assert got == pytest.approx({"deterrence": 0.5, "resilience": 0.25, "legitimacy": 0.25})


def test_profile_weights_with_missing_criteria_at_zero(cat):
    got = resolve_weights(cat, "tokyo")
    assert list(got) == ["deterrence", "resilience", "legitimacy"]
    assert got == pytest.approx({"deterrence": 0.25, "resilience": 0.0, "legitimacy": 0.75})


def test_override_fixes_one_weight_and_rescales_others_in_proportion(cat):
    got = resolve_weights(cat, overrides={"deterrence": 0.2})
    # the others keep their 1:1 ratio and share the remaining 0.8
    assert got == pytest.approx({"deterrence": 0.2, "resilience": 0.4, "legitimacy": 0.4})
    got = resolve_weights(cat, "seoul", {"legitimacy": 0.1})
    # seoul's deterrence and resilience are 1:1 and share 0.9
    assert got == pytest.approx({"deterrence": 0.45, "resilience": 0.45, "legitimacy": 0.1})


def test_overrides_summing_to_one_leave_nothing_for_the_others(cat):
    got = resolve_weights(cat, overrides={"deterrence": 0.6, "legitimacy": 0.4})
    assert got == pytest.approx({"deterrence": 0.6, "resilience": 0.0, "legitimacy": 0.4})


def test_remaining_weight_is_shared_equally_when_the_others_all_weigh_zero(cat):
    """tokyo gives resilience 0; fixing both weighted criteria leaves 0.5 with no proportion to
    follow, so it is shared equally (here all of it to resilience)."""
    got = resolve_weights(cat, "tokyo", {"deterrence": 0.25, "legitimacy": 0.25})
    assert got == pytest.approx({"deterrence": 0.25, "resilience": 0.5, "legitimacy": 0.25})


@settings(max_examples=60, deadline=None)
@given(
    fixed=st.dictionaries(
        st.sampled_from(["deterrence", "resilience", "legitimacy"]), st.floats(0, 0.5), min_size=1, max_size=2
    ),
    profile=st.sampled_from([None, "seoul"]),
)
def test_override_property(cat, fixed, profile):
    base = resolve_weights(cat, profile)
    got = resolve_weights(cat, profile, fixed)
    assert sum(got.values()) == pytest.approx(1.0)
    for c, v in fixed.items():
        assert got[c] == pytest.approx(v)
    rest = [c for c in base if c not in fixed]
    scale = (1 - sum(fixed.values())) / sum(base[c] for c in rest)
    for c in rest:
        assert got[c] == pytest.approx(base[c] * scale)


@pytest.mark.parametrize(
    ("profile", "overrides", "message"),
    [
        ("paris", None, "--profile 'paris': unknown profile (known: tokyo, seoul)"),
        (None, {"speed": 0.3}, "--weight 'speed': unknown criterion (known: deterrence, resilience, legitimacy)"),
        (None, {"deterrence": 1.5}, "--weight deterrence=1.5: a weight must lie in [0, 1]"),
        (None, {"deterrence": -0.1}, "--weight deterrence=-0.1: a weight must lie in [0, 1]"),
        (None, {"deterrence": 0.7, "legitimacy": 0.6}, "--weight: overrides sum to 1.3, more than 1"),
        (
            None,
            {"deterrence": 0.3, "resilience": 0.3, "legitimacy": 0.3},
            "--weight: every criterion is overridden, so the overrides must sum to 1 (they sum to 0.9)",
        ),
    ],
)
def test_resolve_errors(cat, profile, overrides, message):
    with pytest.raises(InputError) as caught:
        resolve_weights(cat, profile, overrides)
    assert message in str(caught.value)


def test_every_criterion_overridden_summing_to_one_is_accepted(cat):
    got = resolve_weights(cat, overrides={"deterrence": 0.5, "resilience": 0.3, "legitimacy": 0.2})
    assert got == pytest.approx({"deterrence": 0.5, "resilience": 0.3, "legitimacy": 0.2})


def test_parse_overrides():
    assert parse_overrides([" deterrence = 0.3", "resilience=0"]) == {"deterrence": 0.3, "resilience": 0.0}


@pytest.mark.parametrize("item", ["deterrence", "=0.3", "deterrence=", "deterrence=abc", "deterrence=nan", "a=inf"])
def test_parse_overrides_rejects_malformed_items(item):
    with pytest.raises(InputError, match=r"expected criterion=value, for example deterrence=0\.3"):
        parse_overrides([item])


def test_parse_overrides_rejects_a_criterion_given_twice():
    with pytest.raises(InputError, match="--weight deterrence: given twice"):
        parse_overrides(["deterrence=0.3", "deterrence=0.4"])


def test_normalise_refuses_all_zero():
    assert normalise({"a": 1.0, "b": 3.0}) == {"a": 0.25, "b": 0.75}
    with pytest.raises(InputError, match="all weights are zero"):
        normalise({"a": 0.0})


# ---------------------------------------------------------------------------- one meaning for a weight (issue 17)


@pytest.fixture(scope="module")
def bounded(tmp_path_factory):
    return weighted_project(tmp_path_factory.mktemp("b"), BOUNDED_CRITERIA)


def test_weight_sets_say_what_each_stated_weight_counts(cat):
    sets = {s.name: s for s in weight_sets(cat)}
    assert set(sets) == {"criteria", "profile tokyo", "profile seoul"}
    crit = sets["criteria"]
    assert crit.stated == {"deterrence": 2, "resilience": 1, "legitimacy": 1} and crit.total == 4
    assert not crit.sums_to_one
    assert crit.effective == pytest.approx({"deterrence": 0.5, "resilience": 0.25, "legitimacy": 0.25})


def test_a_profile_is_found_by_id_or_name_in_any_case(cat):
    assert find_profile(cat, "TOKYO").id == "tokyo"
    assert find_profile(cat, "Seoul").id == "seoul"
    assert resolve_weights(cat, "Tokyo") == resolve_weights(cat, "tokyo")
    with pytest.raises(InputError, match="did you mean 'tokyo'"):
        find_profile(cat, "tokio")


def test_the_bounds_rule_names_every_effective_weight_outside_its_bounds(bounded):
    """--weight deterrence=0.9 is above deterrence's bounds, and pushes resilience below its own."""
    cat = trilat_opt.load(bounded)
    assert outside_bounds(cat, resolve_weights(cat)) == []
    found = outside_bounds(cat, resolve_weights(cat, overrides={"deterrence": 0.9}))
    assert [(o.criterion, round(o.weight, 3)) for o in found] == [("deterrence", 0.9), ("resilience", 0.05)]
    assert str(found[0]).startswith("deterrence weighs 0.900, above its bounds [0.2, 0.6] in criteria.yaml")
