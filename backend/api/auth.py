"""How the task pane signs in: the mode and, in dev mode only, a local token."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from backend.api.context import services
from backend.api.parsing import parse_body
from backend.auth import authenticator
from backend.auth.dev import TOKEN_LIFETIME_S
from backend.loopback import is_loopback
from backend.problems import Problem
from backend.schemas import DevTokenRequest

bp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")


@bp.get("/config")
def config() -> Response:
    settings = services().settings
    # What the pane offers besides sign-in: the unmark control only where the organisation allows it.
    redaction = {"allow_unmask": settings.redaction_allow_unmask}
    if settings.auth_mode == "dev":
        return jsonify(mode="dev", client_id=None, scope=None, authority=None, redaction=redaction)
    client_id = settings.entra_client_id
    tenant = settings.entra_tenant_ids[0] if len(settings.entra_tenant_ids) == 1 else "organizations"
    return jsonify(
        mode="entra",
        client_id=client_id,
        scope=f"api://{client_id}/access_as_user",
        authority=f"{settings.entra_authority_host}/{tenant}",
        redaction=redaction,
    )


@bp.post("/dev-token")
def dev_token() -> Response:
    settings = services().settings
    if settings.auth_mode != "dev":
        raise Problem(404, "not_found", "There is no such endpoint. See /api/v1/openapi.json.")
    # Dev mode binds to loopback only; refuse a request that reached us some other way all the same.
    if not is_loopback(request.remote_addr or ""):
        raise Problem(403, "forbidden", "Dev tokens are only handed out to this machine.")
    data = parse_body(DevTokenRequest) if request.content_length else {"name": "Demo"}
    # The admin role only when whoever started this server said so (KOLLEGA_DEV_ADMIN); a request cannot ask.
    roles = (settings.entra_admin_role,) if settings.dev_admin else ()
    token = authenticator().dev_tokens.issue(data["name"], roles=roles)
    return jsonify(access_token=token, token_type="Bearer", expires_in=TOKEN_LIFETIME_S)
