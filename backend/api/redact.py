"""The redaction preview: what will be masked before anything reaches the model."""

from __future__ import annotations

import json
import logging

from flask import Blueprint, Response

from backend.api.context import services
from backend.api.generate import new_job
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.problems import Problem
from backend.schemas import RedactRequest

bp = Blueprint("redact", __name__, url_prefix="/api/v1")
log = logging.getLogger("kollega.redaction")


@bp.post("/redact")
@require_auth
def redact() -> Response:
    from backend.redaction import InvalidText, RedactionError

    data = parse_body(RedactRequest)
    job = new_job("redact", data)
    session = services().redactor.session()
    try:
        result = session.redact(data["text"], job.corrections.get("text"))
    except InvalidText as exc:
        raise Problem(422, "validation", str(exc)) from None
    except RedactionError:
        log.error("redaction preview failed")
        raise Problem(500, "redaction_failed", "Personal data could not be detected in this text.") from None
    services().pipeline.record(job, "completed", result.counts(), session.correction_counts())
    return Response(json.dumps(result.to_json(), ensure_ascii=False), mimetype="application/json")
