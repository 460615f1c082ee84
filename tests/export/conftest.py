"""Fixtures of the export tests: the shipped catalogue, and a small project whose text is hostile
to every target format (`factories.hostile_project`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import trilat_opt
from factories import hostile_project


@pytest.fixture(scope="session")
def shipped(project_root: Path) -> trilat_opt.Catalogue:
    return trilat_opt.load(project_root)


@pytest.fixture(scope="session")
def hostile_root(tmp_path_factory) -> Path:
    return hostile_project(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile(hostile_root: Path) -> trilat_opt.Catalogue:
    return trilat_opt.load(hostile_root)
