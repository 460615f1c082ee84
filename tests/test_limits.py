"""Overrides of risk caps and budget limits (`--cap`, `--budget`): a new catalogue, checked as the YAML is."""

from __future__ import annotations

import pytest

from trilat_opt.errors import InputError
from trilat_opt.limits import override_limits, parse_limits


def test_parse_limits_reads_id_value_pairs():
    assert parse_limits(["china-coercion=2", " fickle-public = 0.5"], "--cap") == {
        "china-coercion": 2.0,
        "fickle-public": 0.5,
    }


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["china-coercion"], "--cap 'china-coercion': expected id=value, for example china-coercion=2"),
        (["china-coercion=two"], "expected id=value"),
        (["=2"], "expected id=value"),
        (["china-coercion=nan"], "expected id=value"),
        (["china-coercion=1", "china-coercion=2"], "--cap china-coercion: given twice"),
    ],
)
def test_parse_limits_refuses_what_is_not_id_value(items, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        parse_limits(items, "--cap")


def test_override_returns_a_new_catalogue_and_leaves_the_loaded_one(shipped):
    new = override_limits(shipped, caps={"china-coercion": 1.5}, budgets={"public-funding": 60})
    assert {r.id: r.cap for r in new.frame.risks}["china-coercion"] == 1.5
    assert {b.id: b.limit for b in new.frame.budgets}["public-funding"] == 60
    assert {r.id: r.cap for r in shipped.frame.risks}["china-coercion"] == 3.0
    assert {b.id: b.limit for b in shipped.frame.budgets}["public-funding"] == 40
    assert override_limits(shipped) is shipped


@pytest.mark.parametrize(
    ("caps", "budgets", "message"),
    [
        ({"china-coercion": -1}, {}, "--cap china-coercion=-1: input should be greater than or equal to 0"),
        ({"china-coercion": 2e6}, {}, "--cap china-coercion=2e+06: input should be less than or equal to 1000000"),
        ({"china-coercion": float("inf")}, {}, "--cap china-coercion=inf: input should be a finite number"),
        ({}, {"public-funding": 1e13}, "--budget public-funding=1e+13: input should be less than or equal to"),
        ({"pyongyang": 1}, {}, "--cap 'pyongyang': unknown political risk (known: history-flareup,"),
        ({}, {"china-coercion": 1}, "--budget 'china-coercion': unknown budget (known: jp-investment,"),
    ],
)
def test_override_applies_the_yaml_bounds(shipped, caps, budgets, message):
    with pytest.raises(InputError) as exc:
        override_limits(shipped, caps=caps, budgets=budgets)
    assert message in str(exc.value)


@pytest.fixture(scope="module")
def shipped(project_root):
    import trilat_opt

    return trilat_opt.load(project_root)
