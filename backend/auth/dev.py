"""Dev-mode sign-in: tokens signed with a local key, for developers and demos on a loopback address."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from pathlib import Path

import jwt

from backend.auth.principal import Principal

DEV_ISSUER = "kollega-dev"
DEV_AUDIENCE = "kollega-dev"
# A fixed, obviously-fake tenant so dev records are easy to tell apart from real ones.
DEV_TENANT_ID = "00000000-0000-0000-0000-000000000000"
TOKEN_LIFETIME_S = 8 * 3600


class DevTokenError(Exception):
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

    def issue(self, name: str = "Demo", lifetime_s: int = TOKEN_LIFETIME_S, roles: list[str] | None = None) -> str:
        """A token for `name`; it carries the admin role unless `roles` says otherwise."""
        now = int(time.time())
        claims = {
            "iss": DEV_ISSUER,
            "aud": DEV_AUDIENCE,
            "tid": DEV_TENANT_ID,
            "oid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kollega-dev:{name}")),
            "scp": "access_as_user",
            "roles": [self.admin_role] if roles is None else list(roles),
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
