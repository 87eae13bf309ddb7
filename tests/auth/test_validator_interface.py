"""The one validator interface: any TokenValidator's errors become the same answers, whichever mode it is.

The Authenticator knows InvalidToken and CannotValidate (backend/auth/validator.py), not the dev or Entra
validators' own exceptions; a third validator plugged in here gets the same 401, 403 and 503.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from backend import create_app
from backend.auth.dev import DevTokenError
from backend.auth.entra import KeysUnavailable
from backend.auth.principal import Principal
from backend.auth.validator import CannotValidate, InvalidToken, TokenValidator
from tests.conftest import make_settings
from tests.fakes import ScriptedEngine

BEARER = {"Authorization": "Bearer some-token"}


class Validator:
    """A validator of a made-up third kind: accepts every token, or raises the given error."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.seen: list[str] = []

    def validate(self, token: str) -> Principal:
        self.seen.append(token)
        if self.error is not None:
            raise self.error
        return Principal("tenant", "user", scopes=frozenset({"access_as_user"}))


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return create_app(make_settings(tmp_path / "instance", tmp_path / "no-model"), engine=ScriptedEngine(["ok"]))


def answer(app: Flask, validator: TokenValidator) -> tuple[int, dict[str, str], dict[str, object]]:
    app.extensions["kollega.auth"].validator = validator
    response = app.test_client().post("/api/v1/redact", json={"text": "Hej!"}, headers=BEARER)
    return response.status_code, dict(response.headers), response.get_json()


def test_an_accepted_token_reaches_the_view(app: Flask) -> None:
    validator = Validator()
    status, _, _ = answer(app, validator)
    assert status == 200 and validator.seen == ["some-token"]


def test_a_refused_token_is_401_with_the_validators_reason(app: Flask) -> None:
    status, headers, body = answer(app, Validator(InvalidToken("The token is stale")))
    assert status == 401 and body["detail"] == "The token is stale"
    assert 'error="invalid_token"' in headers["WWW-Authenticate"]


def test_a_token_without_the_scope_is_403(app: Flask) -> None:
    status, headers, _ = answer(app, Validator(InvalidToken("No scope", error="insufficient_scope")))
    assert status == 403 and 'error="insufficient_scope"' in headers["WWW-Authenticate"]


def test_a_validator_that_cannot_check_now_is_503_with_retry_after(app: Flask) -> None:
    status, headers, body = answer(app, Validator(CannotValidate("The key service is down")))
    assert status == 503 and headers["Retry-After"] == str(CannotValidate.retry_after_s)
    assert body["detail"] == "The key service is down"


def test_the_dev_and_entra_errors_are_the_interfaces_own() -> None:
    assert issubclass(DevTokenError, InvalidToken) and issubclass(KeysUnavailable, CannotValidate)


def test_an_error_outside_the_interface_is_not_taken_for_a_refusal(app: Flask) -> None:
    """A bug in a validator is a server error, never a quiet 401."""
    app.testing = False
    status, _, _ = answer(app, Validator(RuntimeError("bug")))
    assert status == 500
