"""A real `kollega serve` answers pathological 100,000-character inputs, and /healthz meanwhile."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pathological_inputs import INPUTS

from tests.conftest import ServerProcess

pytestmark = pytest.mark.integration
SIZE = 100_000
# Long runs after greetings and sign-offs, capitalised words, streets and full stops, and the slowest others.
CASES = [
    ("/api/v1/redact", "Hej then spaces"),
    ("/api/v1/redact", "Mvh then spaces"),
    ("/api/v1/redact", "Mvh then spaces then a letter"),
    ("/api/v1/redact", "Mvh then no-break spaces"),
    ("/api/v1/redact", "capitalised words"),
    ("/api/v1/redact", "street and number"),
    ("/api/v1/readability", "full stops"),
    ("/api/v1/readability", "full stops then a letter"),
    ("/api/v1/readability", "full stop and space"),
    ("/api/v1/readability", "sign-offs on every line"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path_factory.mktemp("pathological") / "instance", tiny_model,
                            KOLLEGA_WORKERS="1", KOLLEGA_THREADS="4")
    process.wait_ready()
    yield process
    process.stop()


@pytest.mark.parametrize(("path", "name"), CASES, ids=[f"{p.rsplit('/', 1)[1]}-{n}" for p, n in CASES])
def test_answered_while_health_checks_answer(server: ServerProcess, path: str, name: str) -> None:
    """One worker, so a request that held the GIL for long would stall /healthz beside it."""
    text = INPUTS[name](SIZE)
    headers = {"Authorization": f"Bearer {server.token()}"}
    answer: dict[str, httpx.Response] = {}

    def send() -> None:
        answer["response"] = httpx.post(f"{server.url}{path}", json={"text": text}, headers=headers, timeout=60)

    worker = threading.Thread(target=send)
    worker.start()
    health: list[int] = []
    while worker.is_alive():
        health.append(httpx.get(f"{server.url}/healthz", timeout=10).status_code)
        time.sleep(0.05)
    worker.join()
    response = answer["response"]
    assert response.status_code == 200, response.text[:300]
    assert health and set(health) == {200}
    if path.endswith("redact"):
        assert len(response.json()["redacted"]) >= SIZE // 2
    else:
        assert "lix" in response.json()
