"""Authentication: every API route but the health endpoints needs a bearer token."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from flask import Flask, current_app, g, request

from backend.auth.principal import Principal
from backend.limits import check_user_limits
from backend.problems import Problem
from backend.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])
API_SCOPE = "access_as_user"


class TokenValidator(Protocol):
    def validate(self, token: str) -> Principal: ...


def _bearer_header(error: str | None = None, description: str | None = None) -> str:
    parts = ['Bearer realm="kollega"']
    if error:
        parts.append(f'error="{error}"')
    if description:
        escaped = description.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'error_description="{escaped}"')
    return ", ".join(parts)


def unauthorized(detail: str, error: str | None = "invalid_token", **extra: Any) -> Problem:
    return Problem(401, "unauthorized", detail, headers={"WWW-Authenticate": _bearer_header(error, detail)}, **extra)


class Authenticator:
    """Picks the validator for the configured mode; `entra` never accepts a dev token."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.validator: TokenValidator
        if settings.auth_mode == "dev":
            from backend.auth.dev import DevTokens

            self.dev_tokens: Any = DevTokens(settings.instance_path, settings.entra_admin_role)
            self.validator = _DevValidator(self.dev_tokens)
        else:
            from backend.auth.entra import EntraTokenValidator

            self.dev_tokens = None
            self.validator = EntraTokenValidator(settings)

    def authenticate(self) -> Principal:
        if "access_token" in request.args:
            raise unauthorized("Tokens in the query string are not accepted; send an Authorization header.",
                               error="invalid_request")
        header = request.headers.get("Authorization", "")
        if not header:
            raise unauthorized("Sign in first: this endpoint needs an Authorization: Bearer token.", error=None)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("Use the Bearer scheme: Authorization: Bearer <token>.", error="invalid_request")
        principal = self._validate(token.strip())
        # Kollega acts for a signed-in user: every endpoint needs the delegated scope. An app-only token
        # (app roles, no scp) is meant for no endpoint here; the admin role is assigned to users.
        if API_SCOPE not in principal.scopes:
            detail = (f"The token lacks the {API_SCOPE} scope." if principal.scopes or not principal.roles else
                      f"App-only tokens are not accepted: sign in as a user, with the {API_SCOPE} scope.")
            raise Problem(403, "forbidden", detail, headers={"WWW-Authenticate": _bearer_header("insufficient_scope")})
        return principal

    def _validate(self, token: str) -> Principal:
        from backend.auth.dev import DevTokenError

        try:
            return self.validator.validate(token)
        except DevTokenError as exc:
            raise unauthorized(str(exc)) from None
        except Exception as exc:
            from backend.auth.entra import InvalidToken, KeysUnavailable

            if isinstance(exc, KeysUnavailable):
                # Entra's key endpoint is unreachable: the token may be fine, so try again later.
                raise Problem(503, "auth_unavailable", exc.description, headers={"Retry-After": "10"},
                              retry_after=10) from None
            if isinstance(exc, InvalidToken):
                if exc.error == "insufficient_scope":
                    raise Problem(403, "forbidden", exc.description,
                                  headers={"WWW-Authenticate": _bearer_header(exc.error, exc.description)}) from None
                raise unauthorized(exc.description, error=exc.error) from None
            raise


class _DevValidator:
    def __init__(self, tokens: Any) -> None:
        self.tokens = tokens

    def validate(self, token: str) -> Principal:
        principal: Principal = self.tokens.validate(token)
        return principal


def init_app(app: Flask, settings: Settings) -> None:
    if settings.auth_mode == "dev":
        from backend.auth.dev import check_dev_mode, refuse_requests_from_elsewhere

        check_dev_mode(settings)  # again here: gunicorn builds the app through wsgi.py, without serve()
        app.before_request(refuse_requests_from_elsewhere)
    app.extensions["kollega.auth"] = Authenticator(settings)


def authenticator() -> Authenticator:
    auth: Authenticator = current_app.extensions["kollega.auth"]
    return auth


def authenticated() -> Principal:
    """The caller of this request, validated once: the rate limiter may have asked before the view."""
    found = g.get("kollega_auth")
    if found is None:
        try:
            found = authenticator().authenticate()
        except Problem as problem:
            found = problem
        g.kollega_auth = found
    if isinstance(found, Problem):
        raise found
    principal: Principal = found
    return principal


def carries_valid_token() -> bool:
    """Whether this request signs someone in; never raises."""
    try:
        authenticated()
    except Problem:
        return False
    return True


def require_auth(view: F) -> F:
    """Authenticate before the view runs; the principal is g.principal."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        g.principal = authenticated()
        check_user_limits()  # per-user quotas need the validated user, so they come right after
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def require_role(role_setting: str = "entra_admin_role") -> Callable[[F], F]:
    """Admin-only endpoints: the caller's token must carry the configured app role."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            principal = authenticated()
            role = getattr(current_app.config["KOLLEGA"], role_setting)
            if not principal.has_role(role):
                raise Problem(403, "forbidden", f"This endpoint is for administrators (app role {role}).")
            g.principal = principal
            check_user_limits()
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
