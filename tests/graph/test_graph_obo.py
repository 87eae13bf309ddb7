"""On-behalf-of exchange with MSAL against a local Entra ID token endpoint."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from fake_microsoft import (
    CLIENT_ID,
    MFA_CLAIMS,
    TENANT,
    FakeEntra,
    make_client_certificate,
    user_token,
)

from backend.auth.entra import claims_challenge
from backend.auth.principal import Principal
from backend.graph.errors import ConsentRequired, GraphError, GraphNotConfigured
from backend.graph.obo import OnBehalfOf, load_certificate
from backend.graph.token_cache import MemoryTokenCacheStore
from backend.settings import ConfigError, Settings

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def principal(oid: str | None = None) -> Principal:
    oid = oid or str(uuid.uuid4())
    return Principal(
        tenant_id=TENANT, object_id=oid, scopes=frozenset({"access_as_user"}), access_token=user_token(oid)
    )


@pytest.fixture
def store() -> MemoryTokenCacheStore:
    return MemoryTokenCacheStore()


@pytest.fixture
def obo(settings: Settings, store: MemoryTokenCacheStore, trust: str) -> OnBehalfOf:
    return OnBehalfOf(settings, cache_store=store, verify=trust)


def test_the_second_call_is_served_from_the_users_cache(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    first = obo.graph_token(user)
    assert first == entra.issued[0]
    assert [r.grant_type for r in entra.token_requests] == [JWT_BEARER]
    assert entra.token_requests[0].client_auth == "secret"
    assert entra.token_requests[0].form["assertion"] == user.access_token

    assert obo.graph_token(user) == first
    assert len(entra.token_requests) == 1  # silent: no second trip to the token endpoint
    assert entra.discovery_requests == 1  # tenant discovery is kept, not repeated per call


def test_each_user_has_a_cache_of_their_own(obo: OnBehalfOf, entra: FakeEntra, store: MemoryTokenCacheStore) -> None:
    anna, erik = principal(), principal()
    anna_token = obo.graph_token(anna)
    erik_token = obo.graph_token(erik)
    assert anna_token != erik_token
    assert [r.oid for r in entra.token_requests] == [anna.object_id, erik.object_id]
    assert len(store) == 2
    anna_cache, erik_cache = store.load(anna.user_key) or "", store.load(erik.user_key) or ""
    assert anna_token in anna_cache and erik_token not in anna_cache
    assert erik_token in erik_cache and anna_token not in erik_cache

    assert obo.graph_token(anna) == anna_token
    assert obo.graph_token(erik) == erik_token
    assert len(entra.token_requests) == 2
    assert entra.token_requests[1].cookie is None  # Anna's sign-in cookie did not travel with Erik's exchange


def test_an_expired_token_is_refreshed_silently(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    entra.behaviour[user.object_id] = "short"  # expires in 60 s, inside MSAL's refresh margin
    first = obo.graph_token(user)
    second = obo.graph_token(user)
    assert second != first
    assert [r.grant_type for r in entra.token_requests] == [JWT_BEARER, "refresh_token"]


def test_concurrent_calls_for_many_users(obo: OnBehalfOf, entra: FakeEntra) -> None:
    users = [principal() for _ in range(6)]
    tokens: dict[str, set[str]] = {u.object_id: set() for u in users}
    errors: list[BaseException] = []

    def work(user: Principal) -> None:
        try:
            for _ in range(3):
                tokens[user.object_id].add(obo.graph_token(user))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(len(t) == 1 for t in tokens.values())
    assert len({t for ts in tokens.values() for t in ts}) == len(users)  # nobody got another user's token


def test_a_claims_challenge_becomes_consent_required(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    entra.behaviour[user.object_id] = "mfa"
    with pytest.raises(ConsentRequired) as caught:
        obo.graph_token(user)
    assert caught.value.claims == MFA_CLAIMS
    assert "AADSTS50079" in caught.value.description
    assert "multi-factor" not in caught.value.description  # Entra's own text is not passed on
    header = claims_challenge(caught.value.claims, caught.value.description)
    encoded = header.split('claims="')[1].split('"')[0]
    assert json.loads(base64.b64decode(encoded)) == json.loads(MFA_CLAIMS)


def test_missing_consent_becomes_consent_required_without_claims(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    entra.behaviour[user.object_id] = "consent"
    with pytest.raises(ConsentRequired) as caught:
        obo.graph_token(user)
    assert caught.value.claims is None
    assert "AADSTS65001" in caught.value.description and "consent" in caught.value.description
    assert CLIENT_ID not in caught.value.description


def test_a_refused_assertion_is_an_auth_error(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    entra.behaviour[user.object_id] = "bad_assertion"
    with pytest.raises(GraphError) as caught:
        obo.graph_token(user)
    assert (caught.value.status, caught.value.code) == (401, "assertion_rejected")
    assert "AADSTS500133" in caught.value.description


def test_a_wrong_secret_is_reported_as_a_credential_problem(entra: FakeEntra, settings: Settings, trust: str) -> None:
    obo = OnBehalfOf(settings.replace(entra_client_secret="wrong"), cache_store=MemoryTokenCacheStore(), verify=trust)
    with pytest.raises(GraphError) as caught:
        obo.graph_token(principal())
    assert (caught.value.status, caught.value.code) == (502, "graph_credential_rejected")
    assert "AADSTS7000215" in caught.value.description
    assert "wrong" not in caught.value.description


def test_entra_server_errors_are_unavailable(obo: OnBehalfOf, entra: FakeEntra) -> None:
    user = principal()
    entra.behaviour[user.object_id] = "unavailable"
    with pytest.raises(GraphError) as caught:
        obo.graph_token(user)
    assert caught.value.status == 503


def test_an_unreachable_entra_is_reported(settings: Settings, trust: str) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    obo = OnBehalfOf(
        settings.replace(entra_authority_host=f"https://127.0.0.1:{port}"),
        cache_store=MemoryTokenCacheStore(),
        verify=trust,
        http_timeout=2.0,
    )
    with pytest.raises(GraphError) as caught:
        obo.graph_token(principal())
    assert caught.value.code == "entra_unreachable"


def test_untrusted_tls_is_refused(settings: Settings) -> None:
    obo = OnBehalfOf(settings, cache_store=MemoryTokenCacheStore())  # the system trust store only
    with pytest.raises(GraphError) as caught:
        obo.graph_token(principal())
    assert caught.value.code == "entra_unreachable"


def test_certificate_credential(entra: FakeEntra, settings: Settings, trust: str, tmp_path: Path) -> None:
    pem_path, certificate = make_client_certificate(tmp_path)
    entra.certificate = certificate
    cert_settings = settings.replace(entra_client_secret=None, entra_client_cert=pem_path)
    obo = OnBehalfOf(cert_settings, cache_store=MemoryTokenCacheStore(), verify=trust)
    user = principal()
    assert obo.graph_token(user) == entra.issued[0]
    assert entra.token_requests[0].client_auth == "certificate"

    der = certificate.public_bytes(serialization.Encoding.DER)
    loaded = load_certificate(pem_path)
    assert loaded.thumbprint_sha1 == hashlib.sha1(der).hexdigest().upper()
    assert loaded.thumbprint_sha256 == hashlib.sha256(der).hexdigest().upper()


def test_a_certificate_that_does_not_match_its_key_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = make_client_certificate(tmp_path / "a")
    second, _ = make_client_certificate(tmp_path / "b")
    key_part = first.read_text().split("-----BEGIN CERTIFICATE-----")[0]
    cert_part = "-----BEGIN CERTIFICATE-----" + second.read_text().split("-----BEGIN CERTIFICATE-----")[1]
    mixed = tmp_path / "mixed.pem"
    mixed.write_text(key_part + cert_part)
    with pytest.raises(ConfigError) as caught:
        load_certificate(mixed)
    assert "KOLLEGA_ENTRA_CLIENT_CERT" in str(caught.value)
    only_cert = tmp_path / "only-cert.pem"
    only_cert.write_text(cert_part)
    with pytest.raises(ConfigError):
        load_certificate(only_cert)


def test_without_a_credential_graph_is_not_configured(settings: Settings) -> None:
    obo = OnBehalfOf(settings.replace(entra_client_secret=None, entra_client_cert=None))
    assert not obo.configured
    with pytest.raises(GraphNotConfigured):
        obo.graph_token(principal())


def test_a_plain_http_authority_cannot_do_obo(settings: Settings) -> None:
    obo = OnBehalfOf(settings.replace(entra_authority_host="http://127.0.0.1:9"))
    with pytest.raises(GraphNotConfigured) as caught:
        obo.graph_token(principal())
    assert "https" in caught.value.description


def test_a_dev_sign_in_cannot_do_obo(obo: OnBehalfOf, entra: FakeEntra) -> None:
    dev = Principal(tenant_id=TENANT, object_id=str(uuid.uuid4()), auth_mode="dev", access_token="dev-token")
    with pytest.raises(GraphNotConfigured):
        obo.graph_token(dev)
    assert entra.token_requests == []
