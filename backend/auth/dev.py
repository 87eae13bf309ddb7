"""Dev-mode sign-in: tokens signed with a local key, for developers and demos on a loopback address."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import jwt
from flask import request

from backend.auth.principal import Principal
from backend.auth.validator import InvalidToken
from backend.loopback import is_loopback
from backend.problems import Problem

DEV_ISSUER = "kollega-dev"
DEV_AUDIENCE = "kollega-dev"
# A fixed, obviously-fake tenant so dev records are easy to tell apart from real ones.
DEV_TENANT_ID = "00000000-0000-0000-0000-000000000000"
TOKEN_LIFETIME_S = 8 * 3600


# Headers that proxies add. On a dev-mode server any of them means the request did not start on this
# machine, although it arrives on loopback (nginx, an ingress, a tunnel that adds them).
FORWARDING_HEADERS = ("Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "Via")
FORWARDING_PREFIX = "X-Forwarded-"


def refuse_requests_from_elsewhere() -> None:
    """Dev mode's guard before every request: only this machine, directly, by a loopback name.

    nginx or an ingress in front adds forwarding headers; a DNS-rebinding page sends its own host name.
    `ssh -L` and `kubectl port-forward` add nothing and cannot be told apart: see docs/deploy/security.md.
    """
    if not is_loopback(request.remote_addr or ""):
        raise Problem(403, "forbidden", "Dev sign-in serves this machine only.")
    names = [name for name, _ in request.headers.items() if name.title().startswith(FORWARDING_PREFIX)]
    names += [name for name in FORWARDING_HEADERS if name in request.headers]
    if names:
        raise Problem(403, "forbidden", "Dev sign-in serves this machine only, and this request came through a "
                                        "proxy. Use Entra ID sign-in behind a proxy.")
    if not is_loopback(_host_name(request.host)):
        raise Problem(403, "forbidden", "Dev sign-in answers only to a loopback host name such as 127.0.0.1 or "
                                        "localhost.")


def _host_name(host: str) -> str:
    """The name in a Host header, without the port: "[::1]:8000" -> "::1", "localhost:8000" -> "localhost"."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class DevTokenError(InvalidToken):
    """A dev token was rejected; the message is safe to show."""


class DevTokens:
    """Issues and validates HS256 tokens with a key kept in the instance folder."""

    def __init__(self, instance_path: Path, admin_role: str = "Kollega.Admin") -> None:
        self.key_path = instance_path / "dev-signing.key"
        self.admin_role = admin_role
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self.key_path.parent.mkdir(parents=True, exist_ok=True)
            try:
                # O_EXCL: two workers starting together must agree on one key.
                fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(secrets.token_bytes(32))
            except FileExistsError:
                pass
            key = self.key_path.read_bytes()
            while len(key) < 32:  # another process is still writing it
                time.sleep(0.01)
                key = self.key_path.read_bytes()
            self._key = key
        return self._key

    def issue(self, name: str = "Demo", lifetime_s: int = TOKEN_LIFETIME_S, roles: Sequence[str] = ()) -> str:
        """A token for `name`, with no app role unless `roles` names one (`kollega dev-token --admin`)."""
        now = int(time.time())
        claims = {
            "iss": DEV_ISSUER,
            "aud": DEV_AUDIENCE,
            "tid": DEV_TENANT_ID,
            "oid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kollega-dev:{name}")),
            "scp": "access_as_user",
            "roles": list(roles),
            "iat": now,
            "nbf": now,
            "exp": now + lifetime_s,
        }
        return jwt.encode(claims, self.key, algorithm="HS256")

    def validate(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token, self.key, algorithms=["HS256"], audience=DEV_AUDIENCE, issuer=DEV_ISSUER, leeway=30,
                options={"require": ["exp", "tid", "oid"]},
            )
        except jwt.ExpiredSignatureError:
            raise DevTokenError("The dev token has expired; get a new one with `kollega dev-token`.") from None
        except jwt.PyJWTError:
            raise DevTokenError("The token is not a valid dev token for this server.") from None
        return Principal(
            tenant_id=claims["tid"],
            object_id=claims["oid"],
            scopes=frozenset(str(claims.get("scp", "")).split()),
            roles=frozenset(claims.get("roles", [])),
            auth_mode="dev",
            access_token=token,
        )
