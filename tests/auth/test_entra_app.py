"""Entra sign-in through the Flask app: real RS256 tokens from the local key server, at the HTTP layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_entra_keys import CLIENT_ID, TENANT, KeyServer, SigningKey, entra_claims, sign

from backend import create_app
from backend.auth.dev import DevTokens
from backend.settings import Settings
from tests.fakes import ScriptedEngine

OID = "5d3c2b1a-0f9e-4d8c-b7a6-112233445566"


@pytest.fixture
def entra_app(settings: Settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    app_settings = settings.replace(instance_path=tmp_path / "instance")
    return create_app(app_settings, engine=ScriptedEngine(["Sammanfattning."]))


def token(key_server: KeyServer, key: SigningKey, **overrides: object) -> str:
    return sign(entra_claims(key_server.url, TENANT, CLIENT_ID, OID, **overrides), key)


def test_a_valid_entra_token_is_accepted_and_audited(entra_app, key_server: KeyServer, real_key: SigningKey) -> None:  # type: ignore[no-untyped-def]
    client = entra_app.test_client()
    response = client.post("/api/v1/summarize", json={"text": "Mötet flyttas till tisdag."},
                           headers={"Authorization": f"Bearer {token(key_server, real_key)}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    record = entra_app.extensions["kollega"].audit.recent()[0]
    assert (record.tenant_id, record.user_id) == (TENANT, OID)


def test_rejections_are_401_with_invalid_token(entra_app, key_server: KeyServer, real_key: SigningKey,  # type: ignore[no-untyped-def]
                                               stranger_key: SigningKey) -> None:
    client = entra_app.test_client()
    for bad in (token(key_server, real_key, exp=1), token(key_server, real_key, aud="https://graph.microsoft.com"),
                token(key_server, stranger_key)):
        response = client.post("/api/v1/redact", json={"text": "hej"}, headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401
        challenge = response.headers["WWW-Authenticate"]
        assert 'error="invalid_token"' in challenge and "error_description=" in challenge
        assert response.mimetype == "application/problem+json"


def test_missing_scope_is_403(entra_app, key_server: KeyServer, real_key: SigningKey) -> None:  # type: ignore[no-untyped-def]
    response = entra_app.test_client().post(
        "/api/v1/redact", json={"text": "hej"},
        headers={"Authorization": f"Bearer {token(key_server, real_key, scp='Mail.Read')}"})
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_entra_mode_never_accepts_a_dev_token(entra_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dev = DevTokens(tmp_path / "instance").issue("Mallory")
    response = entra_app.test_client().post("/api/v1/redact", json={"text": "hej"},
                                            headers={"Authorization": f"Bearer {dev}"})
    assert response.status_code == 401


def test_dev_token_endpoint_does_not_exist_in_entra_mode(entra_app) -> None:  # type: ignore[no-untyped-def]
    client = entra_app.test_client()
    assert client.post("/api/v1/auth/dev-token").status_code == 404
    config = client.get("/api/v1/auth/config").get_json()
    assert config["mode"] == "entra" and config["scope"] == f"api://{CLIENT_ID}/access_as_user"


def test_thread_summary_without_a_graph_credential_says_so(entra_app, key_server: KeyServer,  # type: ignore[no-untyped-def]
                                                         real_key: SigningKey) -> None:
    response = entra_app.test_client().post(
        "/api/v1/summarize", json={"conversation_id": "AAQkAGI2TG93AAA="},
        headers={"Authorization": f"Bearer {token(key_server, real_key)}"})
    assert response.status_code == 422
    body = response.get_json(force=True)
    assert body["code"] == "graph_unavailable" and "KOLLEGA_ENTRA_CLIENT_SECRET" in body["detail"]


def test_unreachable_key_endpoint_is_503_with_retry_after(entra_app, key_server: KeyServer,  # type: ignore[no-untyped-def]
                                                         real_key: SigningKey) -> None:
    valid = token(key_server, real_key)
    key_server.close()
    response = entra_app.test_client().post("/api/v1/redact", json={"text": "hej"},
                                            headers={"Authorization": f"Bearer {valid}"})
    assert response.status_code == 503 and response.headers["Retry-After"]
