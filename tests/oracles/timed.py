"""Hypothesis strategy for small timed instances: up to 6 options over up to 4 periods."""

from __future__ import annotations

from hypothesis import strategies as st

from oracles.instances import COUNTRIES, instances
from oracles.roadmap import Timed

LEADS = [0.0, 3.0, 6.0, 9.0, 12.0, 18.0]
UNIT = [0.0, 0.25, 0.5, 0.75, 1.0]


@st.composite
def timed(draw, max_options: int = 6, max_periods: int = 4) -> Timed:
    inst = draw(instances(max_options=max_options, with_profiles=False))
    n = len(inst.options)
    # mostly options worth starting, and requires chains, so that timing decides the optimum
    inst.values = [v if draw(st.integers(0, 4)) == 0 else abs(v) + 0.25 for v in inst.values]
    if n >= 2 and not inst.requires:
        a, b = draw(st.permutations(inst.options))[:2]
        inst.requires = [(a, b)]
    T = draw(st.integers(1, max_periods))
    L = draw(st.sampled_from([3, 6, 12]))
    tm = Timed(
        inst=inst,
        T=T,
        L=L,
        lead=draw(st.lists(st.sampled_from(LEADS[1:] if draw(st.booleans()) else LEADS), min_size=n, max_size=n)),
        countries=[draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True)) for _ in range(n)],
        durability=draw(st.lists(st.sampled_from(UNIT), min_size=n, max_size=n)),
        discount=draw(st.sampled_from([0.0, 0.0, 0.1, 0.3])),
    )
    if draw(st.booleans()):
        tm.profiles = [
            draw(st.one_of(st.none(), st.sampled_from([[0.5, 0.5], [0.8, 0.2], [0.2, 0.3, 0.5]]))) for _ in range(n)
        ]
    tm.parallel = [pair for pair in inst.requires if draw(st.booleans())]
    for b in inst.costs:
        if draw(st.booleans()):
            tm.limits[b] = [float(draw(st.integers(0, 6))) for _ in range(T)]
    if draw(st.booleans()):
        tm.initiatives = {draw(st.sampled_from(COUNTRIES)): [float(draw(st.integers(0, 2))) for _ in range(T)]}
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):  # on the first day of a period: starting that day is under way
            month = float(L * draw(st.integers(0, T - 1)))
        else:
            month = draw(st.integers(0, T * L - 1)) + draw(st.sampled_from([0.0, 0.5]))
        tm.events.append((float(month), draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from([0.1, 0.3, 0.6, 1.0]))))
    return tm
