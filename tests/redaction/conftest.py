"""Fixtures for the redaction tests: one shared redactor, the shared test data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.redaction import Redactor, get_redactor

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return get_redactor()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def masked(redactor: Redactor, text: str, value: str, entity_type: str | None = None) -> bool:
    """Whether every letter and digit of value (first occurrence in text) lies inside an entity."""
    start = text.index(value)
    result = redactor.redact(text)
    for i in range(start, start + len(value)):
        if not text[i].isalnum():
            continue
        hit = [e for e in result.entities if e.start <= i < e.end]
        if not hit or (entity_type is not None and hit[0].type != entity_type):
            return False
    return True


def untouched(redactor: Redactor, text: str) -> bool:
    return not redactor.redact(text).entities
