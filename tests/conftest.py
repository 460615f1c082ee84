"""Shared fixtures: the shipped project, the sources folder, and small projects written per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); locally hypothesis
# keeps exploring new ones and replays past failures from its database.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The shipped project (criteria.yaml, options/, sources.yaml)."""
    return ROOT


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The folder of source articles: $TRILAT_SOURCES or ../shared/sources beside the checkout."""
    found = Path(os.environ.get("TRILAT_SOURCES", ROOT.parent / "shared" / "sources"))
    if not (found / "sources.yaml").exists():
        pytest.skip(f"source articles not found at {found}; set TRILAT_SOURCES")
    return found


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """Four options with argument ranges and a rebuttal across options (`factories.write_tiny_project`)."""
    from factories import write_tiny_project

    return write_tiny_project(tmp_path)
