"""Test models built once per session; tests that damage a folder work on a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backend.modelfiles import make_test_model


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_test_model(tmp_path_factory.mktemp("models") / "tiny", "tiny", seed=0)


@pytest.fixture(scope="session")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_test_model(tmp_path_factory.mktemp("models") / "small", "small", seed=0)


@pytest.fixture
def tiny_copy(tiny_model: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model that a test may break."""
    return Path(shutil.copytree(tiny_model, tmp_path / "model"))
