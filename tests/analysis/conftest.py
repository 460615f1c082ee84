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


CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.5
criteria:
  - {id: deterrence, name: Deterrence, weight: 0.5, bounds: [0.2, 0.8]}
  - {id: resilience, name: Resilience, weight: 0.3}
  - {id: legitimacy, name: Legitimacy, weight: 0.2}
weight_order: [[deterrence, legitimacy]]
risks:
  - {id: history, name: History, countries: [JP, KR], likelihood: 0.3, cap: 1.0}
budgets:
  - {id: money, name: Money, limit: 6}
rules: {min_options: 1, max_options: 3}
"""

SOURCES = "sources:\n  - {key: art, file: art.txt, title: An article}\n"


def option_yaml(oid: str, cost: float, exposure: float, arguments: list[tuple[str, str, str, float, str]]) -> str:
    """An option file; each argument is (id, criterion, stance, strength, extra YAML such as a range)."""
    args = "".join(
        f"""  - id: {aid}
    criterion: {crit}
    stance: {stance}
    strength: {strength}
    claim: A claim.
    evidence: [{{source: art, paragraph: 1, quote: "a quote"}}]
{extra}"""
        for aid, crit, stance, strength, extra in arguments
    )
    return f"""\
kind: trilat-opt/option
version: 1
id: {oid}
title: Option {oid}
domain: security
summary: A test option.
countries: [US, JP]
costs: {{money: {{amount: {cost}}}}}
exposures: {{history: {{level: {exposure}}}}}
arguments:
{args}"""


def write_tiny_project(root):
    """Four options with distinct arguments (some with ranges, one rebuttal across options)."""
    (root / "options").mkdir(parents=True, exist_ok=True)
    (root / "criteria.yaml").write_text(CRITERIA)
    (root / "sources.yaml").write_text(SOURCES.replace("\\\n", "\n"))
    options = {
        "alpha": option_yaml(
            "alpha",
            2,
            0.4,
            [("a-det", "deterrence", "pro", 0.7, "    range: [0.5, 0.9]\n"), ("a-res", "resilience", "con", 0.3, "")],
        ),
        "beta": option_yaml(
            "beta",
            3,
            0.3,
            [("b-det", "deterrence", "pro", 0.5, ""), ("b-leg", "legitimacy", "pro", 0.8, "    range: [0.6, 0.9]\n")],
        ),
        "gamma": option_yaml(
            "gamma",
            2,
            0.5,
            [("g-res", "resilience", "pro", 0.75, ""), ("g-det", "deterrence", "con", 0.2, "    attacks: [a-det]\n")],
        ),
        "delta": option_yaml("delta", 1, 0.2, [("d-leg", "legitimacy", "pro", 0.4, "")]),
    }
    for oid, text in options.items():
        (root / "options" / f"{oid}.yaml").write_text(text)
    return root


@pytest.fixture
def tiny_project(tmp_path):
    return write_tiny_project(tmp_path)
