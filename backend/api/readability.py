"""Readability (LIX and klarspråk findings), without the language model."""

from __future__ import annotations

import json

from flask import Blueprint, Response

from backend import readability as analysis
from backend.api.context import services
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.schemas import ReadabilityRequest

bp = Blueprint("readability", __name__, url_prefix="/api/v1")


@bp.post("/readability")
@require_auth
def readability() -> Response:
    data = parse_body(ReadabilityRequest)
    job = new_job("readability", data)
    report = analysis.analyze(data["text"])
    services().pipeline.record(job, "completed")
    return Response(json.dumps(report.to_json(), ensure_ascii=False), mimetype="application/json")
