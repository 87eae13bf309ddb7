"""Reading an Outlook conversation through Microsoft Graph on the user's behalf."""

from __future__ import annotations

from backend.auth.principal import Principal
from backend.problems import Problem


def read_conversation(principal: Principal, conversation_id: str) -> str:
    """The thread as plain text, quoted history and signatures removed. Needs Entra sign-in."""
    if principal.auth_mode != "entra":
        raise Problem(
            422, "graph_unavailable",
            "Reading a whole conversation needs Entra ID sign-in and Microsoft Graph; send the text instead.",
        )
    raise Problem(422, "graph_unavailable", "Microsoft Graph access is not configured on this server.")
