"""Small portfolio instances with a brute-force oracle: every subset enumerated."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from trilat_opt.model import Rules
from trilat_opt.optimize import make_problem


class Instance:
    """n options scored on m criteria; one budget, two risks with caps, a cardinality range."""

    def __init__(self, seed: int, n: int = 7, m: int = 3):
        rng = np.random.default_rng(seed)
        self.options = [f"o{i}" for i in range(n)]
        self.criteria = [f"c{j}" for j in range(m)]
        self.net = pd.DataFrame(rng.uniform(-0.3, 0.5, (n, m)), index=self.options, columns=self.criteria)
        self.cost = rng.uniform(1, 4, n).round(2)
        self.limit = float(self.cost.sum() * 0.55)
        self.expo = rng.choice([0.0, 0.2, 0.4, 0.6], size=(n, 2))
        self.caps = [1.2, 1.0]
        self.min_options, self.max_options = 1, n - 2
        self.synergy = ("o0", "o1", 0.05)

    def problem(self, values=None):
        return make_problem(
            self.options,
            values if values is not None else np.zeros(len(self.options)),
            costs={"money": self.cost},
            limits={"money": self.limit},
            exposures={"r1": self.expo[:, 0], "r2": self.expo[:, 1]},
            caps={"r1": self.caps[0], "r2": self.caps[1]},
            synergies=[self.synergy],
            rules=Rules(min_options=self.min_options, max_options=self.max_options),
        )

    def feasible(self) -> list[tuple[np.ndarray, tuple[str, ...]]]:
        """Every subset satisfying the rules, written out independently of the optimizer."""
        out = []
        for bits in itertools.product((0, 1), repeat=len(self.options)):
            x = np.array(bits, dtype=float)
            if not self.min_options <= x.sum() <= self.max_options:
                continue
            if x @ self.cost > self.limit + 1e-9:
                continue
            if np.any(x @ self.expo > np.array(self.caps) + 1e-9):
                continue
            out.append((x, tuple(o for o, b in zip(self.options, bits, strict=True) if b)))
        return out

    def value(self, x: np.ndarray, option_values: np.ndarray) -> float:
        i, j = self.options.index(self.synergy[0]), self.options.index(self.synergy[1])
        return float(x @ option_values + self.synergy[2] * x[i] * x[j])

    def best(self, option_values: np.ndarray) -> tuple[str, ...]:
        scored = [(self.value(x, option_values), sel) for x, sel in self.feasible()]
        top = max(v for v, _ in scored)
        winners = [sel for v, sel in scored if v >= top - 1e-9]
        assert len(winners) == 1, "the oracle instance should have a unique optimum"
        return winners[0]

    def exposure(self, x: np.ndarray) -> float:
        return float((x @ self.expo).sum())


@pytest.fixture
def instance():
    return Instance
