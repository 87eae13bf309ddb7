"""Local stand-ins for Entra ID's token endpoint and Microsoft Graph's mail API, answering in their shapes."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import ssl
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.tls import write_self_signed

TENANT = str(uuid.uuid4())
CLIENT_ID = str(uuid.uuid4())
CLIENT_SECRET = "s3cr3t~client~value"
GRAPH_SCOPE = "https://graph.microsoft.com/Mail.Read"
SHARED_SCOPE = "https://graph.microsoft.com/Mail.Read.Shared"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def make_tls(directory: Path) -> tuple[ssl.SSLContext, str]:
    """A self-signed certificate for 127.0.0.1: the server's TLS context and the file clients trust."""
    cert_path = directory / "tls-cert.pem"
    key_path = directory / "tls-key.pem"
    write_self_signed(cert_path, key_path, "kollega test authority")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context, str(cert_path)


def make_client_certificate(directory: Path) -> tuple[Path, x509.Certificate]:
    """The app registration's certificate credential: one PEM file with private key and certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kollega-obo")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = directory / "kollega-obo.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        + cert.public_bytes(serialization.Encoding.PEM)
    )
    return path, cert


def user_token(oid: str, tid: str = TENANT) -> str:
    """The user's access token for Kollega's API as the OBO assertion (the fake reads it, as Entra would)."""
    claims = {
        "aud": CLIENT_ID,
        "iss": f"https://login.microsoftonline.com/{tid}/v2.0",
        "oid": oid,
        "tid": tid,
        "scp": "access_as_user",
        "ver": "2.0",
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(claims, "not-checked-by-the-fake-" + "x" * 16, algorithm="HS256")


class _Server:
    def __init__(self, handler: Callable[[BaseHTTPRequestHandler, str], None], tls: ssl.SSLContext | None) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                handler(self, "GET")

            def do_POST(self) -> None:
                handler(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)


MFA_CLAIMS = json.dumps({"access_token": {"capolids": {"essential": True, "values": ["9a3f6c2e-policy"]}}})


@dataclass
class TokenRequest:
    grant_type: str
    client_auth: str
    oid: str | None
    form: dict[str, str]
    cookie: str | None = None


@dataclass
class FakeEntra:
    """Entra ID's tenant discovery and token endpoint for on-behalf-of, over TLS on 127.0.0.1.

    `behaviour[oid]` picks the answer for a user: "ok", "short" (expires in 60 s), "mfa", "consent",
    "bad_assertion" or "unavailable".
    """

    tls: ssl.SSLContext
    certificate: x509.Certificate | None = None
    behaviour: dict[str, str] = field(default_factory=dict)
    token_requests: list[TokenRequest] = field(default_factory=list)
    discovery_requests: int = 0
    issued: list[str] = field(default_factory=list)
    issued_refresh_tokens: list[str] = field(default_factory=list)
    # The Graph permissions each issued access token carries (its scp), for a Graph that checks them.
    issued_scopes: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = _Server(self._handle, self.tls)
        self.url = self._server.url

    def close(self) -> None:
        self._server.close()

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        path = urlsplit(request.path).path.strip("/").split("/")
        if method == "GET" and path[1:] == ["v2.0", ".well-known", "openid-configuration"]:
            tid = path[0]
            with self._lock:
                self.discovery_requests += 1
            reply(
                request,
                200,
                {
                    "token_endpoint": f"{self.url}/{tid}/oauth2/v2.0/token",
                    "authorization_endpoint": f"{self.url}/{tid}/oauth2/v2.0/authorize",
                    "device_authorization_endpoint": f"{self.url}/{tid}/oauth2/v2.0/devicecode",
                    "issuer": f"{self.url}/{tid}/v2.0",
                    "jwks_uri": f"{self.url}/{tid}/discovery/v2.0/keys",
                    "token_endpoint_auth_methods_supported": [
                        "client_secret_post",
                        "private_key_jwt",
                        "client_secret_basic",
                    ],
                },
            )
        elif method == "POST" and path[1:] == ["oauth2", "v2.0", "token"]:
            length = int(request.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(request.rfile.read(length).decode()).items()}
            self._token(request, path[0], form)
        else:
            reply(request, 404, {"error": "not_found"})

    def _client_auth(self, request: BaseHTTPRequestHandler, tid: str, form: dict[str, str]) -> str | None:
        if form.get("client_id") != CLIENT_ID:
            return None
        basic = request.headers.get("Authorization", "")
        if (
            form.get("client_secret") == CLIENT_SECRET
            or basic == "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        ):
            return "secret"
        assertion = form.get("client_assertion")
        if assertion and self.certificate is not None:
            header = jwt.get_unverified_header(assertion)
            thumbprint = b64url(self.certificate.fingerprint(hashes.SHA256()))
            # MSAL pads its base64url thumbprint; Entra accepts it either way.
            if str(header.get("x5t#S256", "")).rstrip("=") != thumbprint:
                return None
            try:
                jwt.decode(
                    assertion,
                    self.certificate.public_key(),
                    algorithms=["PS256", "RS256"],  # type: ignore[arg-type]
                    audience=f"{self.url}/{tid}/oauth2/v2.0/token",
                    issuer=CLIENT_ID,
                )
            except jwt.PyJWTError:
                return None
            return "certificate"
        return None

    def _token(self, request: BaseHTTPRequestHandler, tid: str, form: dict[str, str]) -> None:
        auth = self._client_auth(request, tid, form)
        grant = form.get("grant_type", "")
        oid: str | None = None
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            oid = jwt.decode(form["assertion"], options={"verify_signature": False}).get("oid")
        elif grant == "refresh_token":
            oid = form.get("refresh_token", "").split(":")[1] if form.get("refresh_token", "").count(":") == 2 else None
        with self._lock:
            self.token_requests.append(
                TokenRequest(grant, auth or "rejected", oid, form, request.headers.get("Cookie"))
            )
        if auth is None:
            reply(
                request,
                401,
                {
                    "error": "invalid_client",
                    "error_description": "AADSTS7000215: Invalid client secret provided. Trace ID: 1 Correlation ID: 2",
                    "error_codes": [7000215],
                },
            )
            return
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            scopes = form.get("scope", "").split()
            if form.get("requested_token_use") != "on_behalf_of" or not {GRAPH_SCOPE, SHARED_SCOPE} & set(scopes):
                reply(request, 400, {"error": "invalid_request", "error_description": "AADSTS900144: bad request"})
                return
        elif grant != "refresh_token" or oid is None:
            reply(request, 400, {"error": "unsupported_grant_type", "error_description": "AADSTS70003"})
            return
        behaviour = self.behaviour.get(oid or "", "ok")
        if behaviour == "mfa":
            reply(
                request,
                400,
                {
                    "error": "interaction_required",
                    "error_description": "AADSTS50079: Due to a configuration change made by your administrator, or "
                    "because you moved to a new location, you must enroll in multi-factor authentication to access "
                    "'00000003-0000-0000-c000-000000000000'. Trace ID: 5 Correlation ID: 6 Timestamp: 2025-03-03",
                    "error_codes": [50079],
                    "suberror": "basic_action",
                    "claims": MFA_CLAIMS,
                },
            )
        elif behaviour == "consent":
            reply(
                request,
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "AADSTS65001: The user or administrator has not consented to use the "
                    f"application with ID '{CLIENT_ID}' named 'Kollega'. Send an interactive authorization request.",
                    "error_codes": [65001],
                    "suberror": "consent_required",
                },
            )
        elif behaviour == "bad_assertion":
            reply(
                request,
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "AADSTS500133: Assertion is not within its valid time range.",
                    "error_codes": [500133],
                },
            )
        elif behaviour == "unavailable":
            reply(request, 503, {"error": "temporarily_unavailable"})
        else:
            access_token = f"graph-at-{uuid.uuid4().hex}"
            refresh_token = f"rt:{oid}:{uuid.uuid4().hex}"
            with self._lock:
                self.issued.append(access_token)
                self.issued_scopes[access_token] = set(form.get("scope", "").split()) & {GRAPH_SCOPE, SHARED_SCOPE}
                self.issued_refresh_tokens.append(refresh_token)
            reply(
                request,
                200,
                {
                    "token_type": "Bearer",
                    # The Graph permissions asked for (Mail.Read or Mail.Read.Shared), as Entra answers.
                    "scope": " ".join(s for s in form.get("scope", GRAPH_SCOPE).split() if s.startswith("https://"))
                    + " https://graph.microsoft.com/User.Read",
                    "expires_in": 60 if behaviour == "short" else 3599,
                    "ext_expires_in": 3599,
                    "access_token": access_token,
                    "refresh_token": refresh_token,
                    "client_info": b64url(json.dumps({"uid": oid, "utid": tid}).encode()),
                },
                # Entra sets sign-in cookies on token responses too.
                {"Set-Cookie": f"fpc=user-{oid}; path=/; secure; HttpOnly"},
            )


def graph_message(
    n: int,
    *,
    sender: str,
    received: datetime.datetime,
    subject: str,
    text: str,
    html: str | None = None,
    draft: bool = False,
) -> dict[str, Any]:
    """A message in Graph's JSON shape; the fake serves `text` or `html` depending on the Prefer header."""
    address = sender.lower().replace(" ", ".") + "@exempelby.se"
    return {
        "id": f"AAMkAG{n:04d}",
        "subject": subject,
        "receivedDateTime": received.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sentDateTime": (received - datetime.timedelta(seconds=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "isDraft": draft,
        "from": {"emailAddress": {"name": sender, "address": address}},
        "sender": {"emailAddress": {"name": sender, "address": address}},
        "_text": text,
        "_html": html or "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>",
    }


