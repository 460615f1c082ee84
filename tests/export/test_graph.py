"""The argument map the graph exports share: the catalogue's claims, arguments and quotes, the
arguments of other options that rebuttals touch, and a run's numbers when given."""

from __future__ import annotations

import pytest

from factories import EPOCH
from trilat_opt.errors import InputError
from trilat_opt.export import argument_map, argument_map_of
from trilat_opt.report import build


def test_the_map_holds_every_argument_once_under_its_claim(shipped):
    amap = argument_map(shipped)
    assert [o.id for o in amap.options] == shipped.option_ids and amap.outside == ()
    assert [a.id for a in amap.arguments] == sorted(
        (a.id for _, a in shipped.arguments()), key=lambda i: _order(shipped, i)
    )
    for om in amap.options:
        for claim in om.claims:
            assert {a.criterion for a in claim.arguments} == {claim.criterion}
            assert {a.option for a in claim.arguments} == {om.id}
    assert len(amap.rebuttals()) == sum(len(a.attacks) + len(a.supports) for _, a in shipped.arguments())


def _order(cat, argument: str) -> tuple[int, int, int]:
    """Where the map puts an argument: by option, then criterion, then file order."""
    for i, o in enumerate(cat.options):
        for k, a in enumerate(o.arguments):
            if a.id == argument:
                return i, cat.criterion_ids.index(a.criterion), k
    raise KeyError(argument)


def test_one_option_keeps_exactly_the_outside_arguments_its_rebuttals_touch(shipped):
    amap = argument_map(shipped, options=["leader-summits"])
    own = {a.id for a in shipped.option("leader-summits").arguments}
    rebutted = {t for b in shipped.option("leader-summits").arguments for t in (*b.attacks, *b.supports)}
    touching = {
        a.id
        for o, a in shipped.arguments()
        if o.id != "leader-summits" and (a.id in rebutted or own & {*a.attacks, *a.supports})
    }
    assert {a.id for a in amap.outside} == touching and touching
    assert all(f in own or t in own for f, t, _ in amap.rebuttals())


def test_an_unknown_option_is_named_with_a_hint(shipped):
    with pytest.raises(InputError, match=r"--option 'leader-sumits': unknown option; did you mean 'leader-summits'"):
        argument_map(shipped, options=["leader-sumits"])


def test_a_runs_numbers_reach_the_map(hostile, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = build(hostile, samples=30, seed=1, full=False)
    amap = argument_map_of(hostile, data)
    finals = data.tables["arguments"]["final"]
    assert {a.id: a.final for a in amap.arguments} == pytest.approx(finals.to_dict())
    scores = data.tables["scores"]
    assert {(c.option, c.criterion): c.score for o in amap.options for c in o.claims} == pytest.approx(
        {(o, c): scores.at[o, c] for o, c in [(c.option, c.criterion) for om in amap.options for c in om.claims]}
    )
    assert {o.id for o in amap.options if o.selected} == set(data.tables["portfolio"].index)
    assert all(o.selected is None for o in argument_map(hostile).options)
