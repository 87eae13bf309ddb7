"""The user's corrections through the real API: Flask's test client, the real engine with the tiny model.

The engine is wrapped at its seam to record what it was sent: a masked value must never be in a prompt,
an unmasked one must be.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_requests import assert_problem

from backend.engine import GenerationRequest
from backend.settings import Settings
from tests.conftest import EngineThread

# Lowercase and made up, so that no detector masks it by itself: only the user's correction can.
CANARY = "kanariefeber"
PHONE = "070-123 45 67"
TEXT = (f"Hej! Patienten har {CANARY}, och {CANARY} kräver uppföljning. Kanariefeber smittar inte. "
        f"Ring Anna Svensson på {PHONE} om tiden.")


class RecordingEngine:
    """The real engine, with every request it is sent kept for the test to read."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.requests: list[GenerationRequest] = []
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def generate(self, request: GenerationRequest) -> Iterator[object]:
        with self._lock:
            self.requests.append(request)
        return self._engine.generate(request)  # type: ignore[no-any-return]

    def prompts(self) -> str:
        return "\n".join(m.content for r in self.requests for m in r.messages)


def build(settings: Settings) -> tuple[Flask, RecordingEngine]:
    from backend import create_app
    from backend.engine.local import LocalOnnxEngine

    engine = RecordingEngine(LocalOnnxEngine(settings.socket_path, settings.model_path))
    return create_app(settings, engine=engine), engine  # type: ignore[arg-type]


@pytest.fixture
def recorded(settings: Settings, engine_thread: EngineThread) -> tuple[Flask, RecordingEngine]:
    return build(settings)


@pytest.fixture
def rclient(recorded: tuple[Flask, RecordingEngine]) -> FlaskClient:
    return recorded[0].test_client()


@pytest.fixture
def rauth(recorded: tuple[Flask, RecordingEngine]) -> dict[str, str]:
    return {"Authorization": f"Bearer {recorded[0].extensions['kollega.auth'].dev_tokens.issue('Testare')}"}


def at(text: str, value: str) -> dict[str, int]:
    start = text.index(value)
    return {"start": start, "end": start + len(value)}


def test_redact_preview_applies_mask_and_unmask(rclient: FlaskClient, rauth: dict[str, str]) -> None:
    plain = rclient.post("/api/v1/redact", json={"text": TEXT}, headers=rauth).get_json()
    assert CANARY in plain["redacted"] and PHONE not in plain["redacted"]
    phone = next(e for e in plain["entities"] if e["type"] == "PHONE")
    body = {"text": TEXT, "mask": [{**at(TEXT, CANARY), "type": "OTHER"}],
            "unmask": [{"start": phone["start"], "end": phone["end"]}]}
    corrected = rclient.post("/api/v1/redact", json=body, headers=rauth).get_json()
    assert CANARY not in corrected["redacted"].casefold()
    assert PHONE in corrected["redacted"]
    others = [e for e in corrected["entities"] if e["type"] == "OTHER"]
    assert len(others) == 3 and {e["placeholder"] for e in others} == {"[OTHER_1]"}  # every mention
    # Without a type the span is OTHER.
    untyped = rclient.post("/api/v1/redact", json={"text": TEXT, "mask": [at(TEXT, CANARY)]}, headers=rauth)
    assert {e["type"] for e in untyped.get_json()["entities"]} >= {"OTHER"}


