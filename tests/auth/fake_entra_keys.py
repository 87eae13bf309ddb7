"""A stand-in for Entra ID's key endpoints on 127.0.0.1, with RSA keys made by cryptography."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

TENANT = str(uuid.uuid4())
OTHER_ALLOWED_TENANT = str(uuid.uuid4())
CLIENT_ID = str(uuid.uuid4())
USER_OID = str(uuid.uuid4())


class SigningKey:
    """An RSA key pair with the kid Entra would publish it under."""

    def __init__(self, kid: str | None = None) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = kid or base64.urlsafe_b64encode(hashlib.sha1(uuid.uuid4().bytes).digest()).decode().rstrip("=")

    def jwk(self, issuer: str) -> dict[str, Any]:
        """The key as Entra's JWKS lists it: no alg, use=sig, kid and x5t, plus Entra's issuer field."""
        key = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "x5t": self.kid,
            "n": key["n"],
            "e": key["e"],
            "issuer": issuer,
        }


class KeyServer:
    """Serves /{tid}/v2.0/.well-known/openid-configuration and /{tid}/discovery/v2.0/keys; counts fetches."""

    def __init__(self) -> None:
        self.keys: list[SigningKey] = []
        self.fetches: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = self.path.split("?")[0].strip("/").split("/")
                with server._lock:
                    server.fetches[self.path] += 1
                if len(parts) == 4 and parts[1:] == ["discovery", "v2.0", "keys"]:
                    with server._lock:
                        body = {"keys": [k.jwk(f"{server.url}/{{tenantid}}/v2.0") for k in server.keys]}
                    self._json(200, body)
                elif len(parts) == 4 and parts[1:] == ["v2.0", ".well-known", "openid-configuration"]:
                    tid = parts[0]
                    self._json(
                        200,
                        {
                            "issuer": f"{server.url}/{tid}/v2.0",
                            "authorization_endpoint": f"{server.url}/{tid}/oauth2/v2.0/authorize",
                            "token_endpoint": f"{server.url}/{tid}/oauth2/v2.0/token",
                            "jwks_uri": f"{server.url}/{tid}/discovery/v2.0/keys",
                            "id_token_signing_alg_values_supported": ["RS256"],
                        },
                    )
                else:
                    self._json(404, {"error": "not_found"})

            def _json(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def key_fetches(self, tid: str | None = None) -> int:
        with self._lock:
            return sum(
                n
                for path, n in self.fetches.items()
                if path.endswith("/discovery/v2.0/keys") and (tid is None or path.startswith(f"/{tid}/"))
            )

    def publish(self, key: SigningKey) -> None:
        with self._lock:
            self.keys.append(key)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def entra_claims(authority: str, tid: str, client_id: str, oid: str, /, **overrides: Any) -> dict[str, Any]:
    """Claims shaped like an Entra ID v2.0 delegated access token; an override of None removes a claim."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "aud": client_id,
        "iss": f"{authority}/{tid}/v2.0",
        "iat": now - 10,
        "nbf": now - 10,
        "exp": now + 3600,
        "aio": "AWQAm/8ZAAAA",
        "azp": "4a5c2c19-7b43-4d71-9f3f-5c9b1c1c0a11",
        "azpacr": "0",
        "name": "Anna Andersson",
        "oid": oid,
        "preferred_username": "anna.andersson@exempelby.se",
        "rh": "0.AXQA",
        "scp": "access_as_user",
        "sub": "x3f7Xk0Qh1",
        "tid": tid,
        "uti": "Qh1x3f7Xk0",
        "ver": "2.0",
    }
    for name, value in overrides.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    return claims


def sign(claims: dict[str, Any], key: SigningKey, *, kid: str | None = None) -> str:
    return jwt.encode(claims, key.private_key, algorithm="RS256", headers={"kid": kid or key.kid, "typ": "JWT"})
