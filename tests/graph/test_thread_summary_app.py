"""POST /api/v1/summarize {"conversation_id"} through the app: an Entra-signed user token (RS256 from the
tenant's published keys), on-behalf-of at the token endpoint, the thread from Graph, then redaction and
the engine. Entra and Graph are local stand-ins in their documented shapes; everything else is real."""

from __future__ import annotations

import datetime
import json
import sys
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from fake_microsoft import CLIENT_ID, CLIENT_SECRET, TENANT, FakeEntra, FakeGraph, graph_message, reply

from backend import create_app
from backend.settings import Settings
from tests.fakes import ScriptedEngine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "auth"))
from fake_entra_keys import SigningKey, entra_claims, sign

CONVERSATION = "AAQkADAwATM0MDAAMS1iNTcxLTAwAi0wMAoAEABuZ1vVp0RJT6="
OID = str(uuid.uuid4())


class EntraWithKeys(FakeEntra):
    """The fake token endpoint, also publishing the tenant's signing keys as Entra does."""

    signing_key: SigningKey | None = None

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        path = request.path.split("?")[0].strip("/").split("/")
        if method == "GET" and path[1:] == ["discovery", "v2.0", "keys"] and self.signing_key is not None:
            reply(request, 200, {"keys": [self.signing_key.jwk(f"{self.url}/{path[0]}/v2.0")]})
            return
        super()._handle(request, method)


class IssuedTokensMailbox(dict[str, Any]):
    """Graph's view: any access token the fake Entra issued opens the same mailbox."""

    def __init__(self, entra: FakeEntra, mailbox: dict[str, Any]) -> None:
        super().__init__()
        self.entra, self.mailbox = entra, mailbox

    def get(self, token: str, default: Any = None) -> Any:
        return self.mailbox if token in self.entra.issued else default


@pytest.fixture
def entra_keys(tls: Any, monkeypatch: pytest.MonkeyPatch, trust: str) -> Iterator[EntraWithKeys]:
    # The key client (urllib) and msal (requests) must trust the stand-in's self-signed certificate.
    monkeypatch.setenv("SSL_CERT_FILE", trust)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", trust)
    server = EntraWithKeys(tls=tls[0])
    server.signing_key = SigningKey()
    yield server
    server.close()


def test_a_thread_is_read_on_behalf_of_the_user_and_summarised(entra_keys: EntraWithKeys, graph: FakeGraph,
                                                              tmp_path: Path) -> None:
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    messages = [
        graph_message(1, sender="Anna Lindqvist", received=start, subject="Schema",
                      text="Hej! Kan vi flytta mötet om schemat till torsdag?\n\nMvh Anna Lindqvist\n070-123 45 67"),
        graph_message(2, sender="Erik Holm", received=start + datetime.timedelta(hours=2), subject="SV: Schema",
                      text="Torsdag fungerar.\n\nFrån: Anna Lindqvist\nSkickat: den 2 november\nTill: Erik Holm\n"
                           "Ämne: Schema\n\nHej! Kan vi flytta mötet om schemat till torsdag?"),
    ]
    graph.mailboxes = IssuedTokensMailbox(entra_keys, {CONVERSATION: messages})
    settings = Settings(
        auth_mode="entra", entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_client_secret=CLIENT_SECRET,
        entra_authority_host=entra_keys.url, graph_url=graph.url, instance_path=tmp_path / "instance",
    )
    engine = ScriptedEngine(["Mötet ", "flyttas."])
    app = create_app(settings, engine=engine)
    assert entra_keys.signing_key is not None
    token = sign(entra_claims(entra_keys.url, TENANT, CLIENT_ID, OID), entra_keys.signing_key)
    response = app.test_client().post("/api/v1/summarize", json={"conversation_id": CONVERSATION},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["text"] == "Mötet flyttas." and body["redactions"].get("PERSON", 0) >= 2
    # Graph was asked for this conversation with the on-behalf-of token, not the user's own token.
    sent_tokens = [r["headers"].get("Authorization", "") for r in graph.requests]
    assert sent_tokens and all(t.removeprefix("Bearer ") in entra_keys.issued for t in sent_tokens)
    assert all(token not in t for t in sent_tokens)
    last = entra_keys.token_requests[-1]
    assert last.grant_type == "urn:ietf:params:oauth:grant-type:jwt-bearer" and last.oid == OID
    assert CONVERSATION in graph.requests[0]["query"]["$filter"]
    sent = "\n".join(m.content for m in engine.requests[0].messages)
    assert "Torsdag fungerar" in sent and "flytta mötet" in sent
    assert sent.count("Kan vi flytta mötet") == 1  # the quoted copy was stripped
    assert "Lindqvist" not in sent and "070-123 45 67" not in sent  # redacted before the model
    record = app.extensions["kollega"].audit.recent()[0]
    assert record.feature == "summarize" and json.loads(json.dumps(record.redactions)).get("PERSON", 0) >= 2


def test_huge_mail_bodies_are_capped_by_the_settings(entra_keys: EntraWithKeys, graph: FakeGraph,
                                                     tmp_path: Path) -> None:
    """Bodies from Graph are cut to the configured caps before parsing and redaction."""
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    huge = "Hej Erik!\nKan du ringa mig?\nMvh" + " " * 500_000 + "x\n" + "Anna " * 50_000
    messages = [graph_message(n, sender="Anna Lindqvist", received=start + datetime.timedelta(hours=n),
                              subject="Schema", text=huge) for n in range(4)]
    graph.mailboxes = IssuedTokensMailbox(entra_keys, {CONVERSATION: messages})
    settings = Settings(
        auth_mode="entra", entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_client_secret=CLIENT_SECRET,
        entra_authority_host=entra_keys.url, graph_url=graph.url, instance_path=tmp_path / "instance",
        graph_max_body_chars=20_000, graph_max_thread_chars=50_000,
    )
    engine = ScriptedEngine(["Ring ", "Anna."], context_length=200_000)
    app = create_app(settings, engine=engine)
    assert entra_keys.signing_key is not None
    token = sign(entra_claims(entra_keys.url, TENANT, CLIENT_ID, OID), entra_keys.signing_key)
    response = app.test_client().post("/api/v1/summarize", json={"conversation_id": CONVERSATION},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    sent = "\n".join(m.content for m in engine.requests[0].messages)
    # Three messages fit the thread's budget (20,000 + 20,000 + 10,000), each cut to its own cap.
    assert sent.count("Kan du ringa mig?") == 3
    assert len(sent) < 50_000
