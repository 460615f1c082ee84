"""Helpers for the argumentation tests: build a QBAF from plain lists; make this folder's helper
module (rk4_reference) importable from its tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trilat_opt.argue import QBAF

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


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
