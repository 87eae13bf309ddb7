"""Reads one Outlook conversation from the user's mailbox through Microsoft Graph."""

from __future__ import annotations

import base64
import binascii
import logging
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from backend.graph.errors import (
    ClaimsChallenge,
    ConversationNotFound,
    GraphError,
    GraphThrottled,
    MailboxForbidden,
    parse_retry_after,
)
from backend.graph.html_text import html_to_text
from backend.graph.thread import ThreadMessage
from backend.loopback import is_loopback

log = logging.getLogger(__name__)

GRAPH_URL = "https://graph.microsoft.com"
MAX_MESSAGES = 50
# Bodies are cut to these lengths before any parsing (HTML to text, quoted history, signatures),
# so a mailbox can never hand the parsers more than this, however large its mails are.
MAX_BODY_CHARS = 100_000
MAX_THREAD_CHARS = 400_000
PAGE_SIZE = 50
_SELECT = "subject,from,sender,receivedDateTime,sentDateTime,body,isDraft"
# Outlook conversation ids are base64 text of about 100-200 characters.
_MAX_ID_CHARS = 1024
# A shared mailbox is named by its SMTP address or UPN (Graph's /users/{id | userPrincipalName}).
MAILBOX_PATTERN = (
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_MAILBOX = re.compile(MAILBOX_PATTERN)
_CLAIMS_PARAM = re.compile(r'claims="([^"]*)"')


def _check_graph_url(graph_url: str) -> str:
    parts = urlsplit(graph_url)
    # The Graph token goes to this host, so plain http is only for a loopback test server.
    if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(parts.hostname or "")):
        raise ValueError("the Graph URL must be https (plain http only for a loopback test server)")
    return graph_url.rstrip("/")


def is_mailbox_address(value: str) -> bool:
    """Whether `value` is an e-mail address or UPN that can name a mailbox in a Graph URL."""
    return len(value) <= 254 and _MAILBOX.match(value) is not None


def _first_url(graph_url: str, conversation_id: str, page_size: int, mailbox: str | None = None) -> str:
    # OData string literals escape a single quote by doubling it.
    literal = conversation_id.replace("'", "''")
    query = quote(f"conversationId eq '{literal}'", safe="")
    # No $orderby: Graph answers InefficientFilter when $orderby names a property that is not
    # also first in $filter, so the thread is sorted here instead.
    # A shared or delegated mailbox is read at /users/{address}; Graph checks the user's own access to it.
    owner = f"users/{quote(mailbox, safe='@')}" if mailbox else "me"
    return f"{graph_url}/v1.0/{owner}/messages?$filter={query}&$select={_SELECT}&$top={page_size}"


def _same_origin(url: str, graph_url: str) -> bool:
    a, b = urlsplit(url), urlsplit(graph_url)
    return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())


