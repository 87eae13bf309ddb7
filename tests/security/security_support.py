"""Helpers for the security review's reproductions (a name no other test folder uses, so imports are unambiguous)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from flask import Flask

from backend.settings import Settings, load_settings
from tests.auth.fake_entra_keys import CLIENT_ID, TENANT, KeyServer
from tests.fakes import ScriptedEngine

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
