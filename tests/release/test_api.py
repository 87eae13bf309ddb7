"""POST /api/v1/release/review: shape, validation, limits, audit and privacy."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

MARKER = "Kanariemening-5d2c1"
NAME = "Kanarie Fågelsson"
PNR = "19811218-9876"
TEXT = (f"Patienten {NAME}, {PNR}, har diabetes och behandlas med insulin. {MARKER} "
        "Hennes bror sitter i fängelse för stöld.")


def test_review_answers_findings_in_the_contract_shape(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/release/review", json={"text": TEXT, "area": "healthcare"}, headers=auth)
    assert response.status_code == 200 and response.mimetype == "application/json"
    findings = response.get_json()["findings"]
    assert findings
    for f in findings:
        assert set(f) == {"id", "start", "end", "type", "category", "reason", "provision"}
        assert 0 <= f["start"] < f["end"] <= len(TEXT)
    by_type = {f["type"]: f for f in findings}
    assert TEXT[by_type["PERSONNUMMER"]["start"]:by_type["PERSONNUMMER"]["end"]] == PNR
    assert by_type["HEALTH"]["provision"] == "25 kap. 1 § OSL"
    assert "fängelse" in TEXT[by_type["CRIME"]["start"]:by_type["CRIME"]["end"]]


def test_area_defaults_to_general(client: FlaskClient, auth: dict[str, str]) -> None:
    findings = client.post("/api/v1/release/review", json={"text": TEXT}, headers=auth).get_json()["findings"]
    assert next(f for f in findings if f["type"] == "HEALTH")["provision"] == "21 kap. 1 § OSL"


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "   "}, {"text": TEXT, "area": "police"},
                                  {"text": 5}, {"text": "a\x07b"}])
def test_bad_requests_are_422_problems(client: FlaskClient, auth: dict[str, str], body: dict[str, object]) -> None:
    response = client.post("/api/v1/release/review", json=body, headers=auth)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"]
    assert MARKER not in response.get_data(as_text=True)


def test_a_token_is_required(client: FlaskClient) -> None:
    response = client.post("/api/v1/release/review", json={"text": TEXT})
    assert response.status_code == 401 and response.mimetype == "application/problem+json"


def test_too_long_is_422_with_the_limit(app: Flask, auth: dict[str, str]) -> None:
    limit = app.config["KOLLEGA"].max_text_chars
    response = app.test_client().post("/api/v1/release/review", json={"text": "a" * (limit + 1)}, headers=auth)
    assert response.status_code == 422 and response.get_json()["code"] == "text_too_long"
    assert response.get_json()["limit"] == limit


def test_one_audit_record_with_counts_and_no_values(
    app: Flask, client: FlaskClient, auth: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = client.post("/api/v1/release/review", json={"text": TEXT, "area": "social_services"},
                           headers={**auth, "X-Kollega-Host": "word"})
    assert response.status_code == 200
    records = app.extensions["kollega"].audit.recent()
    assert len(records) == 1
    record = records[0]
    assert record.feature == "release_review" and record.host == "word" and record.outcome == "completed"
    assert record.redactions.get("PERSONNUMMER") == 1 and record.redactions.get("HEALTH", 0) >= 1
    stored = repr(record.__dict__)
    logs = caplog.text
    for value in (MARKER, NAME, PNR, "diabetes", "fängelse"):
        assert value not in stored, f"{value!r} in the audit record"
        assert value not in logs, f"{value!r} in a log"


def test_the_endpoint_is_rate_limited_like_the_other_non_generating_ones(
    tmp_path: object, tiny_model: object
) -> None:
    from pathlib import Path

    from backend import create_app
    from tests.conftest import make_settings

    settings = make_settings(Path(str(tmp_path)) / "instance", Path(str(tiny_model)), KOLLEGA_RATE_LIMIT_API="2/minute",
                             KOLLEGA_RATE_LIMIT_GENERATE="1/minute")
    from tests.fakes import ScriptedEngine

    app = create_app(settings, engine=ScriptedEngine([]))  # the review never uses the engine
    token = str(app.extensions["kollega.auth"].dev_tokens.issue("Testare"))
    client = app.test_client()
    statuses = [client.post("/api/v1/release/review", json={"text": "Han har diabetes."},
                            headers={"Authorization": f"Bearer {token}"}).status_code for _ in range(3)]
    # Counted against the per-user API quota (2), not the generating one (1).
    assert statuses[:2] == [200, 200] and statuses[2] == 429


def test_openapi_documents_the_endpoint(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/release/review"]["post"]
    assert "never decisions" in operation["summary"]
    assert set(operation["responses"]) >= {"200", "401", "422", "429"}
    request = spec["components"]["schemas"]["ReleaseReviewRequest"]
    assert request["properties"]["area"]["enum"] == ["general", "healthcare", "social_services", "school", "hr"]
    assert "findings" in spec["components"]["schemas"]["ReleaseReviewResponse"]["properties"]
