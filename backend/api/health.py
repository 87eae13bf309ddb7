"""Health, readiness and metrics: the only endpoints that need no token."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from backend import metrics
from backend.api.context import services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    # Alive means this worker answers. It must not wait on the engine, which may be busy for seconds.
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    engine = services().engine.status()
    store = services().audit.ping()
    ready = engine.ready and store
    body = {
        "ready": ready,
        "engine": {"ready": engine.ready, "detail": engine.detail, "queue_depth": engine.queue_depth},
        "store": {"ready": store},
    }
    settings = services().settings
    if not settings.engine_url:
        from backend.models.demo import served_model

        # Names the imported model (no text, nothing personal), so the playground can say what it runs.
        body["model"] = served_model(settings.model_path)
    response = jsonify(body)
    if not ready:
        response.headers["Retry-After"] = "5"
    return response, 200 if ready else 503


@bp.get("/metrics")
def prometheus() -> Response:
    return Response(metrics.render(services().engine), mimetype="text/plain; version=0.0.4")
