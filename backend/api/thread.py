"""Reading an Outlook conversation through Microsoft Graph on the user's behalf."""

from __future__ import annotations

import logging

from backend.api.context import services
from backend.auth.principal import Principal
from backend.problems import Problem, retry_problem

log = logging.getLogger("kollega.graph")


def read_conversation(principal: Principal, conversation_id: str, language: str = "sv",
                      mailbox: str | None = None) -> str:
    """The thread in order as plain text, quoted history and signatures removed (redaction comes after).

    `mailbox` names a shared or delegated mailbox that holds the conversation (Mail.Read.Shared).
    """
    from backend.auth.entra import claims_challenge
    from backend.egress import requests_verify
    from backend.graph.errors import (
        ClaimsChallenge,
        ConsentRequired,
        ConversationNotFound,
        GraphError,
        GraphNotConfigured,
        MailboxForbidden,
    )
    from backend.graph.mail import fetch_thread
    from backend.graph.thread import format_thread
    from backend.metrics import GRAPH_CALLS

    settings = services().settings
    if principal.auth_mode != "entra":
        raise Problem(422, "graph_unavailable",
                      "Reading a whole conversation needs Entra ID sign-in; send the message text instead.")
    outcome = "unexpected_error"
    try:
        token = services().on_behalf_of().graph_token(principal, shared=mailbox is not None)
        messages = fetch_thread(token, conversation_id, graph_url=settings.graph_url,
                                verify=requests_verify(settings), mailbox=mailbox,
                                max_body_chars=settings.graph_max_body_chars,
                                max_thread_chars=settings.graph_max_thread_chars)
        outcome = "ok"
    except GraphNotConfigured as exc:
        outcome = "not_configured"
        raise Problem(422, "graph_unavailable", f"{exc.description}; send the message text instead.") from None
    except ClaimsChallenge as exc:
        outcome = "claims_challenge"
        # Continuous access evaluation revoked the cached Graph token: drop it, so that the user's next
        # request (after signing in again with these claims) makes a fresh on-behalf-of exchange.
        services().on_behalf_of().forget(principal)
        raise Problem(401, "consent_required", exc.description,
                      headers={"WWW-Authenticate": claims_challenge(exc.claims, exc.description)},
                      claims=exc.claims) from None
    except ConsentRequired as exc:
        outcome = "consent_required"
        # The task pane answers this with an interactive sign-in that carries the claims.
        raise Problem(401, "consent_required", exc.description,
                      headers={"WWW-Authenticate": claims_challenge(exc.claims, exc.description)},
                      claims=exc.claims) from None
    except ConversationNotFound as exc:
        outcome = "conversation_not_found"
        raise Problem(404, "conversation_not_found", exc.description) from None
    except MailboxForbidden as exc:
        outcome = exc.code
        raise Problem(403, exc.code, exc.description, title=exc.title) from None
    except GraphError as exc:
        outcome = exc.code
        log.warning("graph call failed: %s (%s)", exc.code, exc.status)
        if exc.status in (429, 503) or exc.retry_after:
            raise retry_problem(exc.status, exc.code, exc.description, int(exc.retry_after or 5)) from None
        raise Problem(exc.status, exc.code, exc.description) from None
    except ValueError:
        outcome = "invalid_request"
        raise Problem(422, "validation", "conversation_id is not an Outlook conversation id.",
                      errors={"conversation_id": ["Not an Outlook conversation id."]}) from None
    finally:
        # Every outcome counts, so an alert sees a rejected credential (answered 502) as well as a 401.
        GRAPH_CALLS.labels(outcome=outcome).inc()
    return str(format_thread(messages, language=language))
