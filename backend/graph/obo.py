"""Exchanges the signed-in user's token for a Microsoft Graph token (OAuth 2.0 on-behalf-of) with MSAL."""

from __future__ import annotations

import http.cookiejar
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import msal
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from msal.exceptions import MsalServiceError

from backend.auth.principal import Principal
from backend.egress import requests_verify
from backend.graph.errors import ConsentRequired, GraphError, GraphNotConfigured
from backend.graph.token_cache import MemoryTokenCacheStore, TokenCacheStore, token_cache_store
from backend.settings import ConfigError, Settings

log = logging.getLogger(__name__)

GRAPH_SCOPES = ["https://graph.microsoft.com/Mail.Read"]
# Reading a shared or delegated mailbox (registrator, kundtjänst) needs its own delegated permission.
SHARED_MAILBOX_SCOPES = ["https://graph.microsoft.com/Mail.Read.Shared"]
# Continuous access evaluation: Kollega says it can handle claims challenges, so Entra may issue
# long-lived, revocable Graph tokens, and Graph answers a revoked one with 401 insufficient_claims.
CLIENT_CAPABILITIES = ["CP1"]
# Entra's step-up and consent errors (AADSTS codes) that the user or an administrator can resolve.
_CONSENT_CODES = frozenset({65001})
_STEP_UP_CODES = frozenset({50076, 50079, 50158})
_DISCOVERY_TTL_S = 24 * 3600.0


@dataclass(frozen=True)
class CertificateCredential:
    """A client certificate from one PEM file that holds the private key and the certificate."""

    private_key_pem: str = field(repr=False)
    certificate_pem: str
    thumbprint_sha1: str
    thumbprint_sha256: str


def load_certificate(path: Any) -> CertificateCredential:
    """Read the PEM file named by KOLLEGA_ENTRA_CLIENT_CERT and compute the certificate's thumbprints."""
    name = "KOLLEGA_ENTRA_CLIENT_CERT"
    try:
        pem = open(path, "rb").read()  # noqa: SIM115 - read once at start-up
    except OSError as exc:
        raise ConfigError(name, f"cannot be read ({type(exc).__name__})", "Check the path and permissions") from None
    try:
        private_key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise ConfigError(
            name, "holds no unencrypted private key", "Put the private key (PEM, no passphrase) in the file"
        ) from None
    certificates = x509.load_pem_x509_certificates(pem) if b"-----BEGIN CERTIFICATE-----" in pem else []
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    own_public_key = private_key.public_key().public_bytes(*spki)
    certificate = next((c for c in certificates if c.public_key().public_bytes(*spki) == own_public_key), None)
    if certificate is None:
        raise ConfigError(
            name,
            "holds no certificate that matches its private key",
            "Put the certificate uploaded to the app registration in the same PEM file",
        )
    key_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    return CertificateCredential(
        private_key_pem=key_pem,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        # The portal shows the SHA-1 thumbprint; logged at start-up so an administrator can match them.
        thumbprint_sha1=certificate.fingerprint(hashes.SHA1()).hex().upper(),
        thumbprint_sha256=certificate.fingerprint(hashes.SHA256()).hex().upper(),
    )


@dataclass
class _CachedResponse:
    status_code: int
    text: str
    headers: dict[str, str]

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(f"HTTP {self.status_code}")


