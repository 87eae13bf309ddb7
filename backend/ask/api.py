"""POST /api/v1/ask: authenticate, validate, read the thread if asked to, then hand over to the pipeline."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g

from backend.api.context import services
from backend.api.generate import new_job
from backend.api.parsing import parse_body
from backend.api.streaming import json_response, sse_response, wants_event_stream
from backend.ask.schemas import AskRequest
from backend.auth import require_auth
from backend.problems import Problem

bp = Blueprint("ask", __name__, url_prefix="/api/v1")


@bp.post("/ask")
@require_auth
def ask() -> Response:
    data = parse_body(AskRequest)
    job = new_job("ask", data, ("language",))
    if "conversation_id" in data:
        from backend.api.thread import read_conversation

        data["text"] = read_conversation(g.principal, data["conversation_id"], data["language"], data.get("mailbox"))
    try:
        stream = services().pipeline.ask(job, data["text"], data["question"])
    except Problem as problem:
        services().pipeline.reject(job, problem)
        raise
    if wants_event_stream():
        return sse_response(stream, services().settings.sse_flush_interval_s)
    return json_response(stream)


def openapi_paths(document: Any, generation: Any) -> None:
    """The ask path and its schemas in the OpenAPI document (backend/api/openapi.py calls this)."""
    from backend.ask import schemas

    document.components.schema("AskResponse", schema=schemas.AskResponse)  # CitationOut comes with it
    # AskRequest's validates_schema rule, as for SummarizeRequest: text or conversation_id.
    one_source = {"oneOf": [{"required": ["text"], "not": {"required": ["mailbox"]}},
                            {"required": ["conversation_id"]}]}
    document.components.schema("AskRequest", one_source, schema=schemas.AskRequest)
    operations = generation("Ask a question about a text or an Outlook thread; the answer cites its sources",
                            "AskRequest", "404")
    ok = operations["post"]["responses"]["200"]
    ok["description"] = ("The answer. With Accept: text/event-stream, Server-Sent Events: meta, delta, citations "
                         "(the checked sources), then done or error.")
    ok["content"]["application/json"] = {"schema": "AskResponse"}
    document.path("/api/v1/ask", operations=operations)
