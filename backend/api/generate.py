"""Summarise, draft and rewrite: authenticate, validate, then hand over to the pipeline."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, g, request

from backend.api.context import services
from backend.api.corrections import read_corrections
from backend.api.parsing import parse_body
from backend.api.streaming import json_response, sse_response, wants_event_stream
from backend.auth import require_auth
from backend.generation.pipeline import GenerationStream, Job
from backend.problems import Problem
from backend.schemas import HOSTS, DraftRequest, RewriteRequest, SummarizeRequest
from backend.usertemplates.use import apply_template

bp = Blueprint("generate", __name__, url_prefix="/api/v1")


@bp.post("/summarize")
@require_auth
def summarize() -> Response:
    data = parse_body(SummarizeRequest)
    job = new_job("summarize", data, ("kind", "length", "language"))
    if "conversation_id" in data:
        from backend.api.thread import read_conversation

        data["text"] = read_conversation(g.principal, data["conversation_id"], data["language"], data.get("mailbox"))
        job.options["kind"] = "thread"
    return _answer(job, lambda: services().pipeline.summarize(job, data["text"]))


@bp.post("/draft")
@require_auth
def draft() -> Response:
    data = parse_body(DraftRequest)
    apply_template("draft", data)
    _check_length(data, "instruction")
    job = new_job("draft", data, ("tone", "length", "language"))
    return _answer(job, lambda: services().pipeline.draft(job, data["instruction"], data["context"]))


@bp.post("/rewrite")
@require_auth
def rewrite() -> Response:
    data = parse_body(RewriteRequest)
    apply_template("rewrite", data)
    _check_length(data, "template_instruction")
    job = new_job("rewrite", data, ("goal", "language"))
    job.options["instruction"] = data.get("template_instruction", "")
    return _answer(job, lambda: services().pipeline.rewrite(job, data["text"]))


def _check_length(data: dict[str, object], name: str) -> None:
    # A filled template can outgrow what parse_body checked; the same limit and answer apply.
    limit = services().settings.max_text_chars
    value = data.get(name)
    if isinstance(value, str) and len(value) > limit:
        raise Problem(422, "text_too_long", f"The text is longer than this server accepts ({limit:,} characters "
                      "per field).", errors={name: [f"{len(value):,} characters; the limit is {limit:,}."]},
                      limit=limit)


def new_job(feature: str, data: dict[str, object], option_names: tuple[str, ...] = ()) -> Job:
    host = request.headers.get("X-Kollega-Host", "api")
    return Job(
        feature=feature,
        principal=g.principal,
        host=host if host in HOSTS else "api",
        options={name: data[name] for name in option_names},
        corrections=read_corrections(data),
    )


def _answer(job: Job, start: Callable[[], GenerationStream]) -> Response:
    try:
        stream = start()
    except Problem as problem:
        services().pipeline.reject(job, problem)
        raise
    if wants_event_stream():
        return sse_response(stream, services().settings.sse_flush_interval_s)
    return json_response(stream)
