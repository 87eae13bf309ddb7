"""/api/v1/templates on SQLite and a real PostgreSQL: CRUD, roles, tenants, limits, import and export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import AuditRecord
from tests.templates.conftest import OTHER_TENANT, bearer, template_app

STARTER = Path(__file__).resolve().parents[2] / "backend" / "usertemplates" / "starter_templates.json"
CANARY = "Kanarieinstruktion-5c1e"
TEMPLATE = {
    "name": "Svar om bygglov", "description": "Till medborgare", "task": "draft",
    "instruction": f"Svara {{namn}} om bygglov för {{fastighet}}. {CANARY} {{{{inte ett fält}}}} {{namn}}",
    "tone": "friendly", "length": "short", "language": "sv",
}


def post(client: FlaskClient, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=headers)


def put(client: FlaskClient, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.put(path, data=json.dumps(body), content_type="application/json", headers=headers)


def names(client: FlaskClient, headers: dict[str, str]) -> list[str]:
    response = client.get("/api/v1/templates", headers=headers)
    assert response.status_code == 200
    return sorted(t["name"] for t in response.get_json()["templates"])


def test_a_user_creates_reads_updates_and_deletes_their_own(app: Flask, client: FlaskClient) -> None:
    user = bearer(app, "anna")
    created = post(client, "/api/v1/templates", TEMPLATE, user)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["scope"] == "personal" and body["editable"] is True
    assert body["fields"] == ["namn", "fastighet"]  # in order, once each; {{...}} is literal text
    listed = client.get("/api/v1/templates", headers=user).get_json()
    assert [t["id"] for t in listed["templates"]] == [body["id"]]
    assert listed["can_manage_organisation"] is False
    assert listed["limits"]["per_user"] == 50

    changed = put(client, f"/api/v1/templates/{body['id']}", {**TEMPLATE, "instruction": "Skriv till {mottagare}."},
                  user)
    assert changed.status_code == 200
    assert client.get(f"/api/v1/templates/{body['id']}", headers=user).get_json()["fields"] == ["mottagare"]

    assert client.delete(f"/api/v1/templates/{body['id']}", headers=user).status_code == 204
    assert client.get(f"/api/v1/templates/{body['id']}", headers=user).status_code == 404
    assert names(client, user) == []


def test_organisation_templates_need_the_admin_role(app: Flask, client: FlaskClient) -> None:
    admin, user = bearer(app, "admin", admin=True), bearer(app, "bertil")
    refused = post(client, "/api/v1/templates", {**TEMPLATE, "scope": "organisation"}, user)
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"
    shared = post(client, "/api/v1/templates", {**TEMPLATE, "scope": "organisation"}, admin).get_json()
    seen = client.get("/api/v1/templates", headers=user).get_json()["templates"]
    assert [(t["id"], t["editable"]) for t in seen] == [(shared["id"], False)]
    # A user can neither change nor delete it; it stays as it was.
    assert put(client, f"/api/v1/templates/{shared['id']}", {**TEMPLATE, "name": "Ändrad"}, user).status_code == 403
    assert client.delete(f"/api/v1/templates/{shared['id']}", headers=user).status_code == 403
    assert client.get(f"/api/v1/templates/{shared['id']}", headers=user).get_json()["name"] == TEMPLATE["name"]
    assert put(client, f"/api/v1/templates/{shared['id']}", {**TEMPLATE, "name": "Ändrad"}, admin).status_code == 200
    assert names(client, user) == ["Ändrad"]


def test_another_tenants_or_users_template_is_never_found(app: Flask, client: FlaskClient) -> None:
    admin = bearer(app, "admin", admin=True)
    mine = post(client, "/api/v1/templates", TEMPLATE, bearer(app, "anna")).get_json()
    shared = post(client, "/api/v1/templates", {**TEMPLATE, "scope": "organisation"}, admin).get_json()
    stranger = bearer(app, "admin", admin=True, tenant=OTHER_TENANT)
    colleague = bearer(app, "cecilia")
    for template_id in (mine["id"], shared["id"]):
        for method in (client.get, client.delete):
            response = method(f"/api/v1/templates/{template_id}", headers=stranger)
            assert response.status_code == 404
            assert response.get_json()["code"] == "template_not_found"
        assert put(client, f"/api/v1/templates/{template_id}", TEMPLATE, stranger).status_code == 404
    assert names(client, stranger) == []
    # A colleague in the same tenant sees the organisation's template, not Anna's own.
    assert client.get(f"/api/v1/templates/{mine['id']}", headers=colleague).status_code == 404
    assert client.delete(f"/api/v1/templates/{mine['id']}", headers=colleague).status_code == 404
    assert names(client, colleague) == [TEMPLATE["name"]]
    assert names(client, bearer(app, "anna")) == [TEMPLATE["name"], TEMPLATE["name"]]  # nothing was lost
    export = client.get("/api/v1/templates/export", headers=stranger).get_json()
    assert export["templates"] == []


def test_malformed_templates_are_refused_with_the_field_named(app: Flask, client: FlaskClient) -> None:
    user = bearer(app, "anna")
    cases = {
        "{namn": "instruction", "Hej {0}": "instruction", "Hej {a.b}": "instruction", "Hej {namn!r}": "instruction",
        "Hej {namn:>9}": "instruction", "Hej }": "instruction",
    }
    for instruction, field in cases.items():
        response = post(client, "/api/v1/templates", {**TEMPLATE, "instruction": instruction}, user)
        assert response.status_code == 422, instruction
        assert field in response.get_json()["errors"]
    for bad in ({**TEMPLATE, "task": "poem"}, {**TEMPLATE, "tone": "angry"}, {**TEMPLATE, "colour": "red"},
                {**TEMPLATE, "name": "x" * 121}, {k: v for k, v in TEMPLATE.items() if k != "name"}):
        assert post(client, "/api/v1/templates", bad, user).status_code == 422
    assert names(client, user) == []


def test_limits_are_settings(tmp_path: Path) -> None:
    app = template_app(tmp_path, KOLLEGA_TEMPLATE_MAX_PER_USER="2", KOLLEGA_TEMPLATE_MAX_INSTRUCTION_CHARS="200",
                       KOLLEGA_TEMPLATE_MAX_FIELDS="3")
    client, user = app.test_client(), bearer(app, "anna")
    for n in range(2):
        assert post(client, "/api/v1/templates", {**TEMPLATE, "name": f"T{n}"}, user).status_code == 201
    full = post(client, "/api/v1/templates", {**TEMPLATE, "name": "T2"}, user)
    assert full.status_code == 409 and full.get_json()["code"] == "template_limit"
    # Another user has their own allowance.
    assert post(client, "/api/v1/templates", TEMPLATE, bearer(app, "bertil")).status_code == 201
    long = post(client, "/api/v1/templates", {**TEMPLATE, "instruction": "x" * 201}, bearer(app, "cecilia"))
    assert long.status_code == 422 and long.get_json()["code"] == "template_too_large"
    many = post(client, "/api/v1/templates", {**TEMPLATE, "instruction": "{a}{b}{c}{d}"}, bearer(app, "cecilia"))
    assert many.status_code == 422 and "instruction" in many.get_json()["errors"]


def test_the_starter_set_imports_and_exports_round_trip(app: Flask, client: FlaskClient) -> None:
    admin, user = bearer(app, "admin", admin=True), bearer(app, "anna")
    starter = json.loads(STARTER.read_text(encoding="utf-8"))
    assert len(starter["templates"]) == 10
    first = post(client, "/api/v1/templates/import", starter, admin)
    assert first.status_code == 200, first.get_json()
    assert first.get_json() == {"created": 10, "replaced": 0, "scope": "organisation"}
    # Importing again replaces by name: still ten.
    assert post(client, "/api/v1/templates/import", starter, admin).get_json()["replaced"] == 10
    listed = client.get("/api/v1/templates", headers=user).get_json()["templates"]
    assert sorted(t["name"] for t in listed) == sorted(t["name"] for t in starter["templates"])
    assert all(t["fields"] or t["task"] == "rewrite" for t in listed)
    exported = client.get("/api/v1/templates/export", headers=admin)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    body = exported.get_json()
    key = lambda t: t["name"]  # noqa: E731
    assert sorted(body["templates"], key=key) == sorted(starter["templates"], key=key)
    # The exported file is accepted as it is, by another tenant (a region sharing with a municipality).
    other = bearer(app, "admin", admin=True, tenant=OTHER_TENANT)
    assert post(client, "/api/v1/templates/import", body, other).get_json()["created"] == 10
    # A user may import into their own templates, not the organisation's.
    assert post(client, "/api/v1/templates/import", starter, user).status_code == 403
    personal = post(client, "/api/v1/templates/import?scope=personal", starter, user)
    assert personal.get_json() == {"created": 10, "replaced": 0, "scope": "personal"}


def test_a_bad_import_changes_nothing(tmp_path: Path) -> None:
    app = template_app(tmp_path, KOLLEGA_TEMPLATE_MAX_PER_TENANT="12", KOLLEGA_TEMPLATE_IMPORT_MAX_BYTES="20000")
    client, admin = app.test_client(), bearer(app, "admin", admin=True)
    starter = json.loads(STARTER.read_text(encoding="utf-8"))
    assert post(client, "/api/v1/templates/import", starter, admin).status_code == 200
    before = client.get("/api/v1/templates/export", headers=admin).get_json()["templates"]

    def refused(body: bytes | str, status: int, code: str, content_type: str = "application/json") -> None:
        response = client.post("/api/v1/templates/import", data=body, content_type=content_type, headers=admin)
        assert response.status_code == status, response.get_json()
        assert response.content_type == "application/problem+json"
        assert response.get_json()["code"] == code
        assert client.get("/api/v1/templates/export", headers=admin).get_json()["templates"] == before

    refused('{"format": "kollega-templates", "templates": [', 400, "bad_request")
    refused(b"\xff\xfe", 400, "bad_request")
    refused("format=x", 415, "unsupported_media_type", "text/plain")
    refused(json.dumps({"format": "other", "version": 1, "templates": []}), 422, "validation")
    refused(json.dumps([]), 422, "validation")
    # The last template is broken: the nine good ones before it are not imported either.
    changed = [{**t, "description": "Ny"} for t in starter["templates"]]
    changed[-1] = {**changed[-1], "instruction": "Trasig {"}
    refused(json.dumps({**starter, "templates": changed}), 422, "validation")
    twice = [*starter["templates"], starter["templates"][0]]
    refused(json.dumps({**starter, "templates": twice}), 422, "validation")
    # Three new ones would pass the tenant's limit of twelve.
    extra = [{**starter["templates"][0], "name": f"Ny {n}"} for n in range(3)]
    refused(json.dumps({**starter, "templates": [*changed[:-1], *extra]}), 409, "template_limit")
    padded = {**starter, "templates": [{**starter["templates"][0], "description": "x" * 400}] * 60}
    refused(json.dumps(padded), 413, "import_too_large")
    refused(json.dumps({**starter, "scope": "organisation"}), 422, "validation")  # unknown top-level key
    for query in ("scope=everyone", "scope=personal&overwrite=1"):  # a bad scope; an unknown parameter
        response = client.post(f"/api/v1/templates/import?{query}", data=json.dumps(starter),
                               content_type="application/json", headers=admin)
        assert response.status_code == 422


def test_every_call_is_audited_without_the_text(app: Flask, client: FlaskClient) -> None:
    user, admin = bearer(app, "anna"), bearer(app, "admin", admin=True)
    created = post(client, "/api/v1/templates", TEMPLATE, user).get_json()
    client.get("/api/v1/templates", headers=user)
    post(client, "/api/v1/templates", {**TEMPLATE, "instruction": f"{CANARY} {{"}, user)  # refused
    post(client, "/api/v1/templates/import", json.loads(STARTER.read_text(encoding="utf-8")), admin)
    client.delete(f"/api/v1/templates/{created['id']}", headers=user)
    with Session(app.extensions["kollega"].audit.engine) as session:
        records = list(session.scalars(select(AuditRecord).order_by(AuditRecord.id)))
    assert [(r.feature, r.outcome) for r in records] == [
        ("templates", "completed"), ("templates", "completed"), ("templates", "rejected:validation"),
        ("templates", "completed"), ("templates", "completed"),
    ]
    dumped = repr([{c.name: getattr(r, c.name) for c in AuditRecord.__table__.columns} for r in records])
    assert CANARY not in dumped and "bygglov" not in dumped


def test_the_openapi_document_lists_the_endpoints(app: Flask, client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/templates"]) == {"get", "post"}
    assert set(paths["/api/v1/templates/{template_id}"]) >= {"get", "put", "delete"}
    assert "post" in paths["/api/v1/templates/import"] and "get" in paths["/api/v1/templates/export"]
    draft = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["DraftRequest"]
    assert {"template_id", "fields"} <= set(draft["properties"])


def test_writes_wait_for_concurrent_audit_records_on_sqlite(tmp_path: Path) -> None:
    """Audit records are written by every request; a template write that reads first must still get its turn."""
    import threading

    from backend.audit import AuditEntry

    app = template_app(tmp_path)
    store = app.extensions["kollega"].audit
    admin = bearer(app, "admin", admin=True)
    starter = json.loads(STARTER.read_text(encoding="utf-8"))
    stop = threading.Event()

    def audit_writer() -> None:
        while not stop.is_set():
            store.write(AuditEntry(request_id="r", tenant_id="t", user_id="u", feature="redact", host="api",
                                   engine="none", outcome="completed"))

    writers = [threading.Thread(target=audit_writer) for _ in range(2)]
    for writer in writers:
        writer.start()
    try:
        statuses = []
        for n in range(15):
            client = app.test_client()
            body = {**starter, "templates": [{**t, "description": f"Version {n}"} for t in starter["templates"]]}
            statuses.append(post(client, "/api/v1/templates/import", body, admin).status_code)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert statuses == [200] * 15
