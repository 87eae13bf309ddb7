"""Health, readiness and metrics: the only endpoints that need no token.

Readiness tells anyone only ready or not (probes and load balancers need no more). Its details (the
engine, which may name a remote engine's URL, and the store) and the metrics go to the metrics network
(KOLLEGA_METRICS_ALLOW, loopback unless set) or, for readiness, to a signed-in administrator.
"""

from __future__ import annotations

import ipaddress

from flask import Blueprint, Response, jsonify, request

from backend import metrics
from backend.api.context import services
from backend.problems import Problem

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
    body: dict[str, object] = {"ready": ready}
    if from_metrics_network() or _is_admin():
        body["engine"] = {"ready": engine.ready, "detail": engine.detail, "queue_depth": engine.queue_depth}
        body["store"] = {"ready": store}
        settings = services().settings
        if not settings.engine_url:
            from backend.modelfiles.demo import served_model

            # Names the imported model (no text, nothing personal), so the playground can say what it runs.
            body["model"] = served_model(settings.model_path)
    response = jsonify(body)
    if not ready:
        response.headers["Retry-After"] = "5"
    return response, 200 if ready else 503


@bp.get("/metrics")
def prometheus() -> Response:
    if not from_metrics_network():
        raise Problem(403, "forbidden", "Metrics are for the monitoring network (KOLLEGA_METRICS_ALLOW).")
    return Response(metrics.render(services().engine, services().settings), mimetype="text/plain; version=0.0.4")


def from_metrics_network() -> bool:
    """Whether the client (as ProxyFix reads it behind KOLLEGA_TRUSTED_PROXIES proxies) is in the allow-list."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:  # ::ffff:127.0.0.1 on a dual-stack socket
        address = address.ipv4_mapped
    return any(address in ipaddress.ip_network(network) for network in services().settings.metrics_allow)


def _is_admin() -> bool:
    """A valid token with the admin role; any other token (or none) gets the public answer, never a 401."""
    if "Authorization" not in request.headers:
        return False
    from backend.auth import authenticated

    try:
        principal = authenticated()
    except Problem:
        return False
    return principal.has_role(services().settings.entra_admin_role)
