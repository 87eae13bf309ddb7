"""Finding 3: an app-only token (an app role, no `scp`) was accepted on every endpoint.

Kollega acts for a signed-in user: every endpoint needs the delegated scope access_as_user, the admin
export included (its role is assigned to users, allowedMemberTypes ["User"] in the registration). No
endpoint is meant for app-only callers, so such a token gets 403 insufficient_scope everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from security_support import entra_settings, make_app

from tests.auth.fake_entra_keys import CLIENT_ID, TENANT, KeyServer, SigningKey, entra_claims, sign

OID = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"
ENDPOINTS = [
    ("POST", "/api/v1/redact", {"text": "Ring Anna på 070-123 45 67."}),
    ("POST", "/api/v1/summarize", {"text": "Mötet flyttas till tisdag.", "kind": "email"}),
    ("POST", "/api/v1/draft", {"instruction": "Tacka för mötet"}),
    ("POST", "/api/v1/rewrite", {"text": "Hej", "goal": "plain"}),
    ("POST", "/api/v1/readability", {"text": "Det här är en mening."}),
    ("GET", "/api/v1/admin/usage", None),
    ("GET", "/api/v1/admin/usage.csv", None),
    ("GET", "/v1/models", None),
    ("POST", "/v1/chat/completions", {"model": "kollega", "messages": [{"role": "user", "content": "Hej"}]}),
]


@pytest.fixture
def app(tmp_path: Path, key_server: KeyServer) -> Flask:
    return make_app(entra_settings(key_server, tmp_path / "instance"))


def app_only(key_server: KeyServer, key: SigningKey, roles: list[str]) -> dict[str, str]:
    """Claims as Entra issues them for the client-credentials flow: roles, idtyp app, and no scp."""
    claims = entra_claims(key_server.url, TENANT, CLIENT_ID, OID, scp=None, roles=roles, idtyp="app",
                          name=None, preferred_username=None)
    return {"Authorization": f"Bearer {sign(claims, key)}"}


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=[p for _, p, _ in ENDPOINTS])
@pytest.mark.parametrize("roles", [["Kollega.Admin"], ["Some.Other.Role"]], ids=["admin-role", "other-role"])
def test_app_only_tokens_are_refused(app: Flask, key_server: KeyServer, real_key: SigningKey, method: str,
                                     path: str, body: object, roles: list[str]) -> None:
    response = app.test_client().open(path, method=method, json=body, headers=app_only(key_server, real_key, roles))
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_a_user_token_with_the_admin_role_still_reaches_the_export(app: Flask, key_server: KeyServer,
                                                                    real_key: SigningKey) -> None:
    claims = entra_claims(key_server.url, TENANT, CLIENT_ID, OID, roles=["Kollega.Admin"])
    headers = {"Authorization": f"Bearer {sign(claims, real_key)}"}
    response = app.test_client().get("/api/v1/admin/usage", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    user = entra_claims(key_server.url, TENANT, CLIENT_ID, OID)
    response = app.test_client().post("/api/v1/redact", json={"text": "hej"},
                                      headers={"Authorization": f"Bearer {sign(user, real_key)}"})
    assert response.status_code == 200
