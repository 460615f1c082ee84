"""Helpers for the argumentation tests: build a QBAF from plain lists."""

from __future__ import annotations

import pytest

from trilat_opt.argue import QBAF


def make_graph(bases: dict[str, float], attacks=(), supports=()) -> QBAF:
    g = QBAF()
    for k, v in bases.items():
        g.add_argument(k, v)
    for s, d in attacks:
        g.add_attack(s, d)
    for s, d in supports:
        g.add_support(s, d)
    return g


@pytest.fixture
def graph():
    return make_graph
