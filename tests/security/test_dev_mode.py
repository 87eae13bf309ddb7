"""Finding 2: dev mode trusted anything that arrived on loopback, and handed out admin tokens.

A dev-mode server behind nginx, `ssh -L`, `kubectl port-forward` or reached by a DNS-rebinding page sees
requests on loopback that come from elsewhere. It refuses those it can recognise (forwarding headers, a
Host that is not a loopback name), refuses to start behind trusted proxies, and hands out the admin role
only to `kollega dev-token --admin`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from flask import Flask
from security_support import LOOPBACK, dev_env, entra_settings, make_app

from backend.auth.dev import DevTokens
from backend.settings import ConfigError, load_settings
from tests.auth.fake_entra_keys import KeyServer

FORWARDED = [
    {"X-Forwarded-For": "203.0.113.9"},
    {"X-Forwarded-Host": "kollega.evil.example"},
    {"X-Forwarded-Proto": "https"},
    {"Forwarded": "for=203.0.113.9;proto=https"},
    {"X-Real-IP": "203.0.113.9"},
]
FOREIGN_HOSTS = ["kollega.evil.example", "kollega.evil.example:8000", "203.0.113.9", "10.0.0.5:8000",
                 "localhost.evil.example", "127.0.0.1.nip.io"]
LOOPBACK_HOSTS = ["localhost", "localhost:8000", "127.0.0.1:8000", "127.0.0.2", "[::1]:8000"]


def roles_of(token: str) -> list[str]:
    return list(jwt.decode(token, options={"verify_signature": False}).get("roles", []))


def test_the_reviews_request_gets_no_token(dev_app: Flask) -> None:
    """X-Forwarded-For, Forwarded and a foreign Host together, as the review sent them."""
    response = dev_app.test_client().post(
        "/api/v1/auth/dev-token", environ_base=LOOPBACK,
        headers={"X-Forwarded-For": "203.0.113.9", "Forwarded": "for=203.0.113.9", "Host": "kollega.evil.example"},
    )
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert "access_token" not in response.get_data(as_text=True)


@pytest.mark.parametrize("headers", FORWARDED, ids=lambda h: next(iter(h)))
def test_forwarding_headers_are_refused_everywhere_in_dev_mode(dev_app: Flask, headers: dict[str, str]) -> None:
    client = dev_app.test_client()
    token = dev_app.extensions["kollega.auth"].dev_tokens.issue("Testare")
    for method, path, extra in (
        ("POST", "/api/v1/auth/dev-token", {}),
        ("POST", "/api/v1/redact", {"Authorization": f"Bearer {token}"}),
        ("GET", "/taskpane/taskpane.html", {}),
    ):
        response = client.open(path, method=method, json={"text": "hej"} if method == "POST" else None,
                               headers={**headers, **extra}, environ_base=LOOPBACK)
        assert response.status_code == 403, (path, response.status_code)
        assert response.get_json(force=True)["code"] == "forbidden"


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_host_that_is_not_loopback_is_refused_in_dev_mode(dev_app: Flask, host: str) -> None:
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends its own Host."""
    response = dev_app.test_client().post("/api/v1/auth/dev-token", headers={"Host": host}, environ_base=LOOPBACK)
    assert response.status_code == 403, host


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_loopback_hosts_are_served_in_dev_mode(dev_app: Flask, host: str) -> None:
    response = dev_app.test_client().post("/api/v1/auth/dev-token", headers={"Host": host}, environ_base=LOOPBACK)
    assert response.status_code == 200, (host, response.get_data(as_text=True))


def test_a_request_from_another_address_is_refused_in_dev_mode(dev_app: Flask) -> None:
    client = dev_app.test_client()
    token = dev_app.extensions["kollega.auth"].dev_tokens.issue("Testare")
    response = client.post("/api/v1/redact", json={"text": "hej"}, headers={"Authorization": f"Bearer {token}"},
                           environ_base={"REMOTE_ADDR": "192.0.2.10"})
    assert response.status_code == 403


def test_entra_mode_is_not_affected_by_the_dev_checks(tmp_path: Path, key_server: KeyServer) -> None:
    """Behind a proxy in production the forwarding headers are the normal case."""
    app = make_app(entra_settings(key_server, tmp_path / "instance", KOLLEGA_TRUSTED_PROXIES="1"))
    response = app.test_client().get("/healthz", headers={"X-Forwarded-For": "203.0.113.9",
                                                          "Host": "kollega.example.se"})
    assert response.status_code == 200


