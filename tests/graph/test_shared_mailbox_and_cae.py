"""Shared mailboxes (Mail.Read.Shared), continuous access evaluation (CP1 and Graph's claims challenges),
and the metrics an operator alerts on, through the app with the Entra and Graph stand-ins."""

from __future__ import annotations

import base64
import datetime
import json
import sys
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fake_microsoft import (
    CLIENT_ID,
    CLIENT_SECRET,
    SHARED_SCOPE,
    TENANT,
    FakeGraph,
    graph_message,
    make_client_certificate,
    reply,
)
from flask import Flask
from prometheus_client import REGISTRY
from test_thread_summary_app import EntraWithKeys, IssuedTokensMailbox

from backend import create_app
from backend.graph.token_cache import MemoryTokenCacheStore
from backend.settings import ConfigError, Settings, load_settings
from tests.fakes import ScriptedEngine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "auth"))
from fake_entra_keys import SigningKey, entra_claims, sign

CONVERSATION = "AAQkADAwATM0MDAAMS1iNTcxLTAwAi0wMAoAEABuZ1vVp0RJT8="
SHARED = "registrator@exempelby.se"
START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
# Graph's claims challenge as Microsoft documents it (learn.microsoft.com/entra/identity-platform/claims-challenge).
REVOKED_CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}'


class EntraSharedConsent(EntraWithKeys):
    """Entra that refuses Mail.Read.Shared (AADSTS65001) until an administrator has consented to it."""

    shared_consented = True

    def _token(self, request: BaseHTTPRequestHandler, tid: str, form: dict[str, str]) -> None:
        if SHARED_SCOPE in form.get("scope", "").split() and not self.shared_consented:
            reply(request, 400, {
                "error": "invalid_grant", "error_codes": [65001], "suberror": "consent_required",
                "error_description": "AADSTS65001: The user or administrator has not consented to use the "
                                     f"application with ID '{CLIENT_ID}'.",
            })
            return
        super()._token(request, tid, form)


