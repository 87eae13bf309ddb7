"""Fixtures for the security review's reproductions: a dev-mode app and an Entra-mode app with a scripted
engine (fast), the local Entra key server, and a real redis-server."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

TESTS = Path(__file__).resolve().parent.parent
# Helpers of other test folders: the key server (auth), the scripted engine (api), redis-server (limits).
for folder in ("auth", "api", "limits"):
    if str(TESTS / folder) not in sys.path:
        sys.path.insert(0, str(TESTS / folder))

from fake_entra_keys import CLIENT_ID, TENANT, KeyServer, SigningKey  # noqa: E402
from ratelimit_support import RedisServer  # noqa: E402
from test_pipeline import ScriptedEngine  # noqa: E402

from backend.settings import Settings, load_settings  # noqa: E402

# Werkzeug's test client sends no client address; a dev-mode server is reached from loopback.
LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}


def dev_env(instance: Path, **extra: str) -> dict[str, str]:
    env = {
        "KOLLEGA_AUTH_MODE": "dev",
        "KOLLEGA_INSTANCE_PATH": str(instance),
        "KOLLEGA_MODEL_PATH": str(instance.parent / "no-model"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-sec-{os.getpid()}-{time.monotonic_ns()}.sock",
    }
    env.update(extra)
    return env


def make_app(settings: Settings) -> Flask:
    from backend import create_app

    engine: Any = ScriptedEngine(["Kort ", "svar."])
    return create_app(settings, engine=engine)


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


def entra_settings(key_server: KeyServer, instance: Path, **extra: str) -> Settings:
    env = {
        "KOLLEGA_AUTH_MODE": "entra",
        "KOLLEGA_ENTRA_TENANT_ID": TENANT,
        "KOLLEGA_ENTRA_CLIENT_ID": CLIENT_ID,
        "KOLLEGA_ENTRA_AUTHORITY_HOST": key_server.url,
        "KOLLEGA_INSTANCE_PATH": str(instance),
        "KOLLEGA_MODEL_PATH": str(instance.parent / "no-model"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-sec-{os.getpid()}-{time.monotonic_ns()}.sock",
    }
    env.update(extra)
    return load_settings(env)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()
