"""Validates Entra ID v2.0 access tokens for Kollega's API and builds RFC 6750 challenge headers."""

from __future__ import annotations

import base64
import logging
import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import jwt
from jwt import PyJWKClient

from backend.auth.principal import Principal
from backend.auth.validator import CannotValidate, InvalidToken
from backend.egress import ssl_context
from backend.loopback import is_loopback
from backend.settings import ConfigError, Settings

log = logging.getLogger(__name__)

API_SCOPE = "access_as_user"
ALGORITHM = "RS256"
# Tokens meant for Microsoft Graph: a client that sends one has asked for the wrong scope.
GRAPH_AUDIENCES = frozenset(
    {"00000003-0000-0000-c000-000000000000", "https://graph.microsoft.com", "https://graph.microsoft.com/"}
)
# The v1.0 endpoint issues tokens from this host when the app registration's
# accessTokenAcceptedVersion (requestedAccessTokenVersion) is not 2.
V1_ISSUER_PREFIX = "https://sts.windows.net/"
# Entra access tokens are a few kB; anything far larger is not one, and parsing it costs CPU.
MAX_TOKEN_CHARS = 16_384

V1_TOKEN = (
    "The token is an Entra ID v1.0 token; set accessTokenAcceptedVersion to 2 in the manifest of "
    "Kollega's app registration"
)


class KeysUnavailable(CannotValidate):
    """Entra ID's signing keys could not be fetched, so no token can be checked (a 503, not the caller's fault)."""

    def __init__(self) -> None:
        super().__init__("The token could not be checked: Entra ID's signing keys could not be fetched")