def test_dev_mode_refuses_to_start_behind_trusted_proxies(tmp_path: Path) -> None:
    env = dev_env(tmp_path / "instance", KOLLEGA_TRUSTED_PROXIES="1")
    with pytest.raises(ConfigError, match="KOLLEGA_TRUSTED_PROXIES"):
        load_settings(env)


def test_create_app_checks_again(tmp_path: Path) -> None:
    """wsgi.py builds the app without serve(): a Settings made any other way is checked in create_app too."""
    settings = load_settings(dev_env(tmp_path / "instance"))
    with pytest.raises(ConfigError, match="KOLLEGA_TRUSTED_PROXIES"):
        make_app(settings.replace(trusted_proxies=1))


def test_wsgi_entry_point_refuses_dev_mode_behind_proxies(tmp_path: Path) -> None:
    env = {**dev_env(tmp_path / "instance"), "KOLLEGA_TRUSTED_PROXIES": "2", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "import backend.wsgi"], env=env, capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode != 0
    assert "KOLLEGA_TRUSTED_PROXIES" in result.stderr


def test_dev_tokens_from_the_endpoint_carry_no_admin_role(dev_app: Flask) -> None:
    client = dev_app.test_client()
    for body in (None, {"name": "Anna"}):
        response = client.post("/api/v1/auth/dev-token", json=body, environ_base=LOOPBACK)
        assert response.status_code == 200
        assert roles_of(response.get_json()["access_token"]) == []
    # Asking for it is refused: only someone who can read the instance folder (the CLI) may have it.
    response = client.post("/api/v1/auth/dev-token", json={"name": "Anna", "admin": True}, environ_base=LOOPBACK)
    assert response.status_code == 422
    token = client.post("/api/v1/auth/dev-token", environ_base=LOOPBACK).get_json()["access_token"]
    export = client.get("/api/v1/admin/usage", headers={"Authorization": f"Bearer {token}"}, environ_base=LOOPBACK)
    assert export.status_code == 403


def test_dev_token_cli_gives_admin_only_when_asked(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    env = {"KOLLEGA_INSTANCE_PATH": str(instance), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "backend.cli", "dev-token"]
    root = Path(__file__).resolve().parents[2]
    plain = subprocess.run(cli, env=env, capture_output=True, text=True, check=True, timeout=60, cwd=root)
    admin = subprocess.run([*cli, "--admin"], env=env, capture_output=True, text=True, check=True, timeout=60,
                           cwd=root)
    assert roles_of(plain.stdout.strip()) == []
    assert roles_of(admin.stdout.strip()) == ["Kollega.Admin"]
    # Both are real tokens of this instance.
    tokens = DevTokens(instance)
    assert tokens.validate(plain.stdout.strip()).roles == frozenset()
    assert tokens.validate(admin.stdout.strip()).has_role("Kollega.Admin")
    app = make_app(load_settings(dev_env(instance)))
    export = app.test_client().get("/api/v1/admin/usage", headers={"Authorization": f"Bearer {admin.stdout.strip()}"},
                                   environ_base=LOOPBACK)
    assert export.status_code == 200


def test_the_demo_admin_switch_is_the_servers_choice_never_the_requests(tmp_path: Path) -> None:
    app = make_app(load_settings(dev_env(tmp_path / "instance", KOLLEGA_DEV_ADMIN="true")))
    token = app.test_client().post("/api/v1/auth/dev-token", json={"name": "Anna"}, environ_base=LOOPBACK)
    assert roles_of(token.get_json()["access_token"]) == ["Kollega.Admin"]
    # Off by default (test_dev_tokens_from_the_endpoint_carry_no_admin_role); and only in dev mode.
    with pytest.raises(ConfigError, match="KOLLEGA_DEV_ADMIN"):
        load_settings({**dev_env(tmp_path / "other", KOLLEGA_DEV_ADMIN="true"), "KOLLEGA_AUTH_MODE": "entra",
                       "KOLLEGA_ENTRA_TENANT_ID": "00000000-0000-0000-0000-000000000001",
                       "KOLLEGA_ENTRA_CLIENT_ID": "00000000-0000-0000-0000-000000000002"})
