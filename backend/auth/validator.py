"""The one interface every sign-in mode implements: a token in, the caller (Principal) out, or one of two errors.

Authenticator maps these errors to answers (401, 403, 503) without knowing which validator raised them.
"""

from __future__ import annotations

from typing import Protocol

from backend.auth.principal import Principal


class InvalidToken(Exception):
    """The bearer token was refused. `description` is safe to show an administrator."""

    def __init__(self, description: str, *, error: str = "invalid_token") -> None:
        super().__init__(description)
        self.description = description
        # RFC 6750 error code: invalid_token (answer 401) or insufficient_scope (answer 403).
        self.error = error


class CannotValidate(InvalidToken):
    """No token can be checked right now (a key endpoint is down): answer 503, try again later.

    A subclass of InvalidToken, so that code which only asks "was this token accepted?" stays safe.
    """

    retry_after_s = 10


class TokenValidator(Protocol):
    def validate(self, token: str) -> Principal:
        """The caller behind `token`; raises InvalidToken (or CannotValidate), nothing else on a bad token."""
        ...
