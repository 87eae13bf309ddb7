"""Fixtures for the rate-limit tests (helpers live in ratelimit_support, a name no other test folder uses)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ratelimit_support import RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()
