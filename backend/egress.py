"""How Kollega reaches Entra ID and Microsoft Graph: TLS trust, and the proxy the environment names.

Three clients make these calls: msal and the Graph mail reader use requests, PyJWT's key client uses
urllib. Both honour HTTPS_PROXY / NO_PROXY from the environment by themselves (requests through
`trust_env`, urllib through its default ProxyHandler), so a proxy needs no Kollega setting. Trust does:
requests uses certifi's bundle (or REQUESTS_CA_BUNDLE), urllib the system store (or SSL_CERT_FILE), so
KOLLEGA_CA_BUNDLE gives both the same file, e.g. the system CAs plus a TLS-inspecting proxy's CA.
"""

from __future__ import annotations

import ssl

from backend.settings import Settings


def requests_verify(settings: Settings) -> bool | str:
    """The `verify` argument for requests: the configured bundle, or True (certifi or REQUESTS_CA_BUNDLE)."""
    return str(settings.ca_bundle) if settings.ca_bundle is not None else True


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context for urllib: one that trusts only the configured bundle, or None for the default."""
    if settings.ca_bundle is None:
        return None
    return ssl.create_default_context(cafile=str(settings.ca_bundle))