def _guid(value: Any) -> str | None:
    """The canonical lower-case form of a GUID claim, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class EntraTokenValidator:
    """Checks Entra ID v2.0 access tokens for this API; one instance is shared by all request threads."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_timeout: float = 5.0,
        key_cooldown_s: float = 30.0,
        key_lifespan_s: float = 3600.0,
        leeway_s: float = 60.0,
    ) -> None:
        if not settings.entra_client_id or not settings.entra_tenant_ids:
            raise ConfigError(
                "KOLLEGA_ENTRA_CLIENT_ID",
                "token validation needs the client id and at least one tenant id",
                "Set KOLLEGA_ENTRA_CLIENT_ID and KOLLEGA_ENTRA_TENANT_ID",
            )
        authority = settings.entra_authority_host.rstrip("/")
        parts = urlsplit(authority)
        # Settings refuses this already; checked again because keys fetched over plain http
        # from a non-loopback host would let anyone on the path sign tokens.
        if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(parts.hostname or "")):
            raise ConfigError(
                "KOLLEGA_ENTRA_AUTHORITY_HOST",
                "plain http is only accepted for a loopback test server",
                "Use https://login.microsoftonline.com (or your sovereign cloud's https host)",
            )
        self._authority = authority
        self._leeway = leeway_s
        client_id = settings.entra_client_id.lower()
        # Entra puts the API's client id in aud, or its Application ID URI when the client asked
        # for api://<client id>/access_as_user.
        self._audiences = [client_id, f"api://{client_id}"]
        self._tenants = {tid.lower() for tid in settings.entra_tenant_ids}
        # One key client per allowed tenant; PyJWKClient (>= 2.14) caches the JWKS for
        # key_lifespan_s and refreshes it for an unknown kid at most once per key_cooldown_s,
        # which is what stops a flood of made-up kids from hammering the key endpoint.
        self._keys = {
            tid: PyJWKClient(
                f"{authority}/{tid}/discovery/v2.0/keys",
                cache_jwk_set=True,
                lifespan=key_lifespan_s,
                timeout=http_timeout,
                cooldown_duration=key_cooldown_s,
                headers={"User-Agent": "kollega"},
                # urllib: HTTPS_PROXY from the environment, trust from KOLLEGA_CA_BUNDLE (backend.egress).
                ssl_context=ssl_context(settings),
            )
            for tid in self._tenants
        }

    def validate(self, token: str) -> Principal:
        """The caller behind a bearer token; raises InvalidToken with an administrator-readable reason."""
        if not isinstance(token, str) or not token:
            raise InvalidToken("No token was given")
        if len(token) > MAX_TOKEN_CHARS:
            raise InvalidToken("The token is too large to be an Entra ID access token")
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise InvalidToken("The token is not a well-formed JWT") from None

        # The algorithm is fixed here, before any key is touched: alg=none and HS256 signed with
        # the public key are the classic confusion attacks.
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("The token is not signed with RS256")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("The token's header names no signing key (kid)")
        self._explain_wrong_kind(unverified)

        # tid is read unverified only to pick which allowed tenant's key URL to use; the signature,
        # the issuer and tid itself are all checked below against that tenant.
        if "tid" not in unverified:
            raise InvalidToken("The token has no 'tid' claim")
        tid = _guid(unverified.get("tid"))
        if tid is None or tid not in self._tenants:
            raise InvalidToken("The token was not issued for an allowed tenant")

        claims = self._verified_claims(token, kid, tid)

        if claims.get("ver") != "2.0":
            raise InvalidToken("The token's 'ver' claim is not 2.0")
        if _guid(claims.get("tid")) != tid:
            raise InvalidToken("The token was not issued for an allowed tenant")
        oid = _guid(claims.get("oid"))
        if oid is None:
            raise InvalidToken("The token has no valid 'oid' claim")
        scopes, roles = self._permissions(claims)
        return Principal(
            tenant_id=tid, object_id=oid, scopes=scopes, roles=roles, auth_mode="entra", access_token=token
        )

    def _explain_wrong_kind(self, unverified: dict[str, Any]) -> None:
        """Name the two common client mistakes precisely; these tokens would fail later checks anyway."""
        audience = unverified.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience if isinstance(audience, list) else []
        if any(isinstance(a, str) and a.lower() in GRAPH_AUDIENCES for a in audiences):
            raise InvalidToken(
                "The token's audience is Microsoft Graph, not this API; the client must request the "
                f"api://<client id>/{API_SCOPE} scope"
            )
        issuer = unverified.get("iss")
        if unverified.get("ver") == "1.0" or (isinstance(issuer, str) and issuer.startswith(V1_ISSUER_PREFIX)):
            raise InvalidToken(V1_TOKEN)

    def _verified_claims(self, token: str, kid: str, tid: str) -> dict[str, Any]:
        try:
            signing_key = self._keys[tid].get_signing_key(kid)
        except jwt.PyJWKClientConnectionError:
            log.warning("Entra ID signing keys could not be fetched for an allowed tenant")
            raise KeysUnavailable() from None
        except jwt.PyJWKClientError:
            raise InvalidToken("The token's signing key (kid) is not one of the tenant's published keys") from None
        except (jwt.PyJWKSetError, ValueError):
            log.warning("Entra ID's key endpoint returned no usable key set")
            raise KeysUnavailable() from None
        if signing_key.key_type != "RSA":
            raise InvalidToken("The token's signing key is not an RSA key")

        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=signing_key.key,
                algorithms=[ALGORITHM],
                audience=self._audiences,
                issuer=f"{self._authority}/{tid}/v2.0",
                leeway=self._leeway,
                options={"require": ["exp", "nbf", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise InvalidToken("The token has expired") from None
        except jwt.ImmatureSignatureError:
            raise InvalidToken("The token is not valid yet (nbf or iat lies in the future)") from None
        except jwt.InvalidAudienceError:
            raise InvalidToken("The token's audience is not this API") from None
        except jwt.InvalidIssuerError:
            raise InvalidToken("The token's issuer is not Entra ID v2.0 for the token's own tenant (tid)") from None
        except jwt.InvalidSignatureError:
            raise InvalidToken("The token's signature is not valid") from None
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(f"The token has no '{exc.claim}' claim") from None
        except jwt.InvalidAlgorithmError:
            raise InvalidToken("The token is not signed with RS256") from None
        except jwt.PyJWTError:
            raise InvalidToken("The token is not valid") from None
        return claims

    def _permissions(self, claims: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
        """Delegated tokens must carry access_as_user in scp; app-only tokens (no scp) need an app role."""
        scp = claims.get("scp")
        roles_claim = claims.get("roles")
        scopes = frozenset(scp.split()) if isinstance(scp, str) else frozenset()
        roles = (
            frozenset(r for r in roles_claim if isinstance(r, str)) if isinstance(roles_claim, list) else frozenset()
        )
        if "scp" in claims:
            if API_SCOPE not in scopes:
                raise InvalidToken(
                    f"The token's delegated scopes do not include {API_SCOPE}", error="insufficient_scope"
                )
        elif not roles:
            raise InvalidToken(
                f"The token has neither the {API_SCOPE} scope nor an app role", error="insufficient_scope"
            )
        return scopes, roles


# RFC 6750 section 3: error and error_description may hold only these characters (no '"' or '\').
_DESCRIPTION_UNSAFE = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")
_TOKEN_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


def _quoted(value: str) -> str:
    """An RFC 9110 quoted-string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", " ", escaped) + '"'


def www_authenticate(error: str, description: str, **extra: str) -> str:
    """A `WWW-Authenticate: Bearer ...` value; empty error/description are left out, extra params follow."""
    params: list[tuple[str, str]] = []
    if error:
        params.append(("error", _DESCRIPTION_UNSAFE.sub("_", error)))
    if description:
        safe = _DESCRIPTION_UNSAFE.sub("?", description.replace('"', "'").replace("\\", "/"))
        params.append(("error_description", safe))
    for name, value in extra.items():
        if not _TOKEN_NAME.match(name):
            raise ValueError(f"{name!r} is not a valid auth-param name")
        params.append((name, value))
    if not params:
        return "Bearer"
    return "Bearer " + ", ".join(f"{name}={_quoted(value)}" for name, value in params)


def claims_challenge(claims: str | None, description: str = "") -> str:
    """The 401 challenge for a step-up (MFA, consent): `error="insufficient_claims"` with base64 claims."""
    if claims is None:
        return www_authenticate("insufficient_claims", description)
    # Entra's claims value is JSON; the header carries it base64-encoded, as Microsoft's
    # claims challenges do, so the client decodes it and passes it to MSAL's `claims` option.
    encoded = base64.b64encode(claims.encode("utf-8")).decode("ascii")
    return www_authenticate("insufficient_claims", description, claims=encoded)
