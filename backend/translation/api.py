"""POST /api/v1/translate: authenticate, validate, then hand over to the pipeline."""

from __future__ import annotations

from flask import Blueprint, Response

from backend.api.context import services
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.api.streaming import respond
from backend.auth import require_auth
from backend.translation.schemas import TranslateRequest

bp = Blueprint("translate", __name__, url_prefix="/api/v1")


@bp.post("/translate")
@require_auth
def translate() -> Response:
    data = parse_body(TranslateRequest)
    job = new_job("translate", data, ("target",))
    # source and language are optional: a job's options hold only those the request gave.
    job.options.update({name: str(data[name]) for name in ("source", "language") if data.get(name)})
    return respond(services().pipeline.translate(job, data["text"]))
