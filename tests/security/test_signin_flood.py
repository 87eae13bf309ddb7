"""Finding 1: a script with junk tokens must not lock a whole office (one NAT address) out.

The per-address limit counts refused sign-ins only, and is never applied to a request that carries a
valid token: the flood is still refused, the colleague behind the same address is served.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from security_support import entra_settings, make_app

from tests.auth.fake_entra_keys import CLIENT_ID, TENANT, KeyServer, SigningKey, entra_claims, sign
from tests.limits.ratelimit_support import RedisServer, assert_rate_limited

OID = "0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3"
SAMPLE = {"text": "Ring Anna Svensson på 070-123 45 67."}
OFFICE_NAT = {"REMOTE_ADDR": "198.51.100.7"}
JUNK = [{"Authorization": "Bearer not-a-token"}, {"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."}, {}]


def flood_then_valid(client, valid: dict[str, str], flood: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(flood):
        response = client.post("/api/v1/redact", json=SAMPLE, headers=JUNK[i % len(JUNK)], environ_base=OFFICE_NAT)
        assert response.status_code == 401, (i, response.status_code)
    # The address is now over its limit for refused sign-ins ...
    assert_rate_limited(client.post("/api/v1/redact", json=SAMPLE, headers=JUNK[0], environ_base=OFFICE_NAT))
    assert_rate_limited(client.get("/v1/models", environ_base=OFFICE_NAT))
    # ... and a colleague with a valid token, behind the same address, is served all the same.
    for path in ("/api/v1/redact", "/api/v1/summarize"):
        response = client.post(path, json=SAMPLE, headers=valid, environ_base=OFFICE_NAT)
        assert response.status_code == 200, (path, response.get_data(as_text=True))
    assert client.get("/v1/models", headers=valid, environ_base=OFFICE_NAT).status_code == 200
    # The flood itself stays refused.
    assert_rate_limited(client.post("/api/v1/redact", json=SAMPLE, headers=JUNK[1], environ_base=OFFICE_NAT))


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_flood_of_junk_tokens_does_not_lock_out_a_valid_token(
    storage: str, tmp_path: Path, key_server: KeyServer, real_key: SigningKey, request: pytest.FixtureRequest,
) -> None:
    extra = {"KOLLEGA_RATE_LIMIT_IP": "20/minute"}
    if storage == "redis":
        redis: RedisServer = request.getfixturevalue("redis_server")
        extra["KOLLEGA_REDIS_URL"] = redis.url
    client = make_app(entra_settings(key_server, tmp_path / "instance", **extra)).test_client()
    valid = {"Authorization": f"Bearer {sign(entra_claims(key_server.url, TENANT, CLIENT_ID, OID), real_key)}"}
    flood_then_valid(client, valid, flood=20)


def test_the_reviews_reproduction_at_the_default_limit(tmp_path: Path, key_server: KeyServer,
                                                       real_key: SigningKey) -> None:
    """About 300 junk requests from one address, then a valid one from the same address (default limit)."""
    client = make_app(entra_settings(key_server, tmp_path / "instance")).test_client()
    valid = {"Authorization": f"Bearer {sign(entra_claims(key_server.url, TENANT, CLIENT_ID, OID), real_key)}"}
    flood_then_valid(client, valid, flood=300)


def test_a_forged_token_from_the_flooding_address_is_still_limited(tmp_path: Path, key_server: KeyServer,
                                                                   real_key: SigningKey) -> None:
    """A well-formed token with a wrong signature is not "valid": it gets no way past the limit."""
    client = make_app(entra_settings(key_server, tmp_path / "instance",
                                     KOLLEGA_RATE_LIMIT_IP="3/minute")).test_client()
    claims = entra_claims(key_server.url, TENANT, CLIENT_ID, OID)
    forged = sign(claims, real_key)
    header, payload, signature = forged.split(".")
    tampered = {"Authorization": f"Bearer {header}.{payload}.{signature[::-1]}"}
    for _ in range(3):
        assert client.post("/api/v1/redact", json=SAMPLE, headers=tampered, environ_base=OFFICE_NAT).status_code == 401
    assert_rate_limited(client.post("/api/v1/redact", json=SAMPLE, headers=tampered, environ_base=OFFICE_NAT))
    expired = {"Authorization": f"Bearer {sign({**claims, 'exp': 1}, real_key)}"}
    assert_rate_limited(client.post("/api/v1/redact", json=SAMPLE, headers=expired, environ_base=OFFICE_NAT))
