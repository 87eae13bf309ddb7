"""Summarise, draft and rewrite: authenticate, validate, then hand over to the pipeline."""

from __future__ import annotations

from flask import Blueprint, Response, g

from backend.api.context import services
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.api.streaming import respond
from backend.auth import require_auth
from backend.problems import Problem
from backend.schemas import DraftRequest, RewriteRequest, SummarizeRequest
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
    return respond(services().pipeline.summarize(job, data["text"]))


@bp.post("/draft")
@require_auth
def draft() -> Response:
    data = parse_body(DraftRequest)
    apply_template("draft", data)
    _check_length(data, "instruction")
    job = new_job("draft", data, ("tone", "length", "language"))
    return respond(services().pipeline.draft(job, data["instruction"], data["context"]))


@bp.post("/rewrite")
@require_auth
def rewrite() -> Response:
    data = parse_body(RewriteRequest)
    apply_template("rewrite", data)
    _check_length(data, "template_instruction")
    job = new_job("rewrite", data, ("goal", "language"))
    job.options["instruction"] = data.get("template_instruction", "")
    return respond(services().pipeline.rewrite(job, data["text"]))


def _check_length(data: dict[str, object], name: str) -> None:
    # A filled template can outgrow what parse_body checked; the same limit and answer apply.
    limit = services().settings.max_text_chars
    value = data.get(name)
    if isinstance(value, str) and len(value) > limit:
        raise Problem(422, "text_too_long", f"The text is longer than this server accepts ({limit:,} characters "
                      "per field).", errors={name: [f"{len(value):,} characters; the limit is {limit:,}."]},
                      limit=limit)
