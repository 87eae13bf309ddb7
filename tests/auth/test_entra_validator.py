"""EntraTokenValidator against a local key server shaped like Entra ID's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from fake_entra_keys import (
    CLIENT_ID,
    OTHER_ALLOWED_TENANT,
    TENANT,
    USER_OID,
    KeyServer,
    SigningKey,
    entra_claims,
    sign,
)

from backend.auth.entra import EntraTokenValidator, InvalidToken, KeysUnavailable
from backend.settings import ConfigError, Settings


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def claims(server: KeyServer, **overrides: Any) -> dict[str, Any]:
    return entra_claims(server.url, TENANT, CLIENT_ID, USER_OID, **overrides)


def rejected(validator: EntraTokenValidator, token: str, *phrases: str) -> InvalidToken:
    """Asserts the token is refused with a description holding each phrase and nothing from the token."""
    with pytest.raises(InvalidToken) as caught:
        validator.validate(token)
    description = caught.value.description
    for phrase in phrases:
        assert phrase.lower() in description.lower(), description
    for segment in token.split("."):
        if len(segment) >= 8:
            assert segment not in description
    assert USER_OID not in description and "anna" not in description.lower()
    return caught.value


@pytest.fixture
def validator(settings: Settings) -> EntraTokenValidator:
    return EntraTokenValidator(settings)


# Accepted tokens.


@pytest.mark.parametrize("audience", [CLIENT_ID, f"api://{CLIENT_ID}"])
def test_a_valid_token_gives_the_caller(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey, audience: str
) -> None:
    token = sign(claims(key_server, aud=audience, scp="access_as_user User.Read"), real_key)
    principal = validator.validate(token)
    assert principal.tenant_id == TENANT
    assert principal.object_id == USER_OID
    assert principal.scopes == {"access_as_user", "User.Read"}
    assert principal.roles == frozenset()
    assert principal.auth_mode == "entra"
    assert principal.access_token == token
    assert principal.user_key == f"{TENANT}:{USER_OID}"


def test_a_second_allowed_tenant_is_accepted(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey
) -> None:
    token = sign(entra_claims(key_server.url, OTHER_ALLOWED_TENANT, CLIENT_ID, USER_OID), real_key)
    assert validator.validate(token).tenant_id == OTHER_ALLOWED_TENANT
    # The keys came from that tenant's own key URL.
    assert key_server.key_fetches(OTHER_ALLOWED_TENANT) == 1
    assert key_server.key_fetches(TENANT) == 0


def test_app_roles_are_carried_and_an_app_only_token_needs_one(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey
) -> None:
    user = validator.validate(sign(claims(key_server, roles=["Kollega.Admin"]), real_key))
    assert user.has_role("Kollega.Admin")
    app_only = validator.validate(sign(claims(key_server, scp=None, roles=["Kollega.Admin"]), real_key))
    assert app_only.scopes == frozenset() and app_only.roles == {"Kollega.Admin"}
    error = rejected(validator, sign(claims(key_server, scp=None), real_key), "app role")
    assert error.error == "insufficient_scope"


def test_clock_skew_within_the_leeway_is_accepted(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey
) -> None:
    now = int(time.time())
    validator.validate(sign(claims(key_server, exp=now - 30), real_key))
    validator.validate(sign(claims(key_server, nbf=now + 30, iat=now + 30), real_key))


def test_keys_are_fetched_once_and_shared_by_many_threads(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey
) -> None:
    tokens = [sign(claims(key_server, oid=str(uuid.uuid4())), real_key) for _ in range(40)]
    results: list[str] = []
    errors: list[BaseException] = []

    def check(batch: list[str]) -> None:
        for token in batch:
            try:
                results.append(validator.validate(token).object_id)
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=check, args=(tokens[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == sorted(jwt.decode(t, options={"verify_signature": False})["oid"] for t in tokens)
    assert key_server.key_fetches() == 1


# Refused tokens, each with a fitting description.


def test_expired(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    now = int(time.time())
    token = sign(claims(key_server, iat=now - 4000, nbf=now - 4000, exp=now - 120), real_key)
    rejected(validator, token, "expired")


def test_not_yet_valid(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    now = int(time.time())
    rejected(validator, sign(claims(key_server, nbf=now + 600), real_key), "not valid yet")


def test_wrong_audience(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    token = sign(claims(key_server, aud=str(uuid.uuid4())), real_key)
    rejected(validator, token, "audience", "not this API")


@pytest.mark.parametrize("audience", ["00000003-0000-0000-c000-000000000000", "https://graph.microsoft.com"])
def test_a_graph_token_is_named_as_such(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey, audience: str
) -> None:
    token = sign(claims(key_server, aud=audience, scp="Mail.Read User.Read"), real_key)
    rejected(validator, token, "Microsoft Graph", "access_as_user")


def test_v1_issuer(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    token = sign(claims(key_server, iss=f"https://sts.windows.net/{TENANT}/"), real_key)
    rejected(validator, token, "v1.0", "accessTokenAcceptedVersion")


def test_v1_version_claim(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, ver="1.0"), real_key), "v1.0")


def test_a_missing_version_claim(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, ver=None), real_key), "'ver'")


def test_issuer_of_another_tenant(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    # Both tenants are allowed, but the issuer must be the one of the token's own tid.
    token = sign(claims(key_server, iss=f"{key_server.url}/{OTHER_ALLOWED_TENANT}/v2.0"), real_key)
    rejected(validator, token, "issuer", "tid")


def test_issuer_of_another_host(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    token = sign(claims(key_server, iss=f"https://login.example.org/{TENANT}/v2.0"), real_key)
    rejected(validator, token, "issuer")


def test_tenant_not_allowed(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    stranger = str(uuid.uuid4())
    token = sign(entra_claims(key_server.url, stranger, CLIENT_ID, USER_OID), real_key)
    rejected(validator, token, "allowed tenant")
    # The unverified tid never chose a key URL outside the allowed list.
    assert key_server.key_fetches() == 0


def test_a_tid_that_is_not_a_guid(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, tid="../../evil"), real_key), "allowed tenant")
    assert key_server.key_fetches() == 0


def test_missing_scope(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    error = rejected(validator, sign(claims(key_server, scp="User.Read"), real_key), "access_as_user")
    assert error.error == "insufficient_scope"


def test_missing_tid(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, tid=None), real_key), "'tid'")


def test_missing_oid(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, oid=None), real_key), "'oid'")


def test_missing_exp(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server, exp=None), real_key), "'exp'")


def test_tampered_payload(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    header, _, signature = sign(claims(key_server), real_key).split(".")
    raised = claims(key_server, roles=["Kollega.Admin"])
    tampered = ".".join([header, b64url(json.dumps(raised).encode()), signature])
    rejected(validator, tampered, "signature")


def test_forged_key_reusing_a_real_kid(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey, stranger_key: SigningKey
) -> None:
    forged = sign(claims(key_server), stranger_key, kid=real_key.kid)
    rejected(validator, forged, "signature")


def test_alg_none(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    header = b64url(json.dumps({"alg": "none", "typ": "JWT", "kid": real_key.kid}).encode())
    payload = b64url(json.dumps(claims(key_server)).encode())
    rejected(validator, f"{header}.{payload}.", "RS256")


def test_hs256_signed_with_the_public_key(
    validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey
) -> None:
    public_pem = real_key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": real_key.kid}).encode())
    payload = b64url(json.dumps(claims(key_server)).encode())
    mac = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    rejected(validator, f"{header}.{payload}.{b64url(mac)}", "RS256")


def test_unknown_kid(validator: EntraTokenValidator, key_server: KeyServer, stranger_key: SigningKey) -> None:
    rejected(validator, sign(claims(key_server), stranger_key), "signing key")


def test_no_kid(validator: EntraTokenValidator, key_server: KeyServer, real_key: SigningKey) -> None:
    token = jwt.encode(claims(key_server), real_key.private_key, algorithm="RS256")
    rejected(validator, token, "kid")


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.b.c", "x" * 20_000])
def test_garbage(validator: EntraTokenValidator, token: str) -> None:
    with pytest.raises(InvalidToken):
        validator.validate(token)


# Keys: outages, rotation and floods of unknown kids.


def test_an_unreachable_key_endpoint_is_not_the_callers_fault(real_key: SigningKey) -> None:
    server = KeyServer()
    url = server.url
    server.close()  # nothing listens there any more
    settings = Settings(entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_authority_host=url)
    validator = EntraTokenValidator(settings, http_timeout=1.0)
    token = sign(entra_claims(url, TENANT, CLIENT_ID, USER_OID), real_key)
    with pytest.raises(KeysUnavailable) as caught:
        validator.validate(token)
    assert "signing keys" in caught.value.description


def test_rotation_is_picked_up_after_the_cooldown_and_floods_fetch_once_per_cooldown(
    key_server: KeyServer,
    settings: Settings,
    real_key: SigningKey,
    rotated_key: SigningKey,
    stranger_key: SigningKey,
) -> None:
    cooldown = 1.0
    validator = EntraTokenValidator(settings, key_cooldown_s=cooldown)
    validator.validate(sign(claims(key_server), real_key))
    first_fetch = time.monotonic()
    assert key_server.key_fetches() == 1

    # Entra starts signing with a new key. Within the cooldown the cached set is trusted.
    key_server.publish(rotated_key)
    new_token = sign(claims(key_server), rotated_key)
    try:
        validator.validate(new_token)
        accepted_at: float | None = time.monotonic()
    except InvalidToken:
        accepted_at = None
    if accepted_at is not None:  # only possible on a machine so slow that the cooldown had passed
        assert accepted_at - first_fetch >= cooldown
    else:
        assert key_server.key_fetches() == 1

    time.sleep(max(0.0, cooldown - (time.monotonic() - first_fetch)) + 0.1)
    assert validator.validate(new_token).object_id == USER_OID
    assert key_server.key_fetches() == 2

    # A flood of made-up kids, from many threads: at most one fetch per cooldown period.
    flood = [sign(claims(key_server), stranger_key, kid=f"made-up-{i}") for i in range(200)]
    for _round in range(2):
        time.sleep(cooldown + 0.1)
        before = key_server.key_fetches()
        started = time.monotonic()

        def attack(batch: list[str]) -> None:
            for token in batch:
                with pytest.raises(InvalidToken):
                    validator.validate(token)

        threads = [threading.Thread(target=attack, args=(flood[i::8],)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        fetched = key_server.key_fetches() - before
        assert 1 <= fetched <= 1 + int(elapsed / cooldown), (fetched, elapsed)

    # The rotated key still works after the flood.
    assert validator.validate(new_token).tenant_id == TENANT


# Configuration.


def test_plain_http_authority_must_be_loopback() -> None:
    settings = Settings(
        entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID, entra_authority_host="http://login.example.org"
    )
    with pytest.raises(ConfigError):
        EntraTokenValidator(settings)


def test_client_id_and_tenant_are_required() -> None:
    with pytest.raises(ConfigError):
        EntraTokenValidator(Settings(entra_tenant_ids=(TENANT,), entra_client_id=None))