class SharedMailboxGraph(FakeGraph):
    """Graph's `/users/{address}/messages`: the token must carry Mail.Read.Shared and the user must have
    access to that mailbox in Exchange, else 403 ErrorAccessDenied, as Graph answers."""

    entra: EntraWithKeys | None = None
    shared: dict[str, dict[str, list[dict[str, Any]]]]
    access: dict[str, bool]

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(request.path)
        segments = parts.path.split("/")
        if not (len(segments) == 5 and segments[1:3] == ["v1.0", "users"] and segments[4] == "messages"):
            super()._handle(request, method)
            return
        address = unquote(segments[3])
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        with self._lock:
            self.requests.append({"path": parts.path, "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                                  "raw_query": parts.query, "headers": dict(request.headers.items())})
        assert self.entra is not None
        scopes = self.entra.issued_scopes.get(token, set())
        if SHARED_SCOPE not in scopes or not self.access.get(address, False):
            reply(request, 403, {"error": {"code": "ErrorAccessDenied",
                                           "message": "Access is denied. Check credentials and try again."}})
            return
        query = parse_qs(parts.query)
        flt = query["$filter"][0]
        conversation = flt[len("conversationId eq '"):-1]
        messages = self.shared.get(address, {}).get(conversation, [])
        value = [{k: v for k, v in m.items() if not k.startswith("_")} | {"body": {"contentType": "text",
                                                                                  "content": m["_text"]}}
                 for m in messages]
        reply(request, 200, {"value": value})


@pytest.fixture
def entra(tls: Any, monkeypatch: pytest.MonkeyPatch, trust: str) -> Iterator[EntraSharedConsent]:
    monkeypatch.setenv("SSL_CERT_FILE", trust)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", trust)
    server = EntraSharedConsent(tls=tls[0])
    server.signing_key = SigningKey()
    yield server
    server.close()


@pytest.fixture
def graph(entra: EntraSharedConsent) -> Iterator[SharedMailboxGraph]:
    server = SharedMailboxGraph()
    server.entra = entra
    server.mailboxes = IssuedTokensMailbox(entra, {CONVERSATION: [
        graph_message(1, sender="Erik Holm", received=START, subject="Eget", text="Min egen tråd."),
    ]})
    server.shared = {SHARED: {CONVERSATION: [
        graph_message(2, sender="Anna Lindqvist", received=START, subject="Ansökan", text="Ansökan om bygglov."),
    ]}}
    server.access = {SHARED: True}
    yield server
    server.close()


def make_app(entra: EntraWithKeys, graph: FakeGraph, tmp_path: Path, **overrides: Any) -> Flask:
    settings = Settings(
        auth_mode="entra", entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_client_secret=CLIENT_SECRET,
        entra_authority_host=entra.url, graph_url=graph.url, instance_path=tmp_path / "instance",
    ).replace(**overrides)
    return create_app(settings, engine=ScriptedEngine(["Sammanfattat."]))


def bearer(entra: EntraWithKeys, oid: str) -> dict[str, str]:
    assert entra.signing_key is not None
    return {"Authorization": "Bearer " + sign(entra_claims(entra.url, TENANT, CLIENT_ID, oid), entra.signing_key)}


def summarize(app: Flask, entra: EntraWithKeys, oid: str, **body: Any) -> Any:
    return app.test_client().post("/api/v1/summarize", json={"conversation_id": CONVERSATION, **body},
                                  headers=bearer(entra, oid))


def test_a_thread_in_a_shared_mailbox_is_read_from_that_mailbox(
    entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path
) -> None:
    app = make_app(entra, graph, tmp_path)
    response = summarize(app, entra, str(uuid.uuid4()), mailbox=SHARED)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert graph.requests[-1]["path"] == f"/v1.0/users/{SHARED}/messages"
    assert entra.token_requests[-1].form["scope"].split()[0] == SHARED_SCOPE
    sent = "\n".join(m.content for m in app.extensions["kollega"].engine.requests[0].messages)
    assert "bygglov" in sent and "Min egen tråd" not in sent
    # Without a mailbox the user's own mailbox is read, with Mail.Read only.
    own = summarize(app, entra, str(uuid.uuid4()))
    assert own.status_code == 200 and graph.requests[-1]["path"] == "/v1.0/me/messages"
    assert SHARED_SCOPE not in entra.token_requests[-1].form["scope"]


def test_no_access_to_the_shared_mailbox_is_a_clear_403(
    entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path
) -> None:
    graph.access[SHARED] = False
    response = summarize(make_app(entra, graph, tmp_path), entra, str(uuid.uuid4()), mailbox=SHARED)
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == "shared_mailbox_forbidden"
    assert problem["title"] == "No access to the shared mailbox"
    assert "Mail.Read.Shared" in problem["detail"] and SHARED not in problem["detail"]


def test_missing_consent_for_mail_read_shared_names_the_permission(
    entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path
) -> None:
    entra.shared_consented = False
    app = make_app(entra, graph, tmp_path)
    response = summarize(app, entra, str(uuid.uuid4()), mailbox=SHARED)
    assert response.status_code == 401 and response.get_json()["code"] == "consent_required"
    assert "Mail.Read.Shared" in response.get_json()["detail"]
    assert summarize(app, entra, str(uuid.uuid4())).status_code == 200  # the own mailbox still works


@pytest.mark.parametrize("body", [
    {"mailbox": "not an address"},
    {"mailbox": "a@b"},
    {"mailbox": "x" * 250 + "@exempelby.se"},
    {"mailbox": "registrator@exempelby.se/../me"},
])
def test_a_mailbox_must_be_an_address(entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path,
                                      body: dict[str, str]) -> None:
    response = summarize(make_app(entra, graph, tmp_path), entra, str(uuid.uuid4()), **body)
    assert response.status_code == 422 and "mailbox" in response.get_json()["errors"]
    assert graph.requests == []


def test_a_mailbox_goes_only_with_a_conversation(entra: EntraSharedConsent, graph: SharedMailboxGraph,
                                                 tmp_path: Path) -> None:
    app = make_app(entra, graph, tmp_path)
    response = app.test_client().post("/api/v1/summarize", json={"text": "Hej", "mailbox": SHARED},
                                      headers=bearer(entra, str(uuid.uuid4())))
    assert response.status_code == 422 and "mailbox" in response.get_json()["errors"]
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    summarize_schema = document["components"]["schemas"]["SummarizeRequest"]
    assert summarize_schema["properties"]["mailbox"]["pattern"].startswith("^")
    assert {"required": ["text"], "not": {"required": ["mailbox"]}} in summarize_schema["oneOf"]


def test_kollega_declares_cp1_and_passes_graphs_claims_challenge_to_the_client(
    entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path
) -> None:
    app = make_app(entra, graph, tmp_path)
    oid = str(uuid.uuid4())
    assert summarize(app, entra, oid).status_code == 200
    first_token = graph.requests[-1]["headers"]["Authorization"]
    # MSAL sends the client capability as a claims request with every token request.
    capability = json.loads(entra.token_requests[-1].form["claims"])
    assert capability["access_token"]["xms_cc"]["values"] == ["CP1"]

    # The user's session is revoked: Graph refuses the cached token with a claims challenge.
    encoded = base64.b64encode(REVOKED_CLAIMS.encode()).decode()
    graph.fail_next.append((401, {"WWW-Authenticate": (
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '
        f'error="insufficient_claims", claims="{encoded}"')},
        {"error": {"code": "InvalidAuthenticationToken", "message": "Continuous access evaluation resulted in "
                                                                    "challenge with result: InteractionRequired"}}))
    exchanges = len(entra.token_requests)
    challenged = summarize(app, entra, oid)
    assert challenged.status_code == 401, challenged.get_data(as_text=True)
    assert graph.requests[-1]["headers"]["Authorization"] == first_token  # the cached token was tried
    assert len(entra.token_requests) == exchanges  # no exchange was made for it
    header = challenged.headers["WWW-Authenticate"]
    assert 'error="insufficient_claims"' in header
    passed = header.split('claims="')[1].split('"')[0]
    assert json.loads(base64.b64decode(passed)) == json.loads(REVOKED_CLAIMS)
    assert challenged.get_json()["code"] == "consent_required"

    # After the user signs in again, the revoked token is not taken from the cache: a new exchange is made.
    again = summarize(app, entra, oid)
    assert again.status_code == 200, again.get_data(as_text=True)
    assert len(entra.token_requests) == exchanges + 1
    assert entra.token_requests[-1].grant_type == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    assert graph.requests[-1]["headers"]["Authorization"] != first_token


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_rejected_credential_is_counted_for_alerts(entra: EntraSharedConsent, graph: SharedMailboxGraph,
                                                     tmp_path: Path) -> None:
    before = sample("kollega_graph_calls_total", outcome="graph_credential_rejected")
    app = make_app(entra, graph, tmp_path, entra_client_secret="expired-secret")
    response = summarize(app, entra, str(uuid.uuid4()))
    assert response.status_code == 502  # not a 401: an alert on 401s never sees it
    assert sample("kollega_graph_calls_total", outcome="graph_credential_rejected") == before + 1
    exposition = app.test_client().get("/metrics").get_data(as_text=True)
    assert 'kollega_graph_calls_total{outcome="graph_credential_rejected"}' in exposition


def test_credential_expiry_is_a_metric(entra: EntraSharedConsent, graph: SharedMailboxGraph, tmp_path: Path) -> None:
    cert_path, certificate = make_client_certificate(tmp_path)
    env = {"KOLLEGA_AUTH_MODE": "entra", "KOLLEGA_ENTRA_TENANT_ID": TENANT, "KOLLEGA_ENTRA_CLIENT_ID": CLIENT_ID,
           "KOLLEGA_INSTANCE_PATH": str(tmp_path / "instance")}
    with_cert = load_settings({**env, "KOLLEGA_ENTRA_CLIENT_CERT": str(cert_path)})
    text = create_app(with_cert, engine=ScriptedEngine([])).test_client().get("/metrics").get_data(as_text=True)
    line = next(x for x in text.splitlines()
                if x.startswith('kollega_entra_credential_expiry_timestamp_seconds{credential="certificate"}'))
    assert float(line.split()[-1]) == certificate.not_valid_after_utc.timestamp()
    assert "kollega_entra_credential_configured 1.0" in text

    with_secret = load_settings({**env, "KOLLEGA_ENTRA_CLIENT_SECRET": "s", "KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES":
                                 "2027-06-30"})
    text = create_app(with_secret, engine=ScriptedEngine([])).test_client().get("/metrics").get_data(as_text=True)
    line = next(x for x in text.splitlines()
                if x.startswith('kollega_entra_credential_expiry_timestamp_seconds{credential="secret"}'))
    assert float(line.split()[-1]) == datetime.datetime(2027, 6, 30, tzinfo=datetime.UTC).timestamp()
    with pytest.raises(ConfigError, match="KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES"):
        load_settings({**env, "KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES": "30/6/2027"})


def test_the_token_cache_lifetime_is_a_setting(redis_url: str) -> None:
    import redis

    from backend.graph.token_cache import token_cache_store

    assert load_settings({"KOLLEGA_AUTH_MODE": "dev"}).graph_token_cache_ttl_s == 3600
    settings = load_settings({"KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_GRAPH_TOKEN_CACHE_TTL": "600",
                              "KOLLEGA_REDIS_URL": redis_url, "KOLLEGA_TOKEN_CACHE_KEY": "k" * 40})
    store = token_cache_store(settings, cache_key=settings.token_cache_key)
    store.save("tenant:user", "{}")
    client = redis.Redis.from_url(redis_url)
    ttl = client.ttl(store.redis_key("tenant:user"))  # type: ignore[attr-defined]
    assert 590 <= ttl <= 600
    store.forget("tenant:user")
    assert store.load("tenant:user") is None


def test_the_memory_cache_forgets_after_its_lifetime() -> None:
    clock = [1000.0]
    store = MemoryTokenCacheStore(ttl_s=60, clock=lambda: clock[0])
    store.save("t:a", "cache-a")
    clock[0] += 59
    assert store.load("t:a") == "cache-a"
    clock[0] += 2
    assert store.load("t:a") is None and len(store) == 0
