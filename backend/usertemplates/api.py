"""/api/v1/templates: list, create, read, update, delete, import and export; one audit record per call."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Blueprint, Response, current_app, g, request

from backend.api.context import services
from backend.api.parsing import parse_body
from backend.auth import require_auth
from backend.problems import Problem
from backend.usertemplates.schemas import FILE_FORMAT, FILE_VERSION, SCOPES, TemplateFile, TemplateIn
from backend.usertemplates.store import ORGANISATION, Caller, TemplateStore, to_file_entry, to_json

bp = Blueprint("templates", __name__, url_prefix="/api/v1/templates")
F = TypeVar("F", bound=Callable[..., Any])
# The audit's feature name for every call here; the record holds outcome and timing, never template text.
FEATURE = "templates"


def template_store() -> TemplateStore:
    """One store per app, on the audit store's engine (the same database and migrations)."""
    app = current_app
    store: TemplateStore | None = app.extensions.get("kollega.templates")
    if store is None:
        store = app.extensions["kollega.templates"] = TemplateStore(services().audit.engine, services().settings)
    return store


def caller() -> Caller:
    return Caller(g.principal, g.principal.has_role(services().settings.entra_admin_role))


def audited(view: F) -> F:
    """Write a metadata-only audit record for the call, refused or not (after sign-in)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        from backend.api.jobs import new_job

        job = new_job(FEATURE, {})
        try:
            response = view(*args, **kwargs)
        except Problem as problem:
            services().pipeline.record(job, f"rejected:{problem.code}")
            raise
        services().pipeline.record(job, "completed")
        return response

    return wrapped  # type: ignore[return-value]


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


@bp.get("")
@require_auth
@audited
def list_templates() -> Response:
    who, s = caller(), services().settings
    return _json({
        "templates": [to_json(t, who) for t in template_store().visible(who)],
        "can_manage_organisation": who.admin,
        "limits": {"per_user": s.template_max_per_user, "per_tenant": s.template_max_per_tenant,
                   "instruction_chars": s.template_max_instruction_chars,
                   "field_chars": s.template_max_field_chars, "fields": s.template_max_fields,
                   "import_bytes": s.template_import_max_bytes},
    })


@bp.post("")
@require_auth
@audited
def create_template() -> Response:
    data = parse_body(TemplateIn)
    who = caller()
    return _json(to_json(template_store().create(who, data), who), 201)


@bp.get("/<template_id>")
@require_auth
@audited
def get_template(template_id: str) -> Response:
    who = caller()
    return _json(to_json(template_store().get(who, template_id), who))


@bp.put("/<template_id>")
@require_auth
@audited
def update_template(template_id: str) -> Response:
    data = parse_body(TemplateIn)
    who = caller()
    return _json(to_json(template_store().update(who, template_id, data), who))


@bp.delete("/<template_id>")
@require_auth
@audited
def delete_template(template_id: str) -> Response:
    template_store().delete(caller(), template_id)
    return Response(status=204)


@bp.post("/import")
@require_auth
@audited
def import_templates() -> Response:
    scope = _scope()
    limit = services().settings.template_import_max_bytes
    # Read (and keep) the body once to measure it; parse_body then reads the cached bytes.
    if (request.content_length or 0) > limit or len(request.get_data()) > limit:
        raise Problem(413, "import_too_large", f"The import file is larger than {limit:,} bytes; split it.",
                      limit=limit)
    data = parse_body(TemplateFile)
    created, replaced = template_store().import_all(caller(), scope, data["templates"])
    return _json({"created": created, "replaced": replaced, "scope": scope})


@bp.get("/export")
@require_auth
@audited
def export_templates() -> Response:
    scope = _scope()
    who = caller()
    chosen = template_store().organisation(who) if scope == ORGANISATION else [
        t for t in template_store().visible(who) if t.scope == scope]
    body = {"format": FILE_FORMAT, "version": FILE_VERSION, "exported_at": datetime.now(UTC).isoformat(),
            "templates": [to_file_entry(t) for t in chosen]}
    response = _json(body)
    response.headers["Content-Disposition"] = f'attachment; filename="kollega-templates-{scope}.json"'
    return response


def _scope() -> str:
    """`scope` query parameter: organisation (the default) or personal; anything else is refused."""
    unknown = [name for name in request.args if name != "scope"]
    scope = request.args.get("scope", ORGANISATION)
    if unknown or scope not in SCOPES:
        raise Problem(422, "validation", "Use ?scope=organisation or ?scope=personal.",
                      errors={"scope": [f"One of: {', '.join(SCOPES)}."]})
    return scope
