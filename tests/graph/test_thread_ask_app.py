"""POST /api/v1/ask {"conversation_id", "question"}: the thread is read from Graph on the user's behalf,
masked, searched, and the answer's quote is checked against the thread as the server read it. Entra and
Graph are the local stand-ins of test_thread_summary_app; everything else is real."""

from __future__ import annotations

import datetime
from pathlib import Path

from fake_microsoft import CLIENT_ID, CLIENT_SECRET, TENANT, FakeGraph, graph_message
from test_thread_summary_app import CONVERSATION, OID, EntraWithKeys, IssuedTokensMailbox, entra_keys

from backend import create_app
from backend.settings import Settings
from tests.ask.test_ask_pipeline import AskEngine
from tests.auth.fake_entra_keys import entra_claims, sign

__all__ = ["entra_keys"]  # the fixture, used by name below


def test_a_question_about_a_thread_is_answered_with_a_checked_quote(entra_keys: EntraWithKeys, graph: FakeGraph,
                                                                   tmp_path: Path) -> None:
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    messages = [
        graph_message(1, sender="Anna Lindqvist", received=start, subject="Schema",
                      text="Hej! Kan vi flytta mötet om schemat till torsdag?\n\nMvh Anna Lindqvist\n070-123 45 67"),
        graph_message(2, sender="Erik Holm", received=start + datetime.timedelta(hours=2), subject="SV: Schema",
                      text="Torsdag klockan 14 fungerar bra för mig."),
    ]
    graph.mailboxes = IssuedTokensMailbox(entra_keys, {CONVERSATION: messages})
    settings = Settings(
        auth_mode="entra", entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_client_secret=CLIENT_SECRET,
        entra_authority_host=entra_keys.url, graph_url=graph.url, instance_path=tmp_path / "instance",
    )
    engine = AskEngine(lambda request: ["Torsdag klockan 14 [1].\n\nCitat:\n",
                                             '[1] "Torsdag klockan 14 fungerar bra"\n', '[1] "fredag passar"'])
    app = create_app(settings, engine=engine)  # type: ignore[arg-type]
    assert entra_keys.signing_key is not None
    token = sign(entra_claims(entra_keys.url, TENANT, CLIENT_ID, OID), entra_keys.signing_key)
    response = app.test_client().post("/api/v1/ask", json={"conversation_id": CONVERSATION,
                                                            "question": "När passar mötet om schemat?"},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["text"] == "Torsdag klockan 14 [1]."
    (citation,) = body["citations"]
    assert citation["quote"] == "Torsdag klockan 14 fungerar bra"
    assert citation["end"] - citation["start"] == len(citation["quote"])
    assert CONVERSATION in graph.requests[0]["query"]["$filter"]
    sent = "\n".join(m.content for m in engine.requests[0].messages)
    assert "Torsdag klockan 14" in sent and "Lindqvist" not in sent and "070-123 45 67" not in sent
    assert app.extensions["kollega"].audit.recent()[0].feature == "ask"
