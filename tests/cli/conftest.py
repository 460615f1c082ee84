"""Fixtures of the CLI tests: an 80-column terminal."""

from __future__ import annotations

import pytest

from factories import WIDTH
from trilat_opt.cli.common import console_out


@pytest.fixture
def narrow(monkeypatch):
    """Commands print as at an 80-column terminal (`factories.assert_fits` checks the result)."""
    monkeypatch.setattr(console_out, "_width", WIDTH)  # restored to None (auto) afterwards
    monkeypatch.setenv("COLUMNS", str(WIDTH))
