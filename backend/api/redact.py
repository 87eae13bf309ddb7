"""The redaction preview: what will be masked before anything reaches the model."""

from __future__ import annotations

import json

from flask import Blueprint, Response

from backend.api.context import services
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.schemas import RedactRequest

bp = Blueprint("redact", __name__, url_prefix="/api/v1")


@bp.post("/redact")
@require_auth
def redact() -> Response:
    data = parse_body(RedactRequest)
    result = services().pipeline.preview(new_job("redact", data), data["text"])
    return Response(json.dumps(result.to_json(), ensure_ascii=False), mimetype="application/json")
