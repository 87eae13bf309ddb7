"""Kollega as an OpenAI-compatible gateway that masks personal data: /v1/chat/completions and /v1/models.

Other tools in the organisation (Open WebUI, Eneo through LiteLLM) point their OpenAI base URL at
`https://kollega.example/v1` with a Kollega token as the API key. Every message is redacted before the
engine, and the answer restored, exactly as for the task pane.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, request, stream_with_context
from marshmallow import ValidationError

from backend.api.context import services
from backend.api.errors import problem_for
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.api.streaming import ClientGone, client_gone_check, collect
from backend.auth import require_auth
from backend.engine import EngineError
from backend.generation.errors import REFUSALS, GenerationError
from backend.generation.events import Delta, Done, Failed, Idle
from backend.generation.stream import GenerationStream
from backend.problems import Problem
from backend.redaction.errors import RedactionError
from backend.schemas import ChatCompletionRequest, ChatContentPart, UserText

bp = Blueprint("gateway", __name__, url_prefix="/v1")


def model_name() -> str:
    return services().settings.engine_model or "kollega"


@bp.get("/models")
@require_auth
def models() -> Response:
    listing = {"object": "list", "data": [{"id": model_name(), "object": "model", "created": 0,
                                            "owned_by": "kollega"}]}
    return Response(json.dumps(listing), mimetype="application/json")


@bp.post("/chat/completions")
@require_auth
def chat_completions() -> Response:
    data = parse_body(ChatCompletionRequest)
    messages = [(m["role"] if m["role"] != "developer" else "system", _text(m["content"], i))
                for i, m in enumerate(data["messages"])]
    job = new_job("gateway", data)
    max_tokens = data["max_completion_tokens"] or data["max_tokens"]
    stream = services().pipeline.chat(job, messages, max_tokens, data["temperature"])
    completion_id = f"chatcmpl-{stream.meta.request_id}"
    if data["stream"]:
        include_usage = bool((data["stream_options"] or {}).get("include_usage"))
        body = stream_with_context(_chunks(stream, completion_id, include_usage))
        response = Response(body, mimetype="text/event-stream")
        response.headers["X-Accel-Buffering"] = "no"
        return response
    return _complete(stream, completion_id)


@bp.errorhandler(GenerationError)
@bp.errorhandler(EngineError)
@bp.errorhandler(RedactionError)
def _refused(error: Exception) -> Response:
    assert isinstance(error, REFUSALS)
    return _openai_shaped(problem_for(error)).response()


def _text(content: Any, index: int) -> str:
    """A message's content as text: a string, or a list of text parts."""
    field = UserText()
    try:
        if isinstance(content, str):
            return str(field.deserialize(content))
        if isinstance(content, list):
            parts = ChatContentPart(many=True).load(content)
            return "\n".join(part["text"] for part in parts)
    except ValidationError as exc:
        raise Problem(422, "validation", "A message's content is invalid.",
                      errors={f"messages.{index}.content": [str(exc.messages)]}) from None
    raise Problem(422, "validation", "A message's content must be text.",
                  errors={f"messages.{index}.content": ["Expected a string or a list of text parts."]})


def _openai_shaped(problem: Problem) -> Problem:
    # OpenAI clients read {"error": {...}}; problem+json keeps its own fields beside it.
    problem.extra["error"] = {"message": problem.detail, "type": problem.code, "code": problem.code}
    return problem


def _complete(stream: GenerationStream, completion_id: str) -> Response:
    try:
        text, done = collect(stream)
    except ClientGone:
        return Response(status=499)
    except Problem as problem:
        raise _openai_shaped(problem) from None
    body = {
        "id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": model_name(),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                     "finish_reason": done.finish_reason}],
        "usage": _usage(done),
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


def _chunks(stream: GenerationStream, completion_id: str, include_usage: bool) -> Iterator[bytes]:
    gone = client_gone_check(request.environ)
    created = int(time.time())

    def chunk(delta: dict[str, str], finish: str | None = None) -> bytes:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model_name(),
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()

    with stream:  # a client that went away cancels its generation here
        yield chunk({"role": "assistant", "content": ""})
        for event in stream:
            if isinstance(event, Idle):
                if gone():
                    return
            elif isinstance(event, Delta):
                yield chunk({"content": event.text})
            elif isinstance(event, Failed):
                error = _openai_shaped(problem_for(event.error)).to_json()
                yield f"data: {json.dumps(error, ensure_ascii=False)}\n\n".encode()
                return
            elif isinstance(event, Done):
                yield chunk({}, event.finish_reason)
                if include_usage:
                    usage = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                             "model": model_name(), "choices": [], "usage": _usage(event)}
                    yield f"data: {json.dumps(usage)}\n\n".encode()
                yield b"data: [DONE]\n\n"
                return


def _usage(event: Done) -> dict[str, int]:
    return {"prompt_tokens": event.prompt_tokens, "completion_tokens": event.completion_tokens,
            "total_tokens": event.prompt_tokens + event.completion_tokens}

