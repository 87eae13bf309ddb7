"""POST /api/v1/ask through the app: SSE with a citations event before done, JSON with citations,
problem+json for malformed requests, and no text of the request in the audit store, metrics or logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import create_app
from backend.audit import AuditRecord
from backend.engine import GenerationRequest
from tests.ask.test_ask_pipeline import NAME, PHONE, AskEngine, excerpt_number, protocol
from tests.conftest import make_settings

# Made up and lower-case, so no detector masks it: it travels to the model, and must go nowhere else.
CANARY = "kanariefågelholken"
TEXT = protocol().replace("två avdelningar", f"två avdelningar och en {CANARY}")
QUESTION = f"När byggs förskolan Solbacken ut, och får den en {CANARY}?"


def scripted(request: GenerationRequest) -> list[str]:
    n = excerpt_number(request, "Solbacken ska byggas ut")
    return [f"Hösten 2028, med en {CANARY} [{n}].\n\nCitat:\n",
            f'[{n}] "två avdelningar och en {CANARY}"\n', f'[{n}] "påhittad {CANARY}"']


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    settings = make_settings(tmp_path / "instance", tmp_path / "no-model", KOLLEGA_LOG_LEVEL="debug")
    return create_app(settings, engine=AskEngine(scripted))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['kollega.auth'].dev_tokens.issue('Testare')}"}


def sse_events(body: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_ask_streams_meta_deltas_citations_then_done(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/ask", json={"text": TEXT, "question": QUESTION},
                           headers={**auth, "Accept": "text/event-stream"})
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    events = sse_events(response.get_data(as_text=True))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-2:] == ["citations", "done"]
    assert set(names[1:-2]) == {"delta"}
    assert events[0][1]["redactions"].get("PERSON", 0) >= 1 and events[0][1]["redactions"].get("PHONE") == 1
    answer = "".join(data["text"] for name, data in events if name == "delta")
    assert answer.startswith("Hösten 2028") and "Citat" not in answer
    (citation,) = events[-2][1]["citations"]
    assert citation["quote"] == f"två avdelningar och en {CANARY}"
    assert TEXT[citation["start"]:citation["end"]] == citation["quote"]
    assert set(citation) == {"id", "start", "end", "quote"}


def test_ask_answers_json_with_citations(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/ask", json={"text": TEXT, "question": QUESTION, "language": "en"}, headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["text"].startswith("Hösten 2028") and body["finish_reason"] == "stop"
    assert [TEXT[c["start"]:c["end"]] == c["quote"] for c in body["citations"]] == [True]
    assert {"usage", "redactions", "request_id"} <= set(body)


def test_a_question_the_text_does_not_answer_gets_no_guess(client: FlaskClient, auth: dict[str, str],
                                                           app: Flask) -> None:
    response = client.post("/api/v1/ask", json={"text": TEXT, "question": "Vad kostar en tågbiljett till Kiruna?"},
                           headers=auth)
    body = response.get_json()
    assert body["finish_reason"] == "not_found" and body["citations"] == []
    assert "gissar inte" in body["text"]
    assert app.extensions["kollega"].engine.requests == []


MALFORMED = [
    ({"text": TEXT}, "question"),
    ({"question": "Vad?"}, "text"),
    ({"text": TEXT, "conversation_id": "AAQk", "question": "Vad?"}, "text"),
    ({"text": TEXT, "question": "   "}, "question"),
    ({"text": TEXT, "question": "x" * 2001}, "question"),
    ({"text": TEXT, "question": "Vad?", "language": "de"}, "language"),
    ({"text": "kort", "question": "Vad?", "mask": [{"start": 2, "end": 99}]}, "mask"),
    ({"text": TEXT, "question": "Vad\u0000?"}, "question"),
    ({"text": TEXT, "question": "Vad?", "mailbox": "a@b.se"}, "mailbox"),
]


@pytest.mark.parametrize(("body", "field"), MALFORMED)
def test_malformed_requests_are_problems(client: FlaskClient, auth: dict[str, str], body: dict[str, Any],
                                         field: str) -> None:
    response = client.post("/api/v1/ask", json=body, headers=auth)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == "validation" and any(key.startswith(field) for key in problem["errors"]), problem


def test_other_bad_requests_are_problems(client: FlaskClient, auth: dict[str, str]) -> None:
    cases = [
        (client.post("/api/v1/ask", data="{", content_type="application/json", headers=auth), 400),
        (client.post("/api/v1/ask", data="text=x", content_type="application/x-www-form-urlencoded",
                     headers=auth), 415),
        (client.post("/api/v1/ask", json={"text": TEXT, "question": "Vad?"}), 401),
        (client.post("/api/v1/ask", json={"conversation_id": "AAQk", "question": "Vad?"}, headers=auth), 422),
    ]
    for response, status in cases:
        assert response.status_code == status and response.mimetype == "application/problem+json"
    assert cases[-1][0].get_json()["code"] == "graph_unavailable"  # dev sign-in cannot read Graph


def test_the_request_text_never_reaches_the_audit_metrics_or_logs(client: FlaskClient, auth: dict[str, str],
                                                                   app: Flask,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for accept in ("text/event-stream", "application/json"):
        response = client.post("/api/v1/ask", json={"text": TEXT, "question": QUESTION},
                               headers={**auth, "Accept": accept})
        assert CANARY in response.get_data(as_text=True)  # the user gets it back
    client.post("/api/v1/ask", json={"text": TEXT, "question": f"{CANARY} tågbiljett Kiruna?"}, headers=auth)
    client.post("/api/v1/ask", json={"text": TEXT, "question": f"{CANARY}?" * 1000}, headers=auth)  # refused
    prompts = "\n".join(m.content for r in app.extensions["kollega"].engine.requests for m in r.messages)
    assert CANARY in prompts and NAME not in prompts and PHONE not in prompts
    with Session(app.extensions["kollega"].audit.engine) as session:
        records = list(session.scalars(select(AuditRecord)))
    # The refused request is answered before a job exists, like the other endpoints' validation errors.
    assert [(r.feature, r.outcome) for r in records] == [("ask", "completed")] * 3
    dumped = repr([{c.name: getattr(r, c.name) for c in AuditRecord.__table__.columns} for r in records])
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'feature="ask"' in metrics
    for where in (dumped, metrics, caplog.text):
        for secret in (CANARY, NAME, PHONE, "Solbacken", "tågbiljett"):
            assert secret not in where


def test_the_openapi_document_describes_ask(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/ask"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/AskRequest")
    schemas = document["components"]["schemas"]
    properties = set(schemas["AskRequest"]["properties"])
    assert {"text", "conversation_id", "question", "language", "mask", "unmask"} <= properties
    assert "citations" in schemas["AskResponse"]["properties"]
    assert "citations" in schemas["ServerSentEvent"]["properties"]["event"]["enum"]
