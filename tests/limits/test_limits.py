"""Rate limits through the Flask test client, counted in memory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from ratelimit_support import SAMPLE, assert_rate_limited, bearer, limited_settings, make_app, with_limits

from backend.settings import ConfigError

GENERATING = (
    ("/api/v1/summarize", {"text": SAMPLE, "kind": "email"}),
    ("/api/v1/draft", {"instruction": "Tacka för mötet"}),
    ("/api/v1/rewrite", {"text": SAMPLE, "goal": "shorter"}),
)


def test_generating_endpoints_share_a_stricter_quota_than_redact(tmp_path: Path) -> None:
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_generate="3/minute",
                                    rate_limit_api="8/minute", rate_limit_ip="100/minute"))
    client, auth = app.test_client(), bearer(app)
    # One quota for all three: summarize, draft and rewrite each take one of the three.
    for path, body in GENERATING:
        assert client.post(path, json=body, headers=auth).status_code == 200, path
    for path, body in GENERATING:
        assert_rate_limited(client.post(path, json=body, headers=auth))
    # Six requests so far count against the wider quota of 8: redact and readability still answer.
    assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth).status_code == 200
    assert client.post("/api/v1/readability", json={"text": SAMPLE}, headers=auth).status_code == 200
    body = assert_rate_limited(client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth))
    assert "requests" in body["detail"]


def test_quotas_are_per_user(tmp_path: Path) -> None:
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_generate="2/minute"))
    client = app.test_client()
    anna, bertil = bearer(app, "Anna"), bearer(app, "Bertil")
    for _ in range(2):
        assert client.post("/api/v1/draft", json={"instruction": "Skriv en hälsning"}, headers=anna).status_code == 200
    assert_rate_limited(client.post("/api/v1/draft", json={"instruction": "Skriv en hälsning"}, headers=anna))
    assert client.post("/api/v1/draft", json={"instruction": "Skriv en hälsning"}, headers=bertil).status_code == 200


def test_bad_tokens_from_one_address_are_refused_before_authentication(tmp_path: Path) -> None:
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_ip="4/minute"))
    client, auth = app.test_client(), bearer(app)
    # A dev-mode app serves loopback only: distinct loopback addresses stand for distinct clients.
    flood = {"REMOTE_ADDR": "127.0.0.10"}
    for _ in range(4):
        response = client.post("/api/v1/redact", json={"text": SAMPLE}, environ_base=flood,
                               headers={"Authorization": "Bearer not-a-token"})
        assert response.status_code == 401
    body = assert_rate_limited(client.post("/api/v1/redact", json={"text": SAMPLE}, environ_base=flood,
                                           headers={"Authorization": "Bearer not-a-token"}))
    assert "sign-in" in body["detail"]
    # Before authentication: from that address an unknown path waits too, but never a valid token (a colleague
    # behind the same NAT address); tests/security/test_signin_flood.py has the whole reproduction.
    assert_rate_limited(client.get("/api/v1/nothing-here", environ_base=flood))
    assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth, environ_base=flood).status_code == 200
    # Never limited: health, metrics, the sign-in configuration and the task pane.
    for path in ("/healthz", "/readyz", "/metrics", "/api/v1/auth/config", "/taskpane/"):
        assert client.get(path, environ_base=flood).status_code == 200, path
    # Other addresses are not affected.
    other = {"REMOTE_ADDR": "127.0.0.11"}
    assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth, environ_base=other).status_code == 200


def test_signed_in_requests_do_not_use_up_the_address_limit(tmp_path: Path) -> None:
    # Many staff share one office NAT address: only refused sign-ins count per address.
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_ip="2/minute"))
    client = app.test_client()
    office = {"REMOTE_ADDR": "127.0.0.7"}
    for name in ("Anna", "Bertil", "Cecilia", "David", "Eva"):
        response = client.post("/api/v1/redact", json={"text": SAMPLE}, headers=bearer(app, name), environ_base=office)
        assert response.status_code == 200


def test_rate_limited_streaming_request_is_problem_json(tmp_path: Path) -> None:
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_generate="1/minute"))
    client, auth = app.test_client(), bearer(app)
    stream = {**auth, "Accept": "text/event-stream"}
    assert client.post("/api/v1/summarize", json={"text": SAMPLE}, headers=stream).status_code == 200
    response = client.post("/api/v1/summarize", json={"text": SAMPLE}, headers=stream)
    assert_rate_limited(response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("attribute", "setting", "value"), [
    ("rate_limit_generate", "KOLLEGA_RATE_LIMIT_GENERATE", "lots"),
    ("rate_limit_api", "KOLLEGA_RATE_LIMIT_API", "0/minute"),
    ("rate_limit_ip", "KOLLEGA_RATE_LIMIT_IP", "10/fortnight"),
])
def test_a_bad_limit_stops_start_up_and_names_the_setting(tmp_path: Path, attribute: str, setting: str,
                                                          value: str) -> None:
    settings = with_limits(limited_settings(tmp_path / "instance"), **{attribute: value})
    with pytest.raises(ConfigError) as error:
        make_app(settings)
    assert error.value.name == setting and value in str(error.value)


def test_logs_name_the_limit_not_the_user(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(limited_settings(tmp_path / "instance", rate_limit_api="1/minute"))
    client, auth = app.test_client(), bearer(app, "Loggad Person")
    principal = app.extensions["kollega.auth"].validator.validate(auth["Authorization"].split()[1])
    with caplog.at_level(logging.DEBUG):
        assert client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth).status_code == 200
        assert_rate_limited(client.post("/api/v1/redact", json={"text": SAMPLE}, headers=auth))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "rate limited: api" in logged
    assert principal.object_id not in logged and "user-" not in logged and "Anna" not in logged
