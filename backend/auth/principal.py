"""Who is asking: the signed-in user as the API sees them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    """A validated caller. The user's id is tenant + object id; no name or email is kept."""

    tenant_id: str
    object_id: str
    scopes: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    auth_mode: str = "entra"
    # The caller's own access token, kept only for the on-behalf-of exchange; never logged.
    access_token: str = field(default="", repr=False, compare=False)

    @property
    def user_key(self) -> str:
        """The pseudonymous key for rate limits, audit records and token caches."""
        return f"{self.tenant_id}:{self.object_id}"

    def has_role(self, role: str) -> bool:
        return role in self.roles
