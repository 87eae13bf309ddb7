"""Rate limits in a real Redis: shared by separate app instances (as by gunicorn workers and hosts), and
failing open when Redis goes away."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from ratelimit_support import SAMPLE, RedisServer, assert_rate_limited, bearer, free_port, limited_settings, make_app


def test_two_app_instances_share_the_counters(tmp_path: Path, redis_server: RedisServer) -> None:
    settings = limited_settings(tmp_path / "instance", redis_server.url, rate_limit_generate="3/minute",
                                rate_limit_ip="3/minute")
    # Two apps are two workers: nothing is shared between them but Redis (and the dev-token key on disk).
    worker_a, worker_b = make_app(settings).test_client(), make_app(settings).test_client()
    auth = bearer(worker_a.application)
    draft = {"instruction": "Tacka för mötet"}
    assert worker_a.post("/api/v1/draft", json=draft, headers=auth).status_code == 200
    assert worker_b.post("/api/v1/draft", json=draft, headers=auth).status_code == 200
    assert worker_a.post("/api/v1/summarize", json={"text": SAMPLE}, headers=auth).status_code == 200
    assert_rate_limited(worker_b.post("/api/v1/rewrite", json={"text": SAMPLE, "goal": "plain"}, headers=auth))
    # The address limit for refused sign-ins is shared too.
    bad = {"Authorization": "Bearer not-a-token"}
    for worker in (worker_a, worker_b, worker_a):
        assert worker.post("/api/v1/redact", json={"text": SAMPLE}, headers=bad).status_code == 401
    assert_rate_limited(worker_b.post("/api/v1/redact", json={"text": SAMPLE}, headers=bad))
    # Neither user ids nor addresses are readable in Redis's keys.
    keys = b" ".join(redis_server.client().keys("*")).decode()
    assert "kollega" in keys and "127.0.0.1" not in keys and "dev" not in keys.replace("kollega", "")


def test_redis_stopping_mid_run_does_not_stop_the_api(tmp_path: Path, redis_server: RedisServer,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    settings = limited_settings(tmp_path / "instance", redis_server.url, rate_limit_generate="2/minute")
    client = make_app(settings).test_client()
    auth = bearer(client.application)
    assert client.post("/api/v1/summarize", json={"text": SAMPLE}, headers=auth).status_code == 200
    redis_server.stop()
    with caplog.at_level(logging.WARNING):
        # Served, counted in this process meanwhile: the quota starts afresh in memory.
        for _ in range(2):
            assert client.post("/api/v1/summarize", json={"text": SAMPLE}, headers=auth).status_code == 200
        assert_rate_limited(client.post("/api/v1/summarize", json={"text": SAMPLE}, headers=auth))
        assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth).status_code == 200
        assert client.post("/api/v1/redact", json={"text": SAMPLE},
                           headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    assert any("falling back to in-memory" in record.getMessage() for record in caplog.records)


def test_redis_unreachable_from_the_start(tmp_path: Path) -> None:
    settings = limited_settings(tmp_path / "instance", f"redis://127.0.0.1:{free_port()}/0")
    client = make_app(settings).test_client()
    auth = bearer(client.application)
    assert client.post("/api/v1/draft", json={"instruction": "Skriv en hälsning"}, headers=auth).status_code == 200
    assert client.get("/readyz").status_code == 200


def test_counting_returns_to_redis_when_it_is_back(tmp_path: Path, redis_server: RedisServer) -> None:
    settings = limited_settings(tmp_path / "instance", redis_server.url)
    client = make_app(settings).test_client()
    auth = bearer(client.application)
    redis_server.stop()
    assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth).status_code == 200
    restarted = RedisServer(tmp_path / "redis-again", port=redis_server.port)
    try:
        # flask-limiter retries Redis with a growing pause (1, 2, 4 ... s) while it counts in memory.
        deadline = time.monotonic() + 15
        while not restarted.client().keys("*") and time.monotonic() < deadline:
            assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth).status_code == 200
            time.sleep(0.25)
        assert restarted.client().keys("*"), "the limiter did not go back to Redis"
    finally:
        restarted.stop()
