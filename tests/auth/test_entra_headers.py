"""RFC 6750 WWW-Authenticate values built by www_authenticate and claims_challenge."""

from __future__ import annotations

import base64
import json
import re

import pytest

from backend.auth.entra import claims_challenge, www_authenticate

# RFC 9110 auth-param with a quoted-string value.
PARAM = re.compile(r'([A-Za-z0-9!#$%&\'*+.^_`|~-]+)="((?:[^"\\]|\\.)*)"')
# RFC 6750 section 3: characters allowed in error and error_description.
RFC6750_VALUE = re.compile(r"^[\x20\x21\x23-\x5b\x5d-\x7e]*$")


def parse(header: str) -> dict[str, str]:
    """Split a Bearer challenge into its parameters, checking that nothing is left over."""
    assert header.startswith("Bearer")
    rest = header[len("Bearer") :].strip()
    params: dict[str, str] = {}
    position = 0
    while position < len(rest):
        match = PARAM.match(rest, position)
        assert match, f"unparseable at {rest[position:]!r}"
        params[match.group(1)] = re.sub(r"\\(.)", r"\1", match.group(2))
        position = match.end()
        if rest.startswith(", ", position):
            position += 2
        else:
            assert position == len(rest), f"junk after a parameter: {rest[position:]!r}"
    return params


def test_invalid_token_challenge() -> None:
    header = www_authenticate("invalid_token", "The token has expired")
    assert header == 'Bearer error="invalid_token", error_description="The token has expired"'


def test_description_is_made_safe_for_rfc6750() -> None:
    header = www_authenticate("invalid_token", 'Bad "quote" \\ back\nslash, åäö')
    params = parse(header)
    assert RFC6750_VALUE.match(params["error_description"])
    assert "quote" in params["error_description"] and "slash" in params["error_description"]
    assert "\n" not in header


def test_extra_parameters_are_quoted_and_escaped() -> None:
    header = www_authenticate("insufficient_scope", "Missing scope", scope="api://x/access_as_user", realm='k"1\\')
    params = parse(header)
    assert params == {
        "error": "insufficient_scope",
        "error_description": "Missing scope",
        "scope": "api://x/access_as_user",
        "realm": 'k"1\\',
    }


def test_a_challenge_without_error() -> None:
    assert www_authenticate("", "") == "Bearer"
    assert parse(www_authenticate("", "", realm="kollega")) == {"realm": "kollega"}


def test_a_bad_parameter_name_is_refused() -> None:
    with pytest.raises(ValueError):
        www_authenticate("invalid_token", "x", **{"bad name": "v"})


def test_claims_challenge_carries_the_claims_base64_encoded() -> None:
    claims = json.dumps({"access_token": {"capolids": {"essential": True, "values": ["c1a2b3"]}}})
    params = parse(claims_challenge(claims, "Step-up needed"))
    assert params["error"] == "insufficient_claims"
    assert json.loads(base64.b64decode(params["claims"])) == json.loads(claims)


def test_claims_challenge_without_claims() -> None:
    params = parse(claims_challenge(None, "Consent needed"))
    assert params == {"error": "insufficient_claims", "error_description": "Consent needed"}
