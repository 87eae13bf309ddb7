"""Reading an Outlook conversation through Microsoft Graph on the user's behalf."""

from __future__ import annotations

import logging

from backend.api.context import services
from backend.auth.principal import Principal
from backend.problems import Problem, retry_problem

log = logging.getLogger("kollega.graph")


def read_conversation(principal: Principal, conversation_id: str, language: str = "sv") -> str:
    """The thread in order as plain text, quoted history and signatures removed (redaction comes after)."""
    from backend.auth.entra import claims_challenge
    from backend.graph.errors import ConsentRequired, ConversationNotFound, GraphError, GraphNotConfigured
    from backend.graph.mail import fetch_thread
    from backend.graph.thread import format_thread

    settings = services().settings
    if principal.auth_mode != "entra":
        raise Problem(422, "graph_unavailable",
                      "Reading a whole conversation needs Entra ID sign-in; send the message text instead.")
    try:
        token = services().on_behalf_of().graph_token(principal)
        messages = fetch_thread(token, conversation_id, graph_url=settings.graph_url,
                                max_body_chars=settings.graph_max_body_chars,
                                max_thread_chars=settings.graph_max_thread_chars)
    except GraphNotConfigured as exc:
        raise Problem(422, "graph_unavailable", f"{exc.description}; send the message text instead.") from None
    except ConsentRequired as exc:
        # The task pane answers this with an interactive sign-in that carries the claims.
        raise Problem(401, "consent_required", exc.description,
                      headers={"WWW-Authenticate": claims_challenge(exc.claims, exc.description)},
                      claims=exc.claims) from None
    except ConversationNotFound as exc:
        raise Problem(404, "conversation_not_found", exc.description) from None
    except GraphError as exc:
        log.warning("graph call failed: %s (%s)", exc.code, exc.status)
        if exc.status in (429, 503) or exc.retry_after:
            raise retry_problem(exc.status, exc.code, exc.description, int(exc.retry_after or 5)) from None
        raise Problem(exc.status, exc.code, exc.description) from None
    except ValueError:
        raise Problem(422, "validation", "conversation_id is not an Outlook conversation id.",
                      errors={"conversation_id": ["Not an Outlook conversation id."]}) from None
    return str(format_thread(messages, language=language))
