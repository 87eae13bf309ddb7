"""When Kollega's Entra credential runs out: the certificate's NotAfter, or the secret's configured expiry.

An expired credential makes every thread summary fail (Entra answers invalid_client, Kollega 502), so the
expiry is a metric and infra/prometheus/kollega-rules.yaml warns weeks ahead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from backend.settings import Settings

log = logging.getLogger(__name__)


def certificate_not_after(pem: bytes) -> datetime | None:
    """NotAfter of the certificate in `pem` that matches the file's private key (as on-behalf-of uses it)."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
        certificates = x509.load_pem_x509_certificates(pem)
    except (ValueError, TypeError):
        return None
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    own = key.public_key().public_bytes(*spki)
    for certificate in certificates:
        if certificate.public_key().public_bytes(*spki) == own:
            return certificate.not_valid_after_utc
    return None


def credential_expiry(settings: Settings) -> dict[str, datetime]:
    """The configured credentials and when each expires: "certificate" and/or "secret"."""
    found: dict[str, datetime] = {}
    if settings.entra_client_cert is not None:
        try:
            not_after = certificate_not_after(settings.entra_client_cert.read_bytes())
        except OSError:
            not_after = None
        if not_after is None:
            log.warning("KOLLEGA_ENTRA_CLIENT_CERT holds no certificate matching its key; no expiry metric")
        else:
            found["certificate"] = not_after
    if settings.entra_client_secret and settings.entra_client_secret_expires is not None:
        found["secret"] = settings.entra_client_secret_expires
    return found


class CredentialExpiryCollector(Collector):
    """`kollega_entra_credential_expiry_timestamp_seconds{credential}`: Unix time the credential expires.

    Read once, at start-up: what the running process uses, not a file replaced since.
    """

    def __init__(self, settings: Settings) -> None:
        self._expiry = credential_expiry(settings)
        self._configured = bool(settings.entra_client_secret or settings.entra_client_cert)

    def collect(self) -> Iterator[Any]:
        expiry = GaugeMetricFamily(
            "kollega_entra_credential_expiry_timestamp_seconds",
            "When the Entra credential for Graph (on-behalf-of) expires, Unix time",
            labels=["credential"],
        )
        for credential, when in sorted(self._expiry.items()):
            expiry.add_metric([credential], when.timestamp())
        yield expiry
        yield GaugeMetricFamily(
            "kollega_entra_credential_configured",
            "1 when a client secret or certificate for Graph is configured",
            value=int(self._configured),
        )
