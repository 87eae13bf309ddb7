"""Entra ID and Graph through a real forward proxy (tinyproxy), trusting TLS through KOLLEGA_CA_BUNDLE.

The whole thread summary runs: the user's token checked against keys fetched with urllib (PyJWKClient),
the on-behalf-of exchange through msal (requests), the thread read from Graph (requests). The stand-ins
serve TLS with a certificate from a test CA that no system store trusts, so only the configured bundle
lets the calls through; the proxy's log shows which calls went through it.
"""

from __future__ import annotations

import datetime
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_microsoft import CLIENT_ID, CLIENT_SECRET, TENANT, FakeGraph, graph_message
from forward_proxy import Tinyproxy, free_port
from test_thread_summary_app import EntraWithKeys, IssuedTokensMailbox

from backend import create_app
from backend.settings import ConfigError, load_settings
from tests.fakes import ScriptedEngine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "auth"))
from fake_entra_keys import SigningKey, entra_claims, sign

CONVERSATION = "AAQkADAwATM0MDAAMS1iNTcxLTAwAi0wMAoAEABuZ1vVp0RJT7="
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")
TRUST_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[Tinyproxy]:
    try:
        server = Tinyproxy(tmp_path)
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    yield server
    server.close()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy and no extra trust from the environment, until a test sets them."""
    for name in PROXY_VARIABLES + TRUST_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.fixture
def stand_ins(tls: Any, clean_env: pytest.MonkeyPatch) -> Iterator[tuple[EntraWithKeys, FakeGraph]]:
    entra = EntraWithKeys(tls=tls[0])
    entra.signing_key = SigningKey()
    graph = FakeGraph(tls=tls[0])
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    graph.mailboxes = IssuedTokensMailbox(entra, {CONVERSATION: [
        graph_message(1, sender="Anna Lindqvist", received=start, subject="Schema", text="Kan vi ses på torsdag?"),
    ]})
    yield entra, graph
    entra.close()
    graph.close()


def summarize(entra: EntraWithKeys, graph: FakeGraph, tmp_path: Path, **env: str) -> Any:
    """One thread summary through the app, configured from the environment as `kollega serve` would be."""
    settings = load_settings({
        "KOLLEGA_AUTH_MODE": "entra", "KOLLEGA_ENTRA_TENANT_ID": TENANT, "KOLLEGA_ENTRA_CLIENT_ID": CLIENT_ID,
        "KOLLEGA_ENTRA_CLIENT_SECRET": CLIENT_SECRET, "KOLLEGA_ENTRA_AUTHORITY_HOST": entra.url,
        "KOLLEGA_GRAPH_URL": graph.url, "KOLLEGA_INSTANCE_PATH": str(tmp_path / "instance"), **env,
    })
    app = create_app(settings, engine=ScriptedEngine(["Torsdag."]))
    assert entra.signing_key is not None
    token = sign(entra_claims(entra.url, TENANT, CLIENT_ID, str(uuid.uuid4())), entra.signing_key)
    return app.test_client().post("/api/v1/summarize", json={"conversation_id": CONVERSATION},
                                  headers={"Authorization": f"Bearer {token}"})


def ports(entra: EntraWithKeys, graph: FakeGraph) -> tuple[str, str]:
    return entra.url.removeprefix("https://"), graph.url.removeprefix("https://")


def test_every_call_goes_through_the_proxy_and_trusts_the_configured_bundle(
    stand_ins: tuple[EntraWithKeys, FakeGraph], proxy: Tinyproxy, clean_env: pytest.MonkeyPatch, trust: str,
    tmp_path: Path,
) -> None:
    entra, graph = stand_ins
    clean_env.setenv("HTTPS_PROXY", proxy.url)
    response = summarize(entra, graph, tmp_path, KOLLEGA_CA_BUNDLE=trust)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["text"] == "Torsdag."
    entra_host, graph_host = ports(entra, graph)
    tunnels = proxy.tunnels()
    # Keys (urllib), discovery and token (msal over requests) to Entra; the mail read to Graph.
    assert tunnels.count(entra_host) >= 2, tunnels
    assert graph_host in tunnels, tunnels
    assert set(tunnels) == {entra_host, graph_host}


def test_without_the_bundle_the_stand_ins_certificate_is_refused(
    stand_ins: tuple[EntraWithKeys, FakeGraph], proxy: Tinyproxy, clean_env: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    entra, graph = stand_ins
    clean_env.setenv("HTTPS_PROXY", proxy.url)
    response = summarize(entra, graph, tmp_path)
    # The signing keys cannot be fetched over TLS that nothing trusts: the token cannot be checked.
    assert response.status_code == 503, response.get_data(as_text=True)
    assert ports(entra, graph)[0] in proxy.tunnels()  # it did go through the proxy; TLS failed after it


def test_no_proxy_sends_the_calls_direct(
    stand_ins: tuple[EntraWithKeys, FakeGraph], proxy: Tinyproxy, clean_env: pytest.MonkeyPatch, trust: str,
    tmp_path: Path,
) -> None:
    entra, graph = stand_ins
    clean_env.setenv("HTTPS_PROXY", proxy.url)
    clean_env.setenv("NO_PROXY", "127.0.0.1,localhost")
    response = summarize(entra, graph, tmp_path, KOLLEGA_CA_BUNDLE=trust)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert proxy.tunnels() == []


def test_a_proxy_that_is_down_fails_the_calls(
    stand_ins: tuple[EntraWithKeys, FakeGraph], clean_env: pytest.MonkeyPatch, trust: str, tmp_path: Path,
) -> None:
    entra, graph = stand_ins
    clean_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{free_port()}")
    response = summarize(entra, graph, tmp_path, KOLLEGA_CA_BUNDLE=trust)
    assert response.status_code == 503, response.get_data(as_text=True)


def test_the_bundle_setting_is_checked_at_start_up(tmp_path: Path) -> None:
    not_pem = tmp_path / "bundle.pem"
    not_pem.write_text("not a certificate\n")
    for value in (str(not_pem), str(tmp_path / "missing.pem")):
        with pytest.raises(ConfigError, match="KOLLEGA_CA_BUNDLE"):
            load_settings({"KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_CA_BUNDLE": value})
