"""POST /api/v1/translate through the Flask app with a scripted engine: validation as problem+json naming
the field, the SSE events of a lättläst revision, the JSON answer, the shared generate quota, the OpenAPI
document, and canaries: no text in the audit store, the metrics or the logs."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from prometheus_client import generate_latest

from backend.settings import load_settings
from tests.translation.scripted import RoundsEngine
from tests.translation.test_translate_pipeline import CLEAN, HARD_DRAFT, pieces


def make_app(folder: Path, engine: RoundsEngine, **env: str) -> Flask:
    from backend import create_app

    settings = load_settings({
        "KOLLEGA_AUTH_MODE": "dev",
        "KOLLEGA_INSTANCE_PATH": str(folder / "instance"),
        "KOLLEGA_MODEL_PATH": str(folder / "no-model"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-translate-{time.monotonic_ns()}.sock",
        "KOLLEGA_SSE_FLUSH_INTERVAL": "0",
        **env,
    })
    return create_app(settings, engine=engine)  # type: ignore[arg-type]


def bearer(app: Flask) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['kollega.auth'].dev_tokens.issue('Testare')}"}


def events_of(body: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines["event"], json.loads(lines["data"])))
    return found


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"text": "Hej.", "target": "xx"}, "target", "Not a language to translate to"),
    ({"text": "Hej.", "target": "SV"}, "target", "lower case"),
    ({"text": "Hej.", "target": "sv-LATTLAST"}, "target", "sv-lattlast"),
    ({"text": "Hej.", "target": "swedish"}, "target", "ISO 639-1"),
    ({"text": "Hej."}, "target", "Missing data"),
    ({"text": "Hej.", "target": "en", "source": "sv-lattlast"}, "source", "Not an ISO 639-1 language code"),
    ({"text": "Hej.", "target": "en", "source": "EN"}, "source", "two-letter code"),
    ({"text": "Hej.", "target": "sv", "source": "sv"}, "target", "already in this language"),
    ({"text": "Hej.", "target": "en", "language": "fi"}, "language", "Must be one of"),
    ({"text": "  ", "target": "en"}, "text", "empty"),
])
def test_bad_codes_are_problem_json_naming_the_field(tmp_path: Path, body: dict[str, Any], field: str,
                                                      words: str) -> None:
    engine = RoundsEngine([["Hi."]])
    app = make_app(tmp_path, engine)
    response = app.test_client().post("/api/v1/translate", json=body, headers=bearer(app))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == "validation" and list(problem["errors"]) == [field]
    assert words in " ".join(problem["errors"][field])
    assert engine.requests == []  # nothing reached the model


def test_every_iso_code_and_lattlast_is_accepted(tmp_path: Path) -> None:
    from backend.translation.targets import iso_codes

    app = make_app(tmp_path, RoundsEngine([["Ok."]]), KOLLEGA_RATE_LIMIT_GENERATE="1000/minute")
    client, auth = app.test_client(), bearer(app)
    for target in ("en", "sv", "fi", "ar", "so", "uk", "se", "zh"):
        response = client.post("/api/v1/translate", json={"text": "Hej på dig.", "target": target}, headers=auth)
        assert response.status_code == 200, (target, response.get_json())
    assert len(iso_codes()) == 184 and {"sv", "en", "fi", "se", "so"} <= iso_codes()


def test_lattlast_streams_the_draft_then_a_revision(tmp_path: Path) -> None:
    engine = RoundsEngine([pieces(HARD_DRAFT), pieces(CLEAN)])
    app = make_app(tmp_path, engine)
    response = app.test_client().post("/api/v1/translate", json={"text": HARD_DRAFT, "target": "sv-lattlast",
                                                                  "source": "sv"},
                                      headers={**bearer(app), "Accept": "text/event-stream"})
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    events = events_of(response.get_data(as_text=True))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done" and names.count("revision") == 1
    at = names.index("revision")
    assert "".join(data["text"] for name, data in events[:at] if name == "delta") == HARD_DRAFT
    assert "".join(data["text"] for name, data in events[at:] if name == "delta") == CLEAN
    revision = events[at][1]
    assert revision["round"] == 1 and revision["findings"] > 0 and revision["readability"]["lix"] > 0
    done = events[-1][1]
    assert done["readability"]["revised"] is True
    assert done["readability"]["before"] == revision["readability"]
    assert done["readability"]["after"]["findings"] == 0
    assert done["readability"]["source"]["findings"] > 0
    assert done["placeholders"] == {"sent": 0, "kept": 0}
    assert set(done["usage"]) == {"prompt_tokens", "completion_tokens"}


def test_json_answer_is_the_revised_text_with_the_figures(tmp_path: Path) -> None:
    app = make_app(tmp_path, RoundsEngine([pieces(HARD_DRAFT), pieces(CLEAN)]))
    response = app.test_client().post("/api/v1/translate", json={"text": HARD_DRAFT, "target": "sv-lattlast"},
                                      headers=bearer(app))
    assert response.status_code == 200
    body = response.get_json()
    assert body["text"] == CLEAN and body["finish_reason"] == "stop"
    assert body["readability"]["revised"] is True and body["readability"]["source"] is None
    assert body["readability"]["before"]["findings"] > body["readability"]["after"]["findings"] == 0


def test_translation_json_restores_the_values(tmp_path: Path) -> None:
    engine = RoundsEngine([[]])
    app = make_app(tmp_path, engine)
    text = "Hej! Du kan ringa Anna Svensson på 070-123 45 67."
    preview = app.test_client().post("/api/v1/redact", json={"text": text}, headers=bearer(app)).get_json()
    person, phone = (entity["placeholder"] for entity in preview["entities"])
    engine.answers = [pieces(f"Hi! You can call {person} on {phone}.", 3)]
    body = app.test_client().post("/api/v1/translate", json={"text": text, "target": "en"},
                                  headers=bearer(app)).get_json()
    assert body["text"] == "Hi! You can call Anna Svensson on 070-123 45 67."
    assert body["placeholders"] == {"sent": 2, "kept": 2} and "readability" not in body
    assert sum(body["redactions"].values()) == 2


def test_translate_shares_the_generate_quota(tmp_path: Path) -> None:
    app = make_app(tmp_path, RoundsEngine([["Hi."]]), KOLLEGA_RATE_LIMIT_GENERATE="2/minute")
    client, auth = app.test_client(), bearer(app)
    assert client.post("/api/v1/rewrite", json={"text": "Hej.", "goal": "shorter"}, headers=auth).status_code == 200
    assert client.post("/api/v1/translate", json={"text": "Hej.", "target": "en"}, headers=auth).status_code == 200
    refused = client.post("/api/v1/translate", json={"text": "Hej.", "target": "en"}, headers=auth)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert client.post("/api/v1/redact", json={"text": "Hej."}, headers=auth).status_code == 200


def test_openapi_describes_translate_and_the_revision_event(tmp_path: Path) -> None:
    app = make_app(tmp_path, RoundsEngine([["Hi."]]))
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    post = document["paths"]["/api/v1/translate"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/TranslateRequest")
    assert post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/TranslateResponse")
    assert {"422", "429", "503"} <= set(post["responses"])
    request = document["components"]["schemas"]["TranslateRequest"]
    assert set(request["required"]) == {"text", "target"}
    assert "sv-lattlast" in request["properties"]["target"]["enum"] and "fi" in request["properties"]["target"]["enum"]
    assert "revision" in document["components"]["schemas"]["ServerSentEvent"]["properties"]["event"]["enum"]
    response = document["components"]["schemas"]["TranslateResponse"]["properties"]
    assert {"placeholders", "readability", "text"} <= set(response)


CANARY = "Kanariemening-translate-5c1d"
NAME = "Kanarie Fågelsson"


def test_no_text_reaches_audit_metrics_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A lättläst request with a revise round: the canary and the name are in the prompts and the answer only."""
    text = f"Handläggaren {NAME} skriver: {CANARY}. " + HARD_DRAFT
    engine = RoundsEngine([[]])
    app = make_app(tmp_path, engine, KOLLEGA_LOG_LEVEL="debug")
    client, auth = app.test_client(), bearer(app)
    person = client.post("/api/v1/redact", json={"text": text}, headers=auth).get_json()["entities"][0]["placeholder"]
    draft = f"{person} skriver: {CANARY}. {HARD_DRAFT}"
    engine.answers = [pieces(draft), pieces(f"{person} skriver: {CANARY}. {CLEAN}")]
    caplog.set_level(logging.DEBUG)
    answers = []
    for headers in (auth, {**auth, "Accept": "text/event-stream"}):
        response = client.post("/api/v1/translate", json={"text": text, "target": "sv-lattlast", "source": "sv"},
                               headers=headers)
        assert response.status_code == 200
        answers.append(response.get_data(as_text=True))
    bad = client.post("/api/v1/translate", json={"text": text, "target": CANARY}, headers=auth)
    assert bad.status_code == 422 and "Kanarie" not in bad.get_data(as_text=True)  # the answer echoes nothing
    assert len(engine.requests) == 4  # two requests, each with its revise round
    assert NAME not in engine.sent(1) and CANARY in engine.sent(1)  # the revise round: masked draft quoted
    streamed = events_of(answers[1])
    shown = "".join(data["text"] for name, data in streamed[[n for n, _ in streamed].index("revision"):]
                    if name == "delta")
    assert NAME in json.loads(answers[0])["text"] and NAME in shown  # the user gets the text back
    # Only counts and figures travel beside the text: the readability object holds no words of it.
    body = json.loads(answers[0])
    for key in ("readability", "placeholders", "usage", "redactions"):
        assert CANARY not in json.dumps(body[key]) and "Fågelsson" not in json.dumps(body[key])
    database = Path(app.extensions["kollega"].settings.instance_path) / "kollega.db"
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT feature, outcome FROM audit_records").fetchall()
        everything = repr(db.execute("SELECT * FROM audit_records").fetchall())
    assert rows.count(("translate", "completed")) == 2
    stored = b"".join(p.read_bytes() for p in database.parent.glob("kollega.db*") if p.is_file())
    metrics = generate_latest().decode()
    assert 'kollega_generations_total{feature="translate",outcome="completed"}' in metrics
    logs = "\n".join(record.getMessage() for record in caplog.records)
    for value in (CANARY, NAME, "Fågelsson"):
        assert value not in everything and value.encode() not in stored
        assert value not in metrics
        assert value not in logs
