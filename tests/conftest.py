"""Shared fixtures: the tiny test model, settings in a temporary instance folder, a running engine."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.engine.protocol import StatusReply
from backend.settings import REPO_ROOT, Settings, load_settings

MODELS = REPO_ROOT / "instance" / "models"


@pytest.fixture(scope="session")
def tiny_model() -> Path:
    from backend.modelfiles import ensure_test_model

    return ensure_test_model(MODELS / "tiny", "tiny")


@pytest.fixture(scope="session")
def small_model() -> Path:
    from backend.modelfiles import ensure_test_model

    return ensure_test_model(MODELS / "small", "small")


def make_settings(instance: Path, model: Path, **env: str) -> Settings:
    values = {
        "KOLLEGA_AUTH_MODE": "dev",
        "KOLLEGA_INSTANCE_PATH": str(instance),
        "KOLLEGA_MODEL_PATH": str(model),
        "KOLLEGA_ENGINE_SOCKET": str(Path("/tmp") / f"kollega-test-{os.getpid()}-{time.monotonic_ns()}.sock"),
    }
    values.update(env)
    return load_settings(values)


class EngineThread:
    """A real dispatcher with real runner processes, on an asyncio loop in a background thread."""

    def __init__(self, settings: Settings, processes: int = 1, slots: int = 2, queue_size: int = 2,
                 step_delay_s: float = 0.0) -> None:
        from backend.engine.dispatcher import Dispatcher

        self.loop = asyncio.new_event_loop()
        self.dispatcher = Dispatcher(
            model_path=settings.model_path, socket_path=settings.socket_path, processes=processes, threads=1,
            slots=slots, queue_size=queue_size, step_delay_s=step_delay_s,
        )
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.call(self.dispatcher.start())

    def call(self, coroutine: object, timeout: float = 120) -> object:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)  # type: ignore[arg-type]

    def status(self) -> StatusReply:
        async def read() -> StatusReply:
            return self.dispatcher.status()

        return self.call(read())  # type: ignore[return-value]

    def close(self) -> None:
        self.call(self.dispatcher.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture
def settings(tmp_path: Path, tiny_model: Path) -> Settings:
    return make_settings(tmp_path / "instance", tiny_model)


@pytest.fixture
def engine_thread(settings: Settings) -> Iterator[EngineThread]:
    engine = EngineThread(settings)
    yield engine
    engine.close()


@pytest.fixture
def app(settings: Settings, engine_thread: EngineThread):  # type: ignore[no-untyped-def]
    from backend import create_app

    return create_app(settings)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def token(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.extensions["kollega.auth"].dev_tokens.issue("Testare"))


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """`kollega serve` as a real subprocess (gunicorn + engine), with its log captured to a file."""

    def __init__(self, instance: Path, model: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.instance = instance
        self.log_path = instance.parent / f"server-{self.port}.log"
        instance.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "KOLLEGA_AUTH_MODE": "dev",
            "KOLLEGA_INSTANCE_PATH": str(instance),
            "KOLLEGA_MODEL_PATH": str(model),
            "KOLLEGA_PORT": str(self.port),
            "KOLLEGA_WORKERS": "2",
            "KOLLEGA_THREADS": "8",
            "KOLLEGA_ENGINE_PROCESSES": "1",
            "KOLLEGA_LOG_LEVEL": "debug",
            # These tests drive many requests from one user; the limits have tests of their own.
            "KOLLEGA_RATE_LIMIT_GENERATE": "1000/minute",
            "KOLLEGA_RATE_LIMIT_API": "1000/minute",
            **env,
        }
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            cwd=str(REPO_ROOT),
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.read_log()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"server not ready in {timeout} s:\n{self.read_log()}")

    def token(self, name: str = "Testare") -> str:
        out = subprocess.run(
            [sys.executable, "-m", "backend.cli", "dev-token", "--name", name], env=self.env, capture_output=True,
            text=True, check=True, cwd=str(REPO_ROOT),
        )
        return out.stdout.strip()

    def read_log(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout: float = 40) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()
        return int(self.process.returncode)