class _EntraHttp:
    """The HTTP client MSAL uses: Kollega's timeout and TLS trust, tenant discovery kept for a day.

    MSAL fetches the tenant's OpenID configuration whenever an application object is built, and
    Kollega builds one per call (see OnBehalfOf), so the document is cached here.
    """

    def __init__(self, timeout: float, verify: bool | str) -> None:
        self._session = requests.Session()
        # The session is shared by all users' exchanges; Entra's sign-in cookies must not travel between them.
        self._session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self._timeout = timeout
        self._verify = verify
        self._discovery: dict[str, tuple[float, _CachedResponse]] = {}
        self._lock = threading.Lock()

    def _defaults(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs.setdefault("timeout", self._timeout)
        # Per request: requests lets REQUESTS_CA_BUNDLE override a Session's verify setting.
        kwargs.setdefault("verify", self._verify)
        return kwargs

    def get(self, url: str, params: Any = None, headers: Any = None, **kwargs: Any) -> Any:
        kwargs = self._defaults(kwargs)
        cacheable = params is None and url.endswith("/.well-known/openid-configuration")
        if cacheable:
            with self._lock:
                hit = self._discovery.get(url)
            if hit is not None and hit[0] > time.monotonic():
                return hit[1]
        response = self._session.get(url, params=params, headers=headers, **kwargs)
        if cacheable and response.status_code == 200:
            kept = _CachedResponse(response.status_code, response.text, dict(response.headers))
            with self._lock:
                self._discovery[url] = (time.monotonic() + _DISCOVERY_TTL_S, kept)
        return response

    def post(self, url: str, params: Any = None, data: Any = None, headers: Any = None, **kwargs: Any) -> Any:
        kwargs = self._defaults(kwargs)
        return self._session.post(url, params=params, data=data, headers=headers, **kwargs)

    def close(self) -> None:
        self._session.close()


def _aadsts(result: dict[str, Any]) -> int | None:
    codes = result.get("error_codes")
    if isinstance(codes, list) and codes and isinstance(codes[0], int):
        return codes[0]
    match = re.match(r"AADSTS(\d+)", str(result.get("error_description", "")))
    return int(match.group(1)) if match else None


def _failure(result: dict[str, Any], permission: str = "Mail.Read") -> Exception:
    """Turn an MSAL error result into the exception the API answers with; Entra's text is not passed on."""
    error = re.sub(r"[^a-z_]", "", str(result.get("error", "")).lower())[:40] or "unknown"
    code = _aadsts(result)
    label = f"AADSTS{code}" if code is not None else error
    claims = result.get("claims") if isinstance(result.get("claims"), str) and result.get("claims") else None
    # Entra never puts a token in these fields, but error_description can name the user, so only
    # the OAuth error and the AADSTS number are logged.
    log.warning("On-behalf-of exchange refused: %s (%s)", error, label)
    if error == "consent_required" or code in _CONSENT_CODES or result.get("suberror") == "consent_required":
        return ConsentRequired(
            claims,
            f"Kollega may not read this user's mail yet ({label}); an administrator must grant consent to "
            f"Microsoft Graph {permission} for Kollega's app registration",
        )
    if error == "interaction_required" or (error == "invalid_grant" and (claims or code in _STEP_UP_CODES)):
        return ConsentRequired(
            claims, f"Entra ID requires the user to sign in again to meet a sign-in policy ({label})"
        )
    if error in ("invalid_client", "unauthorized_client"):
        return GraphError(
            502, "graph_credential_rejected", f"Entra ID rejected Kollega's client secret or certificate ({label})"
        )
    if error == "invalid_grant":
        return GraphError(
            401, "assertion_rejected", f"Entra ID did not accept the user's token for on-behalf-of ({label})"
        )
    if error == "temporarily_unavailable":
        return GraphError(503, "entra_unavailable", f"Entra ID is temporarily unavailable ({label})")
    return GraphError(502, "obo_failed", f"The on-behalf-of exchange with Entra ID failed ({label})")


class OnBehalfOf:
    """Gets Graph tokens for signed-in users, with one MSAL token cache per user."""

    def __init__(
        self,
        settings: Settings,
        *,
        cache_store: TokenCacheStore | None = None,
        cache_key: str | None = None,
        http_timeout: float = 10.0,
        verify: bool | str | None = None,
    ) -> None:
        self._settings = settings
        self._credential: str | dict[str, str] | None = None
        self._unavailable: str | None = None
        authority = urlsplit(settings.entra_authority_host)
        if settings.entra_client_secret:
            self._credential = settings.entra_client_secret
        elif settings.entra_client_cert is not None:
            cert = load_certificate(settings.entra_client_cert)
            log.info("On-behalf-of uses the client certificate with SHA-1 thumbprint %s", cert.thumbprint_sha1)
            # Given the certificate, MSAL (>= 1.35) signs the client assertion with PS256 and the
            # certificate's SHA-256 thumbprint (x5t#S256), and sends x5c for subject-name/issuer trust.
            self._credential = {"private_key": cert.private_key_pem, "public_certificate": cert.certificate_pem}
        else:
            self._unavailable = "Reading mail needs KOLLEGA_ENTRA_CLIENT_SECRET or KOLLEGA_ENTRA_CLIENT_CERT"
        if authority.scheme != "https" and self._credential is not None:
            # MSAL accepts only https authorities; an http host is only ever a local test server.
            self._unavailable = "On-behalf-of needs an https KOLLEGA_ENTRA_AUTHORITY_HOST"
        if not settings.entra_client_id:
            self._unavailable = "On-behalf-of needs KOLLEGA_ENTRA_CLIENT_ID"
        self._cache_store: TokenCacheStore
        if cache_store is not None:
            self._cache_store = cache_store
        elif self._unavailable is None:
            self._cache_store = token_cache_store(settings, cache_key=cache_key)
        else:
            self._cache_store = MemoryTokenCacheStore()
        self._http = _EntraHttp(http_timeout, requests_verify(settings) if verify is None else verify)

    @property
    def configured(self) -> bool:
        return self._unavailable is None

    def graph_token(self, principal: Principal, *, shared: bool = False) -> str:
        """A Graph access token on behalf of this user (Mail.Read, or Mail.Read.Shared when `shared`).

        Taken from the user's cache when possible.
        """
        if self._unavailable is not None:
            raise GraphNotConfigured(self._unavailable)
        if principal.auth_mode != "entra" or not principal.access_token:
            raise GraphNotConfigured("Reading mail needs an Entra ID sign-in")
        if principal.tenant_id not in self._settings.entra_tenant_ids:
            raise ValueError("the principal's tenant is not an allowed tenant")

        cache = msal.SerializableTokenCache()
        blob = self._cache_store.load(principal.user_key)
        if blob:
            cache.deserialize(blob)
        try:
            result = self._acquire(principal, cache, SHARED_MAILBOX_SCOPES if shared else GRAPH_SCOPES)
        finally:
            if cache.has_state_changed:
                self._cache_store.save(principal.user_key, cache.serialize())
        token = result.get("access_token")
        if isinstance(token, str) and token:
            return token
        raise _failure(result, "Mail.Read.Shared" if shared else "Mail.Read")

    def forget(self, principal: Principal) -> None:
        """Drop the user's cached Graph tokens: Graph revoked them (a claims challenge under CAE)."""
        self._cache_store.forget(principal.user_key)

    def _acquire(self, principal: Principal, cache: msal.SerializableTokenCache, scopes: list[str]) -> dict[str, Any]:
        try:
            # A new application object per call: MSAL writes tokens into the app's one cache, so an
            # app shared between users would need a lock around every exchange to keep caches apart.
            app = msal.ConfidentialClientApplication(
                self._settings.entra_client_id,
                client_credential=self._credential,
                authority=f"{self._settings.entra_authority_host.rstrip('/')}/{principal.tenant_id}",
                token_cache=cache,
                http_client=self._http,
                # Instance discovery asks login.microsoftonline.com whether the authority host is a
                # known cloud, and resolves cache aliases through it. Our host comes from our own
                # configuration, not from a caller, and a sovereign or test host may not be listed.
                instance_discovery=False,
                client_capabilities=CLIENT_CAPABILITIES,
            )
            home_account_id = f"{principal.object_id}.{principal.tenant_id}"
            account = next((a for a in app.get_accounts() if a.get("home_account_id") == home_account_id), None)
            # acquire_token_on_behalf_of always goes to Entra ID and never reads the cache, so the
            # cache is tried first; MSAL refreshes an expired token here with the cached refresh token.
            result = app.acquire_token_silent(scopes, account=account) if account else None
            if not result or "access_token" not in result:
                result = app.acquire_token_on_behalf_of(principal.access_token, scopes)
        except requests.Timeout:
            raise GraphError(504, "entra_timeout", "Entra ID did not answer in time") from None
        except requests.RequestException:
            raise GraphError(502, "entra_unreachable", "Entra ID could not be reached") from None
        except MsalServiceError:
            # Raised by MSAL for a 5xx from the token endpoint.
            raise GraphError(503, "entra_unavailable", "Entra ID answered with a server error") from None
        except ValueError:
            # MSAL raises ValueError when tenant discovery fails or a reply is not JSON.
            raise GraphError(
                502, "entra_discovery_failed", "Entra ID's tenant configuration could not be read"
            ) from None
        return dict(result)
