"""Fixtures for the security review's reproductions: dev-mode apps, the local Entra key server, redis-server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from security_support import dev_env, make_app

from backend.settings import Settings, load_settings
from tests.auth.fake_entra_keys import KeyServer, SigningKey
from tests.limits.ratelimit_support import RedisServer


@pytest.fixture
def dev_settings(tmp_path: Path) -> Settings:
    return load_settings(dev_env(tmp_path / "instance"))


@pytest.fixture
def dev_app(dev_settings: Settings) -> Flask:
    return make_app(dev_settings)


@pytest.fixture(scope="session")
def real_key() -> SigningKey:
    return SigningKey()


@pytest.fixture
def key_server(real_key: SigningKey) -> Iterator[KeyServer]:
    server = KeyServer()
    server.publish(real_key)
    yield server
    server.close()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()
