"""Hypothesis strategy for random portfolio instances of up to 14 options.

Values, costs and exposures sit on coarse grids so that exact ties are frequent and the
tie-breaking rule gets exercised, not only the optimum.
"""

from __future__ import annotations

from hypothesis import strategies as st

from oracles.portfolio import Instance

GRID = [k / 4 for k in range(-4, 9)]
EXPOSURE = [0.0, 0.25, 0.5, 1.0]
COUNTRIES = ["US", "JP", "KR"]


@st.composite
def instances(draw, max_options: int = 14, with_scenarios: bool = True, with_profiles: bool = True) -> Instance:
    n = draw(st.integers(1, max_options))
    options = draw(st.permutations([f"o{k:02d}" for k in range(n)]))
    domains = draw(st.lists(st.sampled_from(["d1", "d2", "d3"]), min_size=n, max_size=n))
    vals = st.lists(st.sampled_from(GRID), min_size=n, max_size=n)
    inst = Instance(options=list(options), values=draw(vals), domains=domains)
    for b in range(draw(st.integers(0, 2))):
        cost = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
        inst.costs[f"b{b}"] = [float(c) for c in cost]
        inst.limits[f"b{b}"] = float(draw(st.integers(0, max(sum(cost), 1))))
    for r in range(draw(st.integers(0, 3))):
        inst.exposures[f"r{r}"] = draw(st.lists(st.sampled_from(EXPOSURE), min_size=n, max_size=n))
        inst.likelihoods[f"r{r}"] = draw(st.sampled_from([0.0, 0.1, 0.3, 0.5]))
        inst.countries[f"r{r}"] = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            inst.caps[f"r{r}"] = draw(st.sampled_from([0.5, 1.0, 2.0, 3.0]))
    if inst.exposures and draw(st.booleans()):
        inst.country_caps = {draw(st.sampled_from(COUNTRIES)): draw(st.sampled_from([0.5, 1.5, 3.0]))}
    pick = st.sampled_from(inst.options)
    if n >= 2:
        pairs = st.tuples(pick, pick).filter(lambda p: p[0] != p[1])
        inst.requires = draw(st.lists(pairs, max_size=3))
        inst.excludes = draw(st.lists(pairs, max_size=3))
        inst.synergies = [
            (a, b, v) for (a, b), v in draw(st.lists(st.tuples(pairs, st.sampled_from(GRID)), max_size=3))
        ]
    if with_scenarios:
        for s in range(draw(st.integers(0, 3))):
            mult = {r: draw(st.sampled_from([0.5, 1.0, 2.0, 4.0])) for r in inst.exposures}
            inst.scenarios[f"s{s}"] = (draw(vals), mult)
        if inst.scenarios and draw(st.booleans()):
            inst.scenario = draw(st.sampled_from(sorted(inst.scenarios)))
    if with_profiles:
        for p in range(draw(st.integers(1, 3))):
            inst.profiles[f"p{p}"] = draw(vals)
    inst.min_options = draw(st.integers(0, 2))
    top = draw(st.one_of(st.none(), st.integers(1, n)))
    inst.max_options = None if top is None else max(top, inst.min_options)
    if draw(st.booleans()):
        inst.domain_rules = {
            draw(st.sampled_from(["d1", "d2"])): (
                draw(st.integers(0, 2)),
                draw(st.one_of(st.none(), st.integers(1, 3))),
            )
        }
        inst.domain_rules = {d: (lo, hi if hi is None or hi >= lo else lo) for d, (lo, hi) in inst.domain_rules.items()}
    if draw(st.integers(0, 4)) == 0:
        inst.include = [draw(pick)]
    if draw(st.integers(0, 4)) == 0:
        inst.exclude = [draw(pick)]
    return inst