@pytest.mark.parametrize("path,extra", [
    ("/api/v1/summarize", {"kind": "email", "length": "short"}),
    ("/api/v1/rewrite", {"goal": "plain"}),
    ("/api/v1/rewrite", {"goal": "shorter"}),
])
def test_a_masked_span_never_reaches_the_engine_and_an_unmasked_one_does(
        recorded: tuple[Flask, RecordingEngine], rclient: FlaskClient, rauth: dict[str, str], path: str,
        extra: dict[str, str]) -> None:
    app, engine = recorded
    # Control: without corrections the canary reaches the model and the phone number does not.
    assert rclient.post(path, json={"text": TEXT, **extra}, headers=rauth).status_code == 200
    assert CANARY in engine.prompts() and PHONE not in engine.prompts()
    engine.requests.clear()

    phone = at(TEXT, PHONE)
    body = {"text": TEXT, **extra, "mask": [{**at(TEXT, CANARY), "type": "OTHER"}], "unmask": [phone]}
    response = rclient.post(path, json=body, headers={**rauth, "Accept": "text/event-stream"})
    assert response.status_code == 200, response.get_data(as_text=True)
    sent = engine.prompts()
    assert engine.requests and CANARY not in sent.casefold()
    assert "[OTHER_1]" in sent
    assert PHONE in sent
    meta = json.loads(response.get_data(as_text=True).split("\n\n")[0].split("data: ", 1)[1])
    assert meta["redactions"].get("OTHER") == 3 and "PHONE" not in meta["redactions"]
    record = app.extensions["kollega"].audit.recent(1)[0]
    assert record.corrections == {"mask": {"OTHER": 1}, "unmask": {"PHONE": 1}}


def test_draft_corrections_name_the_field_they_index(recorded: tuple[Flask, RecordingEngine],
                                                     rclient: FlaskClient, rauth: dict[str, str]) -> None:
    _, engine = recorded
    instruction = f"Svara om {CANARY} och tacka Zorbax."
    body = {
        "instruction": instruction, "context": TEXT, "length": "short",
        # Default field: the context.
        "mask": [at(TEXT, CANARY), {**at(instruction, "Zorbax"), "type": "PERSON", "field": "instruction"}],
    }
    response = rclient.post("/api/v1/draft", json=body, headers=rauth)
    assert response.status_code == 200, response.get_data(as_text=True)
    sent = engine.prompts()
    assert CANARY not in sent.casefold() and "Zorbax" not in sent
    assert "[PERSON_" in sent and "[OTHER_1]" in sent
    # Offsets into the wrong field are refused, naming the field.
    wrong = {"instruction": "Kort.", "context": TEXT, "mask": [{**at(TEXT, PHONE), "field": "instruction"}]}
    problem = assert_problem(rclient.post("/api/v1/draft", json=wrong, headers=rauth), 422, "validation")
    assert "instruction" in problem["errors"]["mask"][0]  # type: ignore[index]


@pytest.mark.parametrize("body,field", [
    ({"mask": [{"start": 0, "end": 10_000}]}, "mask"),
    ({"mask": [{"start": 5, "end": 5}]}, "mask"),
    ({"mask": [{"start": 4, "end": 5}]}, "mask"),  # a space only
    ({"mask": [{"start": 0, "end": 3, "type": "SECRET"}]}, "mask.0.type"),
    ({"mask": [{"start": "0", "end": 3}]}, "mask.0.start"),
    ({"mask": [{"start": 0}]}, "mask.0.end"),
    ({"mask": [{"start": 0, "end": 3, "colour": "red"}]}, "mask.0.colour"),
    ({"unmask": [{"start": -1, "end": 3}]}, "unmask.0.start"),
    ({"mask": [{"start": 0, "end": 3}], "unmask": [{"start": 2, "end": 9}]}, "unmask"),
    ({"mask": [{"start": 0, "end": 3}] * 201}, "mask"),
    ({"mask": {"start": 0, "end": 3}}, "mask"),
])
def test_bad_corrections_are_422_with_field_errors(client: FlaskClient, auth: dict[str, str],
                                                   body: dict[str, Any], field: str) -> None:
    for path, base in (("/api/v1/redact", {}), ("/api/v1/summarize", {}), ("/api/v1/rewrite", {"goal": "formal"})):
        response = client.post(path, json={"text": TEXT, **base, **body}, headers=auth)
        problem = assert_problem(response, 422, "validation")
        assert field in problem["errors"], problem  # type: ignore[operator]
        assert CANARY not in response.get_data(as_text=True)  # positions only, never the text


def test_corrections_need_the_text_not_a_conversation(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/summarize", json={"conversation_id": "AAQk", "mask": [{"start": 0, "end": 3}]},
                           headers=auth)
    assert "mask" in assert_problem(response, 422, "validation")["errors"]  # type: ignore[operator]


