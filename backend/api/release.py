"""Preparing a document for public release: what may need masking, with reasons and OSL provisions.

Suggestions for the case officer, never decisions. No language model: the redactor's personal data
and the word lists of backend/release. Neither the text nor any finding's value is logged or audited.
"""

from __future__ import annotations

import json
import logging
from collections import Counter

from flask import Blueprint, Response, current_app
from flask.blueprints import BlueprintSetupState

from backend.api.context import services
from backend.api.jobs import new_job
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.release import ProvisionsError, ReleaseReviewer, load_provisions
from backend.release.provisions import OVERRIDE_NAME
from backend.schemas import ReleaseReviewRequest
from backend.settings import ConfigError

bp = Blueprint("release", __name__, url_prefix="/api/v1")
log = logging.getLogger("kollega.release")
EXTENSION = "kollega.release"


@bp.record_once
def _load_reviewer(state: BlueprintSetupState) -> None:
    """Word lists and the provisions table once, at start-up; a broken table stops it with a message."""
    settings = state.app.config["KOLLEGA"]
    try:
        provisions = load_provisions(settings.instance_path)
    except ProvisionsError as exc:
        raise ConfigError(
            f"{settings.instance_path / OVERRIDE_NAME}", str(exc),
            "Correct that line (area, category and provision separated by tabs), or remove the file to use "
            "the table Kollega ships",
        ) from None
    state.app.extensions[EXTENSION] = ReleaseReviewer(provisions)


@bp.post("/release/review")
@require_auth
def review() -> Response:
    data = parse_body(ReleaseReviewRequest)
    job = new_job("release_review", data)
    reviewer: ReleaseReviewer = current_app.extensions[EXTENSION]
    entities = services().redactor.redact(data["text"]).entities  # its errors: backend/api/errors.py
    findings = reviewer.review(data["text"], data["area"], entities)
    # Counts per type only, like the redaction preview: the audit record never holds a value.
    services().pipeline.record(job, "completed", dict(Counter(f.type for f in findings)))
    body = {"findings": [f.to_json() for f in findings]}
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