def _claims_challenge(response: requests.Response) -> ClaimsChallenge | None:
    """Graph's CAE answer, `WWW-Authenticate: Bearer ..., error="insufficient_claims", claims="<base64>"`."""
    header = response.headers.get("WWW-Authenticate", "")
    if "insufficient_claims" not in header:
        return None
    match = _CLAIMS_PARAM.search(header)
    claims: str | None = None
    if match:
        try:
            claims = base64.b64decode(match.group(1) + "=" * (-len(match.group(1)) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            claims = None
    log.warning("Graph sent a claims challenge (continuous access evaluation)")
    return ClaimsChallenge(claims, "Microsoft Graph needs you to sign in again (your access was re-evaluated)")


def _graph_failure(response: requests.Response, mailbox: str | None = None) -> GraphError | ClaimsChallenge:
    status = response.status_code
    try:
        code = str(response.json().get("error", {}).get("code", ""))[:80]
    except (ValueError, AttributeError):
        code = ""
    # Graph's error message can quote mailbox content or addresses, so only its code is logged.
    log.warning("Graph refused the mail request: HTTP %s %s", status, code)
    if status == 429 or (status == 503 and "Retry-After" in response.headers):
        return GraphThrottled(parse_retry_after(response.headers.get("Retry-After")), status=status)
    if status == 404:
        return ConversationNotFound()
    if status == 401:
        return _claims_challenge(response) or GraphError(
            502, "graph_token_rejected", "Microsoft Graph did not accept Kollega's token for the user"
        )
    if status == 403:
        return MailboxForbidden(mailbox is not None)
    if status >= 500:
        return GraphError(502, "graph_failed", f"Microsoft Graph answered with HTTP {status}")
    return GraphError(502, "graph_failed", f"Microsoft Graph refused the request (HTTP {status} {code})".strip())


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _sender_name(item: dict[str, Any]) -> str:
    for field in ("from", "sender"):
        address = (item.get(field) or {}).get("emailAddress") or {}
        name = address.get("name") or address.get("address")
        if isinstance(name, str) and name.strip():
            return name.strip()
    return ""


def _message(item: dict[str, Any], max_chars: int) -> ThreadMessage | None:
    if item.get("isDraft"):
        return None
    sent_at = _parse_time(item.get("receivedDateTime")) or _parse_time(item.get("sentDateTime"))
    if sent_at is None:
        return None
    body = item.get("body") or {}
    raw = body.get("content")
    # The start is kept: a reply's own text is at the top, quoted history below it.
    content: str = raw[:max_chars] if isinstance(raw, str) else ""
    if str(body.get("contentType", "text")).lower() == "html":
        content = html_to_text(content)
    return ThreadMessage(
        sender_name=_sender_name(item),
        sent_at=sent_at,
        subject=str(item.get("subject") or ""),
        body=content,
    )


def fetch_thread(
    graph_token: str,
    conversation_id: str,
    *,
    graph_url: str = GRAPH_URL,
    max_messages: int = MAX_MESSAGES,
    page_size: int = PAGE_SIZE,
    timeout: float = 10.0,
    verify: bool | str = True,
    session: requests.Session | None = None,
    mailbox: str | None = None,
    max_body_chars: int = MAX_BODY_CHARS,
    max_thread_chars: int = MAX_THREAD_CHARS,
) -> list[ThreadMessage]:
    """The conversation's messages, oldest first, at most max_messages; drafts are left out.

    `mailbox` reads a shared or delegated mailbox instead of the user's own (the token needs Mail.Read.Shared).
    Each body is cut to max_body_chars before parsing, and the bodies together to max_thread_chars:
    the newest messages are kept whole first, and reading stops when the budget is spent.

    Raises ValueError for an unusable id or mailbox, ConversationNotFound, GraphThrottled, ClaimsChallenge
    or GraphError.
    """
    if mailbox is not None and not is_mailbox_address(mailbox):
        raise ValueError("mailbox is not an e-mail address")
    conversation_id = conversation_id.strip() if isinstance(conversation_id, str) else ""
    if not conversation_id or len(conversation_id) > _MAX_ID_CHARS or not conversation_id.isprintable():
        raise ValueError("conversation_id is not an Outlook conversation id")
    graph_url = _check_graph_url(graph_url)
    http = session or requests.Session()
    headers = {
        "Authorization": f"Bearer {graph_token}",
        "Accept": "application/json",
        # Graph converts HTML bodies to text when asked; html_to_text covers a body that still is HTML.
        "Prefer": 'outlook.body-content-type="text"',
    }
    url: str | None = _first_url(graph_url, conversation_id, max(1, min(page_size, max_messages)), mailbox)
    messages: list[ThreadMessage] = []
    # Graph lists newest first by default, so a capped thread keeps its latest messages.
    seen = 0
    budget_used = 0
    try:
        while url and seen < max_messages and budget_used < max_thread_chars:
            try:
                response = http.get(url, headers=headers, timeout=timeout, verify=verify, allow_redirects=False)
            except requests.Timeout:
                raise GraphError(504, "graph_timeout", "Microsoft Graph did not answer in time") from None
            except requests.RequestException:
                raise GraphError(502, "graph_unreachable", "Microsoft Graph could not be reached") from None
            if response.status_code != 200:
                raise _graph_failure(response, mailbox)
            try:
                page = response.json()
            except ValueError:
                raise GraphError(502, "graph_failed", "Microsoft Graph's answer was not JSON") from None
            for item in page.get("value", []):
                if seen >= max_messages:
                    break
                seen += 1
                room = min(max_body_chars, max_thread_chars - budget_used)
                message = _message(item, room) if isinstance(item, dict) and room > 0 else None
                if message is not None:
                    messages.append(message)
                    raw = (item.get("body") or {}).get("content")
                    budget_used += min(len(raw), room) if isinstance(raw, str) else 0
            next_link = page.get("@odata.nextLink")
            # The bearer token is sent with the next page, so the link must stay on Graph's host.
            url = next_link if isinstance(next_link, str) and _same_origin(next_link, graph_url) else None
            if isinstance(next_link, str) and url is None:
                log.warning("Graph's next page link pointed off the Graph host; stopped paging")
    finally:
        if session is None:
            http.close()
    if not messages:
        raise ConversationNotFound()
    messages.sort(key=lambda m: m.sent_at)
    return messages
