"""What can go wrong between Kollega, Entra ID and Microsoft Graph, in terms the API can answer with."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class GraphNotConfigured(Exception):
    """No client secret or certificate is configured, so Kollega cannot call Graph for the user."""

    def __init__(self, description: str = "Reading mail through Microsoft Graph is not configured") -> None:
        super().__init__(description)
        self.description = description


class ConsentRequired(Exception):
    """Entra ID needs the user to step up (MFA, Conditional Access) or someone to consent first.

    `claims` is Entra's claims challenge (JSON text) when it sent one; the client passes it to MSAL.
    """

    def __init__(self, claims: str | None, description: str) -> None:
        super().__init__(description)
        self.claims = claims
        self.description = description


class GraphError(Exception):
    """A failed call to Entra ID or Graph.

    `status` is the HTTP status Kollega should answer with, `code` a stable machine-readable code,
    `retry_after` seconds to wait when known. `description` is safe to show; it holds no token or mail.
    """

    def __init__(self, status: int, code: str, description: str, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description
        self.retry_after = retry_after


class GraphThrottled(GraphError):
    """Graph or Entra ID asked us to slow down (429, or 503 with Retry-After)."""

    def __init__(self, retry_after: float | None, status: int = 429) -> None:
        super().__init__(status, "graph_throttled", "Microsoft Graph is throttling requests for this user", retry_after)


class ConversationNotFound(GraphError):
    """The conversation is not in the user's mailbox (or holds only drafts)."""

    def __init__(self) -> None:
        super().__init__(404, "conversation_not_found", "The conversation was not found in the user's mailbox")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class ClaimsChallenge(ConsentRequired):
    """Graph refused the token with a claims challenge (401 insufficient_claims): continuous access
    evaluation revoked it, or a Conditional Access policy now asks for more. The user must sign in again
    with these claims; the cached Graph token is worthless until then."""


class MailboxForbidden(GraphError):
    """Graph refused to read a shared or delegated mailbox (403)."""

    def __init__(self, mailbox_given: bool) -> None:
        self.title = "No access to the shared mailbox" if mailbox_given else "No access to the mailbox"
        code = "shared_mailbox_forbidden" if mailbox_given else "graph_forbidden"
        if mailbox_given:
            description = (
                "Microsoft Graph refused to read the shared mailbox: either you have no access to that mailbox "
                "in Exchange, or Kollega's app registration lacks the delegated permission Mail.Read.Shared "
                "with admin consent"
            )
        else:
            description = "Microsoft Graph refused to read this mailbox; check that Mail.Read is granted to Kollega"
        super().__init__(403, code, description)
