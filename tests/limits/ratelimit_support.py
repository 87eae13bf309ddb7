"""Helpers for the rate-limit tests: apps with a scripted engine and small limits, and a real redis-server."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from backend.settings import Settings, load_settings
from tests.fakes import ScriptedEngine

SAMPLE = "Hej! Mötet om budgeten flyttas till tisdag kl. 10. Ring Anna Svensson på 070-123 45 67."


def with_limits(settings: Settings, **limits: str) -> Settings:
    """Settings with the given rate_limit_* values (checked when the app is built, as a bad one must be)."""
    return settings.replace(**limits)


def limited_settings(instance: Path, redis_url: str | None = None, **limits: str) -> Settings:
    """Dev-mode settings as tests/conftest.py makes them; no model, since the engine is scripted."""
    env = {
        "KOLLEGA_AUTH_MODE": "dev",
        "KOLLEGA_INSTANCE_PATH": str(instance),
        "KOLLEGA_MODEL_PATH": str(instance.parent / "no-model"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-test-{os.getpid()}-{time.monotonic_ns()}.sock",
    }
    if redis_url:
        env["KOLLEGA_REDIS_URL"] = redis_url
    return with_limits(load_settings(env), **limits)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_app(settings: Settings) -> Flask:
    from backend import create_app

    engine: Any = ScriptedEngine(["Kort ", "svar."])  # Engine's protocol, as tests/api/test_pipeline has it
    return create_app(settings, engine=engine)


def bearer(app: Flask, name: str = "Testare") -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['kollega.auth'].dev_tokens.issue(name)}"}


def assert_rate_limited(response: Any) -> dict[str, Any]:
    assert response.status_code == 429, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert body["code"] == "rate_limited" and body["status"] == 429 and body["detail"]
    seconds = int(response.headers["Retry-After"])
    assert 1 <= seconds <= 60
    assert body["retry_after"] == seconds
    return body


class RedisServer:
    """A throwaway redis-server on a free port, without persistence, in its own folder."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = folder / "redis.log"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "",
             "--appendonly", "no", "--logfile", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2)

    def wait_ready(self, timeout: float = 10) -> None:
        import redis

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self.log.read_text(errors='replace')}")
            with contextlib.suppress(redis.RedisError):
                if self.client().ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
