"""`kollega serve` for real: gunicorn gthread workers, the engine process, SSE over a real HTTP client."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.settings import REPO_ROOT
from tests.conftest import ServerProcess

pytestmark = pytest.mark.integration
TEXT = "Hej! Styrgruppen möts på torsdag kl. 13 i Halmstad. Ta med budgetförslaget och frågorna om bemanningen."


def read_sse(response: httpx.Response) -> Iterator[tuple[str, dict[str, object]]]:
    event = None
    for line in response.iter_lines():
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event:
            yield event, json.loads(line[6:])
            event = None


def metric(server: ServerProcess, name: str, labels: str = "") -> float:
    text = httpx.get(f"{server.url}/metrics", timeout=5).text
    pattern = re.escape(name) + (r"\{" + re.escape(labels) + r"\}" if labels else "") + r" ([0-9.e+]+)"
    match = re.search(pattern, text)
    return float(match.group(1)) if match else 0.0


@pytest.fixture
def server(tmp_path: Path, tiny_model: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path / "instance", tiny_model, KOLLEGA_ENGINE_SLOTS="2",
                            KOLLEGA_ENGINE_QUEUE_SIZE="2", KOLLEGA_ENGINE_STEP_DELAY_MS="10")
    process.wait_ready()
    yield process
    process.stop()


def test_streams_a_summary_through_gunicorn(server: ServerProcess) -> None:
    headers = {"Authorization": f"Bearer {server.token()}", "Accept": "text/event-stream"}
    with httpx.stream("POST", f"{server.url}/api/v1/summarize", json={"text": TEXT, "length": "short"},
                      headers=headers, timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = list(read_sse(response))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done" and "delta" in names
    # Deltas are coalesced: far fewer events than tokens.
    completion = events[-1][1]["usage"]["completion_tokens"]  # type: ignore[index]
    assert names.count("delta") < completion


def test_concurrent_clients_all_get_answers(server: ServerProcess) -> None:
    token = server.token()
    results: list[int] = []

    def one() -> None:
        body = {"instruction": "Skriv en kallelse", "length": "short"}
        response = httpx.post(f"{server.url}/api/v1/draft", json=body, headers={"Authorization": f"Bearer {token}"},
                              timeout=60)
        results.append(response.status_code)
        if response.status_code != 200:
            assert response.status_code == 503 and response.headers["Retry-After"]
            assert response.headers["content-type"] == "application/problem+json"

    threads = [threading.Thread(target=one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert len(results) == 6 and results.count(200) >= 4  # 2 slots + 2 queued at least


def test_a_dropped_client_stops_its_generation(server: ServerProcess) -> None:
    before = metric(server, "kollega_engine_requests_total", 'outcome="cancelled"')
    headers = {"Authorization": f"Bearer {server.token()}", "Accept": "text/event-stream"}
    with httpx.stream("POST", f"{server.url}/api/v1/rewrite", json={"text": TEXT * 3, "goal": "formal"},
                      headers=headers, timeout=30) as response:
        for name, _ in read_sse(response):
            if name == "delta":
                break  # hang up mid-stream
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and metric(server, "kollega_engine_requests_total",
                                                 'outcome="cancelled"') <= before:
        time.sleep(0.05)
    assert metric(server, "kollega_engine_requests_total", 'outcome="cancelled"') == before + 1
    assert metric(server, "kollega_engine_active") == 0


def test_queue_full_answers_503_with_retry_after(tmp_path: Path, tiny_model: Path) -> None:
    server = ServerProcess(tmp_path / "busy", tiny_model, KOLLEGA_ENGINE_SLOTS="1", KOLLEGA_ENGINE_QUEUE_SIZE="0",
                           KOLLEGA_ENGINE_STEP_DELAY_MS="40", KOLLEGA_MAX_OUTPUT_TOKENS="300")
    try:
        server.wait_ready()
        headers = {"Authorization": f"Bearer {server.token()}", "Accept": "text/event-stream"}
        with httpx.stream("POST", f"{server.url}/api/v1/rewrite", json={"text": TEXT, "goal": "formal"},
                          headers=headers, timeout=30) as first:
            assert first.status_code == 200
            busy = httpx.post(f"{server.url}/api/v1/summarize", json={"text": TEXT}, headers=headers, timeout=10)
            assert busy.status_code == 503
            assert int(busy.headers["Retry-After"]) >= 1
            assert busy.json()["code"] == "busy"
    finally:
        server.stop()


def test_sigterm_ends_streams_in_flight_with_a_final_event(tmp_path: Path, tiny_model: Path) -> None:
    server = ServerProcess(tmp_path / "stop", tiny_model, KOLLEGA_ENGINE_STEP_DELAY_MS="40",
                           KOLLEGA_SHUTDOWN_GRACE="1", KOLLEGA_MAX_OUTPUT_TOKENS="400")
    server.wait_ready()
    headers = {"Authorization": f"Bearer {server.token()}", "Accept": "text/event-stream"}
    names: list[str] = []
    with httpx.stream("POST", f"{server.url}/api/v1/rewrite", json={"text": TEXT * 2, "goal": "formal"},
                      headers=headers, timeout=30) as response:
        for name, data in read_sse(response):
            names.append(name)
            if name == "delta" and names.count("delta") == 1:
                server.process.send_signal(signal.SIGTERM)
            if name == "error":
                assert data["code"] == "shutting_down"
    assert names[-1] in ("done", "error"), names
    assert server.stop() == 0


def test_engine_crash_gives_503_then_recovers(server: ServerProcess) -> None:
    import psutil

    runners = [p for p in psutil.Process(server.process.pid).children(recursive=True)
               if "backend.engine.runner" in " ".join(p.cmdline())]
    assert len(runners) == 1
    headers = {"Authorization": f"Bearer {server.token()}"}
    runners[0].kill()
    saw_unready = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready = httpx.get(f"{server.url}/readyz", timeout=5)
        if ready.status_code == 503:
            saw_unready = True
            answer = httpx.post(f"{server.url}/api/v1/summarize", json={"text": TEXT}, headers=headers, timeout=10)
            assert answer.status_code in (200, 503)
            if answer.status_code == 503:
                assert answer.headers["Retry-After"] and answer.json()["code"] == "engine_unavailable"
        elif saw_unready:
            break
        time.sleep(0.05)
    assert saw_unready
    assert httpx.get(f"{server.url}/readyz", timeout=5).status_code == 200
    ok = httpx.post(f"{server.url}/api/v1/summarize", json={"text": TEXT}, headers=headers, timeout=30)
    assert ok.status_code == 200


def test_model_is_loaded_once_per_engine_process_not_per_worker(server: ServerProcess) -> None:
    import psutil

    tree = psutil.Process(server.process.pid).children(recursive=True)
    runners = [p for p in tree if "backend.engine.runner" in " ".join(p.cmdline())]
    workers = [p for p in tree if "gunicorn" in " ".join(p.cmdline()) and p not in runners]
    assert len(runners) == 1 and len(workers) >= 2
    for worker in workers:
        maps = Path(f"/proc/{worker.pid}/maps").read_text()
        assert "onnxruntime" not in maps  # the HTTP workers never load the model runtime
        assert worker.memory_info().rss < 150 * 1024 * 1024


def _start_failing(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KOLLEGA_INSTANCE_PATH": str(tmp_path / "i"), **env}
    return subprocess.run([sys.executable, "-m", "backend.cli", "serve"], env=environment, capture_output=True,
                          text=True, timeout=60, cwd=str(REPO_ROOT))


def test_missing_model_folder_stops_start_up_with_a_message(tmp_path: Path) -> None:
    result = _start_failing(tmp_path, KOLLEGA_AUTH_MODE="dev", KOLLEGA_MODEL_PATH=str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "KOLLEGA_MODEL_PATH" in result.stderr and "nowhere" in result.stderr


def test_corrupt_model_stops_start_up_with_a_message(tmp_path: Path, tiny_model: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "model.onnx").write_bytes(b"\x00garbage")
    result = _start_failing(tmp_path, KOLLEGA_AUTH_MODE="dev", KOLLEGA_MODEL_PATH=str(broken))
    assert result.returncode == 2
    assert "KOLLEGA_MODEL_PATH" in result.stderr and "model.onnx" in result.stderr
    assert "corrupt" in result.stderr or "could not be loaded" in result.stderr


def test_entra_mode_without_tenant_stops_with_the_setting_named(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLLEGA_")}
    result = subprocess.run([sys.executable, "-m", "backend.cli", "serve"], env=env, capture_output=True, text=True,
                            timeout=60, cwd=str(tmp_path))
    assert result.returncode == 2
    assert "KOLLEGA_ENTRA_TENANT_ID" in result.stderr and "KOLLEGA_AUTH_MODE=dev" in result.stderr


def test_dev_mode_refuses_a_public_bind(tmp_path: Path, tiny_model: Path) -> None:
    result = _start_failing(tmp_path, KOLLEGA_AUTH_MODE="dev", KOLLEGA_MODEL_PATH=str(tiny_model),
                            KOLLEGA_HOST="0.0.0.0")
    assert result.returncode == 2
    assert "loopback" in result.stderr


def test_unreachable_database_stops_start_up_with_the_setting_named(tmp_path: Path, tiny_model: Path) -> None:
    result = _start_failing(tmp_path, KOLLEGA_AUTH_MODE="dev", KOLLEGA_MODEL_PATH=str(tiny_model),
                            KOLLEGA_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/kollega")
    assert result.returncode == 2
    assert "KOLLEGA_DATABASE_URL" in result.stderr and "Traceback" not in result.stderr
