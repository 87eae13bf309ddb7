"""Finding 5: /readyz named the remote engine's URL to anyone, and /metrics answered all private ranges.

Readiness tells the public only ok / not ok; the details need the admin role or an address in the
metrics network. That network is one setting, KOLLEGA_METRICS_ALLOW, which defaults to loopback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from security_support import dev_env, entra_settings, make_app

from backend.engine import EngineStatus
from backend.settings import ConfigError, load_settings
from tests.auth.fake_entra_keys import CLIENT_ID, TENANT, KeyServer, SigningKey, entra_claims, sign
from tests.fakes import ScriptedEngine

OID = "2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6"
ENGINE_URL = "https://engine.internal.example:8443/v1"
STAFF = {"REMOTE_ADDR": "10.20.30.40"}
MONITORING = {"REMOTE_ADDR": "192.0.2.50"}


class RemoteLikeEngine(ScriptedEngine):
    """The scripted engine, with a status that names its URL as RemoteEngine's does."""

    def __init__(self, ready: bool = True) -> None:
        super().__init__(["Kort svar."])
        self.ready = ready

    def status(self) -> EngineStatus:
        return EngineStatus(ready=self.ready, detail=f"remote engine at {ENGINE_URL}", queue_depth=0)


def app_with(key_server: KeyServer, tmp_path: Path, ready: bool = True, **env: str) -> Flask:
    from backend import create_app

    settings = entra_settings(key_server, tmp_path / "instance", **env)
    return create_app(settings, engine=RemoteLikeEngine(ready))


def bearer(key_server: KeyServer, key: SigningKey, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign(entra_claims(key_server.url, TENANT, CLIENT_ID, OID, **claims), key)}"}


@pytest.mark.parametrize("ready", [True, False])
def test_public_readiness_is_only_ok_or_not(tmp_path: Path, key_server: KeyServer, ready: bool) -> None:
    response = app_with(key_server, tmp_path, ready).test_client().get("/readyz", environ_base=STAFF)
    assert response.status_code == (200 if ready else 503)
    assert response.get_json() == {"ready": ready}
    assert "engine.internal" not in response.get_data(as_text=True)
    if not ready:
        assert response.headers["Retry-After"]


def test_readiness_details_for_the_admin_role(tmp_path: Path, key_server: KeyServer, real_key: SigningKey) -> None:
    client = app_with(key_server, tmp_path).test_client()
    admin = client.get("/readyz", headers=bearer(key_server, real_key, roles=["Kollega.Admin"]), environ_base=STAFF)
    assert admin.status_code == 200
    body = admin.get_json()
    assert body["ready"] is True and ENGINE_URL in body["engine"]["detail"] and body["store"] == {"ready": True}
    # A signed-in user without the role, and a junk token, get the public answer (and no 401: it is a probe).
    for headers in (bearer(key_server, real_key), {"Authorization": "Bearer junk"}):
        response = client.get("/readyz", headers=headers, environ_base=STAFF)
        assert response.status_code == 200 and response.get_json() == {"ready": True}


def test_readiness_details_for_the_metrics_network(tmp_path: Path, key_server: KeyServer) -> None:
    client = app_with(key_server, tmp_path, KOLLEGA_METRICS_ALLOW="192.0.2.0/26").test_client()
    inside = client.get("/readyz", environ_base=MONITORING).get_json()
    assert ENGINE_URL in inside["engine"]["detail"]
    assert client.get("/readyz", environ_base=STAFF).get_json() == {"ready": True}


def test_metrics_default_to_loopback_only(tmp_path: Path, key_server: KeyServer) -> None:
    client = app_with(key_server, tmp_path).test_client()
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    for address in ("10.20.30.40", "192.168.1.20", "172.16.5.5", "203.0.113.9"):
        response = client.get("/metrics", environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 403, address
        assert response.mimetype == "application/problem+json"
        assert "kollega_" not in response.get_data(as_text=True)


def test_metrics_allow_list_is_one_setting(tmp_path: Path, key_server: KeyServer) -> None:
    client = app_with(key_server, tmp_path, KOLLEGA_METRICS_ALLOW="192.0.2.0/26, 2001:db8::/32").test_client()
    assert client.get("/metrics", environ_base=MONITORING).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "2001:db8::5"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "192.0.2.200"}).status_code == 403
    # Setting it replaces the default: loopback is then allowed only when listed.
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 403


def test_behind_a_trusted_proxy_the_forwarded_client_counts(tmp_path: Path, key_server: KeyServer) -> None:
    client = app_with(key_server, tmp_path, KOLLEGA_TRUSTED_PROXIES="1").test_client()
    local = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.get("/metrics", headers={"X-Forwarded-For": "10.1.2.3"}, environ_base=local).status_code == 403
    assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"}, environ_base=local).status_code == 200


@pytest.mark.parametrize("value", ["everyone", "10.0.0.0/33", "300.1.1.1"])
def test_a_wrong_allow_list_stops_start_up(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="KOLLEGA_METRICS_ALLOW"):
        load_settings(dev_env(tmp_path / "instance", KOLLEGA_METRICS_ALLOW=value))


def test_the_default_is_loopback(tmp_path: Path) -> None:
    settings = load_settings(dev_env(tmp_path / "instance"))
    assert set(settings.metrics_allow) == {"127.0.0.0/8", "::1/128"}
    app = make_app(settings)
    assert app.test_client().get("/metrics").status_code == 200  # the test client is 127.0.0.1
