"""Cross-cutting HTTP behaviour: request logging and metrics, security headers, CORS."""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

from backend.metrics import HTTP_LATENCY, HTTP_REQUESTS
from backend.settings import Settings

log = logging.getLogger("kollega.http")


def init_app(app: Flask, settings: Settings) -> None:
    @app.before_request
    def _start_timer() -> None:
        g.started = time.monotonic()

    @app.after_request
    def _finish(response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        elapsed = time.monotonic() - g.get("started", time.monotonic())
        HTTP_REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
        HTTP_LATENCY.labels(endpoint).observe(elapsed)
        if endpoint not in ("/healthz", "/metrics"):
            # The route pattern, never the query string (it could carry a token) and never a body.
            log.info("%s %s %d %.0fms", request.method, endpoint, response.status_code, elapsed * 1000)
        if response.mimetype in ("application/json", "application/problem+json", "text/event-stream"):
            response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        origin = request.headers.get("Origin")
        if origin and origin in settings.cors_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Accept, X-Kollega-Host"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Vary"] = "Origin"
        return response
