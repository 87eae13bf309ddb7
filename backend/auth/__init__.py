"""Authentication: every API route but the health endpoints needs a bearer token."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Flask, current_app, g, request

from backend.auth.principal import Principal
from backend.auth.validator import CannotValidate, InvalidToken, TokenValidator
from backend.problems import Problem
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.auth.dev import DevTokens

F = TypeVar("F", bound=Callable[..., Any])
API_SCOPE = "access_as_user"
# Checks that need the signed-in user and run right after authentication (backend/limits.py adds the per-user
# quotas); app.extensions[AFTER_SIGN_IN] holds them, so that this module needs none of their modules.
AFTER_SIGN_IN = "kollega.after_sign_in"


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
        self._dev_tokens: DevTokens | None = None
        if settings.auth_mode == "dev":
            from backend.auth.dev import DevTokens

            self._dev_tokens = DevTokens(settings.instance_path, settings.entra_admin_role)
            self.validator = self._dev_tokens
        else:
            from backend.auth.entra import EntraTokenValidator

            self.validator = EntraTokenValidator(settings)

    @property
    def dev_tokens(self) -> DevTokens:
        """The dev-mode token issuer; asking for it in Entra mode is a programming error."""
        if self._dev_tokens is None:
            raise RuntimeError("dev tokens exist only in dev mode (KOLLEGA_AUTH_MODE=dev)")
        return self._dev_tokens

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
        """The validator's answer, or its error as a problem: 503 when no token can be checked now, 403 for a
        token without the needed scope, else 401."""
        try:
            return self.validator.validate(token)
        except CannotValidate as exc:
            raise Problem(503, "auth_unavailable", exc.description, headers={"Retry-After": str(exc.retry_after_s)},
                          retry_after=exc.retry_after_s) from None
        except InvalidToken as exc:
            if exc.error == "insufficient_scope":
                raise Problem(403, "forbidden", exc.description,
                              headers={"WWW-Authenticate": _bearer_header(exc.error, exc.description)}) from None
            raise unauthorized(exc.description, error=exc.error) from None


def init_app(app: Flask, settings: Settings) -> None:
    if settings.auth_mode == "dev":
        from backend.auth.dev import refuse_requests_from_elsewhere

        app.before_request(refuse_requests_from_elsewhere)
    app.extensions["kollega.auth"] = Authenticator(settings)


def after_sign_in(app: Flask, check: Callable[[], None]) -> None:
    """Run `check` in every request right after its caller is authenticated (it may raise to refuse)."""
    app.extensions.setdefault(AFTER_SIGN_IN, []).append(check)


def _after_sign_in() -> None:
    for check in current_app.extensions.get(AFTER_SIGN_IN, ()):
        check()


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
        _after_sign_in()
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
            _after_sign_in()
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