@dataclass
class FakeGraph:
    """`GET /v1.0/me/messages?$filter=conversationId eq '...'` with paging, newest first as Graph lists them.

    `mailboxes[token][conversation_id]` holds the messages; `fail_next` queues (status, headers, body)
    answers; `fail_next_page` does so for requests of a later page only.
    """

    tls: ssl.SSLContext | None = None
    mailboxes: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_next: list[tuple[int, dict[str, str], Any]] = field(default_factory=list)
    fail_next_page: list[tuple[int, dict[str, str], Any]] = field(default_factory=list)
    honour_prefer: bool = True
    next_link_base: str | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = _Server(self._handle, self.tls)
        self.url = self._server.url

    def close(self) -> None:
        self._server.close()

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.requests.append(
                {"path": parts.path, "query": query, "raw_query": parts.query, "headers": dict(request.headers.items())}
            )
            failure = self.fail_next.pop(0) if self.fail_next else None
            if failure is None and "$skip" in query and self.fail_next_page:
                failure = self.fail_next_page.pop(0)
        if failure is not None:
            status, headers, body = failure
            reply(request, status, body, headers)
            return
        if method != "GET" or parts.path != "/v1.0/me/messages":
            reply(request, 404, {"error": {"code": "ResourceNotFound", "message": "Resource not found"}})
            return
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        mailbox = self.mailboxes.get(token)
        if mailbox is None:
            reply(request, 401, {"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}})
            return
        flt = query.get("$filter", "")
        if "$orderby" in query:
            # Graph refuses $orderby on a property that is not first in $filter.
            reply(
                request,
                400,
                {
                    "error": {
                        "code": "InefficientFilter",
                        "message": "The restriction or sort order is too complex for this operation.",
                    }
                },
            )
            return
        prefix, suffix = "conversationId eq '", "'"
        if not (flt.startswith(prefix) and flt.endswith(suffix)):
            reply(request, 400, {"error": {"code": "BadRequest", "message": "Invalid filter clause"}})
            return
        conversation_id = flt[len(prefix) : -len(suffix)].replace("''", "'")
        messages = sorted(mailbox.get(conversation_id, []), key=lambda m: m["receivedDateTime"], reverse=True)
        top, skip = int(query.get("$top", "10")), int(query.get("$skip", "0"))
        page = messages[skip : skip + top]
        prefer_text = 'outlook.body-content-type="text"' in request.headers.get("Prefer", "")
        selected = set(query.get("$select", "").split(","))
        value = []
        for message in page:
            item = {k: v for k, v in message.items() if not k.startswith("_") and (k in selected or k == "id")}
            if "body" in selected:
                text_body = prefer_text and self.honour_prefer
                item["body"] = {
                    "contentType": "text" if text_body else "html",
                    "content": message["_text"] if text_body else message["_html"],
                }
            value.append(item)
        body: dict[str, Any] = {"@odata.context": f"{self.url}/v1.0/$metadata#users('me')/messages", "value": value}
        if skip + top < len(messages):
            base = self.next_link_base or self.url
            kept = "&".join(p for p in parts.query.split("&") if not p.startswith("$skip="))
            body["@odata.nextLink"] = f"{base}/v1.0/me/messages?{kept}&$skip={skip + top}"
        headers = {"Preference-Applied": 'outlook.body-content-type="text"'} if prefer_text else {}
        reply(request, 200, body, headers)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
