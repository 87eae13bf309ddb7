from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_microsoft import CLIENT_ID, CLIENT_SECRET, TENANT, FakeEntra, FakeGraph, make_tls

from backend.settings import Settings


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, str]:
    return make_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def trust(tls: tuple[ssl.SSLContext, str]) -> str:
    """The CA file that clients must trust to reach the fakes over TLS."""
    return tls[1]


@pytest.fixture
def entra(tls: tuple[ssl.SSLContext, str]) -> Iterator[FakeEntra]:
    server = FakeEntra(tls=tls[0])
    yield server
    server.close()


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    server = FakeGraph()
    yield server
    server.close()


@pytest.fixture
def settings(entra: FakeEntra) -> Settings:
    return Settings(
        entra_tenant_ids=(TENANT,),
        entra_client_id=CLIENT_ID,
        entra_client_secret=CLIENT_SECRET,
        entra_authority_host=entra.url,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port, in a temporary folder."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install -y redis-server); Redis cache tests skipped")
    folder: Path = tmp_path_factory.mktemp("redis")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
