"""Fixtures for templates: an app on SQLite and on a real PostgreSQL (the audit tests' server), tokens for
admins, users and another tenant."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import jwt
import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend import create_app
from backend.auth.dev import DEV_AUDIENCE, DEV_ISSUER, DEV_TENANT_ID
from tests.audit.conftest import database_url, postgres_server, postgres_url  # noqa: F401
from tests.conftest import make_settings
from tests.fakes import ScriptedEngine

OTHER_TENANT = "11111111-1111-1111-1111-111111111111"
ADMIN_ROLE = "Kollega.Admin"


def template_app(tmp_path: Path, url: str | None = None, **env: str) -> Flask:
    values = {"KOLLEGA_RATE_LIMIT_API": "10000/minute", **env}
    if url and url.startswith("postgresql"):
        values["KOLLEGA_DATABASE_URL"] = url
    settings = make_settings(tmp_path / "instance", tmp_path / "no-model", **values)
    return create_app(settings, engine=ScriptedEngine(["Kort ", "svar."]))


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Flask:  # noqa: F811
    return template_app(tmp_path, database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def bearer(app: Flask, name: str, *, admin: bool = False, tenant: str = DEV_TENANT_ID) -> dict[str, str]:
    """A dev token like `kollega dev-token` issues, for any user, role and tenant."""
    dev = app.extensions["kollega.auth"].dev_tokens
    now = int(time.time())
    claims = {
        "iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "tid": tenant,
        "oid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kollega-test:{tenant}:{name}")), "scp": "access_as_user",
        "roles": [ADMIN_ROLE] if admin else [], "iat": now, "nbf": now, "exp": now + 600,
    }
    return {"Authorization": f"Bearer {jwt.encode(claims, dev.key, algorithm='HS256')}"}