def test_the_organisation_can_switch_unmasking_off(settings: Settings, engine_thread: EngineThread) -> None:
    app, engine = build(settings.replace(redaction_allow_unmask=False))
    client = app.test_client()
    auth = {"Authorization": f"Bearer {app.extensions['kollega.auth'].dev_tokens.issue('Testare')}"}
    assert client.get("/api/v1/auth/config").get_json()["redaction"] == {"allow_unmask": False}
    phone = at(TEXT, PHONE)
    for path, extra in (("/api/v1/redact", {}), ("/api/v1/summarize", {}), ("/api/v1/rewrite", {"goal": "formal"})):
        response = client.post(path, json={"text": TEXT, **extra, "unmask": [phone]}, headers=auth)
        assert "KOLLEGA" not in assert_problem(response, 403, "unmask_not_allowed")["detail"]  # type: ignore[operator]
    draft = {"instruction": "Svara.", "context": TEXT, "unmask": [phone]}
    assert_problem(client.post("/api/v1/draft", json=draft, headers=auth), 403, "unmask_not_allowed")
    assert engine.requests == []  # refused before anything reached the model
    # Masking more is still allowed, and an empty unmask list is no unmasking.
    body = {"text": TEXT, "mask": [at(TEXT, CANARY)], "unmask": []}
    assert client.post("/api/v1/summarize", json=body, headers=auth).status_code == 200
    assert CANARY not in engine.prompts().casefold()


def test_auth_config_allows_unmasking_by_default(client: FlaskClient) -> None:
    assert client.get("/api/v1/auth/config").get_json()["redaction"] == {"allow_unmask": True}


def test_the_openapi_document_describes_the_corrections(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    for name in ("SummarizeRequest", "RewriteRequest", "RedactRequest", "DraftRequest"):
        assert {"mask", "unmask"} <= set(schemas[name]["properties"]), name
    draft_mask = schemas["DraftMaskSpan"]["properties"]
    assert draft_mask["field"]["enum"] == ["instruction", "context"]
    assert "OTHER" in schemas["MaskSpan"]["properties"]["type"]["enum"]
    assert "403" in spec["paths"]["/api/v1/redact"]["post"]["responses"]


def test_no_corrected_value_reaches_logs_metrics_or_audit(recorded: tuple[Flask, RecordingEngine],
                                                          rclient: FlaskClient, rauth: dict[str, str],
                                                          caplog: pytest.LogCaptureFixture) -> None:
    app, _ = recorded
    caplog.set_level(logging.DEBUG)
    phone = at(TEXT, PHONE)
    mask = [{**at(TEXT, CANARY), "type": "OTHER"}, {**at(TEXT, "Anna Svensson"), "type": "PERSON"}]
    calls = [
        ("/api/v1/redact", {"text": TEXT, "mask": mask, "unmask": [phone]}),
        ("/api/v1/summarize", {"text": TEXT, "mask": mask, "unmask": [phone]}),
        ("/api/v1/draft", {"instruction": "Svara kort.", "context": TEXT, "mask": mask, "unmask": [phone]}),
        ("/api/v1/rewrite", {"text": TEXT, "goal": "plain", "mask": mask, "unmask": [phone]}),
        # Refused ones carry the values too.
        ("/api/v1/redact", {"text": TEXT, "mask": [{"start": 0, "end": 10_000}], "unmask": [phone]}),
    ]
    for path, body in calls:
        rclient.post(path, json=body, headers=rauth)
    metrics = rclient.get("/metrics").get_data(as_text=True)
    assert 'kollega_redaction_corrections_total{action="mask",feature="summarize",type="OTHER"}' in metrics
    assert 'kollega_redaction_corrections_total{action="unmask",feature="redact",type="PHONE"}' in metrics
    records = app.extensions["kollega"].audit.recent()
    assert len(records) == 4
    assert all(r.corrections == {"mask": {"OTHER": 1, "PERSON": 1}, "unmask": {"PHONE": 1}} for r in records)
    stored = repr([{c.name: getattr(r, c.name) for c in r.__table__.columns} for r in records])
    logged = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    assert "POST /api/v1/summarize 200" in logged  # the log is real and was captured
    for value in (CANARY, "Anna Svensson", PHONE):
        for where, text in (("logs", logged), ("metrics", metrics), ("audit", stored)):
            assert value.casefold() not in text.casefold(), f"{value!r} in {where}"
