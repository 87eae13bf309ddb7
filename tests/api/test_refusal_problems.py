"""backend/api/errors.py is the one place refusals become problem answers: status, code, Retry-After."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from backend.api.errors import problem_for
from backend.engine import (
    EngineBusy,
    EngineError,
    EngineEvent,
    EngineShuttingDown,
    EngineTimeout,
    EngineUnavailable,
    GenerationRequest,
    PromptTooLong,
)
from backend.generation.errors import NoAnswer, Refusal, TextTooLong
from backend.redaction import InvalidText, RedactionError
from backend.settings import Settings
from tests.fakes import ScriptedEngine


@pytest.mark.parametrize(("error", "status", "code", "retry_after"), [
    (EngineBusy("The queue is full.", retry_after=7), 503, "busy", "7"),
    (EngineUnavailable("Restarting."), 503, "engine_unavailable", "5"),
    (EngineShuttingDown("Stopping."), 503, "shutting_down", "5"),
    (EngineTimeout("Too slow."), 504, "timeout", None),
    (PromptTooLong("Too long."), 422, "text_too_long", None),
    (EngineError("Broken."), 500, "internal", None),
    (NoAnswer("Nothing came back.", retry_after=5), 503, "engine_unavailable", "5"),
    (TextTooLong("Too long for the model.", limit_tokens=4096), 422, "text_too_long", None),
    (InvalidText("The text has a lone surrogate at 3."), 422, "validation", None),
    (RedactionError("detection failed (ValueError)"), 500, "redaction_failed", None),
])
def test_each_refusal_has_one_problem(error: Refusal, status: int, code: str, retry_after: str | None) -> None:
    problem = problem_for(error)
    assert (problem.status, problem.code) == (status, code)
    assert problem.headers.get("Retry-After") == retry_after
    body = problem.to_json()
    assert body["status"] == status and body["code"] == code
    if retry_after:
        assert body["retry_after"] == int(retry_after)


def test_text_too_long_says_how_much_fits_and_redaction_failure_says_nothing_was_sent() -> None:
    assert problem_for(TextTooLong("x", limit_tokens=2048)).to_json()["limit_tokens"] == 2048
    assert "limit_tokens" not in problem_for(TextTooLong("x")).to_json()
    detail = problem_for(RedactionError("detection failed (KeyError)")).detail
    assert "nothing was sent" in detail and "KeyError" not in detail


class BusyEngine(ScriptedEngine):
    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        self.requests.append(request)
        raise EngineBusy("The queue is full.", retry_after=4)
        yield  # a generator, like the real engines: the refusal comes with the first event


@pytest.fixture
def busy_app(settings: Settings) -> Flask:
    from backend import create_app

    return create_app(settings, engine=BusyEngine([]))


def test_routes_answer_a_refusal_with_503_and_audit_it_once(busy_app: Flask) -> None:
    client = busy_app.test_client()
    auth = {"Authorization": f"Bearer {busy_app.extensions['kollega.auth'].dev_tokens.issue('Testare')}"}
    summary = client.post("/api/v1/summarize", json={"text": "Mötet flyttas.", "kind": "email"}, headers=auth)
    assert summary.status_code == 503 and summary.headers["Retry-After"] == "4"
    assert summary.mimetype == "application/problem+json" and summary.get_json()["code"] == "busy"
    chat = client.post("/v1/chat/completions", headers=auth,
                       json={"model": "kollega", "messages": [{"role": "user", "content": "Hej"}]})
    assert chat.status_code == 503 and chat.headers["Retry-After"] == "4"
    body = chat.get_json()
    assert body["code"] == "busy" and body["error"] == {"message": "The queue is full.", "type": "busy",
                                                        "code": "busy"}
    rows = busy_app.extensions["kollega"].audit.recent()
    assert sorted((r.feature, r.outcome) for r in rows) == [("gateway", "rejected:busy"),
                                                            ("summarize", "rejected:busy")]
