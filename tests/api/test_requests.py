"""The HTTP API through Flask's test client, with the real engine (tiny model) behind it."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

SAMPLE = "Hej! Mötet om budgeten flyttas till tisdag kl. 10. Ta med underlagen. Hälsningar, enheten."


def sse_events(body: str) -> list[tuple[str, dict[str, object]]]:
    events = []
    for frame in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def assert_problem(response, status: int, code: str | None = None) -> dict[str, object]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["detail"]
    if code:
        assert body["code"] == code
    return body  # type: ignore[no-any-return]


def test_summary_streams_meta_deltas_done(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/summarize", json={"text": SAMPLE, "kind": "email", "length": "short"},
                           headers={**auth, "Accept": "text/event-stream"})
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-store"
    events = sse_events(response.get_data(as_text=True))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done"
    assert set(names[1:-1]) <= {"delta"}
    done = events[-1][1]
    usage = done["usage"]
    assert isinstance(usage, dict) and usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert done["finish_reason"] in ("stop", "length")


def test_json_answer_without_event_stream(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/rewrite", json={"text": SAMPLE, "goal": "shorter"}, headers=auth)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {"text", "finish_reason", "usage", "redactions"}
    assert isinstance(body["text"], str) and body["usage"]["completion_tokens"] > 0


def test_draft_with_tone_and_length(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/draft", json={"instruction": "Tacka för mötet", "tone": "friendly",
                                                  "length": "short", "context": SAMPLE}, headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["usage"]["prompt_tokens"] > 0


def test_every_api_route_needs_a_token(client: FlaskClient) -> None:
    for path in ("/api/v1/summarize", "/api/v1/draft", "/api/v1/rewrite", "/api/v1/redact", "/api/v1/readability"):
        response = client.post(path, json={"text": SAMPLE})
        body = assert_problem(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert body["detail"]


def test_bad_tokens_are_refused(client: FlaskClient, token: str) -> None:
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for header in (f"Bearer {tampered}", f"Basic {token}", "Bearer", f"Bearer {token}x"):
        response = client.post("/api/v1/redact", json={"text": SAMPLE}, headers={"Authorization": header})
        assert_problem(response, 401)
        assert "error=" in response.headers["WWW-Authenticate"]
    response = client.post(f"/api/v1/redact?access_token={token}", json={"text": SAMPLE})
    assert_problem(response, 401)


def test_malformed_json_is_400(client: FlaskClient, auth: dict[str, str]) -> None:
    headers = {**auth, "Content-Type": "application/json"}
    response = client.post("/api/v1/summarize", data='{"text": "oj', headers=headers)
    assert_problem(response, 400, "bad_request")


def test_non_utf8_is_400(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/summarize", data=b'{"text": "\xff\xfe"}',
                           headers={**auth, "Content-Type": "application/json"})
    body = assert_problem(response, 400)
    assert "UTF-8" in str(body["detail"])


def test_missing_and_invalid_fields_are_422_with_field_errors(client: FlaskClient, auth: dict[str, str]) -> None:
    body = assert_problem(client.post("/api/v1/rewrite", json={"text": SAMPLE}, headers=auth), 422, "validation")
    assert "goal" in body["errors"]  # type: ignore[operator]
    body = assert_problem(client.post("/api/v1/draft", json={"instruction": "x", "tone": "angry"}, headers=auth), 422)
    assert "tone" in body["errors"]  # type: ignore[operator]
    body = assert_problem(client.post("/api/v1/summarize", json={"text": "   "}, headers=auth), 422)
    assert "text" in body["errors"]  # type: ignore[operator]
    assert_problem(client.post("/api/v1/summarize", json=["not", "an", "object"], headers=auth), 422)


def test_control_characters_and_lone_surrogates_are_422(client: FlaskClient, auth: dict[str, str]) -> None:
    body = assert_problem(client.post("/api/v1/redact", json={"text": "hej\x07då"}, headers=auth), 422)
    assert "U+0007" in json.dumps(body)
    raw = b'{"text": "hej \\ud800 d\xc3\xa5"}'
    body = assert_problem(client.post("/api/v1/redact", data=raw, headers={**auth, "Content-Type": "application/json"}),
                          422)
    assert "surrogate" in json.dumps(body)


def test_body_too_large_is_413(client: FlaskClient, auth: dict[str, str], app) -> None:  # type: ignore[no-untyped-def]
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/api/v1/summarize", data=json.dumps({"text": "a" * (limit + 10)}),
                           headers={**auth, "Content-Type": "application/json"})
    assert_problem(response, 413, "too_large")


def test_text_over_the_field_limit_says_the_limit(app, auth: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    settings = app.config["KOLLEGA"]
    app.config["KOLLEGA"] = settings.replace(max_text_chars=1000)
    try:
        response = app.test_client().post("/api/v1/summarize", json={"text": "ord " * 400}, headers=auth)
        body = assert_problem(response, 422, "text_too_long")
        assert "1,000" in str(body["detail"]) and body["limit"] == 1000
    finally:
        app.config["KOLLEGA"] = settings


def test_wrong_content_type_is_415(client: FlaskClient, auth: dict[str, str]) -> None:
    assert_problem(client.post("/api/v1/redact", data="text=hej", headers=auth), 415)


def test_unknown_route_is_a_404_problem(client: FlaskClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_problem(client.get("/api/v1/summarize"), 405)


def test_rewrite_that_cannot_fit_the_context_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    body = assert_problem(client.post("/api/v1/rewrite", json={"text": "Meningen upprepas här. " * 800,
                                                               "goal": "formal"}, headers=auth), 422, "text_too_long")
    limit = client.application.extensions["kollega"].engine.context_length
    assert body["limit_tokens"] == limit and f"{limit:,}" in str(body["detail"])


def test_health_endpoints_need_no_token(client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["ready"] is True
    metrics = client.get("/metrics").get_data(as_text=True)
    assert "kollega_engine_queue_depth" in metrics and "kollega_engine_ready 1.0" in metrics


def test_openapi_document_is_generated_from_the_schemas(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/summarize", "/api/v1/draft", "/api/v1/rewrite", "/api/v1/redact"} <= set(spec["paths"])
    properties = spec["components"]["schemas"]["RewriteRequest"]["properties"]
    assert properties["goal"]["enum"] == ["plain", "shorter", "formal", "friendly", "proofread"]
    # goal is required unless a template is named (backend/usertemplates).
    assert spec["components"]["schemas"]["RewriteRequest"]["required"] == ["text"]
    assert spec["components"]["schemas"]["RewriteRequest"]["anyOf"] == [{"required": ["goal"]},
                                                                        {"required": ["template_id"]}]


def test_json_answers_carry_security_headers(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_dev_token_endpoint_and_auth_config(client: FlaskClient) -> None:
    assert client.get("/api/v1/auth/config").get_json()["mode"] == "dev"
    token = client.post("/api/v1/auth/dev-token").get_json()["access_token"]
    response = client.post("/api/v1/redact", json={"text": SAMPLE}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_every_request_writes_one_audit_record_without_text(client: FlaskClient, auth: dict[str, str], app) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/v1/summarize", json={"text": SAMPLE}, headers={**auth, "X-Kollega-Host": "word"})
    records = app.extensions["kollega"].audit.recent()
    assert len(records) == 1
    record = records[0]
    assert record.feature == "summarize" and record.host == "word" and record.outcome == "completed"
    assert record.prompt_tokens > 0 and record.completion_tokens > 0 and record.latency_ms >= 0
    assert record.tenant_id == "00000000-0000-0000-0000-000000000000" and len(record.user_id) == 36


def test_task_pane_files_are_compressed_and_hashed_assets_cached(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gzip

    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    script = "console.log('kollega');\n" * 200
    (built / "assets" / "main-abc123.js").write_text(script)
    (built / "taskpane.html").write_text("<!doctype html><title>Kollega</title>")
    settings = app.config["KOLLEGA"]
    services = app.extensions["kollega"]
    services.settings = settings.replace(taskpane_dir=built)
    try:
        client = app.test_client()
        asset = client.get("/taskpane/assets/main-abc123.js", headers={"Accept-Encoding": "gzip, br"})
        assert asset.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(asset.get_data()).decode() == script
        assert "immutable" in asset.headers["Cache-Control"]
        plain = client.get("/taskpane/assets/main-abc123.js")
        assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True) == script
        page = client.get("/taskpane/")
        assert page.headers["Cache-Control"] == "no-cache"
        assert "frame-ancestors" in page.headers["Content-Security-Policy"]
        assert client.get("/taskpane/../pyproject.toml").status_code == 404
    finally:
        services.settings = settings
