"""POST /api/v1/translate: authenticate, validate, then hand over to the pipeline."""

from __future__ import annotations

from flask import Blueprint, Response

from backend.api.context import services
from backend.api.generate import _answer, new_job
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.translation.schemas import TranslateRequest

bp = Blueprint("translate", __name__, url_prefix="/api/v1")


@bp.post("/translate")
@require_auth
def translate() -> Response:
    data = parse_body(TranslateRequest)
    job = new_job("translate", data, ("target", "source", "language"))
    return _answer(job, lambda: services().pipeline.translate(job, data["text"]))
