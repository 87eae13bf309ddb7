"""Checks that involve more than one setting; each message names the setting to change and says how."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from backend.config.declare import ConfigError
from backend.loopback import is_loopback

if TYPE_CHECKING:
    from backend.settings import Settings


def check_sign_in(settings: Settings) -> None:
    """Sign-in through Entra ID needs the tenant and the app registration's client id."""
    if settings.auth_mode != "entra":
        return
    if not settings.entra_tenant_ids:
        raise ConfigError(
            "KOLLEGA_ENTRA_TENANT_ID",
            "is not set, and sign-in through Entra ID needs it",
            "Set it to your organisation's tenant id (a GUID), or set KOLLEGA_AUTH_MODE=dev for local development",
        )
    if not settings.entra_client_id:
        raise ConfigError(
            "KOLLEGA_ENTRA_CLIENT_ID",
            "is not set, and sign-in through Entra ID needs it",
            "Set it to the application (client) id of Kollega's app registration",
        )


def check_engine_url(settings: Settings) -> None:
    """Plain http to a remote engine carries every prompt and the API key in the clear: only to loopback, or
    when the operator says the link itself is protected."""
    if settings.engine_url is None or settings.engine_allow_http:
        return
    parts = urlsplit(settings.engine_url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ConfigError(
            "KOLLEGA_ENGINE_URL", "plain http to a host other than this one would send every prompt and the API key "
            "in the clear",
            "Use https://, or set KOLLEGA_ENGINE_ALLOW_HTTP=true if the link itself is protected (a sidecar, a mesh "
            "with mTLS)",
        )


def check_dev_mode(settings: Settings) -> None:
    """Dev sign-in hands a token to whoever asks from this machine: never behind a proxy, never outside dev mode."""
    if settings.auth_mode == "dev" and settings.trusted_proxies:
        raise ConfigError(
            "KOLLEGA_TRUSTED_PROXIES",
            "dev sign-in is refused behind a proxy: it would hand tokens to anyone the proxy lets in",
            "Unset it (0) to run dev mode on this machine only, or use Entra ID sign-in (KOLLEGA_AUTH_MODE=entra)",
        )
    if settings.dev_admin and settings.auth_mode != "dev":
        raise ConfigError(
            "KOLLEGA_DEV_ADMIN",
            "it gives dev sign-in tokens the admin role, and there is no dev sign-in outside dev mode",
            "Unset it; with Entra ID the admin role comes from the app role assignment (KOLLEGA_ENTRA_ADMIN_ROLE)",
        )
